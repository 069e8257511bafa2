// Whole-run GPU-hours predicted WITHOUT the run's reported MFU: the step-time model's MFU for the
// run's layout (published, else the planner's fastest layout that fits on the reported number of
// accelerators), divided by an explicit, cited goodput factor for time lost to failures, restarts
// and checkpoints. Set beside the reported GPU-hours, the residuals (reported ÷ predicted) are the
// engine's own track record, from which the calculator's empirical range is taken.
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, Stack} from "./types.js";
import {flopsPerToken} from "./flops.js";
import {peakTrainingFlopsPerSecond} from "./gpu.js";
import {planLayouts} from "./perf/planner.js";
import {predictStep} from "./perf/stepTime.js";
import {SECONDS_PER_HOUR} from "./units.js";
import {PUBLISHED_EFFECTIVE_TRAINING_TIME} from "./runBand.js";

/** A published layout of a training run, with where it was read. */
export interface PublishedRunLayout {
  parallelism: ParallelismSpec;
  source: string;
}

/**
 * Layouts the run papers print. Keyed by data/training_runs.csv id. Everything else is planned.
 * - llama-3-1-405b: Llama Team 2024 (arXiv 2407.21783) Table 4, 16,384 GPUs: TP 8, CP 1, PP 16,
 *   DP 128, 16 sequences of 8,192 tokens per DP group per step (16M tokens); Sec 3.3.2 (one-layer
 *   interleaved chunks: 8 virtual stages; ZeRO-2-like FSDP; no activation checkpointing).
 */
export const PUBLISHED_RUN_LAYOUTS: Readonly<Record<string, PublishedRunLayout>> = {
  "llama-3-1-405b": {
    parallelism: {tp: 8, pp: 16, dp: 128, cp: 1, zeroStage: 2, microBatch: 1, globalBatchTokens: 16 * 128 * 8192, recompute: "none", sequenceParallel: true, virtualStages: 8},
    source: "Llama Team 2024 (arXiv 2407.21783) Table 4 (16,384 GPUs: TP 8, PP 16, DP 128, 16 sequences per DP group) and Sec 3.3.2"
  }
};

export interface RunPredictionInput {
  id: string;
  model: ModelSpec;
  gpu: GpuSpec;
  accelerators: number;
  tokens: number;
  /** Tokens per optimizer step; needed when the layout is planned. */
  globalBatchTokens: number | null;
  precision: Precision;
  stack?: Stack;
  /** Share of wall-clock time that trains; default PUBLISHED_EFFECTIVE_TRAINING_TIME. */
  effectiveTrainingTime?: number;
}

export interface RunPrediction {
  mfu: number;
  layout: ParallelismSpec;
  layoutSource: "published" | "planned";
  layoutNote: string;
  /** Steady-state GPU-hours at the predicted MFU. */
  steadyGpuHours: number;
  /** Steady-state hours ÷ the effective-training-time factor. */
  gpuHours: number;
  effectiveTrainingTime: number;
}

/** Predicts a run's GPU-hours from its architecture, accelerator, count and tokens alone. Throws RangeError when it cannot. */
export function predictRunGpuHours(input: RunPredictionInput): RunPrediction {
  const effective = input.effectiveTrainingTime ?? PUBLISHED_EFFECTIVE_TRAINING_TIME;
  const published = PUBLISHED_RUN_LAYOUTS[input.id];
  let layout: ParallelismSpec;
  let mfu: number;
  let layoutNote: string;
  if (published) {
    layout = published.parallelism;
    mfu = predictStep({model: input.model, tokens: input.tokens, hardware: {gpu: input.gpu.id, count: input.accelerators}, parallelism: layout, precision: input.precision, stack: input.stack}, input.gpu).mfu;
    layoutNote = published.source;
  } else {
    if (input.globalBatchTokens === null) throw new RangeError("the global batch is not published, so no layout can be planned");
    const seqs = Math.max(1, Math.round(input.globalBatchTokens / input.model.seqLen));
    const plan = planLayouts({model: input.model, gpu: input.gpu, gpus: input.accelerators, precision: input.precision, globalBatchTokens: seqs * input.model.seqLen, useAllGpus: true, limit: 1, space: {virtualStages: [1]}, ...(input.stack ? {stack: input.stack} : {})});
    const best = plan.layouts[0];
    if (!best) throw new RangeError(`no layout of ${input.accelerators} accelerators fits this model in memory at this batch`);
    layout = best.parallelism;
    mfu = best.mfu;
    layoutNote = "not published: the planner's fastest layout that fits on the reported accelerators";
  }
  const modelFlops = flopsPerToken(input.model).modelFlops * input.tokens;
  const steadyGpuHours = modelFlops / (peakTrainingFlopsPerSecond(input.gpu, input.precision) * mfu) / SECONDS_PER_HOUR;
  return {mfu, layout, layoutSource: published ? "published" : "planned", layoutNote, steadyGpuHours, gpuHours: steadyGpuHours / effective, effectiveTrainingTime: effective};
}
