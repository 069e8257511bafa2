// The engine against the project's own H200 measurements of one model run two ways, eager PyTorch
// and torch.compile (data/gpu_stack_steps.csv, bench/gpu/calibrate.py --parts stacks, 2026-12-01),
// and the H200's matmul and copy speeds (the H200 rows of data/gpu_gemm.csv and gpu_hbm.csv).
// Nothing in the engine was fitted to these rows: the step-time constants come from published runs
// and the H100 (calibration.ts, measured.test.ts); the compiled stack's 4 bytes per logit is an
// existing constant chosen by what Inductor keeps (stack.ts), not a fit.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadCsvText, loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {column} from "../../../loaders/schema.js";
import {compareMeasuredStep, mamfEfficiency, memoryKnownMiss} from "../../../src/engine/index.js";
import type {MeasuredStepRow, Stack} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
type StackRow = MeasuredStepRow & {device: string; stack: Stack; kernels_per_step: number | null; compile_seconds: number | null};
const rows = loadDataset(datasetByName("gpu_stack_steps"), ROOT) as unknown as StackRow[];
const h200 = gpu("h200-sxm-141gb");
const h100 = gpu("h100-sxm5-80gb");
const compared = rows.map((row) => ({row, c: compareMeasuredStep(row, h200, {}, row.stack)!}));
const tokens = (r: MeasuredStepRow) => r.micro_batch * r.seq_len;
const label = ({row}: {row: StackRow}) => `${row.model} s=${row.seq_len} b=${row.micro_batch} ${row.stack}`;
const within = (ratio: number, tolerance: number) => Math.abs(ratio - 1) <= tolerance;

