// The "per-op" recompute mode: torchtitan's per-operation selective activation checkpointing
// (memory.ts perOpLayerActivationBytes, flops.ts perOpRecomputeFlops, layerCost.ts Slot.PerOp).
// Worked examples from the policy's tensor list, invariants over random dense specs (fast-check),
// the spec's refusal for mixture-of-experts models and the PyTorch planner's choice.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  SpecError,
  flopsPerToken,
  layerActivationBytes,
  memoryPerGpu,
  parameterCount,
  planLayouts,
  predictStackStep,
  predictStep,
  validateSpec
} from "../../src/engine/index.js";
import type {ActivationLayout, ModelSpec, Recompute, TrainingSpec} from "../../src/engine/index.js";
import {gpu} from "./perf/helpers.js";

/** Llama 3 8B's block (torchtitan/models/llama/__init__.py): h 4,096, 32 heads, 8 KV heads, FFN 14,336. */
const LLAMA3_8B: ModelSpec = {params: 8.03e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 128256, seqLen: 8192, tiedEmbeddings: false, positionEmbedding: "rotary", dropout: false};
const layout = (over: Partial<ActivationLayout> = {}): ActivationLayout => ({seqLen: 8192, microBatch: 2, tp: 1, sequenceParallel: false, flashAttention: true, recompute: "per-op", ...over});

