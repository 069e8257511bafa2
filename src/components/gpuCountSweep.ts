// Cost and wall-clock days of the reader's run at other GPU counts: the calculator itself
// (calculator.ts: the same layout rules, the same engine estimate) evaluated at a few dozen
// counts, on the same basis as the reader's own point (the headline run, which the chart draws on
// the curve's span, gpuCountChart.ts). A count whose run is infeasible (it does
// not fit in memory, or the engine refuses it) is kept with its reason and never priced.
import {calculate, legalLayout} from "./calculator.js";
import type {CalculatorInput, CalculatorResult} from "./calculator.js";
import {acceleratorWords} from "./acceleratorWords.js";
import {grouped} from "./format.js";
import {recomputeWords} from "./runOptions.js";

/**
 * GPU counts to evaluate: 1, 2, 3, 4, 6, 8, 12, … (2ᵏ and 3·2ᵏ: about two per doubling, and
 * multiples of the usual 8-GPU node from 8 up) up to `max`.
 */
export function sweepCounts(max: number): number[] {
  const counts: number[] = [];
  for (let p = 1; p <= max; p *= 2) {
    counts.push(p);
    if (3 * p <= max) counts.push(3 * p);
  }
  return counts.sort((a, b) => a - b);
}

export interface GpuCountPoint {
  /** GPUs the run uses at this count (the calculator's legal layout; may be fewer than asked). */
  gpus: number;
  /** The reader's own run: the headline figures. */
  yours: boolean;
  /** Tensor × pipeline × data parallel, as the calculator lays it out, in words ("tensor 8 × pipeline 1 × data 512"). */
  layout: string;
  feasible: boolean;
  /** Why the run is infeasible; null when feasible. */
  reason: string | null;
  /** Null when infeasible (never priced) or when no price is given. */
  costUsd: number | null;
  costUsdLow: number | null;
  costUsdHigh: number | null;
  wallClockDays: number | null;
  wallClockDaysLow: number | null;
  wallClockDaysHigh: number | null;
  mfu: number | null;
}

const gb = (bytes: number): string => `${(bytes / 1e9).toPrecision(3)} GB`;

/**
 * The calculator at `count` GPUs, everything else as in `input`, as one point of the curve.
 * `own`, when given, is calculate(input) already run for this very count (the page's headline
 * run): it is used instead of running the calculator a second time.
 */
function pointAt(input: CalculatorInput, count: number, yours: boolean, own?: CalculatorResult): GpuCountPoint {
  const {parallelism: p} = own?.layout ?? legalLayout({...input, gpuCount: count});
  const gpus = p.tp * p.pp * p.dp;
  const layout = `tensor ${p.tp} × pipeline ${p.pp} × data ${grouped(p.dp)}`;
  const infeasible = (reason: string): GpuCountPoint => ({
    gpus, yours, layout, feasible: false, reason,
    costUsd: null, costUsdLow: null, costUsdHigh: null, wallClockDays: null, wallClockDaysLow: null, wallClockDaysHigh: null, mfu: null
  });
  try {
    const e = (own ?? calculate({...input, gpuCount: count})).estimate;
    // The engine's verdict (feasibility.ts) in its words; memory alone in short words for the chart's marks.
    const memoryOnly = !e.fitsInMemory && e.reasons.length === 1;
    return !e.feasible
      ? infeasible(memoryOnly ? `does not fit: ${gb(e.memoryPerGpuBytes.total)} per ${acceleratorWords(input.gpu.id).one}, ${gb(input.gpu.hbmBytes)} of memory` : e.reasons.join(" "))
      : {
          gpus, yours, layout, feasible: true, reason: null,
          costUsd: e.costUsd,
          costUsdLow: e.range.costUsd?.low ?? null,
          costUsdHigh: e.range.costUsd?.high ?? null,
          wallClockDays: e.wallClockDays,
          wallClockDaysLow: e.range.wallClockDays.low,
          wallClockDaysHigh: e.range.wallClockDays.high,
          mfu: e.mfu
        };
  } catch (error) {
    return infeasible(error instanceof Error ? error.message : String(error));
  }
}

/** The points at `counts` alone (the first count to lay out onto a number of GPUs stands for it). */
function fixedPoints(input: CalculatorInput, counts: readonly number[]): GpuCountPoint[] {
  const seen = new Set<number>();
  const points: GpuCountPoint[] = [];
  for (const count of counts) {
    const point = pointAt(input, count, false);
    if (seen.has(point.gpus)) continue;
    seen.add(point.gpus);
    points.push(point);
  }
  return points;
}

