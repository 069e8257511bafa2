// What an FP8 run does in 16 bits and what its casts cost (layerCost.ts): the output projection
// stays a bf16 matmul (Megatron-Core's fp8_autocast covers the transformer layers only) and every
// FP8 matmul's input and output gradient is cast, with transposed copies for the backward pass
// (Transformer Engine v1.8). Both hold against a hand count.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {HBM_EFFICIENCY, LAYER_SLOTS, Slot, layerCost, layerInvariants, stackPerfOptions, tunedStackMatmulEfficiency} from "../../../src/engine/index.js";
import type {ModelSpec} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const h100 = gpu("h100-sxm5-80gb");
const llama2_7b: ModelSpec = {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, vocab: 32000, seqLen: 4096, ffnDim: 11008, ffnKind: "swiglu", tiedEmbeddings: false, positionEmbedding: "rotary"};
const cost = (model: ModelSpec, precision: "fp8" | "bf16-master-fp32", tp: number, sp: boolean, calibration = {}) =>
  layerCost(layerInvariants(model, h100, precision, calibration), tp, 1, 1, 1, sp, true, new Float64Array(LAYER_SLOTS));

describe("FP8 runs (layerCost)", () => {
  it("time the output projection at the bf16 rate, as a bf16 run does", () => {
    expect(cost(llama2_7b, "fp8", 1, false)[Slot.HeadGemm]).toBeCloseTo(cost(llama2_7b, "bf16-master-fp32", 1, false)[Slot.HeadGemm] as number, 12);
    // The tuned stack runs the production rates (calibration.ts tunedStackMatmulEfficiency); given a share of
    // the isolated rate (the fit check), its head takes the same share of the isolated bf16 rate.
    expect(stackPerfOptions("megatron-tuned", h100, "fp8").calibration).toBeUndefined();
    const tuned = stackPerfOptions("megatron-tuned", h100, "fp8", {calibration: {tunedStackFraction: 0.8}}).calibration!;
    expect(tuned.headMatmulEfficiency).toBe(tunedStackMatmulEfficiency(h100, "bf16-master-fp32", 0.8));
    expect(cost(llama2_7b, "fp8", 1, false, tuned)[Slot.HeadGemm]).toBeCloseTo(cost(llama2_7b, "bf16-master-fp32", 1, false, {matmulEfficiency: tuned.headMatmulEfficiency})[Slot.HeadGemm] as number, 12);
  });
  it("add the casts' bytes to the element-wise time: T·(18h + f + 8·kvDim) bytes per layer at tp 1 (Llama 2 7B: 26h + f)", () => {
    const T = 4096;
    const extra = (c8: Float64Array, c16: Float64Array) => ((c8[Slot.EltF] as number) + (c8[Slot.EltB] as number) - (c16[Slot.EltF] as number) - (c16[Slot.EltB] as number)) * h100.hbmBytesPerSecond * HBM_EFFICIENCY;
    expect(extra(cost(llama2_7b, "fp8", 1, false), cost(llama2_7b, "bf16-master-fp32", 1, false)) / (T * (26 * 4096 + 11008))).toBeCloseTo(1, 9);
  });
  it("never make the element-wise time negative or smaller than bf16's, at any tensor degree, with or without sequence parallelism (fast-check)", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4, 8), fc.boolean(), fc.constantFrom(1024, 4096, 8192), (tp, sp, seqLen) => {
        const m = {...llama2_7b, seqLen, heads: 64, kvHeads: 8, dModel: 8192, ffnDim: 28672};
        const c8 = cost(m, "fp8", tp, sp);
        const c16 = cost(m, "bf16-master-fp32", tp, sp);
        expect(c8[Slot.EltF]).toBeGreaterThan(0);
        expect((c8[Slot.EltF] as number) + (c8[Slot.EltB] as number)).toBeGreaterThan((c16[Slot.EltF] as number) + (c16[Slot.EltB] as number));
      })
    );
  });
});
