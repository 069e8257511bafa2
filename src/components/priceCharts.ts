// The prices page's three charts and the list of sources under each. They take rows computed by
// priceAnalysis.ts and the width the page hands them; they never measure the screen.
import * as Plot from "npm:@observablehq/plot";
import {usdTick} from "./axisFormat.js";
import {drawingWidth} from "./chartScales.js";
import {sig, usd} from "./format.js";
import {PRICING_KINDS, historyTimeAxis} from "./priceAnalysis.js";
import {acceleratorWords} from "./acceleratorWords.js";
import type {EffectivePrice, HistoryPoint, KindSpread} from "./priceAnalysis.js";

const day = (d: Date) => d.toISOString().slice(0, 10);
// One colour per pricing kind on every chart: committed kinds warm, interruptible red, unknown grey.
const KIND_COLORS: Record<string, string> = {"on-demand": "#4269d0", reserved: "#efb118", "capacity-block": "#a463f2", spot: "#e5484d", unspecified: "#9498a0"};
const kindDomain = (present: Iterable<string>) => {
  const set = new Set(present);
  return PRICING_KINDS.filter((k) => set.has(k));
};
const kindColor = (present: Iterable<string>) => {
  const domain = kindDomain(present);
  return {legend: true, label: "Pricing", domain, range: domain.map((k) => KIND_COLORS[k]!)};
};
/** "NVIDIA H100 SXM5 80GB" → "H100 SXM5 80GB": the vendor is in the data, the axis needs room. */
const shortChip = (name: string) => name.replace(/^(NVIDIA|AMD|Google|Intel) /, "");
const term = (d: {pricingModel: string; commitmentTerm: string | null}) => (d.commitmentTerm ? `${d.pricingModel} (${d.commitmentTerm})` : d.pricingModel);

/** Every observation of one accelerator over time: dots, joined per provider and pricing kind. */
export function priceHistoryChart(points: readonly HistoryPoint[], {width: pageWidth}: {width: number}): SVGSVGElement | HTMLElement {
  const width = drawingWidth(pageWidth);
  // A TPU is rented per chip: "$ per chip-hour" (acceleratorWords).
  const hour = acceleratorWords(points[0]?.accelerator ?? "").hour;
  // Prices all read within two weeks: the dates themselves, not hourly ticks (historyTimeAxis).
  const axis = historyTimeAxis(points.map((p) => p.observed));
  return Plot.plot({
    width,
    height: 340,
    marginLeft: 48,
    x: {type: "utc", label: "Observed", grid: true, inset: 12, ...(axis ? {domain: axis.domain, ticks: axis.ticks, tickFormat: "%-d %b %Y"} : {})},
    y: {type: "log", label: `$ per ${hour}`, grid: true, inset: 8, tickFormat: "$~g"},
    color: kindColor(points.map((p) => p.pricingModel)),
    marks: [
      Plot.line(points, {x: "observed", y: "usdPerGpuHour", z: "series", stroke: "pricingModel", strokeOpacity: 0.45}),
      Plot.dot(points, {
        x: "observed", y: "usdPerGpuHour", fill: "pricingModel", r: 4, tip: true,
        title: (d: HistoryPoint) => `${d.provider} · ${d.offering}\n${term(d)}\n$${sig(d.usdPerGpuHour)} per ${hour}, ${day(d.observed)}`
      })
    ]
  });
}

/** Per accelerator, the range (bar) and median (dot) of the per-GPU price of each pricing kind. */
export function kindSpreadChart(spread: readonly KindSpread[], {width: pageWidth}: {width: number}): SVGSVGElement | HTMLElement {
  const width = drawingWidth(pageWidth);
  const kinds = kindDomain(spread.map((s) => s.pricingModel));
  const accelerators = [...new Set(spread.map((s) => s.accelerator))];
  const rowHeight = 12 + 7 * kinds.length;
  const offset = (kind: string) => (kinds.indexOf(kind as never) - (kinds.length - 1) / 2) * 7;
  const compact = width < 520;
  return Plot.plot({
    width,
    height: 60 + rowHeight * accelerators.length,
    marginLeft: compact ? 84 : 150,
    marginRight: 16,
    x: {type: "log", label: "$ per GPU-hour (range and median)", grid: true, tickFormat: "$~g"},
    y: {label: null, domain: accelerators},
    color: kindColor(kinds),
    marks: kinds.flatMap((kind) => {
      const rows = spread.filter((s) => s.pricingModel === kind);
      const dy = offset(kind);
      return [
        Plot.ruleY(rows, {y: "accelerator", x1: "minUsdPerGpuHour", x2: "maxUsdPerGpuHour", stroke: "pricingModel", strokeWidth: 3, strokeOpacity: 0.6, dy}),
        Plot.dot(rows, {
          y: "accelerator", x: "medianUsdPerGpuHour", fill: "pricingModel", r: 3.5, dy, tip: true,
          title: (d: KindSpread) => `${d.accelerator}, ${d.pricingModel}: ${d.count} price${d.count === 1 ? "" : "s"}\nmedian $${sig(d.medianUsdPerGpuHour)}, range $${sig(d.minUsdPerGpuHour)}–$${sig(d.maxUsdPerGpuHour)} per GPU-hour`
        })
      ];
    })
  });
}

/** The cheapest recent price per effective PFLOP-hour for each identified chip, cheapest first. */
export function cheapestComputeChart(best: readonly EffectivePrice[], {width: pageWidth}: {width: number}): SVGSVGElement | HTMLElement {
  const width = drawingWidth(pageWidth);
  const compact = width < 520;
  const rows = best.map((d) => ({...d, chip: shortChip(d.chip)}));
  return Plot.plot({
    width,
    height: 50 + 30 * rows.length,
    marginLeft: compact ? 104 : 160,
    marginRight: 56,
    x: {label: "$ per effective PFLOP-hour", grid: true, tickFormat: usdTick},
    y: {label: null, domain: rows.map((d) => d.chip)},
    color: kindColor(rows.map((d) => d.pricingModel)),
    marks: [
      Plot.barX(rows, {
        y: "chip", x: "usdPerEffectivePflopHour", fill: "pricingModel", tip: true,
        title: (d: EffectivePrice) => `${d.chip}: ${d.provider} · ${d.offering}\n${term(d)}, ${day(d.observed)}\n$${sig(d.usdPerGpuHour)} per GPU-hour ÷ ${sig(d.peakBf16Tflops)} TFLOP/s BF16 peak × MFU\n= $${sig(d.usdPerEffectivePflopHour)} per effective PFLOP-hour`
      }),
      Plot.text(rows, {y: "chip", x: "usdPerEffectivePflopHour", text: (d: EffectivePrice) => usd(d.usdPerEffectivePflopHour), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

/** A collapsed list of the distinct sources behind a chart, each with what it supports. */
export function sourceDetails(items: readonly {label: string; source: string}[], doc: Document = document): HTMLDetailsElement {
  const bySource = new Map<string, string[]>();
  for (const {label, source} of items) bySource.set(source, [...(bySource.get(source) ?? []), label]);
  const details = doc.createElement("details");
  details.className = "chart-sources";
  const summary = doc.createElement("summary");
  summary.textContent = `Sources for this chart (${bySource.size})`;
  const list = doc.createElement("ul");
  list.className = "source-list";
  for (const [source, labels] of bySource) {
    const item = doc.createElement("li");
    item.textContent = `${[...new Set(labels)].join("; ")}: ${source}`;
    list.append(item);
  }
  details.append(summary, list);
  return details;
}
