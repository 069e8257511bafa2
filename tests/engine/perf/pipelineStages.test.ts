// Uneven pipeline stages: pp need not divide the layers (parallelism.ts pipelineSplit). The step
// runs at the pace of the slowest stage and memory is that of the heaviest.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {loadWithReferences} from "../../../loaders/compile.js";
import {modelSpecFromRecord} from "../../../src/components/models.js";
import type {ModelRecord} from "../../../src/components/models.js";
import {LAYER_SLOTS, Slot, layerCost, memoryPerGpu, parameterCount, pipelineSplit, planLayouts, predictStep, stageLayout, stageParameters, stepContext} from "../../../src/engine/index.js";
import type {ModelSpec, ParallelismSpec, Precision, Recompute, TrainingSpec, ZeroStage} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const h100 = gpu("h100-sxm5-80gb");
const a100 = gpu("a100-sxm4-80gb");
const modelRows = loadWithReferences("models") as unknown as ModelRecord[];
const modelById = (id: string): ModelSpec => modelSpecFromRecord(modelRows.find((r) => r.id === id) as ModelRecord);
/** Llama 3.1 405B as data/models.csv holds it (Llama Team 2024, Table 3: 126 layers, 16384 wide, 128 heads, 8 KV heads, FFN 53248). */
const llama405b = modelById("llama3.1-405b");

function spec(model: ModelSpec, parallelism: ParallelismSpec, precision: Precision = "bf16-master-fp32"): TrainingSpec {
  return {model, tokens: 1e12, hardware: {gpu: h100.id, count: parallelism.tp * parallelism.pp * parallelism.dp * (parallelism.cp ?? 1)}, parallelism, precision};
}

/** A model whose parameter count is its architecture's, so adding layers adds parameters. */
function shaped(model: Omit<ModelSpec, "params">): ModelSpec {
  return {...model, params: parameterCount({...model, params: 1}).total};
}

describe("pipelineSplit", () => {
  it("reproduces Llama 3 405B's split: 126 layers on pp 16, one layer less on the first and last stages (Llama Team 2024, Sec 3.3.2)", () => {
    expect(pipelineSplit(126, 16)).toEqual({heaviest: 8, first: 7, last: 7});
  });
  it("splits DeepSeek-V3's 61 layers over pp 16 (DeepSeek-AI 2024, Sec 3.2: PP16) as 3 on the ends and at most 4 elsewhere", () => {
    expect(pipelineSplit(61, 16)).toEqual({heaviest: 4, first: 3, last: 3});
  });
  it("keeps an even split even, and lightens the last stage when only one stage can be lighter", () => {
    expect(pipelineSplit(80, 4)).toEqual({heaviest: 20, first: 20, last: 20});
    expect(pipelineSplit(31, 4)).toEqual({heaviest: 8, first: 8, last: 7});
    expect(pipelineSplit(7, 1)).toEqual({heaviest: 7, first: 7, last: 7});
  });
  it("refuses more stages than layers, and fractions", () => {
    expect(() => pipelineSplit(3, 4)).toThrow(RangeError);
    expect(() => pipelineSplit(12.5, 2)).toThrow(RangeError);
  });
  it("always describes a split that adds up to the layers, with ceil(layers/pp) on the heaviest stage (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 128}), fc.integer({min: 1, max: 200}), (pp, extra) => {
        const layers = pp + extra - 1;
        const s = pipelineSplit(layers, pp);
        expect(s.heaviest).toBe(Math.ceil(layers / pp));
        expect(s.last).toBe(pp === 1 ? layers : Math.floor(layers / pp));
        expect(s.first).toBeLessThanOrEqual(s.heaviest);
        expect(s.first).toBeGreaterThanOrEqual(1);
        if (pp >= 2) {
          // The pp − 2 middle stages hold the rest, each between floor and ceil of layers/pp.
          const middle = layers - s.first - s.last;
          expect(middle).toBeGreaterThanOrEqual((pp - 2) * Math.floor(layers / pp));
          expect(middle).toBeLessThanOrEqual((pp - 2) * s.heaviest);
        }
      }),
      {numRuns: 500}
    );
  });
});

const layoutArb = fc.record({
  tp: fc.constantFrom(1, 2, 4, 8),
  pp: fc.integer({min: 1, max: 16}),
  dp: fc.constantFrom(1, 2, 4, 8, 16),
  cp: fc.constantFrom(1, 2),
  zeroStage: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<ZeroStage>,
  microBatch: fc.constantFrom(1, 2, 4),
  recompute: fc.constantFrom("none", "selective", "full") as fc.Arbitrary<Recompute>,
  microbatches: fc.integer({min: 1, max: 64}),
  virtualStages: fc.constantFrom(1, 2),
  a100: fc.boolean(),
  overlap: fc.boolean()
});

