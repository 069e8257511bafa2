// Time a whole training run loses beside its steady-state steps, as explicit factors, each with
// its source: interruptions (failures and planned restarts), checkpoint pauses, evaluation passes
// and the batch-size ramp-up (the last, and the steps repeated after rollbacks and the downtime a
// run itemises, are added by runPrediction.ts). A factor applies where the run's own config or
// logbook publishes it (data/run_layouts.csv overhead_source); nothing here is fitted to the runs
// it is checked against.
import {failureRatePerGpuHour} from "./reliability.js";
import {SECONDS_PER_HOUR} from "./units.js";

/**
 * Job interruptions per accelerator-hour: all 466 interruptions (47 planned, 419 unexpected) in a
 * 54-day snapshot of Llama 3 405B pre-training on up to 16,384 H100s (Llama Team 2024, "The Llama 3
 * Herd of Models", arXiv 2407.21783, Sec 3.3.4 and Table 5; data/reliability.csv). About 2.2e-5,
 * the only published per-accelerator rate from a run of this size; applied to every accelerator
 * whose run reports no count of its own.
 */
export const INTERRUPTIONS_PER_ACCELERATOR_HOUR = failureRatePerGpuHour({interruptions: 466, gpuCount: 16_384, hours: 54 * 24});

/**
 * Wall-clock seconds one interruption costs: MegaScale's production run (Jiang et al. 2024,
 * "MegaScale: Scaling Large Language Model Training to More Than 10,000 GPUs", NSDI '24, Sec 6.2–6.3;
 * data/reliability.csv) detects and diagnoses a fault in under 10 minutes on average and catches up
 * to the pre-crash progress from the last checkpoint within 15 minutes: 25 minutes at most.
 */
export const SECONDS_LOST_PER_INTERRUPTION = (10 + 15) * 60;

export interface RunGoodputInput {
  accelerators: number;
  /** Interruptions the run itself reports over `interruptionWindowHours`. */
  interruptions?: number | null;
  interruptionWindowHours?: number | null;
  /** Hours one interruption costs the run where it says so itself (BLOOM: 1.5 h of work redone, half its 3-hour checkpoint interval); else SECONDS_LOST_PER_INTERRUPTION. */
  hoursLostPerInterruption?: number | null;
  /** Effective training time the run reports (Llama 3: "> 90%"); replaces the modelled interruption loss. */
  effectiveTrainingTimeReported?: number | null;
  /**
   * The reported GPU-hours are tokens ÷ the run's measured training throughput (LLaMA-65B: 1.4T
   * tokens at 380 tokens/s/GPU; DeepSeek-V3: 180K H800-hours per trillion tokens), a steady-state
   * figure with no interruption, checkpoint or evaluation in it: then none is charged either.
   */
  reportedHoursSteadyState?: boolean | null;
  /** Seconds one training step takes (the step model's), needed to weigh the checkpoint pause against the steps between saves. */
  stepSeconds?: number | null;
  /** Steps between checkpoint saves and the seconds one synchronous save stops training, both from the run's own config or logbook. */
  checkpointIntervalSteps?: number | null;
  checkpointSaveSeconds?: number | null;
  /** Steps between evaluations and the global batches each evaluation runs forward (config eval-interval, eval-iters × datasets). */
  evalIntervalSteps?: number | null;
  evalBatches?: number | null;
  /** Time of one forward pass over a global batch ÷ one training step's (forwardShareOfStep). */
  forwardShareOfStep?: number | null;
}

/**
 * A forward pass's share of a training step's time, by the FLOP count of the step: forward 2 and
 * backward 4 FLOPs per parameter and token, and full activation recomputation runs the forward
 * again in the backward pass (Narayanan et al. 2021, "Efficient Large-Scale Language Model
 * Training on GPU Clusters Using Megatron-LM", SC '21, Sec 5.1: 8 · N · D with recomputation
 * against 6 · N · D). So 2/8 with full recomputation and 2/6 without (selective recomputation
 * re-runs only the attention core, left out here). BLOOM's logbook measures its evaluation: 29
 * global batches forward took about 12 minutes against 105 s per training step (2/8 · 29 · 105 s =
 * 12.7 min; bigscience-workshop/bigscience train/tr11-176B-ml/chronicles.md, 2022-03-18).
 */
export function forwardShareOfStep(fullRecompute: boolean): number {
  return fullRecompute ? 2 / 8 : 2 / 6;
}

export interface RunGoodput {
  /** Share of wall-clock time lost to interruptions: restarts plus re-done work. */
  interruptionFraction: number;
  /** Interruptions per accelerator-hour used, when modelled. */
  interruptionsPerAcceleratorHour: number | null;
  /** Seconds each interruption costs, when modelled: the run's own figure or SECONDS_LOST_PER_INTERRUPTION. */
  secondsLostPerInterruption: number | null;
  interruptionSource: "reported effective time" | "steady-state reported hours" | "run's own interruptions" | "Llama 3 rate";
  /** Share lost to synchronous checkpoint writes: 0 where the run does not publish both its save time and interval. */
  checkpointFraction: number;
  /** Share spent on evaluation passes: 0 where the run does not publish its evaluation interval and size. */
  evaluationFraction: number;
  /** Wall-clock share that trains: (1 − interruptions) × (1 − checkpoints) × (1 − evaluation). */
  effectiveTrainingTime: number;
}

