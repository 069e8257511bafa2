// FP8's per-step weight casts (stepTime.ts FP8_WEIGHT_CAST_BYTES_PER_PARAM): Transformer Engine
// casts each layer weight to FP8 once a step (is_first_microbatch), not once a micro-batch.
import {describe, expect, it} from "vitest";
import {FP8_WEIGHT_CAST_BYTES_PER_PARAM, HBM_EFFICIENCY, parameterCount, predictStep, stepContext} from "../../../src/engine/index.js";
import type {TrainingSpec} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const h100 = gpu("h100-sxm5-80gb");
// Llama 3 8B's shape on 8 H100s, TP 1 (NeMo 24.07's FP8 row without its context parallelism).
const spec = (precision: TrainingSpec["precision"], sequences: number): TrainingSpec => ({
  model: {params: 8.03e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, vocab: 128256, seqLen: 8192, ffnKind: "swiglu", tiedEmbeddings: false, positionEmbedding: "rotary"},
  tokens: sequences * 8192,
  hardware: {gpu: h100.id, count: 8},
  parallelism: {tp: 1, pp: 1, dp: 8, zeroStage: 1, microBatch: 1, globalBatchTokens: sequences * 8192, recompute: "none"},
  precision,
  stack: "megatron-tuned"
});

describe("FP8 weight casts, once a step", () => {
  const layerWeights = (() => {
    const c = parameterCount(spec("fp8", 8).model);
    return (32 * (c.perLayerShared + c.perLayerFfn) * 8.03e9) / c.total;
  })();
  const castSeconds = (layerWeights * FP8_WEIGHT_CAST_BYTES_PER_PARAM) / (HBM_EFFICIENCY * h100.hbmBytesPerSecond);

  it("read 2 bytes and write 1 + 1 (the FP8 weight and its transpose) per layer weight", () => {
    expect(FP8_WEIGHT_CAST_BYTES_PER_PARAM).toBe(4);
    expect(castSeconds).toBeGreaterThan(0.008);
    expect(castSeconds).toBeLessThan(0.012);
  });

  it("cost the same at 1 and at 16 micro-batches a step: the step's fixed memory-bound time is the optimizer plus one set of casts", () => {
    const one = predictStep(spec("fp8", 8), h100);
    const many = predictStep(spec("fp8", 128), h100);
    // Memory-bound time = micro-batches × element-wise work + a fixed part; 1 and 16 micro-batches separate them.
    const fixed = one.breakdown.memoryBound - (many.breakdown.memoryBound - one.breakdown.memoryBound) / 15;
    const ctx = stepContext(spec("fp8", 8).model, h100, "fp8");
    const optimizer = ((8.03e9 / 8) * ctx.optimizerBytesPerParam) / ctx.inv.hbm; // ZeRO-1 over 8 ranks
    expect(fixed - optimizer).toBeCloseTo(castSeconds, 9);
  });

  it("are absent outside FP8: the bf16 step's fixed memory-bound time is its optimizer alone", () => {
    const one = predictStep(spec("bf16-master-fp32", 8), h100);
    const many = predictStep(spec("bf16-master-fp32", 128), h100);
    const fixed = one.breakdown.memoryBound - (many.breakdown.memoryBound - one.breakdown.memoryBound) / 15;
    const ctx = stepContext(spec("bf16-master-fp32", 8).model, h100, "bf16-master-fp32");
    expect(fixed).toBeCloseTo(((8.03e9 / 8) * ctx.optimizerBytesPerParam) / ctx.inv.hbm, 9);
  });
});

