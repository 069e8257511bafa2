// Time a whole training run loses beside its steady-state steps, as explicit factors, each with
// its source: interruptions (failures and planned restarts), checkpoint pauses and the batch-size
// ramp-up (the last is computed by runPrediction.ts from the step-time model). Nothing here is
// fitted to the runs it is checked against.
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
}

export interface RunGoodput {
  /** Share of wall-clock time lost to interruptions: restarts plus re-done work. */
  interruptionFraction: number;
  /** Interruptions per accelerator-hour used, when modelled. */
  interruptionsPerAcceleratorHour: number | null;
  /** Seconds each interruption costs, when modelled: the run's own figure or SECONDS_LOST_PER_INTERRUPTION. */
  secondsLostPerInterruption: number | null;
  interruptionSource: "reported effective time" | "run's own interruptions" | "Llama 3 rate";
  /** Share lost to synchronous checkpoint writes. 0: no run in data/ publishes both its checkpoint time and interval. */
  checkpointFraction: number;
  /** Wall-clock share that trains: (1 − interruptions) × (1 − checkpoints). */
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
  const checkpointFraction = 0;
  const reported = input.effectiveTrainingTimeReported ?? null;
  if (reported !== null) {
    if (!(reported > 0 && reported <= 1)) throw new RangeError(`runGoodput: a reported effective training time must be in (0, 1], got ${reported}`);
    return {interruptionFraction: 1 - reported, interruptionsPerAcceleratorHour: null, secondsLostPerInterruption: null, interruptionSource: "reported effective time", checkpointFraction, effectiveTrainingTime: reported};
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
    effectiveTrainingTime: (1 - interruptionFraction) * (1 - checkpointFraction)
  };
}
