// The engine's whole-run track record as a band: the goodput factor whole-run predictions use,
// quantiles of reported ÷ predicted GPU-hours, and the MFU band that makes an estimate's range
// span them. Small and free of the planner, so the calculator can import it.

/**
 * Share of wall-clock time spent on useful training steps in large published runs: both reports
 * that state it give "> 90%" (data/reliability.csv: Llama Team 2024, "The Llama 3 Herd of Models",
 * Sec 3.3.4, 54 days on up to 16,384 H100s; Jiang et al. 2024, MegaScale, Sec 6, > 10,000 GPUs).
 * The remainder is failures, restarts, checkpoint pauses and evaluation. 0.9 is the bound both
 * give, so the predicted GPU-hours lean high rather than low. Not fitted to any run.
 */
export const PUBLISHED_EFFECTIVE_TRAINING_TIME = 0.9;

/** The p-th quantile (0–1) of `values` by linear interpolation between order statistics. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("quantile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/** Median of |ln(reported ÷ predicted)|: the track record's typical miss (0.15 ≈ 16% either way). */
export function medianAbsLogRatio(ratios: readonly number[]): number {
  return quantile(ratios.map((r) => Math.abs(Math.log(r))), 0.5);
}

/** The empirical band of reported ÷ predicted GPU-hours: its 10th, 50th and 90th percentiles. */
export function residualBand(ratios: readonly number[]): {p10: number; median: number; p90: number; runs: number} {
  return {p10: quantile(ratios, 0.1), median: quantile(ratios, 0.5), p90: quantile(ratios, 0.9), runs: ratios.length};
}

/**
 * The MFU band that makes an estimate's GPU-hours range span the engine's own whole-run track
 * record: GPU-hours from `mfu` ÷ the effective training time × [p10, p90] of reported ÷ predicted.
 * Returns [low, high] MFU, capped at 1.
 */
export function mfuRangeFromBand(mfu: number, band: {p10: number; p90: number}, effectiveTrainingTime: number = PUBLISHED_EFFECTIVE_TRAINING_TIME): [number, number] {
  if (!(band.p10 > 0 && band.p10 <= band.p90)) throw new RangeError(`mfuRangeFromBand: need 0 < p10 ≤ p90, got [${band.p10}, ${band.p90}]`);
  return [(mfu * effectiveTrainingTime) / band.p90, Math.min(1, (mfu * effectiveTrainingTime) / band.p10)];
}
