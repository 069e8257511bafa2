// The engine against the project's own H100 measurements (data/gpu_training_steps.csv, written by
// bench/gpu/calibrate.py): peak memory within ±10%, the fitted fp32 constant reproducible, and
// the step-time model's GPU time beside the measured kernel time.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {
  DEVICE_GPU_IDS,
  HBM_EFFICIENCY,
  MEASURED_TRAINING_MATMUL_EFFICIENCY,
  compareMeasuredStep,
  engineRecompute,
  fitMatmulRoofline,
  fitMeasuredMatmulEfficiency,
  isFp32FitRow,
  mamfEfficiency,
  matmulEfficiency,
  measuredStepKey,
  measuredStepSpec,
  memoryKnownMiss,
  predictStep,
  predictedKernelSeconds
} from "../../../src/engine/index.js";
import type {MeasuredStepRow} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const rows = loadDataset(datasetByName("gpu_training_steps"), ROOT) as unknown as MeasuredStepRow[];
const devices = new Set(rows.map((r) => (r as unknown as {device: string}).device));
const h100 = gpu(DEVICE_GPU_IDS["NVIDIA H100 80GB HBM3"]!);
const label = (r: MeasuredStepRow): string => `${r.model} s=${r.seq_len} b=${r.micro_batch} ${r.precision} recompute ${r.recompute}`;
const compared = rows.flatMap((r) => {
  const c = compareMeasuredStep(r, h100);
  return c === null ? [] : [{row: r, c}];
});

describe("data/gpu_training_steps.csv (measured on the lent H100, 2026-11-23)", () => {
  it("comes from one device the engine knows", () => {
    expect([...devices]).toEqual(["NVIDIA H100 80GB HBM3"]);
    expect(h100.id).toBe("h100-sxm5-80gb");
  });

  it("has 179 measured steps: 5 model shapes × 2 sequence lengths × 3 micro-batches, bf16 in 4 recompute modes and fp32 in 2, less one not run", () => {
    expect(rows.length).toBe(179);
    expect(rows.filter((r) => r.status === "oom").map(label)).toEqual([
      "tinyllama-1.1b s=2048 b=4 fp32 recompute none",
      "tinyllama-1.1b s=2048 b=8 fp32 recompute none",
      "gpt2-xl s=2048 b=8 fp32 recompute none"
    ]);
  });

  it("times every step's kernels at no more than its wall-clock time (5% timer noise allowed)", () => {
    for (const r of rows.filter((x) => x.status === "ok")) expect(r.kernel_seconds!, label(r)).toBeLessThanOrEqual(r.step_seconds! * 1.05);
  });

  it("maps the script's recompute modes: attention-core is Korthikanti's selective, whole-block selective has no engine mode", () => {
    expect(engineRecompute("attention-core")).toBe("selective");
    expect(engineRecompute("selective")).toBeNull();
    expect(engineRecompute("full")).toBe("full");
  });
});

describe("peak memory per GPU against the measured peak (aim ±10%)", () => {
  const inScope = compared.filter(({row}) => memoryKnownMiss(row) === undefined);
  const misses = compared.filter(({row}) => memoryKnownMiss(row) !== undefined);

  it("compares 146 steps that ran in a mode the engine models", () => {
    expect(compared.length).toBe(146);
  });

  for (const {row, c} of inScope) {
    it(`predicts ${label(row)} within ±10% of the measured ${(c.measuredMemoryBytes / 1e9).toFixed(1)} GB`, () => {
      expect(c.memoryRatio).toBeGreaterThan(0.9);
      expect(c.memoryRatio).toBeLessThan(1.1);
    });
  }

  it("has 138 of 146 steps within ±10% (122 before eager SwiGLU and foreach AdamW were counted); the 24 rows of known-miss groups (2 of them GPT-2) each within ±25%", () => {
    expect(compared.filter(({c}) => Math.abs(c.memoryRatio - 1) <= 0.1).length).toBeGreaterThanOrEqual(138);
    expect(misses.length).toBe(24);
    expect(inScope.length).toBe(122);
    expect(misses.filter(({row}) => row.family === "gpt2").length).toBe(2);
    for (const {row, c} of misses) {
      expect(c.memoryRatio, label(row)).toBeGreaterThan(0.75);
      expect(c.memoryRatio, label(row)).toBeLessThan(1.25);
    }
  });

  it("lists only real misses: every known-miss row is in fact off by more than 10%, or its group's are", () => {
    const groups = new Map<string, number[]>();
    for (const {row, c} of misses) {
      const reason = memoryKnownMiss(row)!.reason;
      groups.set(reason, [...(groups.get(reason) ?? []), c.memoryRatio]);
    }
    for (const [reason, ratios] of groups) expect(Math.min(...ratios), reason).toBeLessThan(0.9);
  });
});

