// What the prices page computes from data/cloud_prices.csv: the history of one accelerator's
// prices, the spread between pricing kinds, and the cheapest price of useful compute. Pure and
// unit-tested (tests/components/priceAnalysis.test.ts); the charts live in priceCharts.ts.
import {plural} from "./format.js";
import {usdPerEffectivePflopHour} from "./priceMetrics.js";

/** One price observation as the page reads it from the `prices` table. */
export interface PriceObservation {
  id: string;
  provider: string;
  offering: string;
  /** Id in gpus.csv, or null where the source leaves the form factor open. */
  gpuId: string | null;
  /** Accelerator family as the source names it (a100-80gb, h100, tpu-v5e …); always present. */
  accelerator: string;
  pricingModel: string;
  commitmentTerm: string | null;
  usdPerGpuHour: number;
  observed: Date;
  source: string;
}

/** A row of data/cloud_prices.csv as its Arrow file gives it (`row.toJSON()`; dates as epoch ms). */
export interface CloudPriceRow {
  id: string;
  provider: string;
  offering: string;
  gpu_id: string | null;
  accelerator: string;
  pricing_model: string;
  commitment_term: string | null;
  usd_per_gpu_hour: number;
  observed_date: number;
  source: string;
}

/** The page's observations: every price row, oldest first (ties by id), as the charts read them. */
export function priceObservations(rows: readonly CloudPriceRow[]): PriceObservation[] {
  return rows
    .slice()
    .sort((a, b) => a.observed_date - b.observed_date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({
      id: r.id, provider: r.provider, offering: r.offering, gpuId: r.gpu_id, accelerator: r.accelerator, pricingModel: r.pricing_model,
      commitmentTerm: r.commitment_term, usdPerGpuHour: r.usd_per_gpu_hour, observed: new Date(r.observed_date), source: r.source
    }));
}

/** Pricing kinds in the order the page shows them. */
export const PRICING_KINDS = ["on-demand", "reserved", "capacity-block", "spot", "unspecified"] as const;

/**
 * Reader-facing names of the accelerator families, in display order. "a100" is an A100 price whose
 * source does not say whether it is the 40 GB or the 80 GB part (cloud-gpus.com's "A100" column):
 * it is named so, never with a placeholder for the unknown memory.
 */
export const ACCELERATOR_LABELS: ReadonlyMap<string, string> = new Map([
  ["v100", "V100"], ["a100", "A100 40/80GB"], ["a100-40gb", "A100 40GB"], ["a100-80gb", "A100 80GB"],
  ["h100", "H100"], ["h100-80gb", "H100"], ["h800", "H800"], ["h200", "H200"], ["gh200", "GH200"], ["b200", "B200"],
  ["mi250x", "MI250X"], ["mi300x", "MI300X"],
  ["tpu-v3", "TPU v3"], ["tpu-v4", "TPU v4"], ["tpu-v5e", "TPU v5e"], ["tpu-v5p", "TPU v5p"], ["tpu-v6e", "TPU v6e"]
]);

/** The price history's accelerator choices (`?acc=`): every label once, in display order. */
export const HISTORY_ACCELERATOR_CHOICES: readonly string[] = [...new Set(ACCELERATOR_LABELS.values())];

/** The price history's accelerator select, as the page and its first view build it. */
export const HISTORY_ACCELERATOR_CONTROL = {label: "Accelerator"} as const;

/** The accelerator whose price history /prices shows until the reader picks another (`?acc=`). */
export const DEFAULT_HISTORY_ACCELERATOR = "H100";

export function acceleratorLabel(accelerator: string): string {
  return ACCELERATOR_LABELS.get(accelerator) ?? accelerator;
}

/** Accelerator labels present in the rows, in display order. */
export function acceleratorsIn(rows: readonly PriceObservation[]): string[] {
  const present = new Set(rows.map((r) => acceleratorLabel(r.accelerator)));
  const ordered = [...new Set(ACCELERATOR_LABELS.values())].filter((l) => present.has(l));
  return [...ordered, ...[...present].filter((l) => !ordered.includes(l)).sort()];
}

