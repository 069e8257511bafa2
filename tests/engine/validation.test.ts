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

  it("every run without a ratio says which facts are missing, in words; a complete run says none", () => {
    for (const r of table) {
      if (r.complete) expect(r.missing, r.id).toBeNull();
      else expect(r.missing, r.id).toMatch(/^(parameter count|training tokens|the accelerator's exact model|accelerator |a 16-bit peak|reported MFU|reported GPU-hours)/);
    }
    const byId = (id: string) => table.find((r) => r.id === id)!;
    // GPT-3: Patterson's assumed V100 count and days, but no exact V100 model.
    expect(byId("gpt-3-175b").missing).toBe("the accelerator's exact model (the source does not pin it down: data/training_runs.csv parse_notes)");
    // LLaMA-7B: A100-hours and everything else published, but no MFU.
    expect(byId("llama-7b").missing).toBe("reported MFU (the source gives none)");
    // MT-NLG: an MFU but no GPU-hours.
    expect(byId("mt-nlg-530b").missing).toBe("reported GPU-hours (neither accelerator-hours nor accelerator count and wall-clock days are published)");
    const invented = validateTrainingRuns([{id: "x", model: "X", params_total: null, params_active: null, tokens: null, gpu_id: "h900", accelerator_count: null, wall_clock_days: null, accelerator_hours: null, mfu_reported: null}], gpus)[0]!;
    expect(invented.missing).toBe("parameter count (not published as one figure: parse_notes), training tokens (not published as one figure: parse_notes), accelerator h900 (not in data/gpus.csv), reported MFU (the source gives none), reported GPU-hours (neither accelerator-hours nor accelerator count and wall-clock days are published)");
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