describe("data/gpu_stack_steps.csv (H200, eager PyTorch and torch.compile)", () => {
  it("holds 51 configurations in both stacks, all of which ran and were profiled", () => {
    expect(new Set(rows.map((r) => r.device))).toEqual(new Set(["NVIDIA H200"]));
    expect(rows).toHaveLength(102);
    expect(rows.filter((r) => r.stack === "pytorch")).toHaveLength(51);
    expect(rows.every((r) => r.status === "ok" && r.kernel_seconds !== null && r.kernels_per_step !== null)).toBe(true);
    expect(compared.every(({c}) => c !== null)).toBe(true);
  });

  it("carries the H100's eager memory model over: every GPT-2 step within ±10%; TinyLlama's misses are the H100's known SwiGLU miss", () => {
    for (const x of compared.filter(({row}) => row.stack === "pytorch")) {
      if (x.row.family === "gpt2") expect(within(x.c.memoryRatio, 0.1), label(x)).toBe(true);
      else if (!within(x.c.memoryRatio, 0.1)) expect(memoryKnownMiss(x.row), label(x)).toBeDefined();
    }
  });

  it("predicts both stacks' memory within ±5% for the Llama 3 8B and 70B layer shapes (d = 4096, 8192), wider than any row the memory model was checked on before", () => {
    const wide = compared.filter(({row}) => row.d_model >= 4096);
    expect(wide).toHaveLength(30);
    for (const x of wide) expect(within(x.c.memoryRatio, 0.05), label(x)).toBe(true);
  });

  it("predicts compiled memory (fused loss, 4 bytes per logit) within ±10% for every step but GPT-2 small's largest, whose logits dominate", () => {
    const misses = compared.filter(({row, c}) => row.stack === "pytorch-compile" && !within(c.memoryRatio, 0.1)).map(label);
    expect(misses).toEqual(["gpt2-small s=2048 b=8 pytorch-compile"]);
  });

  it("meets the issue's memory target: ≥ 90% of the measured steps within ±10% in each stack", () => {
    for (const stack of ["pytorch", "pytorch-compile"] as const) {
      const of = compared.filter(({row}) => row.stack === stack);
      expect(of.filter(({c}) => within(c.memoryRatio, 0.1)).length / of.length, stack).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("measures torch.compile saving memory wherever the logits are large: up to half the eager peak", () => {
    const eager = new Map(rows.filter((r) => r.stack === "pytorch").map((r) => [`${r.model}|${r.seq_len}|${r.micro_batch}`, r]));
    const saved = rows.filter((r) => r.stack === "pytorch-compile").map((r) => 1 - r.peak_memory_bytes! / eager.get(`${r.model}|${r.seq_len}|${r.micro_batch}`)!.peak_memory_bytes!);
    expect(Math.max(...saved)).toBeGreaterThan(0.45);
    expect(Math.min(...saved)).toBeGreaterThan(-0.01);
  });

  it("predicts the compiled step's GPU time within ±10% for every GPT-2 / TinyLlama step of ≥ 8,192 tokens (the step model counts kernels as a fused stack runs them)", () => {
    const big = compared.filter(({row}) => row.stack === "pytorch-compile" && tokens(row) >= 8192 && row.d_model <= 2048);
    expect(big).toHaveLength(19);
    for (const x of big) expect(within(x.c.timeRatio, 0.1), `${label(x)}: ${x.c.timeRatio.toFixed(3)}`).toBe(true);
  });

  it("records a gap on wide layers: compiled Llama 3 8B/70B layer shapes of ≥ 4,096 tokens run 5–20% faster than predicted, while eager ones are within ±10%", () => {
    const wide = compared.filter(({row}) => row.d_model >= 4096 && tokens(row) >= 4096);
    for (const x of wide.filter(({row}) => row.stack === "pytorch-compile")) {
      expect(x.c.timeRatio, label(x)).toBeGreaterThan(1.05);
      expect(x.c.timeRatio, label(x)).toBeLessThan(1.2);
    }
    for (const x of wide.filter(({row}) => row.stack === "pytorch")) expect(within(x.c.timeRatio, 0.1), label(x)).toBe(true);
  });

  it("records the eager gap: at ≥ 8,192 tokens eager kernels take 5–45% longer than compiled ones (most where the logits dominate, GPT-2 small), which the engine does not yet add for the pytorch stack", () => {
    const compiled = new Map(rows.filter((r) => r.stack === "pytorch-compile").map((r) => [`${r.model}|${r.seq_len}|${r.micro_batch}`, r]));
    for (const r of rows.filter((x) => x.stack === "pytorch" && tokens(x) >= 8192)) {
      const slower = r.kernel_seconds! / compiled.get(`${r.model}|${r.seq_len}|${r.micro_batch}`)!.kernel_seconds!;
      expect(slower, r.model).toBeGreaterThan(1.05);
      expect(slower, r.model).toBeLessThan(1.45);
    }
  });

  it("shows small steps of small models are host-bound: below 2,048 tokens and d ≤ 2048 the GPU is busy for at most 70% of the wall-clock step (the rest is the host issuing 700–3,500 kernels); wide layers keep it busy", () => {
    const small = compared.filter(({row}) => tokens(row) < 2048 && row.d_model <= 2048);
    for (const x of compared.filter(({row}) => tokens(row) < 2048 && row.d_model >= 4096)) expect(x.c.gpuBusyFraction, label(x)).toBeGreaterThan(0.9);
    expect(small.length).toBeGreaterThanOrEqual(8);
    for (const x of small) expect(x.c.gpuBusyFraction, label(x)).toBeLessThan(0.7);
  });
});

describe("bench/gpu/stack_steps_repeat.csv: the same grid measured again the same day", () => {
  const spec = datasetByName("gpu_stack_steps");
  const repeatSpec = {...spec, columns: spec.columns.filter((c) => c.name !== "kernels_per_step")};
  const repeat = loadCsvText(readFileSync(join(ROOT, "bench/gpu/stack_steps_repeat.csv"), "utf8"), "bench/gpu/stack_steps_repeat.csv", repeatSpec) as unknown as StackRow[];
  const key = (r: StackRow) => `${r.model}|${r.seq_len}|${r.micro_batch}|${r.stack}`;
  const first = new Map(repeat.map((r) => [key(r), r]));

  it("reproduces GPU kernel time within ±2% and peak memory within ±0.2% for every step: the engine's targets are reproducible", () => {
    expect(repeat).toHaveLength(60);
    for (const r of rows.filter((x) => first.has(key(x)))) {
      const again = first.get(key(r))!;
      expect(within(r.kernel_seconds! / again.kernel_seconds!, 0.02), key(r)).toBe(true);
      expect(within(r.peak_memory_bytes! / again.peak_memory_bytes!, 0.002), key(r)).toBe(true);
    }
  });
});

describe("bench/gpu/stack_steps_protocol.csv: the host-bound steps under two timing protocols, each run twice", () => {
  // bench/gpu/protocol.sh on one H200 (2026-12-01, second session): the 20 host-bound configurations
  // (sequence 1024/2048, micro-batch 1) with the committed protocol (warmup 2, 3 trials × 3 steps)
  // and a longer one (warmup 5, 7 trials × 5 steps), interleaved weak-a, strong-a, weak-b, strong-b.
  const spec = datasetByName("gpu_stack_steps");
  const protocolSpec = {
    ...spec,
    key: ["run", ...(spec.key ?? [])],
    columns: [
      column({name: "run", kind: "string", unit: null, required: true, description: "Which run: weak-a, strong-a, weak-b, strong-b (bench/gpu/protocol.sh order)."}),
      ...spec.columns,
      column({name: "timing", kind: "string", unit: null, required: true, description: "The timing protocol of the row."}),
      column({name: "trial_fastest_seconds", kind: "float", unit: "s", required: true, description: "Fastest timed trial, seconds per step."}),
      column({name: "trial_slowest_seconds", kind: "float", unit: "s", required: true, description: "Slowest timed trial, seconds per step."})
    ]
  };
  type ProtocolRow = StackRow & {run: string; trial_fastest_seconds: number; trial_slowest_seconds: number};
  const runs = loadCsvText(readFileSync(join(ROOT, "bench/gpu/stack_steps_protocol.csv"), "utf8"), "bench/gpu/stack_steps_protocol.csv", protocolSpec) as unknown as ProtocolRow[];
  const key = (r: StackRow) => `${r.model}|${r.seq_len}|${r.micro_batch}|${r.stack}`;
  const of = (run: string) => new Map(runs.filter((r) => r.run === run).map((r) => [key(r), r]));
  const weakA = of("weak-a"), weakB = of("weak-b"), strongA = of("strong-a"), strongB = of("strong-b");
  const apart = (a: Map<string, ProtocolRow>, b: Map<string, ProtocolRow>, field: "step_seconds" | "kernel_seconds") =>
    [...a.keys()].map((k) => Math.max(a.get(k)![field]!, b.get(k)![field]!) / Math.min(a.get(k)![field]!, b.get(k)![field]!));

  it("holds the 20 configurations in each of the four runs", () => {
    for (const run of [weakA, weakB, strongA, strongB]) expect(run.size).toBe(20);
    expect(runs.every((r) => r.micro_batch === 1 && r.seq_len <= 2048 && r.status === "ok")).toBe(true);
  });

  it("reproduces kernel time within ±1% between runs: what the GPU does is stable", () => {
    for (const ratio of [...apart(strongA, strongB, "kernel_seconds"), ...apart(weakA, weakB, "kernel_seconds")]) expect(ratio).toBeLessThan(1.01);
  });

  it("does not reproduce wall clock within ±10% even with 35 timed steps: 8 of 20 steps differ by more between two runs, and in 37 of 40 steps one trial differs from another of the same run by more than 10% (up to 1.86×)", () => {
    const strong = apart(strongA, strongB, "step_seconds");
    expect(strong.filter((r) => r > 1.1)).toHaveLength(8);
    expect(Math.max(...strong)).toBeGreaterThan(1.3);
    const trials = runs.filter((r) => r.run.startsWith("strong")).map((r) => r.trial_slowest_seconds / r.trial_fastest_seconds);
    expect(trials.filter((t) => t > 1.1)).toHaveLength(37);
    expect(Math.max(...trials)).toBeGreaterThan(1.8);
    // The longer protocol narrows the gap between runs (median 1.07× against 1.11×), without closing it.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(strong)).toBeLessThan(median(apart(weakA, weakB, "step_seconds")));
  });
});

describe("the H200's matmul and copy speeds (data/gpu_gemm.csv, gpu_hbm.csv)", () => {
  const gemm = loadDataset(datasetByName("gpu_gemm"), ROOT) as unknown as {device: string; dtype: string; m: number; n: number; k: number; tflops: number}[];
  const hbm = loadDataset(datasetByName("gpu_hbm"), ROOT) as unknown as {device: string; gbps: number}[];
  const best = (device: string) => Math.max(...gemm.filter((r) => r.device === device && r.dtype === "bf16").map((r) => r.tflops));

  it("runs bf16 matmuls as fast as the H100 (same GH100 compute, same 989 TFLOP/s dense peak), so the H100's matmul efficiencies carry over", () => {
    expect(h200.peakFlopsPerSecond.bf16).toBe(h100.peakFlopsPerSecond.bf16);
    expect(within(best("NVIDIA H200") / best("NVIDIA H100 80GB HBM3"), 0.03)).toBe(true);
  });

  it("runs FP8 (E4M3) products at best at 71.9% of the 1,979 TFLOP/s dense FP8 peak — the engine's H200 FP8 MAMF, one point from Bekman's 70.9% on the H100", () => {
    const fp8 = gemm.filter((r) => r.device === "NVIDIA H200" && r.dtype === "fp8");
    expect(fp8.length).toBeGreaterThanOrEqual(40);
    const bestShare = Math.max(...fp8.map((r) => r.tflops)) * 1e12 / h200.peakFlopsPerSecond.fp8!;
    expect(bestShare).toBeCloseTo(mamfEfficiency(h200, "fp8"), 3);
    expect(Math.abs(bestShare - mamfEfficiency(h100, "fp8"))).toBeLessThan(0.015);
    expect(mamfEfficiency(h200, "amp-bf16")).toBe(mamfEfficiency(h100, "amp-bf16"));
  });

  it("copies at 0.89 of its datasheet's 4.8 TB/s", () => {
    const copy = Math.max(...hbm.filter((r) => r.device === "NVIDIA H200").map((r) => r.gbps)) * 1e9 / h200.hbmBytesPerSecond;
    expect(copy).toBeGreaterThan(0.87);
    expect(copy).toBeLessThan(0.91);
  });
});
