// The iso-FLOP curves of /scaling-laws (Chinchilla's Approach 2, Hoffmann et al. 2022, Fig. 3),
// drawn from one parametric fit: five budgets a decade apart around the reader's, each curve the
// loss of every model size at that budget, and each curve's minimum. Pure and unit-tested
// (tests/components/isoFlopCurves.test.ts); the chart is isoFlopChart.ts. The page and its build-time
// first view (scripts/firstViews/pages/scaling-laws.ts) both compute the curves here.
import {CHINCHILLA_APPROACH_3, PARAMETRIC_FITS, computeOptimal, isoFlopCurve, parametricLoss} from "../engine/scalingLaws.js";
import type {ParametricFit} from "../engine/scalingLaws.js";
import {scientific} from "./format.js";

/** The parametric fits the page offers (`?fit=`), by id, in the engine's order. */
export const SCALING_FITS: Readonly<Record<string, ParametricFit>> = Object.fromEntries(PARAMETRIC_FITS.map((fit) => [fit.id, fit]));

/** The page's fit until the reader picks another: Chinchilla's own (Hoffmann et al. 2022, Eq. 10). */
export const DEFAULT_FIT_ID = CHINCHILLA_APPROACH_3.id;

/**
 * The page's budget until the reader moves the slider (`?log10Flops=`): the slider's step (0.05)
 * nearest Gopher's and Chinchilla's budget, 5.76 × 10²³ FLOP, log₁₀ ≈ 23.76 (Hoffmann et al. 2022, Table 3).
 */
export const DEFAULT_LOG10_FLOPS = 23.75;

/** One point of an iso-FLOP curve, or a curve's minimum; `budget` is the legend's label. */
export interface IsoFlopPoint {
  budget: string;
  flops: number;
  params: number;
  tokens: number;
  loss: number;
}

export interface IsoFlopCurves {
  /** FLOP budgets, smallest first: 10⁻², 10⁻¹, 1, 10 and 100 × the reader's. */
  budgets: number[];
  /** Every curve's points, budget by budget. */
  curves: IsoFlopPoint[];
  /** Each budget's compute-optimal model (computeOptimal), in the order of `budgets`. */
  minima: IsoFlopPoint[];
}

/** Model sizes along each curve: 10 M to 100 T parameters, 20 a decade. */
const PARAM_GRID: readonly number[] = Array.from({length: 141}, (_, i) => 10 ** (7 + i * 0.05));

/**
 * The curves around a budget of 10^`log10Flops` FLOP. Points seeing under 100 M tokens, or with a
 * loss of 6 nats/token or more, are left out: they are far off the minimum and would stretch the
 * loss axis until the minima could not be told apart.
 */
export function isoFlopCurves(fit: ParametricFit, log10Flops: number): IsoFlopCurves {
  const budgets = [-2, -1, 0, 1, 2].map((k) => 10 ** (log10Flops + k));
  const curves = budgets.flatMap((c) => isoFlopCurve(fit, c, PARAM_GRID)
    .filter((p) => p.tokens >= 1e8 && p.loss < 6)
    .map((p) => ({budget: scientific(c, "FLOP"), flops: c, params: p.params, tokens: p.tokens, loss: p.loss})));
  const minima = budgets.map((c) => {
    const o = computeOptimal(fit, c);
    return {budget: scientific(c, "FLOP"), flops: c, params: o.params, tokens: o.tokens, loss: parametricLoss(fit, o.params, o.tokens)};
  });
  return {budgets, curves, minima};
}
