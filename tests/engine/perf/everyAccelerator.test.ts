// Every accelerator in data/gpus.csv predicts an MFU from its cited peak and interconnect figures;
// where a figure is not published the engine says which, in words, and asks for an MFU.
import {describe, expect, it} from "vitest";
import {EstimateError, estimate} from "../../../src/engine/index.js";
import type {Precision, TrainingSpec} from "../../../src/engine/index.js";
import {GPUS} from "./helpers.js";

const spec = (gpu: string, precision: Precision): TrainingSpec => ({
  model: {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096},
  tokens: 1e12,
  hardware: {gpu, count: 64},
  parallelism: {tp: 8, pp: 1, dp: 8, zeroStage: 1, microBatch: 1, recompute: "none", globalBatchTokens: 4 * 1024 * 1024},
  precision
});

describe("every accelerator predicts", () => {
  it("includes the TPUs v3–v6e, MI300X, Gaudi 3, H800 and B200", () => {
    const ids = GPUS.map((g) => g.id);
    for (const id of ["tpu-v3", "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e", "mi300x", "gaudi3-oam", "h800-sxm5-80gb", "b200-sxm-180gb"]) expect(ids).toContain(id);
  });

  // Accelerators whose datasheet gives no interconnect figure (data/gpus.csv would leave it blank):
  // the engine cannot time their communication. The A100 PCIe 80GB was one until its datasheet's
  // interconnect row was read (NVLink bridge for 2 GPUs, 600 GB/s; PCIe Gen4, 64 GB/s).
  const noInterconnect = (gpu: (typeof GPUS)[number]) => gpu.scaleUpBytesPerSecond === null && gpu.scaleOutBytesPerSecond === null;

  it("leaves no accelerator without a published interconnect figure", () => {
    expect(GPUS.filter(noInterconnect).map((g) => g.id)).toEqual([]);
  });

  for (const gpu of GPUS) {
    // The 16-bit regime the chip has: BF16, else FP16 with loss scaling (V100).
    const sixteen: Precision = gpu.peakFlopsPerSecond.bf16 !== null ? "bf16-master-fp32" : "fp16-master-fp32";
    if (noInterconnect(gpu)) {
      it(`asks for an MFU, naming the missing figure, for ${gpu.name} over 64 accelerators, and predicts on one`, () => {
        expect(() => estimate(spec(gpu.id, sixteen), gpu)).toThrow(new RegExp(`gives no interconnect bandwidth for the ${gpu.name}.*Give an MFU`));
        expect(estimate({...spec(gpu.id, sixteen), hardware: {gpu: gpu.id, count: 64, mfu: 0.4}}, gpu).mfu).toBe(0.4);
        const one = estimate({...spec(gpu.id, sixteen), hardware: {gpu: gpu.id, count: 1}, parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: 1, recompute: "full", globalBatchTokens: 4096}, model: {...spec(gpu.id, sixteen).model, params: 1.1e9, layers: 22, dModel: 2048, heads: 32, ffnDim: 5632}}, gpu);
        expect(one.mfuSource).toBe("predicted");
        expect(one.mfu).toBeGreaterThan(0.05);
      });
      continue;
    }
    it(`predicts an MFU in (0, 1) for ${gpu.name} in ${sixteen === "bf16-master-fp32" ? "BF16" : "FP16"} mixed precision over 64 accelerators`, () => {
      const e = estimate(spec(gpu.id, sixteen), gpu);
      expect(e.mfuSource).toBe("predicted");
      expect(e.mfu).toBeGreaterThan(0.05);
      expect(e.mfu).toBeLessThan(1);
    });
  }

  it("says in words which figure is missing, without an internal id, where FP32 has no published peak: infeasible and untimed, not an error", () => {
    const missing = GPUS.filter((g) => g.peakFlopsPerSecond.fp32 === null);
    expect(missing.map((g) => g.id)).toEqual(expect.arrayContaining(["tpu-v4", "gaudi3-oam", "h800-sxm5-80gb"]));
    for (const gpu of missing) {
      const e = estimate(spec(gpu.id, "fp32"), gpu);
      expect(e).toMatchObject({timed: false, feasible: false, mfu: null});
      expect(e.reasons[0]).toMatch(new RegExp(`^The ${gpu.name}'s datasheet lists no FP32 throughput`));
      expect(e.reasons[0]).not.toMatch(new RegExp(gpu.id));
      expect(estimate({...spec(gpu.id, "bf16-master-fp32"), hardware: {gpu: gpu.id, count: 64, mfu: 0.4}}, gpu).mfu).toBe(0.4);
    }
  });

  it("explains a missing interconnect figure by the accelerator's name", () => {
    const gpu = {...GPUS.find((g) => g.id === "tpu-v4")!, scaleUpBytesPerSecond: null, scaleOutBytesPerSecond: null};
    expect(() => estimate(spec(gpu.id, "bf16-master-fp32"), gpu)).toThrow(/cannot predict MFU: data\/gpus.csv gives no interconnect bandwidth for the Google TPU v4/);
  });
});
