import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {memoryPerGpu, planLayouts, predictStackStep, predictStep} from "../../../src/engine/index.js";
import type {ModelSpec, PlanRequest} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const h100 = gpu("h100-sxm5-80gb");
/** Llama 2 70B (Touvron et al. 2023, Table 1: 80 layers, 8192 wide, 64 heads, 8 KV heads, SwiGLU 28672, vocab 32000). */
const llama70b: ModelSpec = {params: 69e9, layers: 80, dModel: 8192, heads: 64, kvHeads: 8, ffnDim: 28672, ffnKind: "swiglu", vocab: 32000, seqLen: 4096};
/** Mixtral 8x7B (Jiang et al. 2024, Table 1: 32 layers, 4096 wide, 32 heads, 8 KV heads, 8 experts top-2, SwiGLU 14336, vocab 32000). */
const mixtral: ModelSpec = {params: 46.7e9, activeParams: 12.9e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096, experts: {total: 8, active: 2}};

const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({model: llama70b, gpu: h100, gpus: 256, precision: "bf16-master-fp32", globalBatchTokens: 1024 * 4096, limit: 50, ...over});

function checkLayouts(req: PlanRequest): void {
  const r = planLayouts(req);
  expect(r.layouts.length).toBeGreaterThan(0);
  const seqs = req.globalBatchTokens / req.model.seqLen;
  let prev = -Infinity;
  for (const l of r.layouts) {
    const p = l.parallelism;
    // Constraints.
    expect(req.model.heads % p.tp).toBe(0);
    // KV heads split across tensor ranks, or replicated where tp is a multiple of them (Megatron; architecture.ts tpSplitsKvHeads).
    const kv = req.model.kvHeads ?? req.model.heads;
    expect(kv % p.tp === 0 || p.tp % kv === 0).toBe(true);
    // pp need not divide the layers; interleaving cuts the heaviest stage into equal chunks.
    expect(p.pp).toBeLessThanOrEqual(req.model.layers);
    expect(Math.ceil(req.model.layers / p.pp) % (p.virtualStages ?? 1)).toBe(0);
    expect(l.gpus).toBe(p.tp * p.pp * p.dp * (p.cp ?? 1));
    expect(l.gpus).toBeLessThanOrEqual(req.gpus);
    expect(seqs % (p.dp * p.microBatch)).toBe(0);
    if (req.model.experts) expect(req.model.experts.total % (p.ep ?? 1)).toBe(0);
    expect((p.dp * (p.cp ?? 1)) % (p.ep ?? 1)).toBe(0);
    // Fits, by the engine's own memory model, and the planner's cached arithmetic agrees with it.
    const mem = memoryPerGpu({model: req.model, parallelism: p, precision: req.precision, stack: req.stack}).total;
    expect(mem).toBeLessThanOrEqual(req.gpu.hbmBytes);
    expect(l.memoryBytesPerGpu / mem).toBeCloseTo(1, 9);
    // Same step time as the stack's step model (predictStep for Megatron, the plain-PyTorch one otherwise).
    expect(predictStackStep({model: req.model, tokens: 1, hardware: {gpu: req.gpu.id, count: l.gpus}, parallelism: p, precision: req.precision, ...(req.stack ? {stack: req.stack} : {})}, req.gpu).secondsPerStep / l.secondsPerStep).toBeCloseTo(1, 9);
    if (req.stack === "pytorch" || req.stack === "pytorch-compile") expect([p.pp, p.cp ?? 1, p.ep ?? 1]).toEqual([1, 1, 1]);
    // Sorted.
    const score = req.objective === "cost" ? (l.usdPerStep as number) : l.secondsPerStep;
    expect(score).toBeGreaterThanOrEqual(prev * (1 - 1e-9));
    prev = score;
  }
}

