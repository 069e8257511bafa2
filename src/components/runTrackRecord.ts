// The engine's whole-run track record: each published run of data/training_runs.csv whose
// architecture (data/models.csv, linked by training_run_id), accelerator, count and tokens are
// known, predicted WITHOUT its reported MFU (engine runPrediction.ts) and set beside the GPU-hours
// the authors reported. Pure: rows in, rows out (the CLI's `validate` and the pages share it).
import {parseBatchRamp, predictRunGpuHours} from "../engine/runPrediction.js";
import type {PublishedLayoutPins, RunAttentionKernel, RunLayerKernels, RunLossKernel} from "../engine/runPrediction.js";
import {medianAbsLogRatio, quantile, residualBand, wholeRunCorrection} from "../engine/runBand.js";
import type {WholeRunCorrection} from "../engine/runBand.js";
import {isHeldOutRun} from "../engine/runSplit.js";
import {RUN_KNOWN_MISSES} from "../engine/runKnownMisses.js";
import type {RunGoodput} from "../engine/runGoodput.js";
import type {GpuSpec, Precision, Recompute, Stack, ZeroStage} from "../engine/types.js";
import type {TrainingRunRecord} from "../engine/validateRuns.js";
import type {ModelRecord} from "./models.js";
import {modelSpecFromRecord} from "./models.js";
import {GIGA} from "../engine/units.js";

/** The columns of data/training_runs.csv read here (nulls for blanks): the engine's validation
 * record's columns, and the precision. */
export interface RunRecord extends Pick<TrainingRunRecord,
  "id" | "model" | "tokens" | "gpu_id" | "accelerator_count" | "wall_clock_days" | "accelerator_hours" | "mfu_reported"> {
  precision: string | null;
}

/** The columns of data/run_layouts.csv (nulls for blanks). */
export interface RunLayoutRecord {
  run_id: string;
  accelerators: number | null;
  pods: number | null;
  tp: number | null;
  /** The engine stack the run's framework maps to (blank = megatron) and why (data/run_layouts.csv). */
  stack?: string | null;
  stack_source?: string | null;
  /** Tensor parallelism published as used, its degree not (tp blank). */
  tensor_parallel?: boolean | null;
  pp: number | null;
  dp: number | null;
  cp: number | null;
  ep: number | null;
  zero_stage: number | null;
  micro_batch: number | null;
  recompute: string | null;
  virtual_stages: number | null;
  sequence_parallel: boolean | null;
  flash_attention: boolean | null;
  /** Data-parallel collectives overlapped with compute (blank = the engine's default, on). */
  dp_overlap?: boolean | null;
  /** The training framework and where that is read (data/run_layouts.csv). */
  framework?: string | null;
  /** Inter-node GB/s per accelerator of the run's own cluster (blank = data/gpus.csv's reference node). */
  scale_out_gbps?: number | null;
  cluster_source?: string | null;
  /** The loss kernel the run's code runs (blank = the step model's fused count). */
  loss?: string | null;
  /** The attention kernel the run's code runs (blank = the step model's FlashAttention-2 rate). */
  attention_kernel?: string | null;
  attention_source?: string | null;
  /** The layer code the run ran (blank = the step model's fused Megatron layer) and where that is read. */
  layer_kernels?: string | null;
  layer_kernels_source?: string | null;
  global_batch_tokens: number | null;
  batch_ramp: string | null;
  interruptions: number | null;
  interruption_window_hours: number | null;
  hours_lost_per_interruption: number | null;
  effective_training_time_reported: number | null;
  /** The reported GPU-hours are tokens ÷ measured throughput (goodput_source cites it): no loss is charged. */
  reported_hours_steady_state?: boolean | null;
  layout_source: string;
  goodput_source: string | null;
  /** Evaluation, checkpoint pauses, rollbacks and downtime the run's config or logbook publishes (overhead_source cites them). */
  eval_interval_steps?: number | null;
  eval_batches?: number | null;
  checkpoint_interval_steps?: number | null;
  checkpoint_save_seconds?: number | null;
  repeated_steps?: number | null;
  downtime_hours?: number | null;
  overhead_source?: string | null;
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
  layoutSource: "published" | "partly published" | "planned" | null;
  layout: string | null;
  /** The layout's parallel degrees (and pods), and its memory settings: the two halves of `layout`. */
  layoutDegrees: string | null;
  layoutMemory: string | null;
  /** Where the layout's published degrees come from (data/run_layouts.csv), when any are. */
  layoutCitation: string | null;
  /** Steady-state ÷ ramped hours: the batch ramp-up's cost (1 = none modelled). */
  rampFactor: number | null;
  /** Interruption, checkpoint and evaluation losses (engine runGoodput). */
  goodput: RunGoodput | null;
  /** GPU-hours of steps repeated after rollbacks and of downtime the run itemises (engine runPrediction.ts; 0 where it reports none). */
  repeatedGpuHours: number | null;
  downtimeGpuHours: number | null;
  /** In the held-out subset (engine runSplit.ts). */
  heldOut: boolean;
  /** Why the engine misses this run, where it misses by more than RUN_MISS_THRESHOLD (engine runKnownMisses.ts). */
  knownMiss: string | null;
  /** Why the run is not predicted, when it is not. */
  missing: string | null;
}

