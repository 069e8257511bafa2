// Models whose heads have a width of their own, built and trained on the lent H200 after
// ModelSpec.headDim was written (bench/gpu/calibrate.py --head-dim-column, 2026-12-03): Qwen3 32B
// (64 heads of 128 on 5,120), Gemma 7B (16 of 256 on 3,072), Gemma 2 9B (16 of 256 on 3,584) and
// Mistral NeMo 12B (32 of 128 on 5,120, narrower than the residual), 4 layers each, one H200, eager
// and torch.compile. A test set: nothing in the engine was fitted on these rows.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {REPO_ROOT} from "../../../loaders/compile.js";
import {loadCsvText} from "../../../loaders/load.js";
import {gpuHeadDimSteps} from "../../../loaders/datasets/gpuStackCalibration.js";
import {CALIBRATE_PY_MEMORY, measuredStepSpec, memoryPerGpu, parameterCount, predictEagerStep} from "../../../src/engine/index.js";
import type {MeasuredStepRow, Stack} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

type Row = MeasuredStepRow & {stack: Stack; head_dim: number; device: string};
const load = (path: string): Row[] => loadCsvText(readFileSync(join(REPO_ROOT, path), "utf8"), path, gpuHeadDimSteps) as unknown as Row[];
const rows = load("bench/gpu/head_dim_steps.csv");
const repeat = load("bench/gpu/head_dim_steps_repeat.csv");
const h200 = gpu("h200-sxm-141gb");
const key = (r: Row) => `${r.model} s${r.seq_len} b${r.micro_batch} ${r.stack}`;
const timeRatio = (r: Row) =>
  predictEagerStep(measuredStepSpec(r, h200.id, r.stack), h200, {optimizer: "fused", kernels: r.stack === "pytorch" ? "eager" : "compiled"}).secondsPerStep / r.step_seconds!;
const memoryRatio = (r: Row) => memoryPerGpu(measuredStepSpec(r, h200.id, r.stack), CALIBRATE_PY_MEMORY).total / r.peak_memory_bytes!;
const within10 = (x: number) => Math.abs(x - 1) <= 0.1;

describe("bench/gpu/head_dim_steps.csv: heads of their own width on one H200 (a test set)", () => {
  it("holds the 32 steps it says (4 models × 2 sequence lengths × 2 micro-batches × eager and compiled), every one measured, every row's head_dim set apart from d_model / heads", () => {
    expect(rows).toHaveLength(32);
    expect(rows.every((r) => r.status === "ok" && r.device === "NVIDIA H200")).toBe(true);
    expect(rows.every((r) => r.heads * r.head_dim !== r.d_model)).toBe(true);
  });

  it("the count from the shape equals the parameters PyTorch built, to the weight, with headDim, and misses by 1.3–4.0% without it", () => {
    for (const r of rows) {
      const spec = measuredStepSpec(r, h200.id, r.stack).model;
      expect(spec.headDim, key(r)).toBe(r.head_dim);
      expect(parameterCount(spec).total, key(r)).toBe(r.params);
      const {headDim, ...without} = spec;
      void headDim;
      const off = Math.abs(parameterCount(without).total / r.params - 1);
      expect(off, key(r)).toBeGreaterThan(0.012);
      expect(off, key(r)).toBeLessThan(0.041);
    }
  });

  it("memory: every eager step within ±10% of the peak PyTorch allocated; compiled steps too, but Gemma 2 9B's one-sequence steps (−12%, not yet explained)", () => {
    const misses = rows.filter((r) => !within10(memoryRatio(r))).map(key).sort();
    expect(misses).toEqual(["gemma-2-9b-4l s1024 b1 pytorch-compile", "gemma-2-9b-4l s2048 b1 pytorch-compile"]);
    for (const r of rows) expect(memoryRatio(r), key(r)).toBeGreaterThan(0.87);
  });

  it("step time: every compiled step within ±10%; eager within ±10% except Gemma's steps of 4,096 and 8,192 tokens (over-predicted 11–26%: both 256,000-token vocabularies, not yet explained)", () => {
    const misses = rows.filter((r) => !within10(timeRatio(r))).map(key).sort();
    expect(misses).toEqual(["gemma-2-9b-4l s1024 b4 pytorch", "gemma-2-9b-4l s2048 b4 pytorch", "gemma-7b-4l s1024 b4 pytorch", "gemma-7b-4l s2048 b1 pytorch", "gemma-7b-4l s2048 b4 pytorch"]);
    for (const r of rows) expect(timeRatio(r), key(r)).toBeLessThan(1.3);
    for (const r of rows.filter((r) => r.stack === "pytorch-compile" || !r.model.startsWith("gemma"))) expect(within10(timeRatio(r)), key(r)).toBe(true);
  });

  it("a second run of the eager grid the same hour agrees within 2.5% on every step time and to the byte on memory: the misses above are the model's, not the measurement's", () => {
    expect(repeat).toHaveLength(16);
    for (const r of repeat) {
      const first = rows.find((f) => key(f) === key(r))!;
      expect(Math.abs(r.step_seconds! / first.step_seconds! - 1), key(r)).toBeLessThan(0.025);
      expect(r.peak_memory_bytes, key(r)).toBe(first.peak_memory_bytes);
    }
  });
});