/**
 * The run's own effective training time when it reports one; else interruptions × the time each
 * costs (the run's own figure where it gives one, else 25 minutes), at the run's own interruption
 * rate when it counts them, else at Llama 3's rate.
 * The interruption share is rate × accelerators × seconds lost, independent of the run's length
 * (first-order: interruptions do not overlap).
 */
export function runGoodput(input: RunGoodputInput): RunGoodput {
  if (!(Number.isFinite(input.accelerators) && input.accelerators >= 1)) throw new RangeError(`runGoodput: accelerators must be ≥ 1, got ${input.accelerators}`);
  const checkpointFraction = checkpointShare(input);
  const evaluationFraction = evaluationShare(input);
  const reported = input.effectiveTrainingTimeReported ?? null;
  if (input.reportedHoursSteadyState === true) {
    if (reported !== null || checkpointFraction > 0 || evaluationFraction > 0 || input.interruptions != null) throw new RangeError("runGoodput: steady-state reported hours count no interruption, checkpoint or evaluation; give none of them");
    return {interruptionFraction: 0, interruptionsPerAcceleratorHour: null, secondsLostPerInterruption: null, interruptionSource: "steady-state reported hours", checkpointFraction, evaluationFraction, effectiveTrainingTime: 1};
  }
  if (reported !== null) {
    if (!(reported > 0 && reported <= 1)) throw new RangeError(`runGoodput: a reported effective training time must be in (0, 1], got ${reported}`);
    if (checkpointFraction > 0 || evaluationFraction > 0) throw new RangeError("runGoodput: a reported effective training time already counts checkpoints and evaluation; give one or the other");
    return {interruptionFraction: 1 - reported, interruptionsPerAcceleratorHour: null, secondsLostPerInterruption: null, interruptionSource: "reported effective time", checkpointFraction, evaluationFraction, effectiveTrainingTime: reported};
  }
  const own = input.interruptions != null && input.interruptionWindowHours != null && input.interruptionWindowHours > 0;
  const rate = own
    ? failureRatePerGpuHour({interruptions: input.interruptions as number, gpuCount: input.accelerators, hours: input.interruptionWindowHours as number})
    : INTERRUPTIONS_PER_ACCELERATOR_HOUR;
  const lostHours = input.hoursLostPerInterruption ?? null;
  if (lostHours !== null && !(lostHours > 0 && Number.isFinite(lostHours))) throw new RangeError(`runGoodput: hours lost per interruption must be > 0, got ${lostHours}`);
  const secondsLost = lostHours === null ? SECONDS_LOST_PER_INTERRUPTION : lostHours * SECONDS_PER_HOUR;
  const interruptionFraction = Math.min(1, (rate * input.accelerators * secondsLost) / SECONDS_PER_HOUR);
  return {
    interruptionFraction,
    interruptionsPerAcceleratorHour: rate,
    secondsLostPerInterruption: secondsLost,
    interruptionSource: own ? "run's own interruptions" : "Llama 3 rate",
    checkpointFraction,
    evaluationFraction,
    effectiveTrainingTime: (1 - interruptionFraction) * (1 - checkpointFraction) * (1 - evaluationFraction)
  };
}

/** Both of a pair given, or neither; throws on one alone or on a value that is not positive. */
function pair(what: string, a: number | null | undefined, b: number | null | undefined): [number, number] | null {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null && y === null) return null;
  if (x === null || y === null) throw new RangeError(`runGoodput: ${what} needs both its interval and its size`);
  if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) throw new RangeError(`runGoodput: ${what} interval and size must be positive, got ${x} and ${y}`);
  return [x, y];
}

/** Save time ÷ (steps between saves × step time + save time). */
function checkpointShare(input: RunGoodputInput): number {
  const p = pair("a checkpoint pause", input.checkpointIntervalSteps, input.checkpointSaveSeconds);
  if (p === null) return 0;
  const step = input.stepSeconds ?? null;
  if (step === null || !(step > 0 && Number.isFinite(step))) throw new RangeError(`runGoodput: a checkpoint pause needs the step time, got ${step}`);
  const [interval, save] = p;
  return save / (interval * step + save);
}

/** Evaluation's step-equivalents (batches × forward share) ÷ (steps between evaluations + those). */
function evaluationShare(input: RunGoodputInput): number {
  const p = pair("evaluation", input.evalIntervalSteps, input.evalBatches);
  if (p === null) return 0;
  const share = input.forwardShareOfStep ?? null;
  if (share === null || !(share > 0 && share <= 1)) throw new RangeError(`runGoodput: evaluation needs the forward pass's share of a step in (0, 1], got ${share}`);
  const [interval, batches] = p;
  return (batches * share) / (interval + batches * share);
}
