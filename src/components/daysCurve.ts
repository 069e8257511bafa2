// /template's run and its curve: wall-clock days against the number of accelerators. The page and
// its first view (scripts/firstViews/pages/template.ts) both start from TEMPLATE_DEFAULTS, so the
// chart drawn at build time is the one the page draws before the reader moves anything.
import {trainingSeconds} from "../engine/time.js";
import {SECONDS_PER_DAY} from "../engine/units.js";

/** The run /template opens on, keyed as its `urlState` parameters (src/template.md, section 3). */
export const TEMPLATE_DEFAULTS = {
  paramsBillions: 7,
  tokensBillions: 2000,
  gpus: 256,
  /** Model FLOPs utilisation, percent. */
  mfu: 40,
  gpu: "h100-sxm5-80gb"
} as const;

/** One point of the curve: `days` of wall-clock training on `accelerators` accelerators. */
export interface DaysPoint {
  accelerators: number;
  days: number;
}

export interface DaysCurveOptions {
  /** Training compute, FLOP (approxTrainingFlops). */
  flops: number;
  /** One accelerator's dense 16-bit peak, FLOP/s (peakHalfPrecisionFlopsPerSecond). */
  peakFlopsPerSecond: number;
  /** Model FLOPs utilisation as a fraction, in (0, 1]: the same at every count. */
  mfu: number;
}

/** The counts drawn: 1, 2, 4, … 32,768, the powers of two up to the page's largest count (its `gpus` maximum). */
export const CURVE_ACCELERATOR_COUNTS: readonly number[] = Array.from({length: 16}, (_, i) => 2 ** i);

/** trainingSeconds in days at each of CURVE_ACCELERATOR_COUNTS, fewest accelerators first. */
export function daysCurve({flops, peakFlopsPerSecond, mfu}: DaysCurveOptions): DaysPoint[] {
  return CURVE_ACCELERATOR_COUNTS.map((accelerators) => ({
    accelerators,
    days: trainingSeconds(flops, accelerators, peakFlopsPerSecond, mfu) / SECONDS_PER_DAY
  }));
}
