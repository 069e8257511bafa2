// Interruptions of large training jobs, the checkpoint interval that minimises lost time, and
// the fraction of wall-clock time left for training. Failures are modelled as a Poisson process
// whose rate grows linearly with the number of GPUs (every GPU, with its share of host and
// network, fails independently at the same rate) — the assumption behind per-GPU MTBF figures.
import {SECONDS_PER_HOUR} from "./units.js";

function requireFinite(name: string, value: number, min: number, inclusive = true): void {
  const ok = Number.isFinite(value) && (inclusive ? value >= min : value > min);
  if (!ok) throw new RangeError(`${name} must be a finite number ${inclusive ? "≥" : ">"} ${min}, got ${value}`);
}

/** Failure rate per GPU-hour observed in a run: interruptions ÷ (GPUs × hours). */
export function failureRatePerGpuHour({interruptions, gpuCount, hours}: {interruptions: number; gpuCount: number; hours: number}): number {
  requireFinite("interruptions", interruptions, 0);
  requireFinite("gpuCount", gpuCount, 0, false);
  requireFinite("hours", hours, 0, false);
  return interruptions / (gpuCount * hours);
}

/**
 * Unexpected interruptions per GPU-hour in Llama 3 405B pre-training: 419 in a 54-day snapshot
 * on up to 16,384 H100s (Dubey et al. 2024, "The Llama 3 Herd of Models", arXiv 2407.21783,
 * Sec 3.3.4 and Table 5). "Up to" makes this a lower bound on the per-GPU rate. About 1.97e-5,
 * i.e. a per-GPU mean time between interruptions of ≈ 5.8 years, and ≈ 3.1 h for the whole job.
 */
export const LLAMA3_UNEXPECTED_INTERRUPTIONS_PER_GPU_HOUR = failureRatePerGpuHour({interruptions: 419, gpuCount: 16_384, hours: 54 * 24});

export interface InterruptionInput {
  /** Failures per GPU-hour (see LLAMA3_UNEXPECTED_INTERRUPTIONS_PER_GPU_HOUR). */
  failuresPerGpuHour: number;
  gpuCount: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
}

/** Expected interruptions of a job: rate × GPUs × hours. */
export function expectedInterruptions({failuresPerGpuHour, gpuCount, seconds}: InterruptionInput): number {
  requireFinite("failuresPerGpuHour", failuresPerGpuHour, 0);
  requireFinite("gpuCount", gpuCount, 0, false);
  requireFinite("seconds", seconds, 0);
  return failuresPerGpuHour * gpuCount * (seconds / SECONDS_PER_HOUR);
}

/** Mean time between interruptions of the whole job, seconds: 1 / (rate × GPUs). */
export function jobMtbfSeconds(failuresPerGpuHour: number, gpuCount: number): number {
  requireFinite("failuresPerGpuHour", failuresPerGpuHour, 0, false);
  requireFinite("gpuCount", gpuCount, 0, false);
  return SECONDS_PER_HOUR / (failuresPerGpuHour * gpuCount);
}

/**
 * Young's optimal checkpoint interval τ = √(2·δ·M) for checkpoint cost δ and job MTBF M
 * (Young 1974, "A first order approximation to the optimum checkpoint interval", CACM 17(9)).
 * With `daly: true`, Daly's higher-order estimate (Daly 2006, "A higher order estimate of the
 * optimum checkpoint interval for restart dumps", FGCS 22(3), Sec 3):
 * τ = √(2δM)·[1 + ⅓·√(δ/(2M)) + (δ/(2M))/9] − δ for δ < 2M, else τ = M.
 */
export function optimalCheckpointIntervalSeconds(checkpointSeconds: number, mtbfSeconds: number, options: {daly?: boolean} = {}): number {
  requireFinite("checkpointSeconds", checkpointSeconds, 0, false);
  requireFinite("mtbfSeconds", mtbfSeconds, 0, false);
  const young = Math.sqrt(2 * checkpointSeconds * mtbfSeconds);
  if (!options.daly) return young;
  if (checkpointSeconds >= 2 * mtbfSeconds) return mtbfSeconds;
  const x = checkpointSeconds / (2 * mtbfSeconds);
  return young * (1 + Math.sqrt(x) / 3 + x / 9) - checkpointSeconds;
}

export interface GoodputInput {
  /** Seconds to write one checkpoint (training paused; 0 for fully asynchronous saving). */
  checkpointSeconds: number;
  /** Checkpoint interval τ, seconds of training between checkpoints. */
  intervalSeconds: number;
  /** Job MTBF, seconds. */
  mtbfSeconds: number;
  /** Seconds from an interruption to training again (detection, replacement, restart, reload). */
  restartSeconds: number;
}

export interface Goodput {
  /** Fraction of wall-clock spent writing checkpoints: δ/(τ + δ). */
  checkpointFraction: number;
  /** Fraction lost to interruptions: (restart + work since the last checkpoint, on average (τ + δ)/2) / M. */
  failureFraction: number;
  /** 1 − both, floored at 0: the "effective training time" ratio Llama 3 and MegaScale report. */
  effectiveTimeRatio: number;
  /** Average work lost per interruption, seconds: (τ + δ)/2. */
  lostWorkPerInterruptionSeconds: number;
}

/**
 * First-order model of time lost to checkpoints and failures (Young 1974; Daly 2006 Sec 2): each
 * interruption costs a restart plus on average half a checkpoint period of re-done work.
 * BLOOM-176B checkpointed every 3 h and lost "~1.5 h of training on average per hardware crash"
 * (data/reliability.csv), the half-period this model uses.
 */
export function goodput({checkpointSeconds, intervalSeconds, mtbfSeconds, restartSeconds}: GoodputInput): Goodput {
  requireFinite("checkpointSeconds", checkpointSeconds, 0);
  requireFinite("intervalSeconds", intervalSeconds, 0, false);
  requireFinite("mtbfSeconds", mtbfSeconds, 0, false);
  requireFinite("restartSeconds", restartSeconds, 0);
  const period = intervalSeconds + checkpointSeconds;
  const lostWork = period / 2;
  const checkpointFraction = checkpointSeconds / period;
  const failureFraction = (restartSeconds + lostWork) / mtbfSeconds;
  return {
    checkpointFraction,
    failureFraction,
    effectiveTimeRatio: Math.max(0, 1 - checkpointFraction - failureFraction),
    lostWorkPerInterruptionSeconds: lostWork
  };
}