/** The published degrees of a run_layouts row, blanks left out. */
export function layoutPins(l: RunLayoutRecord): PublishedLayoutPins {
  const pins: PublishedLayoutPins = {};
  if (l.tp !== null) pins.tp = l.tp;
  if (l.tensor_parallel !== null && l.tensor_parallel !== undefined) pins.tensorParallel = l.tensor_parallel;
  if (l.pp !== null) pins.pp = l.pp;
  if (l.dp !== null) pins.dp = l.dp;
  if (l.cp !== null) pins.cp = l.cp;
  if (l.ep !== null) pins.ep = l.ep;
  if (l.zero_stage !== null) pins.zeroStage = l.zero_stage as ZeroStage;
  if (l.micro_batch !== null) pins.microBatch = l.micro_batch;
  if (l.recompute !== null) pins.recompute = l.recompute as Recompute;
  if (l.virtual_stages !== null) pins.virtualStages = l.virtual_stages;
  if (l.sequence_parallel !== null && l.sequence_parallel !== undefined) pins.sequenceParallel = l.sequence_parallel;
  if (l.flash_attention !== null && l.flash_attention !== undefined) pins.flashAttention = l.flash_attention;
  if (l.pods !== null) pins.pods = l.pods;
  if (l.dp_overlap !== null && l.dp_overlap !== undefined) pins.dpOverlap = l.dp_overlap;
  if (l.loss !== null && l.loss !== undefined) pins.loss = l.loss as RunLossKernel;
  if (l.attention_kernel !== null && l.attention_kernel !== undefined) pins.attentionKernel = l.attention_kernel as RunAttentionKernel;
  if (l.layer_kernels !== null && l.layer_kernels !== undefined) pins.layerKernels = l.layer_kernels as RunLayerKernels;
  if (l.scale_out_gbps !== null && l.scale_out_gbps !== undefined) pins.scaleOutBytesPerSecond = l.scale_out_gbps * GIGA;
  return pins;
}

/** Reported accelerator-hours, else count × days × 24 (the source's own product). */
export function reportedGpuHours(r: RunRecord): number | null {
  if (r.accelerator_hours !== null) return r.accelerator_hours;
  return r.accelerator_count !== null && r.wall_clock_days !== null ? r.accelerator_count * r.wall_clock_days * 24 : null;
}

/** FP8 where the run's precision cell says so (DeepSeek-V3), FP16 with loss scaling where it says FP16 and not BF16 (Pythia, OPT, GLM-130B), else BF16; master weights fp32. */
export function precisionOf(r: Pick<RunRecord, "precision">): Precision {
  const text = r.precision ?? "";
  if (/fp8/i.test(text)) return "fp8";
  if (/\bfp16\b/i.test(text) && !/bf16|bfloat16/i.test(text)) return "fp16-master-fp32";
  return "bf16-master-fp32";
}

/** The engine's whole-run estimate of one run, whatever was reported about its GPU-hours. */
export interface RunEstimate {
  id: string;
  gpuId: string | null;
  accelerators: number | null;
  predictedGpuHours: number | null;
  predictedMfu: number | null;
  layoutSource: "published" | "partly published" | "planned" | null;
  layout: string | null;
  layoutDegrees: string | null;
  layoutMemory: string | null;
  rampFactor: number | null;
  goodput: RunGoodput | null;
  repeatedGpuHours: number | null;
  downtimeGpuHours: number | null;
  /** Share of wall-clock time assumed to train (the hours are divided by it). */
  effectiveTrainingTime: number | null;
  /** Inputs the run row or its model row lacks (architecture, accelerator, count, tokens). */
  missingInputs: string[];
  /** Why the engine refused a run whose inputs are all there (no layout fits, ...). */
  refusal: string | null;
}