describe("step time: the model's GPU time against the measured kernel time", () => {
  it("reproduces the fitted H100 fp32 matmul efficiency from the GPU-bound GPT-2 fp32 rows", () => {
    const fitRows = rows.filter(isFp32FitRow);
    expect(fitRows.length).toBe(23);
    const fit = fitMeasuredMatmulEfficiency(fitRows, h100);
    expect(fit.matmulEfficiency).toBeCloseTo(MEASURED_TRAINING_MATMUL_EFFICIENCY["h100-sxm5-80gb"]!.fp32!, 3);
    expect(fit.rmsLogError).toBeLessThan(0.1);
  });

  it("predicts the held-out fp32 steps (full recomputation, TinyLlama) within −15%/+20% of their kernel time", () => {
    const heldOut = compared.filter(({row}) => row.precision === "fp32" && !isFp32FitRow(row) && row.kernel_seconds! / row.step_seconds! >= 0.95);
    expect(heldOut.length).toBeGreaterThanOrEqual(30);
    for (const {row, c} of heldOut) {
      expect(c.timeRatio, label(row)).toBeGreaterThan(0.85);
      expect(c.timeRatio, label(row)).toBeLessThan(1.2);
    }
  });

  it("predicts GPU-bound bf16 steps of models ≥ 700M parameters within −25%/+5% of their kernel time (eager PyTorch runs more unfused element-wise kernels than the model's Megatron-style count)", () => {
    const big = compared.filter(({row}) => row.precision === "amp-bf16" && row.params >= 7e8 && row.kernel_seconds! / row.step_seconds! >= 0.95);
    expect(big.length).toBeGreaterThanOrEqual(15);
    for (const {row, c} of big) {
      expect(c.timeRatio, label(row)).toBeGreaterThan(0.75);
      expect(c.timeRatio, label(row)).toBeLessThan(1.05);
    }
  });

  it("shows the small bf16 steps launch-bound: GPU busy under half the wall-clock step for GPT-2 small at one sequence", () => {
    const small = compared.filter(({row}) => row.model === "gpt2-small" && row.micro_batch === 1 && row.precision === "amp-bf16");
    expect(small.length).toBe(6);
    for (const {row, c} of small) expect(c.gpuBusyFraction, label(row)).toBeLessThan(0.5);
  });
});

describe("data/gpu_gemm.csv and data/gpu_hbm.csv against the constants of calibration.ts", () => {
  // The files also hold the H200's rows (measuredStack.test.ts); these tests are the H100's.
  const onH100 = <T extends {device: string}>(rows: T[]) => rows.filter((r) => r.device === "NVIDIA H100 80GB HBM3");
  const gemm = onH100(loadDataset(datasetByName("gpu_gemm"), ROOT) as unknown as {device: string; dtype: string; m: number; n: number; k: number; seconds: number; tflops: number}[]);
  const hbm = onH100(loadDataset(datasetByName("gpu_hbm"), ROOT) as unknown as {device: string; gbps: number}[]);
  const bf16Peak = h100.peakFlopsPerSecond.bf16!;

  it("confirms Bekman's H100 BF16 MAMF (80.3% of peak): the best bf16 shape measured reaches 78–81%", () => {
    const best = Math.max(...gemm.filter((r) => r.dtype === "bf16").map((r) => r.tflops)) * 1e12 / bf16Peak;
    expect(best).toBeGreaterThan(0.78);
    expect(best).toBeLessThan(0.81);
    expect(Math.abs(best - mamfEfficiency(h100, "amp-bf16"))).toBeLessThan(0.02);
  });

  it("fits bf16 transformer-shaped matmuls (≥ 2·2048³ FLOPs) at 0.70 of peak, above the 0.55 the step model uses in training", () => {
    const big = gemm.filter((r) => r.dtype === "bf16" && r.m * r.n * r.k >= 2048 ** 3).map((r) => ({m: r.m, n: r.n, k: r.k, bytesPerElement: 2, seconds: r.seconds}));
    const fit = fitMatmulRoofline(big, bf16Peak, h100.hbmBytesPerSecond);
    expect(fit.computeEfficiency).toBeCloseTo(0.7, 2);
    expect(fit.rmsLogError).toBeLessThan(0.1);
    expect(matmulEfficiency(h100, "amp-bf16")).toBeLessThan(fit.computeEfficiency);
  });

  it("measures HBM copies at 0.90 of the datasheet's 3.35 TB/s, above the A100-fitted HBM_EFFICIENCY (0.84)", () => {
    const best = Math.max(...hbm.map((r) => r.gbps)) * 1e9 / h100.hbmBytesPerSecond;
    expect(best).toBeGreaterThan(0.88);
    expect(best).toBeLessThan(0.92);
    expect(HBM_EFFICIENCY).toBeLessThan(best);
  });
});