describe("per-op recomputation: what torchtitan's policy keeps, tensor by tensor", () => {
  it("Llama 3 8B without tensor parallelism: block input, Q, V, attention output + fp32 log-sum-exp, gate, w2 output = 63,616 bytes a token a layer", () => {
    const h = 4096;
    const kv = 1024;
    const f = 14336;
    const perToken = 2 * h + 2 * h + 2 * kv + (2 * h + 4 * 32) + 2 * f + 2 * h;
    expect(perToken).toBe(63616);
    expect(layerActivationBytes(LLAMA3_8B, layout()).total).toBe(perToken * 8192 * 2);
    // Under half of what the engine's selective recomputation keeps for this block without dropout.
    const selective = layerActivationBytes(LLAMA3_8B, layout({recompute: "selective"})).total;
    expect(layerActivationBytes(LLAMA3_8B, layout()).total / selective).toBeCloseTo(63616 / 139392, 9);
  });

  it("without a fused attention kernel the policy keeps nothing of attention (the math path's matmuls and softmax are not on its list)", () => {
    const fused = layerActivationBytes(LLAMA3_8B, layout()).total;
    const unfused = layerActivationBytes(LLAMA3_8B, layout({flashAttention: false})).total;
    expect(fused - unfused).toBe((2 * 4096 + 4 * 32) * 8192 * 2);
  });

  it("a GELU MLP has six matmuls: its second (the 6th) is recomputed, so no w2 output is kept", () => {
    const gelu: ModelSpec = {...LLAMA3_8B, ffnKind: "gelu", ffnDim: 4 * 4096};
    const s = 8192 * 2;
    expect(layerActivationBytes(gelu, layout()).total).toBe(s * (2 * 4096 + 2 * 4096 + 2 * 1024 + 2 * 4096 + 4 * 32 + 2 * 4 * 4096));
  });

  it("tensor parallel 8 with sequence parallelism: sharded outputs ÷ 8, the reduce-scattered outputs kept, the row-parallel w2 partial sum whole on every rank", () => {
    const t = 8;
    const s = 8192 * 2;
    const bytes = layerActivationBytes(LLAMA3_8B, layout({tp: t, sequenceParallel: true}));
    expect(bytes.tensorParallel).toBe((s * (2 * 4096 + 2 * 1024 + 2 * 4096 + 4 * 32 + 2 * 14336)) / t);
    expect(bytes.replicated).toBe((2 * s * 4096) / t + 2 * s * 4096 + (2 * 2 * s * 4096) / t);
  });

  it("recomputes the wk, wo and w3 matmuls: 159 M FLOPs a token a layer for Llama 3 8B (the CSV's figure), 134 M for selective at 8,192 tokens", () => {
    const none = flopsPerToken(LLAMA3_8B, {recompute: "none"});
    const perOp = flopsPerToken(LLAMA3_8B, {recompute: "per-op"});
    expect(perOp.recomputeExtra / 32).toBe(2 * 4096 * 1024 + 2 * 4096 * 4096 + 2 * 4096 * 14336);
    expect(perOp.recomputeExtra / 32 / 1e6).toBeCloseTo(159.4, 1);
    expect(flopsPerToken(LLAMA3_8B, {recompute: "selective"}).recomputeExtra / 32 / 1e6).toBeCloseTo(134.2, 1);
    expect(perOp.modelFlops).toBe(none.modelFlops);
    // Without a fused kernel the attention core is recomputed as well.
    expect(flopsPerToken(LLAMA3_8B, {recompute: "per-op", flashAttention: false}).recomputeExtra - perOp.recomputeExtra).toBe(32 * none.layer.attentionCore);
  });

  it("is refused for mixture-of-experts models with a sentence that names the way out, and the planner never offers it there", () => {
    const moe: ModelSpec = {params: 1, layers: 8, dModel: 1024, heads: 16, kvHeads: 4, ffnDim: 2816, ffnKind: "swiglu", vocab: 32000, seqLen: 2048, experts: {total: 8, active: 2}};
    const model = {...moe, params: parameterCount(moe).total};
    const spec: TrainingSpec = {model, tokens: 1e9, hardware: {gpu: "h100-sxm5-80gb", count: 8}, parallelism: {tp: 1, pp: 1, dp: 8, ep: 1, zeroStage: 1, microBatch: 1, recompute: "per-op"}, precision: "bf16-master-fp32"};
    expect(() => validateSpec(spec)).toThrow(SpecError);
    expect(() => validateSpec(spec)).toThrow(/parallelism\.recompute: per-op recomputation is worked out for dense transformer blocks only.*choose none, selective or full/);
    expect(() => layerActivationBytes(model, layout())).toThrow(/dense transformer blocks only/);
    const plan = planLayouts({model, gpu: gpu("h100-sxm5-80gb"), gpus: 8, precision: "amp-bf16", stack: "pytorch", globalBatchTokens: 64 * 2048, limit: 50});
    expect(plan.layouts.length).toBeGreaterThan(0);
    for (const l of plan.layouts) expect(l.parallelism.recompute).not.toBe("per-op");
  });

  it("a dense model with latent attention (not derived) still predicts in every other mode, and no planner offers it per-op", () => {
    const latent: ModelSpec = {params: 1, layers: 8, dModel: 2048, heads: 16, ffnDim: 5632, ffnKind: "swiglu", vocab: 32000, seqLen: 2048, latentAttention: {qLoraRank: 512, kvLoraRank: 256, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128}};
    const model = {...latent, params: parameterCount(latent).total};
    const spec: TrainingSpec = {model, tokens: 1e9, hardware: {gpu: "h100-sxm5-80gb", count: 8}, parallelism: {tp: 1, pp: 1, dp: 8, ep: 1, zeroStage: 1, microBatch: 1, recompute: "selective", globalBatchTokens: 8 * 2048}, precision: "bf16-master-fp32"};
    expect(predictStep(spec, gpu("h100-sxm5-80gb")).mfu).toBeGreaterThan(0);
    expect(predictStackStep({...spec, stack: "pytorch", precision: "amp-bf16"}, gpu("h100-sxm5-80gb")).secondsPerStep).toBeGreaterThan(0);
    expect(() => flopsPerToken(model, {recompute: "per-op"})).toThrow(/standard attention only/);
    for (const stack of ["pytorch", "megatron"] as const) {
      const plan = planLayouts({model, gpu: gpu("h100-sxm5-80gb"), gpus: 8, precision: stack === "pytorch" ? "amp-bf16" : "bf16-master-fp32", stack, globalBatchTokens: 64 * 2048, limit: 50});
      expect(plan.layouts.length, stack).toBeGreaterThan(0);
      for (const l of plan.layouts) expect(l.parallelism.recompute, stack).not.toBe("per-op");
    }
  });
});