describe("an even split gives exactly the even-split model", () => {
  // The step-time model before uneven stages, written out from the layer-cost vector: every stage
  // holds layers/pp layers and the last one also computes the output layer and loss.
  it("step: the last stage (layers/pp layers + output layer) sets the pace, bubble (pp − 1)/v of it (fast-check)", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({min: 1, max: 12}), (l, perStage) => {
        const model = shaped({layers: perStage * l.pp, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096});
        const vs = l.pp > 1 && perStage % l.virtualStages === 0 ? l.virtualStages : 1;
        const p: ParallelismSpec = {tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, zeroStage: l.zeroStage, microBatch: l.microBatch, recompute: l.recompute, virtualStages: vs, globalBatchTokens: l.microbatches * l.dp * l.microBatch * model.seqLen};
        const g = l.a100 ? a100 : h100;
        const options = {overlapGradReduce: l.overlap};
        const r = predictStep(spec(model, p), g, options);
        const v = layerCost(stepContext(model, g, "bf16-master-fp32", options).inv, l.tp, l.cp, 1, l.microBatch, l.tp > 1, true, new Float64Array(LAYER_SLOTS));
        const at = (s: Slot) => v[s] as number;
        const fwd = at(Slot.GemmF) + at(Slot.AttnF) + at(Slot.EltF) + at(Slot.TpF) + at(Slot.EpF) + at(Slot.CpF);
        const bwd = at(Slot.GemmB) + at(Slot.AttnB) + at(Slot.EltB) + at(Slot.TpB) + at(Slot.EpB) + at(Slot.CpB);
        const rec = l.recompute === "full" ? fwd : l.recompute === "selective" ? at(Slot.Selective) : 0;
        const tMicro = perStage * (fwd + bwd + rec) + at(Slot.HeadGemm) + at(Slot.HeadElt);
        const m = l.microbatches;
        expect(r.breakdown.compute).toBeCloseTo(m * (perStage * (at(Slot.GemmF) + at(Slot.GemmB) + at(Slot.AttnF) + at(Slot.AttnB)) + at(Slot.HeadGemm)), 12);
        expect(r.breakdown.recompute).toBeCloseTo(m * perStage * rec, 12);
        expect(r.breakdown.ppBubble).toBeCloseTo(l.pp > 1 ? ((l.pp - 1) / vs) * tMicro : 0, 12);
        const sum = Object.values(r.breakdown).reduce((a, b) => a + b, 0);
        expect(sum / r.secondsPerStep).toBeCloseTo(1, 12);
      }),
      {numRuns: 300}
    );
  }, 60_000); // generous: the machine running the suite may be shared
  it("memory: layers/pp layers, plus the larger of the embedding and the output layer (fast-check)", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({min: 1, max: 12}), fc.boolean(), (l, perStage, tied) => {
        const model = shaped({layers: perStage * l.pp, dModel: 2048, heads: 16, vocab: 50257, seqLen: 2048, tiedEmbeddings: tied, positionEmbedding: "learned"});
        const c = parameterCount(model);
        const ends = l.pp === 1 ? c.embedding + c.output + c.finalNorm : Math.max(c.embedding, (tied ? c.embedding : c.output) + c.finalNorm);
        const p: ParallelismSpec = {tp: l.tp, pp: l.pp, dp: l.dp, zeroStage: 0, microBatch: 1, recompute: "none"};
        const stage = stageParameters(model, p);
        expect(stage.layers).toBe(perStage);
        expect(stage.lastLayers).toBe(perStage);
        expect(stage.dense / (((perStage * (c.perLayerShared + c.perLayerFfn) + ends) * (model.params / c.total)) / l.tp)).toBeCloseTo(1, 12);
      }),
      {numRuns: 300}
    );
  });
});

