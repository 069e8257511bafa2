// Whole-run GPU-hours predicted without the reported MFU, against the reported GPU-hours.
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {PUBLISHED_EFFECTIVE_TRAINING_TIME, PUBLISHED_RUN_LAYOUTS, gpuSpecFromRecord, predictRunGpuHours, quantile, residualBand} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {reportedGpuHours, runTrackRecord, trackRecordBand} from "../../src/components/runTrackRecord.js";
import type {RunRecord} from "../../src/components/runTrackRecord.js";
import type {ModelRecord} from "../../src/components/models.js";

const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const runs = loadWithReferences("training_runs") as unknown as RunRecord[];
const models = loadWithReferences("models") as unknown as ModelRecord[];
const table = runTrackRecord(runs, models, gpus);
const predicted = table.filter((r) => r.ratio !== null);

describe("quantiles and the residual band", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1, 12);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });
  it("brackets the median with the 10th and 90th percentiles", () => {
    const band = residualBand([0.5, 0.8, 1, 1.2, 2]);
    expect(band.p10).toBeLessThanOrEqual(band.median);
    expect(band.median).toBe(1);
    expect(band.p90).toBeGreaterThanOrEqual(band.median);
    expect(band.runs).toBe(5);
  });
});

describe("whole runs predicted without their reported MFU", () => {
  it("uses a goodput factor from the published effective training time (> 90%), not a fit", () => {
    expect(PUBLISHED_EFFECTIVE_TRAINING_TIME).toBe(0.9);
    const row = table.find((r) => r.id === "llama-3-1-405b")!;
    expect(row.layoutSource).toBe("published");
    const model = models.find((m) => m.training_run_id === "llama-3-1-405b")!;
    expect(model).toBeDefined();
  });

  it("never reads the reported MFU: the prediction is the same with it blanked", () => {
    const blanked = runTrackRecord(runs.map((r) => ({...r, mfu_reported: null})), models, gpus);
    for (const r of predicted) expect(blanked.find((b) => b.id === r.id)!.predictedGpuHours).toBe(r.predictedGpuHours);
  });

  it("predicts Llama 3.1 405B on its published layout (16,384 H100s) within 25% of the reported GPU-hours", () => {
    const row = table.find((r) => r.id === "llama-3-1-405b")!;
    expect(row.layout).toMatch(/tp 8 × pp 16 × dp 128/);
    expect(row.ratio!).toBeGreaterThan(0.8);
    expect(row.ratio!).toBeLessThan(1.25);
  });

  it("divides steady-state hours by the goodput factor", () => {
    const l = PUBLISHED_RUN_LAYOUTS["llama-3-1-405b"]!;
    const model = models.find((m) => m.training_run_id === "llama-3-1-405b")!;
    const input = {id: "llama-3-1-405b", model: {params: model.params_billions * 1e9, layers: model.layers, dModel: model.d_model, heads: model.heads, kvHeads: model.kv_heads, ffnDim: model.ffn_dim, ffnKind: model.ffn_kind, vocab: model.vocab, seqLen: model.seq_len}, gpu: gpus.find((g) => g.id === "h100-sxm5-80gb")!, accelerators: 16384, tokens: 15.6e12, globalBatchTokens: l.parallelism.globalBatchTokens!, precision: "bf16-master-fp32" as const};
    const p = predictRunGpuHours(input);
    expect(p.gpuHours).toBeCloseTo(p.steadyGpuHours / 0.9, 6);
    expect(predictRunGpuHours({...input, effectiveTrainingTime: 1}).gpuHours).toBeCloseTo(p.steadyGpuHours, 6);
  });

  it("predicts at least 5 runs and says, for every other run, what is missing", () => {
    expect(predicted.length).toBeGreaterThanOrEqual(5);
    for (const r of table.filter((x) => x.ratio === null)) expect(r.missing, r.id).toMatch(/\w/);
    for (const r of predicted) {
      expect(r.predictedMfu!, r.id).toBeGreaterThan(0);
      expect(r.predictedMfu!, r.id).toBeLessThan(1);
      expect(r.ratio!, r.id).toBeCloseTo(reportedGpuHours(runs.find((x) => x.id === r.id)!)! / r.predictedGpuHours!, 9);
    }
  });

  it("computes the empirical band from these residuals, and it brackets 1 (no constant was fitted to shift it)", () => {
    const band = trackRecordBand(table)!;
    expect(band.runs).toBe(predicted.length);
    expect(band.p10).toBeLessThan(1);
    expect(band.p90).toBeGreaterThan(1);
    expect(trackRecordBand(table.slice(0, 0))).toBeNull();
  });
});
