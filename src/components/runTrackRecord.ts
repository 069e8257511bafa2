// The engine's whole-run track record: each published run of data/training_runs.csv whose
// architecture (data/models.csv, linked by training_run_id), accelerator, count and tokens are
// known, predicted WITHOUT its reported MFU (engine runPrediction.ts) and set beside the GPU-hours
// the authors reported. Pure: rows in, rows out (the CLI's `validate` and the pages share it).
import {PUBLISHED_RUN_LAYOUTS, predictRunGpuHours} from "../engine/runPrediction.js";
import {residualBand} from "../engine/runBand.js";
import {gpuCountOf} from "../engine/parallelism.js";
import type {GpuSpec, Precision} from "../engine/types.js";
import type {TrainingRunRecord} from "../engine/validateRuns.js";
import type {ModelRecord} from "./models.js";
import {modelSpecFromRecord} from "./models.js";

/** The columns of data/training_runs.csv read here (nulls for blanks): the engine's validation
 * record's columns, and the precision. */
export interface RunRecord extends Pick<TrainingRunRecord,
  "id" | "model" | "tokens" | "gpu_id" | "accelerator_count" | "wall_clock_days" | "accelerator_hours" | "mfu_reported"> {
  precision: string | null;
}

export interface TrackRecordRow {
  id: string;
  model: string;
  gpuId: string | null;
  reportedGpuHours: number | null;
  predictedGpuHours: number | null;
  predictedMfu: number | null;
  /** Reported MFU, shown beside the prediction; never used by it. */
  mfuReported: number | null;
  /** reported ÷ predicted GPU-hours. */
  ratio: number | null;
  layoutSource: "published" | "planned" | null;
  layout: string | null;
  /** Why the run is not predicted, when it is not. */
  missing: string | null;
}

/** Reported accelerator-hours, else count × days × 24 (the source's own product). */
export function reportedGpuHours(r: RunRecord): number | null {
  if (r.accelerator_hours !== null) return r.accelerator_hours;
  return r.accelerator_count !== null && r.wall_clock_days !== null ? r.accelerator_count * r.wall_clock_days * 24 : null;
}

/** FP8 where the run's precision cell says so (DeepSeek-V3), else BF16 with fp32 master weights. */
function precisionOf(r: RunRecord): Precision {
  return /fp8/i.test(r.precision ?? "") ? "fp8" : "bf16-master-fp32";
}

/** The engine's whole-run estimate of one run, whatever was reported about its GPU-hours. */
export interface RunEstimate {
  id: string;
  gpuId: string | null;
  accelerators: number | null;
  predictedGpuHours: number | null;
  predictedMfu: number | null;
  layoutSource: "published" | "planned" | null;
  layout: string | null;
  /** Share of wall-clock time assumed to train (the goodput factor the hours are divided by). */
  effectiveTrainingTime: number | null;
  /** Inputs the run row or its model row lacks (architecture, accelerator, count, tokens). */
  missingInputs: string[];
  /** Why the engine refused a run whose inputs are all there (no layout fits, ...). */
  refusal: string | null;
}

/** Predicts one run WITHOUT its reported MFU or GPU-hours: the inputs are the architecture, accelerator, count and tokens. */
export function predictRun(r: RunRecord, models: readonly ModelRecord[], gpus: readonly GpuSpec[]): RunEstimate {
  const record = models.find((m) => m.training_run_id === r.id);
  const gpu = gpus.find((g) => g.id === r.gpu_id);
  // A published layout says how many accelerators ran, where the run row leaves the count blank.
  const published = PUBLISHED_RUN_LAYOUTS[r.id];
  const accelerators = r.accelerator_count ?? (published ? gpuCountOf(published.parallelism) : null);
  const missingInputs = [
    record ? null : "architecture (no data/models.csv row links this run)",
    gpu ? null : "accelerator",
    accelerators === null ? "accelerator count" : null,
    r.tokens === null ? "tokens" : null
  ].filter((x): x is string => x !== null);
  const none = {id: r.id, gpuId: r.gpu_id, accelerators, predictedGpuHours: null, predictedMfu: null, layoutSource: null, layout: null, effectiveTrainingTime: null, missingInputs};
  if (missingInputs.length > 0 || !record || !gpu || accelerators === null || r.tokens === null) return {...none, refusal: null};
  try {
    const p = predictRunGpuHours({
      id: r.id,
      model: modelSpecFromRecord(record),
      gpu,
      accelerators,
      tokens: r.tokens,
      globalBatchTokens: record.batch_tokens_millions === null ? null : record.batch_tokens_millions * 1e6,
      precision: precisionOf(r)
    });
    const l = p.layout;
    return {
      ...none,
      predictedGpuHours: p.gpuHours,
      predictedMfu: p.mfu,
      layoutSource: p.layoutSource,
      layout: `tp ${l.tp} × pp ${l.pp} × dp ${l.dp}${(l.cp ?? 1) > 1 ? ` × cp ${l.cp}` : ""}${(l.ep ?? 1) > 1 ? `, ep ${l.ep}` : ""}, ZeRO-${l.zeroStage}, ${l.recompute} recomputation`,
      effectiveTrainingTime: p.effectiveTrainingTime,
      refusal: null
    };
  } catch (error) {
    return {...none, refusal: error instanceof Error ? error.message : String(error)};
  }
}

export function runTrackRecord(runs: readonly RunRecord[], models: readonly ModelRecord[], gpus: readonly GpuSpec[]): TrackRecordRow[] {
  return runs.map((r) => {
    const base = {id: r.id, model: r.model, gpuId: r.gpu_id, reportedGpuHours: reportedGpuHours(r), mfuReported: r.mfu_reported};
    const none = {predictedGpuHours: null, predictedMfu: null, ratio: null, layoutSource: null, layout: null};
    const e = predictRun(r, models, gpus);
    const missing = [...e.missingInputs, base.reportedGpuHours === null ? "reported GPU-hours" : null].filter((x): x is string => x !== null);
    if (missing.length > 0) return {...base, ...none, missing: missing.join(", ")};
    if (e.predictedGpuHours === null) return {...base, ...none, missing: e.refusal ?? "no estimate"};
    return {
      ...base,
      predictedGpuHours: e.predictedGpuHours,
      predictedMfu: e.predictedMfu,
      ratio: (base.reportedGpuHours as number) / e.predictedGpuHours,
      layoutSource: e.layoutSource,
      layout: e.layout,
      missing: null
    };
  });
}

/** The empirical band of a track record's predicted rows (engine residualBand), or null with fewer than 3. */
export function trackRecordBand(rows: readonly TrackRecordRow[]): ReturnType<typeof residualBand> | null {
  const ratios = rows.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
  return ratios.length < 3 ? null : residualBand(ratios);
}