/** Predicts one run WITHOUT its reported MFU or GPU-hours: from the architecture, accelerator, count, tokens and published layout. */
export function predictRun(r: RunRecord, models: readonly ModelRecord[], gpus: readonly GpuSpec[], layouts: readonly RunLayoutRecord[]): RunEstimate {
  const published = layouts.find((l) => l.run_id === r.id);
  const record = models.find((m) => m.training_run_id === r.id);
  const gpu = gpus.find((g) => g.id === r.gpu_id);
  // A published layout says how many accelerators ran, where the run row leaves the count blank.
  const accelerators = published?.accelerators ?? r.accelerator_count;
  const missingInputs = [
    record ? null : "architecture (no data/models.csv row links this run)",
    gpu ? null : r.gpu_id === null ? "the accelerator (its exact model is not pinned down by the source, or it has no row in data/gpus.csv: data/training_runs.csv parse_notes says which)" : `accelerator ${r.gpu_id} (not in data/gpus.csv)`,
    accelerators === null ? "accelerator count" : null,
    r.tokens === null ? "tokens (not published as one figure: parse_notes)" : null
  ].filter((x): x is string => x !== null);
  const none = {id: r.id, gpuId: r.gpu_id, accelerators, predictedGpuHours: null, predictedMfu: null, layoutSource: null, layout: null, layoutDegrees: null, layoutMemory: null, rampFactor: null, goodput: null, repeatedGpuHours: null, downtimeGpuHours: null, effectiveTrainingTime: null, missingInputs};
  if (!record || !gpu || accelerators === null || r.tokens === null) return {...none, refusal: null};
  try {
    const p = predictRunGpuHours({
      id: r.id,
      model: modelSpecFromRecord(record),
      gpu,
      accelerators,
      tokens: r.tokens,
      globalBatchTokens: published?.global_batch_tokens ?? (record.batch_tokens_millions === null ? null : record.batch_tokens_millions * 1e6),
      precision: precisionOf(r),
      ...(published?.stack ? {stack: published.stack as Stack} : {}),
      ...(published ? {layout: layoutPins(published)} : {}),
      ...(published?.batch_ramp ? {ramp: parseBatchRamp(published.batch_ramp)} : {}),
      goodput: {
        interruptions: published?.interruptions ?? null, interruptionWindowHours: published?.interruption_window_hours ?? null, hoursLostPerInterruption: published?.hours_lost_per_interruption ?? null, effectiveTrainingTimeReported: published?.effective_training_time_reported ?? null, reportedHoursSteadyState: published?.reported_hours_steady_state ?? null,
        evalIntervalSteps: published?.eval_interval_steps ?? null, evalBatches: published?.eval_batches ?? null, checkpointIntervalSteps: published?.checkpoint_interval_steps ?? null, checkpointSaveSeconds: published?.checkpoint_save_seconds ?? null
      },
      repeatedSteps: published?.repeated_steps ?? null,
      downtimeHours: published?.downtime_hours ?? null
    });
    const l = p.layout;
    // In words, as the calculator gives a layout (feasibilityFix.ts layoutWords): a reader meets
    // these tables on /methodology and /capability without the tp/pp/dp shorthand explained.
    const layoutDegrees = `tensor ${l.tp} × pipeline ${l.pp} × data ${l.dp.toLocaleString("en-US")}${(l.cp ?? 1) > 1 ? ` × context ${l.cp}` : ""}${(l.ep ?? 1) > 1 ? `, experts over ${l.ep}` : ""}${published?.pods ? `, ${published.pods} pods` : ""}${l.tp > 1 && l.sequenceParallel === false ? ", no sequence parallelism" : ""}${l.flashAttention === false ? ", no FlashAttention" : ""}`;
    const layoutMemory = `ZeRO-${l.zeroStage}, micro-batch ${l.microBatch}, ${l.recompute === "none" ? "no" : l.recompute} recomputation`;
    return {
      ...none,
      predictedGpuHours: p.gpuHours,
      predictedMfu: p.mfu,
      layoutSource: p.layoutSource,
      layout: `${layoutDegrees}, ${layoutMemory}`,
      layoutDegrees,
      layoutMemory,
      rampFactor: p.rampFactor,
      goodput: p.goodput,
      repeatedGpuHours: p.repeatedGpuHours,
      downtimeGpuHours: p.downtimeGpuHours,
      effectiveTrainingTime: p.effectiveTrainingTime,
      refusal: null
    };
  } catch (error) {
    return {...none, refusal: error instanceof Error ? error.message : String(error)};
  }
}

