// Rows of data/gpus.csv turned into the accelerators page's timeline points (no DOM): one point
// per vendor, year and 16-bit peak, so chips that differ only in memory share a dot and a label.
import {gpuSpecFromRecord, peakHalfPrecisionFlopsPerSecond} from "../engine/gpu.js";
import type {GpuRecord} from "../engine/gpu.js";

export type AcceleratorRecord = GpuRecord & {vendor: string};

export interface AcceleratorPoint {
  vendor: string;
  releaseYear: number;
  /** Dense BF16 (else FP16) peak, FLOP/s. */
  peakFlopsPerSecond: number;
  /** Full names from the data, in data order. */
  names: string[];
  /** Short label: vendor and memory size dropped, distinct names merged ("V100 SXM2"). */
  label: string;
  /** True when no earlier (or same-year, listed earlier) chip was faster: the frontier. */
  setsRecord: boolean;
}

/**
 * A chart label: "NVIDIA H100 SXM5 80GB" with vendor "NVIDIA" → "H100 SXM5" (the vendor is the
 * dot's colour, the memory size is in the tooltip and the table).
 */
export function shortName(name: string, vendor: string): string {
  const withoutVendor = name.startsWith(`${vendor} `) ? name.slice(vendor.length + 1) : name;
  return withoutVendor.replace(/ \d+(\.\d+)?\s?GB$/, "");
}

/** Names that share all but their last word merge as "stem a/b"; others are joined with " · ". */
export function mergeNames(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique[0] ?? "";
  const split = unique.map((n) => n.split(" "));
  const stem = split[0]!.slice(0, -1).join(" ");
  if (stem !== "" && split.every((words) => words.length > 1 && words.slice(0, -1).join(" ") === stem)) {
    const tails = split.map((words) => words[words.length - 1]!).sort((a, b) => a.localeCompare(b, "en", {numeric: true}));
    return `${stem} ${tails.join("/")}`;
  }
  return unique.join(" · ");
}

export function acceleratorPoints(records: readonly AcceleratorRecord[]): AcceleratorPoint[] {
  const groups = new Map<string, {vendor: string; releaseYear: number; peakFlopsPerSecond: number; names: string[]}>();
  for (const r of records) {
    const peak = peakHalfPrecisionFlopsPerSecond(gpuSpecFromRecord(r));
    if (peak === null) continue;
    const key = `${r.vendor}|${r.release_year}|${peak}`;
    const group = groups.get(key) ?? {vendor: r.vendor, releaseYear: r.release_year, peakFlopsPerSecond: peak, names: []};
    group.names.push(r.name);
    groups.set(key, group);
  }
  const points = [...groups.values()].sort((a, b) => a.releaseYear - b.releaseYear || b.peakFlopsPerSecond - a.peakFlopsPerSecond);
  let best = 0;
  const labelled = points.map((g) => {
    const setsRecord = g.peakFlopsPerSecond > best;
    best = Math.max(best, g.peakFlopsPerSecond);
    return {...g, label: mergeNames(g.names.map((n) => shortName(n, g.vendor))), setsRecord};
  });
  // Two dots with one short label (the V100 SXM2's 16 GB part of 2017 and 32 GB part of 2018) keep
  // their memory sizes, so the chart never shows the same name twice.
  const count = new Map<string, number>();
  for (const p of labelled) count.set(p.label, (count.get(p.label) ?? 0) + 1);
  return labelled.map((p) => (count.get(p.label)! > 1 ? {...p, label: mergeNames(p.names.map((n) => (n.startsWith(`${p.vendor} `) ? n.slice(p.vendor.length + 1) : n)))} : p));
}

export interface GrowthSummary {
  first: {name: string; releaseYear: number; peakFlopsPerSecond: number; hbmBytes: number};
  last: {name: string; releaseYear: number; peakFlopsPerSecond: number; hbmBytes: number};
  /** last / first. */
  computeGrowth: number;
  memoryGrowth: number;
}

/**
 * The fastest chip of the earliest year against the fastest of the latest year (ties go to the
 * larger memory), so the page can say how much faster compute grew than memory per chip.
 */
export function growthSummary(records: readonly AcceleratorRecord[]): GrowthSummary | null {
  const chips = records
    .map((r) => {
      const spec = gpuSpecFromRecord(r);
      return {name: r.name, releaseYear: r.release_year, peakFlopsPerSecond: peakHalfPrecisionFlopsPerSecond(spec), hbmBytes: spec.hbmBytes};
    })
    .filter((c): c is GrowthSummary["first"] => c.peakFlopsPerSecond !== null && c.peakFlopsPerSecond > 0 && c.hbmBytes > 0);
  if (chips.length === 0) return null;
  const fastestIn = (year: number) => chips
    .filter((c) => c.releaseYear === year)
    .sort((a, b) => b.peakFlopsPerSecond - a.peakFlopsPerSecond || b.hbmBytes - a.hbmBytes)[0]!;
  const first = fastestIn(Math.min(...chips.map((c) => c.releaseYear)));
  const last = fastestIn(Math.max(...chips.map((c) => c.releaseYear)));
  if (first === last) return null;
  return {first, last, computeGrowth: last.peakFlopsPerSecond / first.peakFlopsPerSecond, memoryGrowth: last.hbmBytes / first.hbmBytes};
}