describe("planLayouts", () => {
  it("returns legal, fitting, sorted layouts for Llama 2 70B on 256 H100s", () => checkLayouts(request()));
  it("does the same for Mixtral 8x7B with expert parallelism", () => checkLayouts(request({model: mixtral, gpus: 64})));
  it("counts plain PyTorch's memory (unfused loss, gradients freed, AMP autocast cache) when the stack says so", () => {
    checkLayouts(request({stack: "pytorch", precision: "amp-bf16", gpus: 64}));
    checkLayouts(request({stack: "pytorch", model: mixtral, gpus: 64}));
  });
  it("plans the PyTorch stacks with their own layouts and step model: data and tensor parallelism only, ranked by the plain-PyTorch step time, eager slower than compiled", () => {
    checkLayouts(request({stack: "pytorch-compile", precision: "amp-bf16", gpus: 64}));
    const eager = planLayouts(request({stack: "pytorch", precision: "amp-bf16", gpus: 64, limit: 5}));
    const compiled = planLayouts(request({stack: "pytorch-compile", precision: "amp-bf16", gpus: 64, limit: 5}));
    expect(eager.layouts[0]!.secondsPerStep).toBeGreaterThan(compiled.layouts[0]!.secondsPerStep);
    expect(eager.evaluated).toBeLessThan(5000);
  });
  it("times layouts as predictStep does in the megatron-tuned stack (overlapped tensor parallelism, the fitted share of the measured matmul rate)", () => {
    checkLayouts(request({stack: "megatron-tuned"}));
    expect(planLayouts(request({stack: "megatron-tuned", limit: 1})).layouts[0]!.secondsPerStep).toBeLessThan(planLayouts(request({limit: 1})).layouts[0]!.secondsPerStep);
  });
  it("searches with the attention scores materialised when asked (a run whose code had no FlashAttention): same memory and step time as the engine's for that layout, and slower", () => {
    checkLayouts(request({flashAttention: false, gpus: 64}));
    const without = planLayouts(request({flashAttention: false, gpus: 64, limit: 3}));
    for (const l of without.layouts) expect(l.parallelism.flashAttention).toBe(false);
    expect(without.layouts[0]!.secondsPerStep).toBeGreaterThan(planLayouts(request({gpus: 64, limit: 1})).layouts[0]!.secondsPerStep);
  });
  it("ranks by dollars per step when asked, considering fewer GPUs", () => checkLayouts(request({objective: "cost", usdPerGpuHour: 2.5, gpus: 128})));
  it("finds the same best layout with and without pruning (pruning only drops bounded-out and dominated layouts)", () => {
    const a = planLayouts(request({limit: 10}));
    const b = planLayouts(request({limit: 10, prune: false}));
    expect(a.layouts[0]!.secondsPerStep).toBe(b.layouts[0]!.secondsPerStep);
    // The exhaustive list also holds heavier-recomputation twins of kept layouts, so its k-th is never worse.
    a.layouts.forEach((l, k) => expect(b.layouts[k]!.secondsPerStep).toBeLessThanOrEqual(l.secondsPerStep));
    expect(a.evaluated).toBeLessThan(b.evaluated);
  });
  it("beats or matches a hand-picked Megatron layout (tp 8, pp 4, dp 8, selective recomputation)", () => {
    const best = planLayouts(request()).layouts[0]!;
    const hand = predictStep({model: llama70b, tokens: 1, hardware: {gpu: h100.id, count: 256}, parallelism: {tp: 8, pp: 4, dp: 8, zeroStage: 1, microBatch: 1, recompute: "selective", globalBatchTokens: 1024 * 4096}, precision: "bf16-master-fp32"}, h100);
    expect(best.secondsPerStep).toBeLessThanOrEqual(hand.secondsPerStep);
  });
  it("reports nothing, not a broken layout, when the model cannot fit", () => {
    const r = planLayouts(request({gpus: 1}));
    expect(r.layouts).toEqual([]);
  });
  it("refuses a global batch that is not whole sequences, and cost ranking without a price", () => {
    expect(() => planLayouts(request({globalBatchTokens: 1000}))).toThrow(/whole number/);
    expect(() => planLayouts(request({objective: "cost"}))).toThrow(/usdPerGpuHour/);
  });
  it("holds its invariants for random clusters and batches (fast-check)", () => {
    fc.assert(
      // 70B needs ≥ 14 H100s for its 1.1 TB of model states; from 64 GPUs up it always fits.
      fc.property(fc.integer({min: 64, max: 512}), fc.constantFrom(256, 512, 1024, 2048), (gpus, seqs) => {
        checkLayouts(request({gpus, globalBatchTokens: seqs * 4096, limit: 8}));
      }),
      {numRuns: 12}
    );
  }, 60_000); // generous: the machine running the suite may be shared
});

describe("planLayouts across cluster sizes", () => {
  it("never gets slower per step with more GPUs available (the larger search contains the smaller)", () => {
    let prev = Infinity;
    for (const gpus of [64, 128, 256, 512, 1024]) {
      const best = planLayouts(request({gpus, limit: 1})).layouts[0]!;
      expect(best.secondsPerStep).toBeLessThanOrEqual(prev * (1 + 1e-12));
      prev = best.secondsPerStep;
    }
  });
});

describe("planLayouts on a small model", () => {
  /** GPT-2 124M (Radford et al. 2019, Table 2; data/models.csv gpt2-124m). */
  const gpt2: ModelSpec = {params: 124e6, layers: 12, dModel: 768, heads: 12, vocab: 50257, seqLen: 1024, tiedEmbeddings: true, positionEmbedding: "learned"};
  it("plans GPT-2 124M on 8 H100s (llm.c's setup: 512 × 1024-token sequences per step) with plain data parallelism first", () => {
    const r = planLayouts({model: gpt2, gpu: h100, gpus: 8, precision: "bf16-master-fp32", globalBatchTokens: 512 * 1024, limit: 3});
    expect(r.layouts.length).toBe(3);
    const best = r.layouts[0]!.parallelism;
    expect(best.dp).toBe(8);
    expect(best.tp * best.pp * (best.cp ?? 1)).toBe(1);
  });
  it("keeps cp = 1 for sequences shorter than 512 tokens", () => {
    const r = planLayouts({model: {...gpt2, seqLen: 256}, gpu: h100, gpus: 8, precision: "bf16-master-fp32", globalBatchTokens: 512 * 256, limit: 3});
    expect(r.layouts.length).toBeGreaterThan(0);
  });
});
