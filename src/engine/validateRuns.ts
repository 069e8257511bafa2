// The engine against published training runs: predicted GPU-hours from reported parameters,
// tokens, hardware and MFU, beside the GPU-hours the authors reported.
import type {GpuSpec} from "./types.js";
import {approxTrainingFlops} from "./flops.js";
import {peakTrainingFlopsPerSecond} from "./gpu.js";
import {SECONDS_PER_HOUR} from "./units.js";

/** The columns of data/training_runs.csv this check reads (blank cells are null). */
export interface TrainingRunRecord {
  id: string;
  model: string;
  params_total: number | null;
  params_active: number | null;
  tokens: number | null;
  gpu_id: string | null;
  accelerator_count: number | null;
  wall_clock_days: number | null;
  accelerator_hours: number | null;
  mfu_reported: number | null;
}

export interface RunValidation {
  id: string;
  model: string;
  gpuId: string | null;
  /** 6 · N(active) · D: the runs give no architecture, so the shortcut is used throughout. */
  trainingFlops: number | null;
  /** GPU-hours as reported, else accelerator count × wall-clock days × 24 (the source's own product). */
  reportedGpuHours: number | null;
  reportedGpuHoursSource: "reported" | "count × days" | null;
  mfuReported: number | null;
  /** trainingFlops / (peak × MFU): null unless FLOPs, GPU and MFU are all known. */
  predictedGpuHours: number | null;
  /** reported ÷ predicted: > 1 when the run spent time on more than steady-state training steps. */
  ratio: number | null;
  /** trainingFlops / (reported GPU-hours × peak): the whole-run utilisation the report implies. */
  impliedUtilisation: number | null;
  /** Every input for a prediction and a reported figure is present. */
  complete: boolean;
  /** What keeps an incomplete run from its ratio, in words, each fact once ("reported MFU (the source gives none), …"); null when complete. */
  missing: string | null;
}

/**
 * Compares each run's reported GPU-hours with trainingFlops / (dense 16-bit peak × reported
 * MFU). Peak is the BF16 (else FP16) dense datasheet figure of the run's accelerator, the
 * convention of the published MFUs (Chowdhery et al. 2022, PaLM, Appendix B). Rows with
 * missing inputs are kept, with nulls, so a reader sees what is missing.
 */
export function validateTrainingRuns(rows: readonly TrainingRunRecord[], gpus: readonly GpuSpec[]): RunValidation[] {
  return rows.map((r) => {
    const params = r.params_active ?? r.params_total;
    const trainingFlops = params !== null && r.tokens !== null ? approxTrainingFlops(params, r.tokens) : null;
    const gpu = r.gpu_id === null ? undefined : gpus.find((g) => g.id === r.gpu_id);
    const peak = gpu ? safePeak(gpu) : null;
    let reportedGpuHours: number | null = null;
    let reportedGpuHoursSource: RunValidation["reportedGpuHoursSource"] = null;
    if (r.accelerator_hours !== null) {
      reportedGpuHours = r.accelerator_hours;
      reportedGpuHoursSource = "reported";
    } else if (r.accelerator_count !== null && r.wall_clock_days !== null) {
      reportedGpuHours = r.accelerator_count * r.wall_clock_days * 24;
      reportedGpuHoursSource = "count × days";
    }
    const predictedGpuHours =
      trainingFlops !== null && peak !== null && r.mfu_reported !== null && r.mfu_reported > 0
        ? trainingFlops / (peak * r.mfu_reported) / SECONDS_PER_HOUR
        : null;
    const impliedUtilisation =
      trainingFlops !== null && peak !== null && reportedGpuHours !== null ? trainingFlops / (reportedGpuHours * SECONDS_PER_HOUR * peak) : null;
    const ratio = predictedGpuHours !== null && reportedGpuHours !== null ? reportedGpuHours / predictedGpuHours : null;
    const missing = [
      params === null ? "parameter count (not published as one figure: parse_notes)" : null,
      r.tokens === null ? "training tokens (not published as one figure: parse_notes)" : null,
      r.gpu_id === null
        ? "the accelerator's exact model (the source does not pin it down: data/training_runs.csv parse_notes)"
        : !gpu ? `accelerator ${r.gpu_id} (not in data/gpus.csv)`
        : peak === null ? `a 16-bit peak for the ${gpu.name} (data/gpus.csv lists none)` : null,
      r.mfu_reported === null || !(r.mfu_reported > 0) ? "reported MFU (the source gives none)" : null,
      reportedGpuHours === null ? "reported GPU-hours (neither accelerator-hours nor accelerator count and wall-clock days are published)" : null
    ].filter((x): x is string => x !== null);
    return {
      id: r.id,
      model: r.model,
      gpuId: r.gpu_id,
      trainingFlops,
      reportedGpuHours,
      reportedGpuHoursSource,
      mfuReported: r.mfu_reported,
      predictedGpuHours,
      ratio,
      impliedUtilisation,
      complete: ratio !== null,
      missing: ratio !== null ? null : missing.join(", ")
    };
  });
}

function safePeak(gpu: GpuSpec): number | null {
  try {
    return peakTrainingFlopsPerSecond(gpu, "bf16-master-fp32");
  } catch {
    return null;
  }
}