describe("data/gpu_kernel_breakdown.csv: where the GPU time of a step goes, measured against modelled", () => {
  const kinds = ["matmul", "attention", "optimizer", "other"] as const;
  const breakdown = loadDataset(datasetByName("gpu_kernel_breakdown"), ROOT) as unknown as (Pick<MeasuredStepRow, "model" | "seq_len" | "micro_batch" | "precision" | "recompute"> & {kind: (typeof kinds)[number]; seconds: number})[];
  const configs = [...new Set(breakdown.map(measuredStepKey))].map((key) => {
    const row = rows.find((r) => measuredStepKey(r) === key)!;
    const measuredKinds = Object.fromEntries(kinds.map((k) => [k, breakdown.find((b) => measuredStepKey(b) === key && b.kind === k)!.seconds])) as Record<(typeof kinds)[number], number>;
    const spec = measuredStepSpec(row, h100.id);
    return {key, row, measured: measuredKinds, predicted: predictedKernelSeconds(spec, h100), total: predictStep(spec, h100).secondsPerStep};
  });

  it("has 10 profiled steps, each with the four kinds, matching a measured training step", () => {
    expect(configs.length).toBe(10);
    for (const c of configs) expect(c.row, c.key).toBeDefined();
  });

  it("splits the model's step into kinds that add up to predictStep's time", () => {
    for (const c of configs) expect(kinds.reduce((s, k) => s + c.predicted[k], 0), c.key).toBeCloseTo(c.total, 9);
  });

  it("sums the profiled kinds to within 5% of the separately measured kernel time of the same step", () => {
    for (const c of configs) {
      const sum = kinds.reduce((s, k) => s + c.measured[k], 0);
      expect(sum / c.row.kernel_seconds!, c.key).toBeGreaterThan(0.95);
      expect(sum / c.row.kernel_seconds!, c.key).toBeLessThan(1.05);
    }
  });

  // The model's bf16 total is close (−25%/+5%, above) because two errors offset. These bounds
  // record them; a model that fixes either must tighten them.
  it("over-predicts bf16 matmul time 1.3–1.6×: in an eager PyTorch 2.11 step the H100's GEMMs run near best-shape speed, not at the A100-fitted 0.688 of it", () => {
    for (const c of configs.filter((x) => x.row.precision === "amp-bf16")) {
      const r = c.predicted.matmul / c.measured.matmul;
      expect(r, c.key).toBeGreaterThan(1.3);
      expect(r, c.key).toBeLessThan(1.6);
    }
  });

  it("under-predicts the other (element-wise) kernels 2.5–6× in bf16: eager PyTorch runs unfused norms, casts, bias and residual adds that Megatron fuses", () => {
    for (const c of configs.filter((x) => x.row.precision === "amp-bf16")) {
      const r = c.measured.other / c.predicted.other;
      expect(r, c.key).toBeGreaterThan(2.5);
      expect(r, c.key).toBeLessThan(6);
    }
  });
});