export function runTrackRecord(runs: readonly RunRecord[], models: readonly ModelRecord[], gpus: readonly GpuSpec[], layouts: readonly RunLayoutRecord[]): TrackRecordRow[] {
  return runs.map((r) => {
    const published = layouts.find((l) => l.run_id === r.id);
    const base = {id: r.id, model: r.model, gpuId: r.gpu_id, reportedGpuHours: reportedGpuHours(r), mfuReported: r.mfu_reported, heldOut: isHeldOutRun(r.id), layoutCitation: published?.layout_source ?? null, knownMiss: RUN_KNOWN_MISSES[r.id] ?? null};
    const none = {predictedGpuHours: null, predictedMfu: null, ratio: null, layoutSource: null, layout: null, layoutDegrees: null, layoutMemory: null, rampFactor: null, goodput: null, repeatedGpuHours: null, downtimeGpuHours: null};
    const e = predictRun(r, models, gpus, layouts);
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
      layoutDegrees: e.layoutDegrees,
      layoutMemory: e.layoutMemory,
      rampFactor: e.rampFactor,
      goodput: e.goodput,
      repeatedGpuHours: e.repeatedGpuHours,
      downtimeGpuHours: e.downtimeGpuHours,
      missing: null
    };
  });
}

/** The empirical band of a track record's predicted rows (engine residualBand), or null with fewer than 3. */
export function trackRecordBand(rows: readonly TrackRecordRow[]): ReturnType<typeof residualBand> | null {
  const ratios = rows.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
  return ratios.length < 3 ? null : residualBand(ratios);
}

/** The unattributed-overhead correction (engine wholeRunCorrection) over a track record's predicted rows, or null with fewer than 3 fit runs. */
export function trackRecordCorrection(rows: readonly TrackRecordRow[]): WholeRunCorrection | null {
  const runs = rows.flatMap((r) => (r.ratio === null ? [] : [{ratio: r.ratio, heldOut: r.heldOut}]));
  return runs.filter((r) => !r.heldOut).length < 3 ? null : wholeRunCorrection(runs);
}

/** Predicted runs and their median |ln(reported ÷ predicted)|, over all rows and over the held-out subset. */
export function trackRecordSummary(rows: readonly TrackRecordRow[]): {all: {predicted: number; medianAbsLogRatio: number | null}; heldOut: {predicted: number; medianAbsLogRatio: number | null}} {
  const of = (subset: readonly TrackRecordRow[]) => {
    const ratios = subset.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
    return {predicted: ratios.length, medianAbsLogRatio: ratios.length === 0 ? null : medianAbsLogRatio(ratios)};
  };
  return {all: of(rows), heldOut: of(rows.filter((r) => r.heldOut))};
}

/**
 * The predicted runs whose reported GPU-hours are tokens ÷ measured throughput (run_layouts.csv
 * reported_hours_steady_state: LLaMA-65B, DeepSeek-V3, OPT-175B), so hold no interruption,
 * checkpoint or evaluation time: their residual is the step model's alone. Their median beside the
 * unattributed overhead says how much of the overhead is step time rather than lost time. Null
 * when none is predicted.
 */
export function trackRecordSteadyState(rows: readonly TrackRecordRow[]): {runs: {id: string; model: string; ratio: number}[]; medianRatio: number} | null {
  const runs = rows.flatMap((r) => (r.ratio !== null && r.goodput?.interruptionSource === "steady-state reported hours" ? [{id: r.id, model: r.model, ratio: r.ratio}] : []));
  return runs.length === 0 ? null : {runs, medianRatio: quantile(runs.map((r) => r.ratio), 0.5)};
}