export interface HistoryPoint extends PriceObservation {
  /** provider · pricing kind: the line a point belongs to. */
  series: string;
}

const DAY_MS = 86_400_000;

/**
 * The time axis of a price history whose prices were all observed within two weeks (TPU v6e: six
 * prices read between 2024-12-20 and 12-23): left to itself a time scale over a few days ticks by
 * the hour ("12 AM Dec 23", "12 PM"), though every row is a date. Such a history gets a day either
 * side and one tick per date it holds; a longer one gets null (the scale's own ticks, by week or
 * more). Dates are UTC days, as the rows give them.
 */
export function historyTimeAxis(observed: readonly Date[]): {domain: [Date, Date]; ticks: Date[]} | null {
  if (observed.length === 0) return null;
  const times = observed.map((d) => d.getTime());
  const first = Math.min(...times), last = Math.max(...times);
  if (last - first >= 14 * DAY_MS) return null;
  return {domain: [new Date(first - DAY_MS), new Date(last + DAY_MS)], ticks: [...new Set(times)].sort((a, b) => a - b).map((t) => new Date(t))};
}

/** A date as the page prints it: its UTC day, 2026-11-09. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The opening paragraph's sentence about the data: how many prices, from how many providers,
 * between which dates. The page shows it, and its first view (scripts/firstViews/pages/prices.ts).
 */
export function priceDataSummary(observations: readonly PriceObservation[]): string {
  if (observations.length === 0) return "data/cloud_prices.csv holds no prices yet.";
  const times = observations.map((o) => o.observed.getTime());
  const providers = new Set(observations.map((o) => o.provider)).size;
  return `The ${plural(observations.length, "price")} in data/cloud_prices.csv come from ${plural(providers, "provider")} and were observed between ${isoDay(new Date(Math.min(...times)))} and ${isoDay(new Date(Math.max(...times)))}; each row names its source, the date, and how the per-GPU figure was read from it.`;
}

/** The sentence above an accelerator's price history: how many prices, from how many providers, first to last date (null without a price). */
export function priceHistorySummary(history: readonly PriceObservation[], label: string): string | null {
  if (history.length === 0) return null;
  const times = history.map((o) => o.observed.getTime());
  return `${plural(history.length, "price")} for ${label} from ${plural(new Set(history.map((d) => d.provider)).size, "provider")}, ${isoDay(new Date(Math.min(...times)))} to ${isoDay(new Date(Math.max(...times)))}.`;
}

/** Every observation of one accelerator (by label), oldest first, with its line's key. */
export function priceHistory(rows: readonly PriceObservation[], label: string): HistoryPoint[] {
  return rows
    .filter((r) => acceleratorLabel(r.accelerator) === label)
    .map((r) => ({...r, series: `${r.provider} · ${r.pricingModel}`}))
    .sort((a, b) => a.observed.getTime() - b.observed.getTime() || a.series.localeCompare(b.series));
}