describe("uneven stages", () => {
  // Models without a learned position table: there the last stage's ends (output layer and final
  // norm) are at least the first stage's (embedding), and the step model is monotone in the
  // layers. With a learned position table on the first stage, the data-parallel tail (1/L of a
  // stage's collective, stepTime.ts) can shrink by up to ~0.5% when the first stage gains a layer
  // that does not lengthen the critical stage.
  it("adding layers never makes a step faster (fast-check)", () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({min: 0, max: 40}), fc.integer({min: 1, max: 9}), fc.constantFrom(32000, 128256), fc.constantFrom(1024, 2048, 4096), fc.boolean(), (l, over, added, vocab, dModel, tied) => {
        const arch = {dModel, heads: 16, kvHeads: 8, ffnDim: Math.round(2.75 * dModel), ffnKind: "swiglu" as const, vocab, seqLen: 2048, tiedEmbeddings: tied, positionEmbedding: "rotary" as const};
        const fewer = shaped({...arch, layers: l.pp + over});
        const more = shaped({...arch, layers: l.pp + over + added});
        const p: ParallelismSpec = {tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, zeroStage: l.zeroStage, microBatch: l.microBatch, recompute: l.recompute, globalBatchTokens: l.microbatches * l.dp * l.microBatch * arch.seqLen};
        const g = l.a100 ? a100 : h100;
        const options = {overlapGradReduce: l.overlap};
        const a = predictStep(spec(fewer, p), g, options);
        const b = predictStep(spec(more, p), g, options);
        expect(b.secondsPerStep).toBeGreaterThanOrEqual(a.secondsPerStep * (1 - 1e-12));
        // Memory too, without ZeRO-3 (whose gathered buffer is one average layer, embedding share
        // included, so it shrinks as layers are added: memory.ts).
        if (l.zeroStage < 3) expect(memoryPerGpu(spec(more, p)).total).toBeGreaterThanOrEqual(memoryPerGpu(spec(fewer, p)).total * (1 - 1e-12));
      }),
      {numRuns: 500}
    );
  }, 60_000); // generous: the machine running the suite may be shared
  it("shows the idle slots of an uneven split: a 127th layer lands on a lighter stage of Llama 3 405B's pp 16 and costs no compute time", () => {
    const layout: ParallelismSpec = {tp: 8, pp: 16, dp: 64, zeroStage: 2, microBatch: 1, recompute: "none", globalBatchTokens: 2048 * 8192};
    const published = predictStep(spec(llama405b, layout), h100);
    const archParams = (layers: number) => parameterCount({...llama405b, layers}).total;
    const r127 = predictStep(spec({...llama405b, layers: 127, params: (llama405b.params * archParams(127)) / archParams(126)}, layout), h100);
    expect(r127.breakdown.compute).toBe(published.breakdown.compute);
    expect(r127.mfu).toBeGreaterThan(published.mfu);
  });
  it("predicts Llama 3 405B on its published layout (Llama Team 2024, Table 4: 8,192 GPUs, tp 8, pp 16, dp 64, 16M-token batches of 8K sequences)", () => {
    // 126 layers on pp 16: one layer less on the first and last stages (Sec 3.3.2), 8 one-layer
    // model chunks per GPU (the first chunk on the first stage "has only the embedding").
    const layout: ParallelismSpec = {tp: 8, pp: 16, dp: 64, zeroStage: 2, microBatch: 1, recompute: "none", virtualStages: 8, globalBatchTokens: 2048 * 8192};
    const r = predictStep(spec(llama405b, layout), h100);
    expect(r.gpus).toBe(8192);
    expect(Number.isFinite(r.secondsPerStep)).toBe(true);
    expect(r.mfu).toBeGreaterThan(0);
    expect(r.mfu).toBeLessThanOrEqual(1);
    // The slowest stage is a middle one (8 layers, no output layer): faster than 128 layers (8 on
    // every stage and the output layer on the last), slower than 112 (7 on every stage).
    const more = predictStep(spec({...llama405b, layers: 128}, layout), h100);
    const fewer = predictStep(spec({...llama405b, layers: 112}, layout), h100);
    expect(r.secondsPerStep).toBeLessThan(more.secondsPerStep);
    expect(r.secondsPerStep).toBeGreaterThan(fewer.secondsPerStep);
    // Memory: the heaviest stage's weights are 8 layers', not 8 layers' plus the 2.1B-parameter embedding.
    const stage = stageParameters(llama405b, layout);
    const c = parameterCount(llama405b);
    expect(stage.dense / ((8 * (c.perLayerShared + c.perLayerFfn) * (llama405b.params / c.total)) / 8)).toBeCloseTo(1, 12);
    // The 8-layer middle stage and the 7-layer last stage with the output layer can set the data-parallel tail;
    // the 7-layer first stage with the (smaller) embedding cannot.
    expect(stageLayout(llama405b, layout).stages.map((s) => s.layers)).toEqual([8, 7]);
  });
  it("uses every GPU when asked, with stage counts that divide the cluster but not the layers (Llama 3 405B on 16,384 H100s)", () => {
    const r = planLayouts({model: llama405b, gpu: h100, gpus: 16384, precision: "bf16-master-fp32", globalBatchTokens: 2048 * 8192, useAllGpus: true, limit: 20});
    expect(r.layouts.length).toBeGreaterThan(0);
    for (const l of r.layouts) expect(l.gpus).toBe(16384);
    // 126 layers have no power-of-two divisor above 2, so every pp > 2 here is an uneven split.
    expect(r.layouts.some((l) => l.parallelism.pp > 2)).toBe(true);
  });
  it("lets the planner use stage counts that do not divide the layers (Llama 3 405B on 8,192 H100s)", () => {
    const r = planLayouts({model: llama405b, gpu: h100, gpus: 8192, precision: "bf16-master-fp32", globalBatchTokens: 2048 * 8192, limit: 200});
    expect(r.layouts.length).toBeGreaterThan(0);
    expect(r.layouts.some((l) => llama405b.layers % l.parallelism.pp !== 0)).toBe(true);
    // With full recomputation the published tp and pp fit in the model's memory, so the best
    // layout found is at least as fast.
    const layout: ParallelismSpec = {tp: 8, pp: 16, dp: 64, zeroStage: 1, microBatch: 1, recompute: "full", globalBatchTokens: 2048 * 8192, sequenceParallel: true, flashAttention: true, virtualStages: 1};
    expect(memoryPerGpu(spec(llama405b, layout)).total).toBeLessThanOrEqual(h100.hbmBytes);
    expect(r.layouts[0]!.secondsPerStep).toBeLessThanOrEqual(predictStep(spec(llama405b, layout), h100).secondsPerStep);
  });
});
