import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {gpuSpecFromRecord} from "../../src/engine/gpu.js";
import type {GpuRecord} from "../../src/engine/gpu.js";
import type {MeasuredStepRow} from "../../src/engine/perf/measured.js";
import type {CalibrationPoint} from "../../src/components/calibrationCharts.js";
import {CALIBRATION_FILTER_DEFAULTS, filterCalibrationPoints, measuredGpu} from "../../src/components/calibrationSelection.js";

const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const steps = loadWithReferences("gpu_training_steps") as unknown as (MeasuredStepRow & {device: string})[];

describe("measuredGpu", () => {
  it("finds the H100 SXM5 row for PyTorch's \"NVIDIA H100 80GB HBM3\", the device of data/gpu_training_steps.csv", () => {
    expect(measuredGpu(steps, gpus).id).toBe("h100-sxm5-80gb");
  });

  it("refuses a device data/gpus.csv has no row for", () => {
    expect(() => measuredGpu([{device: "NVIDIA B300"}], gpus)).toThrow(/NVIDIA B300/);
  });
});

describe("filterCalibrationPoints", () => {
  // Only the row's precision and model matter to the filter.
  const points = steps.map((row) => ({row}) as unknown as CalibrationPoint);

  it("keeps every point at the page's defaults (both precisions, all five models)", () => {
    expect(filterCalibrationPoints(points, CALIBRATION_FILTER_DEFAULTS)).toEqual(points);
  });

  it("keeps one precision and one model when both are chosen", () => {
    const chosen = filterCalibrationPoints(points, {precision: "fp32", model: "gpt2-small"});
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.every((p) => p.row.precision === "fp32" && p.row.model === "gpt2-small")).toBe(true);
    expect(chosen).toEqual(points.filter((p) => p.row.precision === "fp32" && p.row.model === "gpt2-small"));
  });
});