/** The reader's point among the fixed ones: it replaces the one on the same number of GPUs. */
function withYours(fixed: readonly GpuCountPoint[], yours: GpuCountPoint): GpuCountPoint[] {
  return [yours, ...fixed.filter((p) => p.gpus !== yours.gpus)].sort((a, b) => a.gpus - b.gpus);
}

/**
 * The calculator at the reader's GPU count and at each of `counts`, everything else as the reader
 * set it. Counts that lay out onto the same number of GPUs appear once (the reader's own first, so
 * its point is exactly the headline run), in increasing order of GPUs.
 */
export function gpuCountSweep(input: CalculatorInput, counts: readonly number[]): GpuCountPoint[] {
  return withYours(fixedPoints(input, counts), pointAt(input, input.gpuCount, true));
}

/** Everything the fixed points depend on: the input but its GPU count (the accelerator by id). */
function sweepKey(input: CalculatorInput, counts: readonly number[]): string {
  return JSON.stringify({...input, gpuCount: null, gpu: input.gpu.id, calibration: null, gpuHoursBand: null, counts});
}

export interface GpuCountSweeper {
  /** Whether the points at the fixed counts for this input (its GPU count aside) are remembered. */
  has(input: CalculatorInput, counts: readonly number[]): boolean;
  /**
   * gpuCountSweep, reusing the fixed counts' points while only the GPU count has changed; `own`,
   * when given, must be calculate(input) (the headline run, so the reader's point costs no run).
   */
  sweep(input: CalculatorInput, counts: readonly number[], own?: CalculatorResult): GpuCountPoint[];
  /**
   * The points at the fixed counts of the last sweep, every one of them (the reader's point
   * replaces one in `sweep`'s answer when it falls on the same number of GPUs), as the same array
   * while only the GPU count moves: the curves a chart draws through them stay the same
   * description (gpuCountChart.ts `fixed`). Empty before the first sweep.
   */
  fixed(): readonly GpuCountPoint[];
}

/**
 * A gpuCountSweep that remembers the last input's points at the fixed counts: moving the GPU
 * count then costs one calculator run (the reader's point) instead of some 35, so the curves
 * can follow the Accelerators slider in the frame that shows the new figures.
 */
export function gpuCountSweeper(): GpuCountSweeper {
  let last: {key: string; calibration: unknown; band: unknown; fixed: GpuCountPoint[]} | null = null;
  const hit = (input: CalculatorInput, counts: readonly number[]): boolean =>
    last !== null && last.calibration === input.calibration && last.band === input.gpuHoursBand && last.key === sweepKey(input, counts);
  return {
    has: hit,
    sweep(input, counts, own) {
      if (!hit(input, counts)) last = {key: sweepKey(input, counts), calibration: input.calibration, band: input.gpuHoursBand, fixed: fixedPoints(input, counts)};
      return withYours(last!.fixed, pointAt(input, input.gpuCount, true, own));
    },
    fixed: () => last?.fixed ?? []
  };
}

/** What the sweep holds fixed, in words, so the curve is read on the same basis as the headline. */
export function sweepBasis(input: Pick<CalculatorInput, "mfuOverride" | "gpu">): string {
  const one = acceleratorWords(input.gpu.id).one;
  const layout = `At each count the calculator lays out your tensor and pipeline degrees, micro-batch and global batch as it would on that many ${one}s (hover a point for its layout); the band is the MFU range of the headline figures. The line joins those counts; your own count, ringed, sits off it where its layout runs better or worse than theirs (how evenly the batch splits over the data-parallel ranks, and how many ${one}s it leaves idle, change from one count to the next).`;
  if (input.mfuOverride === undefined) return `${layout} MFU is predicted at every count, so communication and the pipeline bubble raise the cost as the count grows.`;
  return `${layout} MFU is held at your assumed ${Number((input.mfuOverride * 100).toPrecision(2))}% at every count, so the cost stays flat and the days fall in proportion to the GPUs; turn on “Predict MFU” to see what communication and the pipeline bubble cost at scale.`;
}

/**
 * When no count on the curve runs: which of the reader's settings the curve keeps at every count,
 * and where to change them, so an all-× chart does not read as "no number of GPUs can train this".
 * The curve keeps the reader's layout (a 70B model left at tensor 2 × pipeline 1 by a 3-GPU start
 * fits at no count). Empty while any count runs.
 */
export function noCountRunsWords(points: readonly GpuCountPoint[], input: Pick<CalculatorInput, "tp" | "pp" | "zeroStage" | "recompute">): string {
  if (points.length === 0 || points.some((p) => p.feasible)) return "";
  return `No count runs with the layout the curve keeps from yours (tensor ${input.tp} × pipeline ${input.pp}, ZeRO-${input.zeroStage}, ${recomputeWords(input.recompute)}): change it under “Parallel layout” to see where the run fits.`;
}
