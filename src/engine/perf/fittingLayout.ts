// What would make an infeasible run feasible: the fewest GPUs (in powers of two) on which some
// legal layout fits in memory, found with the planner, and that layout.
import type {GpuSpec, ModelSpec, Precision, Stack} from "../types.js";
import {PRECISION_BYTES} from "../precision.js";
import {planLayouts} from "./planner.js";
import type {PlanSpace, RankedLayout} from "./planner.js";

export interface FittingLayoutRequest {
  model: ModelSpec;
  gpu: GpuSpec;
  precision: Precision;
  /** Tokens per optimizer step; rounded to whole sequences (at least one). */
  globalBatchTokens: number;
  /** Search up to this many GPUs. */
  maxGpus: number;
  /** Start the search here (default 1). */
  minGpus?: number;
  /** Candidate values per dimension (the planner's defaults otherwise): a page offers only the layouts its controls can set. */
  space?: PlanSpace;
  /** The training software, for memory and step time (default "megatron"). */
  stack?: Stack;
}

/**
 * The fastest layout that fits on the fewest GPUs among 1, 2, 4, … ≤ maxGpus (the planner ranks
 * layouts by step time and keeps those whose memory fits, planner.ts), or null when none fits or
 * the step-time model cannot time this chip in this precision.
 */
export function fewestGpusLayout(req: FittingLayoutRequest): RankedLayout | null {
  const seqs = Math.max(1, Math.round(req.globalBatchTokens / req.model.seqLen));
  for (let gpus = Math.max(1, 2 ** Math.ceil(Math.log2(req.minGpus ?? 1))); gpus <= req.maxGpus; gpus *= 2) {
    try {
      const plan = planLayouts({model: req.model, gpu: req.gpu, gpus, precision: req.precision, globalBatchTokens: seqs * req.model.seqLen, limit: 1, ...(req.space ? {space: req.space} : {}), ...(req.stack ? {stack: req.stack} : {})});
      if (plan.layouts[0]) return plan.layouts[0];
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * A lower bound on the GPUs that can hold the model at all: weights, gradients and optimizer
 * state (precision.ts bytes per parameter) sharded over every GPU, as ZeRO-3 does, with no room
 * left for activations. For chips the step-time model cannot time, where the planner cannot run.
 */
export function modelStateGpuLowerBound(model: ModelSpec, gpu: GpuSpec, precision: Precision): number {
  const b = PRECISION_BYTES[precision];
  return Math.ceil((model.params * (b.weightBytesPerParam + b.gradientBytesPerParam + b.optimizerBytesPerParam)) / gpu.hbmBytes);
}
