// Which measured steps the calibration page shows (src/calibration.md): the GPU they ran on, and
// the precision and model filters with their defaults, which the page's address controls declare
// and its first view (scripts/firstViews/pages/calibration.ts) draws with. No DOM.
import {DEVICE_GPU_IDS} from "../engine/perf/measured.js";
import type {GpuSpec} from "../engine/types.js";
import type {CalibrationPoint} from "./calibrationCharts.js";

/** The precision filter's values: both precisions, or one (data/gpu_training_steps.csv `precision`). */
export const PRECISION_FILTERS = ["all", "amp-bf16", "fp32"] as const;
export type PrecisionFilter = (typeof PRECISION_FILTERS)[number];

export interface CalibrationFilters {
  precision: PrecisionFilter;
  /** "all", or one of calibrationCharts.ts MODEL_ORDER. */
  model: string;
}

/** The page's filters as a reader first sees them: every measured step. */
export const CALIBRATION_FILTER_DEFAULTS: Readonly<CalibrationFilters> = {precision: "all", model: "all"};

/**
 * The accelerator the steps were measured on (every row of data/gpu_training_steps.csv names the
 * same device; DEVICE_GPU_IDS maps its name to data/gpus.csv).
 */
export function measuredGpu(steps: readonly {device: string}[], gpus: readonly GpuSpec[]): GpuSpec {
  const device = steps[0]?.device;
  const gpu = device === undefined ? undefined : gpus.find((g) => g.id === DEVICE_GPU_IDS[device]);
  if (gpu === undefined) throw new Error(`calibration: no data/gpus.csv row for the measured device ${JSON.stringify(device)} (DEVICE_GPU_IDS)`);
  return gpu;
}

/** The points that pass the filters. */
export function filterCalibrationPoints(points: readonly CalibrationPoint[], {precision, model}: CalibrationFilters): CalibrationPoint[] {
  return points.filter((p) => (precision === "all" || p.row.precision === precision) && (model === "all" || p.row.model === model));
}
