// The engine's whole-run track record as a band: quantiles of reported ÷ predicted GPU-hours, the
// unattributed-overhead correction estimated on the fit runs alone, and the MFU band that makes
// an estimate's range span the corrected residuals. Small and free of the planner, so the
// calculator can import it.

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
 * The whole-run correction and the band around it, from the engine's own track record.
 *
 * After every cited factor (layout, framework, kernels, network, batch ramp-up, interruptions),
 * most published runs still took more GPU-hours than the engine predicts. The remainder is named
 * for what it is, "unattributed overhead": the median of the FIT runs' reported ÷ predicted
 * (runSplit.ts; the held-out runs never enter it). The band is the spread of out-of-sample
 * residuals of the corrected prediction: each fit run divided by the median of the OTHER fit runs
 * (leave-one-out), each held-out run divided by the median of all fit runs. So every residual in
 * the band is one the correction was not estimated on.
 */
export interface WholeRunCorrection {
  /** Median reported ÷ predicted over the fit runs: the factor the calculator multiplies its GPU-hours by. */
  unattributedOverhead: number;
  fitRuns: number;
  heldOutRuns: number;
  /** Median |ln(reported ÷ predicted)| before the correction: all runs, fit runs, held-out runs. */
  raw: {all: number; fit: number | null; heldOut: number | null};
  /** The same after it, each out of sample: fit runs leave-one-out, held-out runs against the fit median, and both together. */
  corrected: {all: number; fitLeaveOneOut: number; heldOut: number | null};
  /** p10 / median / p90 of the out-of-sample corrected residuals (reported ÷ corrected prediction). */
  band: {p10: number; median: number; p90: number; runs: number};
}

/** Each value divided by the median of the others: the leave-one-out residuals of a median correction. */
export function leaveOneOutResiduals(ratios: readonly number[]): number[] {
  if (ratios.length < 3) throw new RangeError(`leave-one-out needs at least 3 runs, got ${ratios.length}`);
  return ratios.map((r, i) => r / quantile(ratios.filter((_, j) => j !== i), 0.5));
}

/** The unattributed-overhead correction and its out-of-sample band from predicted runs (ratio = reported ÷ predicted). Needs ≥ 3 fit runs. */
export function wholeRunCorrection(runs: readonly {ratio: number; heldOut: boolean}[]): WholeRunCorrection {
  for (const r of runs) if (!(r.ratio > 0 && Number.isFinite(r.ratio))) throw new RangeError(`wholeRunCorrection: a ratio must be positive and finite, got ${r.ratio}`);
  const fit = runs.filter((r) => !r.heldOut).map((r) => r.ratio);
  const heldOut = runs.filter((r) => r.heldOut).map((r) => r.ratio);
  if (fit.length < 3) throw new RangeError(`wholeRunCorrection: needs at least 3 fit runs, got ${fit.length}`);
  const unattributedOverhead = quantile(fit, 0.5);
  const fitOut = leaveOneOutResiduals(fit);
  const heldOutOut = heldOut.map((r) => r / unattributedOverhead);
  const outOfSample = [...fitOut, ...heldOutOut];
  return {
    unattributedOverhead,
    fitRuns: fit.length,
    heldOutRuns: heldOut.length,
    raw: {all: medianAbsLogRatio(runs.map((r) => r.ratio)), fit: medianAbsLogRatio(fit), heldOut: heldOut.length === 0 ? null : medianAbsLogRatio(heldOut)},
    corrected: {all: medianAbsLogRatio(outOfSample), fitLeaveOneOut: medianAbsLogRatio(fitOut), heldOut: heldOutOut.length === 0 ? null : medianAbsLogRatio(heldOutOut)},
    band: residualBand(outOfSample)
  };
}

/**
 * The share of wall-clock time an estimate's steady-state steps take, for estimate()'s
 * effectiveTimeRatio: the interruption goodput (runGoodput.ts) divided by the unattributed
 * overhead, so the point's GPU-hours = steady-state hours ÷ goodput × overhead, the quantity the
 * band's residuals are measured against. Capped at 1 (estimate() cannot run steps faster than the
 * step model times them): only an overhead below the goodput loss reaches the cap.
 */
export function wholeRunTimeShare(effectiveTrainingTime: number, unattributedOverhead: number): number {
  if (!(effectiveTrainingTime > 0 && effectiveTrainingTime <= 1)) throw new RangeError(`wholeRunTimeShare: the effective training time must be in (0, 1], got ${effectiveTrainingTime}`);
  if (!(unattributedOverhead > 0 && Number.isFinite(unattributedOverhead))) throw new RangeError(`wholeRunTimeShare: the overhead must be positive, got ${unattributedOverhead}`);
  return Math.min(1, effectiveTrainingTime / unattributedOverhead);
}

/**
 * The MFU band that makes an estimate's GPU-hours range span [p10, p90] of the corrected
 * residuals around its point (estimate() divides both by the same time share). The band is
 * widened to include 1 where it does not, so the point always lies inside its range.
 * Returns [low, high] MFU, capped at 1.
 */
export function mfuRangeFromBand(mfu: number, band: {p10: number; p90: number}): [number, number] {
  if (!(band.p10 > 0 && band.p10 <= band.p90)) throw new RangeError(`mfuRangeFromBand: need 0 < p10 ≤ p90, got [${band.p10}, ${band.p90}]`);
  return [mfu / Math.max(1, band.p90), Math.min(1, mfu / Math.min(1, band.p10))];
}