/** Dense Llama-style specs on one H100 (valid by construction: whole heads, KV heads dividing tp). */
const denseArb = fc
  .record({
    heads: fc.constantFrom(8, 16, 32),
    headDim: fc.constantFrom(64, 128),
    kvDivisor: fc.constantFrom(1, 2, 4, 8),
    layers: fc.integer({min: 2, max: 48}),
    ffnKind: fc.constantFrom("gelu" as const, "swiglu" as const),
    ffnMultiple: fc.double({min: 2, max: 4, noNaN: true}),
    seqLen: fc.constantFrom(1024, 2048, 4096, 8192, 16384),
    microBatch: fc.integer({min: 1, max: 8}),
    tp: fc.constantFrom(1, 2, 4, 8),
    flash: fc.boolean(),
    stack: fc.constantFrom("megatron" as const, "pytorch" as const, "pytorch-compile" as const)
  })
  .map((r) => {
    const heads = Math.max(r.heads, r.tp);
    const dModel = heads * r.headDim;
    const kvHeads = Math.max(r.tp, heads / r.kvDivisor);
    const architecture: ModelSpec = {params: 1, layers: r.layers, dModel, heads, kvHeads, ffnDim: 64 * Math.round((r.ffnMultiple * dModel) / 64), ffnKind: r.ffnKind, vocab: 32000, seqLen: r.seqLen};
    const spec: TrainingSpec = {
      model: {...architecture, params: parameterCount(architecture).total},
      tokens: 1e9,
      hardware: {gpu: "h100-sxm5-80gb", count: r.tp},
      parallelism: {tp: r.tp, pp: 1, dp: 1, cp: 1, ep: 1, zeroStage: 0, microBatch: r.microBatch, recompute: "none", flashAttention: r.flash, sequenceParallel: false, globalBatchTokens: r.microBatch * r.seqLen},
      precision: "amp-bf16",
      stack: r.stack
    };
    return spec;
  });

const withRecompute = (spec: TrainingSpec, recompute: Recompute): TrainingSpec => ({...spec, parallelism: {...spec.parallelism, recompute}});

describe("per-op recomputation: invariants over dense specs (fast-check)", () => {
  it("keeps no more than none and no less than full per layer, and a step's activations never exceed none's (without sequence parallelism), nor selective's with flash attention", () => {
    fc.assert(
      fc.property(denseArb, (spec) => {
        const p = spec.parallelism;
        const at = (recompute: Recompute) => layerActivationBytes(spec.model, {seqLen: spec.model.seqLen, microBatch: p.microBatch, tp: p.tp, sequenceParallel: false, flashAttention: p.flashAttention ?? true, recompute}).total;
        expect(at("per-op")).toBeLessThan(at("none"));
        expect(at("per-op")).toBeGreaterThan(at("full"));
        const activations = (recompute: Recompute) => memoryPerGpu(withRecompute(spec, recompute)).activations;
        expect(activations("per-op")).toBeLessThanOrEqual(activations("none"));
        // Without a fused kernel the layer being backpropagated rebuilds its attention scores,
        // which selective recomputation never holds all at once; with one, per-op keeps less.
        if (p.flashAttention) expect(activations("per-op")).toBeLessThanOrEqual(activations("selective"));
      }),
      {numRuns: 300}
    );
  });

  it("recomputes more than none and less than full: hardware FLOPs and the fused-kernel step time in between; an eager step slower than none", () => {
    fc.assert(
      fc.property(denseArb, (spec) => {
        const flash = spec.parallelism.flashAttention ?? true;
        const flops = (recompute: Recompute) => flopsPerToken(spec.model, {recompute, flashAttention: flash}).hardwareFlops;
        expect(flops("per-op")).toBeGreaterThan(flops("none"));
        expect(flops("per-op")).toBeLessThan(flops("full"));
        const seconds = (recompute: Recompute) => predictStep(withRecompute(spec, recompute), gpu("h100-sxm5-80gb")).secondsPerStep;
        expect(seconds("per-op")).toBeGreaterThan(seconds("none"));
        expect(seconds("per-op")).toBeLessThan(seconds("full"));
        // Eager PyTorch: slower than without recomputation; against full, per-op's measured host
        // cost a layer (eagerStep.ts) can outweigh the matmuls full re-runs on small steps.
        const eager = (recompute: Recompute) => predictStackStep({...withRecompute(spec, recompute), stack: "pytorch"}, gpu("h100-sxm5-80gb")).secondsPerStep;
        expect(eager("per-op")).toBeGreaterThan(eager("none"));
      }),
      {numRuns: 150}
    );
  });
});

