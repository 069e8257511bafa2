// The planner's ranked layouts as rows a table can show, and the settings that load one into
// the memory planner's inputs.
import type {RankedLayout} from "../engine/perf/planner.js";
import {siPrefixed, sig} from "./format.js";

export interface LayoutRow {
  Rank: number;
  /** The degrees, compact (layoutCell); `label` has them in words. */
  Layout: string;
  /** The degrees in words (layoutLabel), for the row's accessible name (not shown). */
  label: string;
  ZeRO: number;
  "Micro-batch": number;
  Recompute: string;
  /** Memory per accelerator; the page heads it "Memory per GPU" or "Memory per TPU chip" (layoutHeader). */
  Memory: string;
  MFU: string;
  "Step time": string;
  /** The layout itself, for loading into the inputs (not shown). */
  layout: RankedLayout;
}

/** The degrees in words, as the calculator's notes give them: "tensor 8 × pipeline 2 × data 4", then context and experts where used. */
export function layoutLabel(l: RankedLayout): string {
  const p = l.parallelism;
  const parts = [`tensor ${p.tp}`, `pipeline ${p.pp}`, `data ${p.dp.toLocaleString("en-US")}`];
  if ((p.cp ?? 1) > 1) parts.push(`context ${p.cp}`);
  return `${parts.join(" × ")}${(p.ep ?? 1) > 1 ? `, experts over ${p.ep}` : ""}`;
}

/**
 * The degrees as the table cell shows them, under the heading "Tensor × pipeline × data"
 * (layoutHeader): "8 × 2 × 1,024", then ", context 2" and ", experts over 8" where used. Short
 * enough that the table does not cut it off.
 */
export function layoutCell(l: RankedLayout): string {
  const p = l.parallelism;
  return `${p.tp} × ${p.pp} × ${p.dp.toLocaleString("en-US")}${(p.cp ?? 1) > 1 ? `, context ${p.cp}` : ""}${(p.ep ?? 1) > 1 ? `, experts over ${p.ep}` : ""}`;
}

/** Column headings of the ranked-layouts table: the degrees named in words, and memory per GPU or per TPU chip. */
export function layoutHeader(chip: string): Record<string, string> {
  return {Layout: "Tensor × pipeline × data", Memory: `Memory per ${chip}`};
}

export function layoutRows(layouts: readonly RankedLayout[]): LayoutRow[] {
  return layouts.map((l, i) => ({
    Rank: i + 1,
    Layout: layoutCell(l),
    label: layoutLabel(l),
    ZeRO: l.parallelism.zeroStage,
    "Micro-batch": l.parallelism.microBatch,
    Recompute: l.parallelism.recompute,
    Memory: siPrefixed(l.memoryBytesPerGpu, "B"),
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
