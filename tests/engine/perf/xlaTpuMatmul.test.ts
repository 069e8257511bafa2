// The compiled-stack matmul rule (calibration.ts XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY): every TPU's
// best-shape matmul rate is the one a published XLA profile measured on a TPU, the in-step fraction
// is every chip's, and GPUs keep theirs.
import {describe, expect, it} from "vitest";
import {join} from "node:path";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {
  DEFAULT_MATMUL_EFFICIENCY,
  MATMUL_EFFICIENCY,
  TRAINING_MATMUL_FRACTION,
  XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY,
  mamfEfficiency,
  matmulEfficiency
} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const accelerators = loadDataset(datasetByName("gpus"), ROOT) as unknown as {id: string; vendor: string}[];
const tpus = accelerators.filter((a) => a.vendor === "Google").map((a) => a.id);

describe("a compiled (XLA) stack's matmuls on a TPU", () => {
  it("take the scaling book's profiled TPU matmul (95.6 ms expected at peak, 96 ms measured) as every TPU's best-shape rate", () => {
    expect(XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY).toBeCloseTo(0.996, 3);
    // The book's arithmetic: 2 · 32 · 1024 · 8192 · 32768 FLOPs on 8 cores of 23 TFLOP/s.
    expect((2 * 32 * 1024 * 8192 * 32768) / (23e12 * 8) * 1000).toBeCloseTo(95.6, 1);
  });

  it("cover every TPU of data/gpus.csv, so none falls back to the H100's figure", () => {
    expect(tpus).toEqual(["tpu-v3", "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e"]);
    for (const id of tpus) {
      expect(MATMUL_EFFICIENCY[id]?.bf16).toBe(XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY);
      expect(mamfEfficiency(gpu(id), "bf16-master-fp32")).toBe(XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY);
      expect(mamfEfficiency(gpu(id), "bf16-master-fp32")).not.toBe(DEFAULT_MATMUL_EFFICIENCY);
    }
  });

  it("keep the in-step fraction every chip has, and the product sits above PaLM's whole-step hardware FLOPs utilisation on TPU v4 (57.8%, a lower bound)", () => {
    for (const id of tpus) {
      const rate = matmulEfficiency(gpu(id), "bf16-master-fp32");
      expect(rate).toBeCloseTo(XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY * TRAINING_MATMUL_FRACTION, 12);
      expect(rate).toBeGreaterThan(0.578);
      expect(rate).toBeLessThan(1);
    }
  });

  it("leave GPUs as they were: XLA's GPU GEMMs are cuBLAS's, at the production rate", () => {
    expect(matmulEfficiency(gpu("h100-sxm5-80gb"), "bf16-master-fp32")).toBeCloseTo((794.5 / 989) * TRAINING_MATMUL_FRACTION, 12);
    expect(mamfEfficiency(gpu("h200-sxm-141gb"), "bf16-master-fp32")).toBe(DEFAULT_MATMUL_EFFICIENCY);
  });
});