export interface KindSpread {
  accelerator: string;
  pricingModel: string;
  count: number;
  minUsdPerGpuHour: number;
  medianUsdPerGpuHour: number;
  maxUsdPerGpuHour: number;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Range and median of the per-GPU price for each accelerator and pricing kind, from `fromYear` on. */
export function kindSpread(rows: readonly PriceObservation[], fromYear: number): KindSpread[] {
  const groups = new Map<string, {accelerator: string; pricingModel: string; prices: number[]}>();
  for (const r of rows) {
    if (r.observed.getUTCFullYear() < fromYear) continue;
    const accelerator = acceleratorLabel(r.accelerator);
    const key = `${accelerator}\u0000${r.pricingModel}`;
    const group = groups.get(key) ?? {accelerator, pricingModel: r.pricingModel, prices: []};
    group.prices.push(r.usdPerGpuHour);
    groups.set(key, group);
  }
  const order = acceleratorsIn(rows);
  return [...groups.values()]
    .map(({accelerator, pricingModel, prices}) => {
      const sorted = [...prices].sort((a, b) => a - b);
      return {accelerator, pricingModel, count: sorted.length, minUsdPerGpuHour: sorted[0]!, medianUsdPerGpuHour: median(sorted), maxUsdPerGpuHour: sorted[sorted.length - 1]!};
    })
    .sort((a, b) => order.indexOf(a.accelerator) - order.indexOf(b.accelerator) || PRICING_KINDS.indexOf(a.pricingModel as never) - PRICING_KINDS.indexOf(b.pricingModel as never));
}

export interface KindRatio {
  accelerator: string;
  /** Median price of the kind ÷ median on-demand price of the same accelerator; null where either is missing. */
  spotToOnDemand: number | null;
  reservedToOnDemand: number | null;
  capacityBlockToOnDemand: number | null;
}

/** Median-to-median ratios against on-demand, per accelerator that has an on-demand price. */
export function kindRatios(spread: readonly KindSpread[]): KindRatio[] {
  const byAccelerator = new Map<string, Map<string, number>>();
  for (const s of spread) {
    const kinds = byAccelerator.get(s.accelerator) ?? new Map<string, number>();
    kinds.set(s.pricingModel, s.medianUsdPerGpuHour);
    byAccelerator.set(s.accelerator, kinds);
  }
  const ratios: KindRatio[] = [];
  for (const [accelerator, kinds] of byAccelerator) {
    const onDemand = kinds.get("on-demand");
    if (onDemand === undefined) continue;
    const ratio = (kind: string) => (kinds.has(kind) ? kinds.get(kind)! / onDemand : null);
    ratios.push({accelerator, spotToOnDemand: ratio("spot"), reservedToOnDemand: ratio("reserved"), capacityBlockToOnDemand: ratio("capacity-block")});
  }
  return ratios;
}

/** A chip's dense BF16 peak and where it comes from (gpus.csv). */
export interface ChipPeak {
  name: string;
  peakBf16Tflops: number;
  source: string;
}

export interface EffectivePrice extends PriceObservation {
  chip: string;
  peakBf16Tflops: number;
  peakSource: string;
  usdPerEffectivePflopHour: number;
}

export interface CheapestOptions {
  /** Model FLOPs utilisation, a fraction in (0, 1]. */
  mfu: number;
  /** Only observations this many days before the newest one count as "today". */
  windowDays: number;
  /** Pricing kinds to consider. */
  kinds: readonly string[];
}

/**
 * The cheapest price per effective PFLOP-hour for each identified chip among recent observations:
 * per-GPU price ÷ (dense BF16 peak × MFU). Rows whose chip is not identified or has no BF16 peak
 * are left out. Cheapest first.
 */
export function cheapestEffective(rows: readonly PriceObservation[], peaks: ReadonlyMap<string, ChipPeak>, {mfu, windowDays, kinds}: CheapestOptions): EffectivePrice[] {
  if (rows.length === 0) return [];
  const newest = Math.max(...rows.map((r) => r.observed.getTime()));
  const since = newest - windowDays * 86_400_000;
  const best = new Map<string, EffectivePrice>();
  for (const r of rows) {
    if (r.gpuId === null || r.observed.getTime() < since || !kinds.includes(r.pricingModel)) continue;
    const peak = peaks.get(r.gpuId);
    if (!peak) continue;
    const effective = usdPerEffectivePflopHour(r.usdPerGpuHour, peak.peakBf16Tflops * 1e12, mfu);
    if (effective === null) continue;
    const current = best.get(r.gpuId);
    if (!current || effective < current.usdPerEffectivePflopHour) {
      best.set(r.gpuId, {...r, chip: peak.name, peakBf16Tflops: peak.peakBf16Tflops, peakSource: peak.source, usdPerEffectivePflopHour: effective});
    }
  }
  return [...best.values()].sort((a, b) => a.usdPerEffectivePflopHour - b.usdPerEffectivePflopHour);
}