describe("the PyTorch stacks' planner chooses per-op only where it is the cheapest mode that fits", () => {
  // Llama 3.2 1B's block shape (h 2,048, 16 layers, 32 heads, 8 KV heads, FFN 8,192) with a 32,000-token
  // vocabulary at 8,192 tokens on one H200 (141 GB).
  const block: ModelSpec = {params: 1, layers: 16, dModel: 2048, heads: 32, kvHeads: 8, ffnDim: 8192, ffnKind: "swiglu", vocab: 32000, seqLen: 8192, tiedEmbeddings: true, positionEmbedding: "rotary"};
  const model = {...block, params: parameterCount(block).total};
  const h200 = gpu("h200-sxm-141gb");
  const spec = (microBatch: number, recompute: Recompute): TrainingSpec => ({
    model, tokens: 1e9, hardware: {gpu: h200.id, count: 1}, stack: "pytorch", precision: "amp-bf16",
    parallelism: {tp: 1, pp: 1, dp: 1, cp: 1, ep: 1, zeroStage: 0, microBatch, recompute, globalBatchTokens: 16 * 8192, sequenceParallel: false, flashAttention: true, virtualStages: 1}
  });
  const fits = (mb: number, rc: Recompute) => memoryPerGpu(spec(mb, rc)).total <= h200.hbmBytes;

  it("at the micro-batch where no recomputation no longer fits but per-op does, it picks per-op, faster than full", () => {
    const mb = [1, 2, 4, 8, 16].find((m) => !fits(m, "none") && fits(m, "per-op"));
    expect(mb).toBeDefined();
    const plan = planLayouts({model, gpu: h200, gpus: 1, precision: "amp-bf16", stack: "pytorch", globalBatchTokens: 16 * 8192, space: {microBatches: [mb!]}, limit: 5});
    expect(plan.layouts[0]!.parallelism.recompute).toBe("per-op");
    expect(predictStackStep(spec(mb!, "per-op"), h200).secondsPerStep).toBeLessThan(predictStackStep(spec(mb!, "full"), h200).secondsPerStep);
  });

  it("on a small, host-bound step where none does not fit, it keeps the faster of per-op and full (per-op's host cost a layer is measured above full's)", () => {
    // A 12-layer, 768-wide Llama-style block at 1,024 tokens, micro-batch 2: a few milliseconds of GPU work a step.
    const small: ModelSpec = {params: 1, layers: 12, dModel: 768, heads: 12, kvHeads: 3, ffnDim: 2048, ffnKind: "swiglu", vocab: 32000, seqLen: 1024, tiedEmbeddings: true, positionEmbedding: "rotary"};
    const m = {...small, params: parameterCount(small).total};
    const at = (recompute: Recompute): TrainingSpec => ({...spec(2, recompute), model: m, parallelism: {...spec(2, recompute).parallelism, globalBatchTokens: 2048}});
    // Memory held between what per-op and no recomputation need, so per-op and full fit and none does not.
    const fraction = (memoryPerGpu(at("none")).total + memoryPerGpu(at("per-op")).total) / 2 / h200.hbmBytes;
    const plan = planLayouts({model: m, gpu: h200, gpus: 1, precision: "amp-bf16", stack: "pytorch", globalBatchTokens: 2048, memoryFraction: fraction, space: {microBatches: [2]}, limit: 5});
    expect(plan.layouts).toHaveLength(1);
    const [perOp, full] = [predictStackStep(at("per-op"), h200).secondsPerStep, predictStackStep(at("full"), h200).secondsPerStep];
    expect(full).toBeLessThan(perOp);
    expect(plan.layouts[0]!.parallelism.recompute).toBe("full");
    expect(plan.layouts[0]!.secondsPerStep).toBeCloseTo(full, 12);
  });

  it("never for a Megatron stack (per-op is torch.utils.checkpoint's policy, not a Megatron mode)", () => {
    const plan = planLayouts({model, gpu: h200, gpus: 8, precision: "bf16-master-fp32", stack: "megatron", globalBatchTokens: 64 * 8192, limit: 200});
    expect(plan.layouts.length).toBeGreaterThan(0);
    for (const l of plan.layouts) expect(l.parallelism.recompute).not.toBe("per-op");
  });
});
