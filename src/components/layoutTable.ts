// The planner's ranked layouts as rows a table can show, and the settings that load one into
// the memory planner's inputs.
import type {RankedLayout} from "../engine/perf/planner.js";
import {siPrefixed, sig} from "./format.js";

export interface LayoutRow {
  Rank: number;
  Layout: string;
  ZeRO: number;
  "Micro-batch": number;
  Recompute: string;
  "Memory / GPU": string;
  MFU: string;
  "Step time": string;
  /** The layout itself, for loading into the inputs (not shown). */
  layout: RankedLayout;
}

export function layoutLabel(l: RankedLayout): string {
  const p = l.parallelism;
  const parts = [`TP ${p.tp}`, `PP ${p.pp}`, `DP ${p.dp}`];
  if ((p.cp ?? 1) > 1) parts.push(`CP ${p.cp}`);
  if ((p.ep ?? 1) > 1) parts.push(`EP ${p.ep}`);
  return parts.join(" · ");
}

export function layoutRows(layouts: readonly RankedLayout[]): LayoutRow[] {
  return layouts.map((l, i) => ({
    Rank: i + 1,
    Layout: layoutLabel(l),
    ZeRO: l.parallelism.zeroStage,
    "Micro-batch": l.parallelism.microBatch,
    Recompute: l.parallelism.recompute,
    "Memory / GPU": siPrefixed(l.memoryBytesPerGpu, "B"),
    MFU: `${sig(l.mfu * 100, 3)}%`,
    "Step time": `${sig(l.secondsPerStep, 3)} s`,
    layout: l
  }));
}

/** URL-parameter values (as the memory page declares them) that reproduce a layout. */
export function layoutSettings(l: RankedLayout): Record<string, string | number> {
  const p = l.parallelism;
  return {tp: String(p.tp), pp: p.pp, dp: p.dp, cp: String(p.cp ?? 1), ep: String(p.ep ?? 1), zero: String(p.zeroStage), mb: p.microBatch, recompute: p.recompute};
}
