import {describe, expect, it} from "vitest";
import {DEFAULT_MFU_RANGE_FACTORS, gpuSpecFromRecord, validateTrainingRuns} from "../../src/engine/index.js";
import type {GpuRecord, TrainingRunRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";

const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const runs = loadWithReferences("training_runs") as unknown as TrainingRunRecord[];
const table = validateTrainingRuns(runs, gpus);
const complete = table.filter((r) => r.complete);

describe("validateTrainingRuns against data/training_runs.csv", () => {
  it("returns one row per run, with nulls where inputs are missing", () => {
    expect(table.length).toBe(runs.length);
    for (const r of table.filter((x) => !x.complete)) expect(r.ratio).toBeNull();
  });

  it("has at least three runs with every input (params, tokens, GPU, MFU, GPU-hours)", () => {
    expect(complete.map((r) => r.id)).toEqual(expect.arrayContaining(["gopher-280b", "palm-540b"]));
    expect(complete.length).toBeGreaterThanOrEqual(3);
  });

  it("predicts reported GPU-hours from reported MFU to within the run's overheads: reported ÷ predicted in [0.9, 1.6]", () => {
    for (const r of complete) {
      expect(r.ratio!, r.id).toBeGreaterThanOrEqual(0.9);
      expect(r.ratio!, r.id).toBeLessThanOrEqual(1.6);
    }
  });

  it("the default MFU band [0.65, 1.1] × MFU covers the whole-run utilisation of every complete run", () => {
    for (const r of complete) {
      const relative = r.impliedUtilisation! / r.mfuReported!;
      expect(relative, r.id).toBeGreaterThanOrEqual(DEFAULT_MFU_RANGE_FACTORS.low);
      expect(relative, r.id).toBeLessThanOrEqual(DEFAULT_MFU_RANGE_FACTORS.high);
    }
  });

  it("reproduces LLaMA-65B's implied utilisation: 6·65.2B·1.4T over 1,022,362 A100-hours ≈ 48% of 312 TFLOP/s", () => {
    const llama = table.find((r) => r.id === "llama-65b")!;
    expect(llama.impliedUtilisation).toBeCloseTo((6 * 65.2e9 * 1.4e12) / (1_022_362 * 3600 * 312e12), 9);
    expect(llama.impliedUtilisation!).toBeGreaterThan(0.45);
    expect(llama.impliedUtilisation!).toBeLessThan(0.5);
  });

  it("implied whole-run utilisation is a plausible fraction (5%–70%) wherever it can be computed", () => {
    for (const r of table.filter((x) => x.impliedUtilisation !== null)) {
      expect(r.impliedUtilisation!, r.id).toBeGreaterThan(0.05);
      expect(r.impliedUtilisation!, r.id).toBeLessThan(0.7);
    }
  });
});
