// Where one optimizer step's seconds go, as rows a chart draws and a reader downloads: the parts
// of the step-time model's StepBreakdown (src/engine/perf/stepTime.ts assembleStep), in the order
// a step spends them, with the words a reader sees. Pure: no DOM.
import type {StepBreakdown, StepPrediction} from "../engine/perf/stepTime.js";
import {duration, sig} from "./format.js";

export type StepGroup = "compute" | "memory" | "communication" | "idle" | "overlapped";

export interface StepPart {
  key: keyof StepBreakdown;
  label: string;
  group: StepGroup;
}

/** Every field of StepBreakdown once; the type check below fails when the engine adds one. */
export const STEP_PARTS = [
  {key: "compute", label: "Compute (matmuls, attention)", group: "compute"},
  {key: "recompute", label: "Recomputation", group: "compute"},
  {key: "memoryBound", label: "Memory-bound kernels", group: "memory"},
  {key: "tpComm", label: "Tensor-parallel comm., exposed", group: "communication"},
  {key: "cpComm", label: "Context-parallel comm., exposed", group: "communication"},
  {key: "epComm", label: "Expert-parallel all-to-all", group: "communication"},
  {key: "ppComm", label: "Pipeline sends", group: "communication"},
  {key: "dpComm", label: "Data-parallel / ZeRO comm., exposed", group: "communication"},
  {key: "ppBubble", label: "Pipeline bubble (idle)", group: "idle"},
  {key: "straggler", label: "Waiting for slow machines (idle)", group: "idle"},
  {key: "hostWait", label: "Waiting for the host (idle)", group: "idle"}
] as const satisfies readonly StepPart[];

type Missing = Exclude<keyof StepBreakdown, (typeof STEP_PARTS)[number]["key"]>;
const everyPartListed: [Missing] extends [never] ? true : never = true;
void everyPartListed;

/** Data-parallel traffic the step-time model hides behind compute (StepPrediction.dpCommOverlapped). */
export const OVERLAPPED_PART = {key: "dpCommOverlapped", label: "Data-parallel / ZeRO comm., overlapped", group: "overlapped"} as const;

/** One row per part of the step: what the chart draws and what "Download data" writes. */
export interface StepTimeRow {
  part: keyof StepBreakdown | typeof OVERLAPPED_PART.key;
  label: string;
  group: StepGroup;
  seconds: number;
  /** Whether these seconds are part of the step time (overlapped traffic is not). */
  inStep: boolean;
  /** Fraction of the step, in [0, 1]; null for time that is not part of the step. */
  shareOfStep: number | null;
}

/**
 * The parts of a predicted step, in STEP_PARTS order, then the data-parallel traffic overlapped
 * with compute (not part of the step). Parts that take no time in this layout (no context or
 * expert parallelism, no pipeline, nothing overlapped) are left out unless `keepZero`.
 */
export function stepTimeRows(step: Pick<StepPrediction, "breakdown" | "secondsPerStep" | "dpCommOverlapped">, keepZero = false): StepTimeRow[] {
  const total = step.secondsPerStep;
  const rows: StepTimeRow[] = STEP_PARTS.filter((p) => keepZero || step.breakdown[p.key] > 0).map((p) => ({
    part: p.key,
    label: p.label,
    group: p.group,
    seconds: step.breakdown[p.key],
    inStep: true,
    shareOfStep: total > 0 ? step.breakdown[p.key] / total : 0
  }));
  if (keepZero || step.dpCommOverlapped > 0) {
    rows.push({part: OVERLAPPED_PART.key, label: OVERLAPPED_PART.label, group: OVERLAPPED_PART.group, seconds: step.dpCommOverlapped, inStep: false, shareOfStep: null});
  }
  return rows;
}

/** A step's seconds as a reader reads them: "1.85 s", "894 ms", "2.1 min". */
export function stepSeconds(seconds: number): string {
  if (seconds >= 1 || seconds === 0 || !Number.isFinite(seconds)) return duration(seconds);
  if (seconds >= 1e-3) return `${sig(seconds * 1e3)} ms`;
  return seconds >= 1e-6 ? `${sig(seconds * 1e6)} µs` : "under 1 µs";
}

/** A part's share of the step as a reader reads it: "45%", "0.29%", and "under 0.01%" for less. */
export function stepShare(fraction: number): string {
  const percent = fraction * 100;
  return percent === 0 || percent >= 0.01 ? `${sig(percent, 2)}%` : "under 0.01%";
}

/** What the headline figures assume about utilisation, for the caption. */
export interface HeadlineBasis {
  /** The MFU the headline figures use, in (0, 1]. */
  mfu: number;
  mfuSource: "input" | "predicted";
  /** Dense peak FLOP/s per GPU of the MFU denominator. */
  peakFlopsPerSecond: number;
  /** GPUs the run uses. */
  gpus: number;
}

/** Seconds per step the headline figures imply: the step's model FLOPs at the headline MFU. */
export function headlineSecondsPerStep(step: Pick<StepPrediction, "modelFlopsPerStep">, basis: HeadlineBasis): number {
  return step.modelFlopsPerStep / (basis.gpus * basis.peakFlopsPerSecond * basis.mfu);
}

/**
 * One or two sentences that say what the step chart shows and how it relates to the headline
 * figures; with an assumed MFU they say the bars are the model's prediction, not scaled to it.
 */
export function stepTimeCaption(step: StepPrediction, basis: HeadlineBasis, feasible = true): string {
  const prefix = feasible ? "" : "This run cannot go as set (see why above), so nothing is priced; the bars are what a step would take if it could. ";
  const exposed = step.breakdown.tpComm + step.breakdown.cpComm + step.breakdown.dpComm > 0 ? " Communication marked “exposed” is the part the compute does not hide." : "";
  return prefix + captionBody(step, basis) + exposed;
}

function captionBody(step: StepPrediction, basis: HeadlineBasis): string {
  const tokens = `${sig(step.tokensPerStep / 1e6)}M-token`;
  const overlapped = step.dpCommOverlapped > 0 ? " The dashed bar is data-parallel traffic that runs behind the compute: it takes no time of its own." : "";
  const predicted = `${stepSeconds(step.secondsPerStep)} per ${tokens} step at ${sig(step.mfu * 100, 2)}% MFU`;
  if (basis.mfuSource === "predicted") {
    return `The step-time model predicts ${predicted}; the headline figures use this prediction. Each solid bar is a part of that step on the slowest pipeline stage; they add up to the step.${overlapped}`;
  }
  return `The bars are the step-time model's prediction for this layout, ${predicted}, not scaled to your assumption. The headline figures use your assumed ${sig(basis.mfu * 100, 2)}% MFU, which means ${stepSeconds(headlineSecondsPerStep(step, basis))} per step.${overlapped}`;
}
