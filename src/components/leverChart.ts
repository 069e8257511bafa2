// One lever's variants as horizontal bars of cost relative to the lever's baseline.
import * as Plot from "npm:@observablehq/plot";
import type {LeverRow} from "./levers.js";
import {sig, usd} from "./format.js";

/** Framework's width is 0 before layout: never draw narrower than this (a negative lineWidth threw). */
const MIN_WIDTH = 300;
/**
 * Width of one character of Plot's 10 px sans-serif labels, rounded up: "100% · $0.0249" (14
 * characters) measured 80 px in headless Chromium with DejaVu Sans at 375 px, where a fixed 70 px
 * right margin let it run 3 px past the chart (state sweep, /levers?model=pythia-70m&…&price=0.05).
 */
const LABEL_PX_PER_CHAR = 6;

/** A bar's label: its cost relative to the first bar, and in dollars. */
const barLabel = (d: {relativeCost: number; usd: number}): string => `${sig(d.relativeCost * 100, 2)}% · ${usd(d.usd)}`;

export function leverChart(rows: readonly LeverRow[], {width: givenWidth, label = "Cost relative to the first bar →"}: {width: number; label?: string}): SVGSVGElement | HTMLElement {
  const width = Math.max(MIN_WIDTH, givenWidth);
  const narrow = width < 560;
  // A variant that cannot run (or whose baseline cannot) has no price: no bar, a red note instead.
  const priced = rows.filter((r): r is LeverRow & {relativeCost: number; usd: number} => r.relativeCost !== null && r.usd !== null);
  // Unpriced: the variant itself cannot run (usd null), or it can but its baseline cannot.
  const cannotRun = rows.filter((r) => r.usd === null);
  const noBaseline = rows.filter((r) => r.usd !== null && r.relativeCost === null);
  const max = Math.max(1, ...priced.map((r) => r.relativeCost));
  // On phones each name sits above its bar, wrapped to the chart's width (two lines fit): the
  // bar takes 40% of its row and the name the gap above it.
  const rowHeight = narrow ? 60 : 32;
  const margin = {top: narrow ? 6 : 20, bottom: 36};
  const height = margin.top + margin.bottom + rows.length * rowHeight;
  const y = narrow ? {paddingInner: 0.6, paddingOuter: 0.3} : {paddingInner: 0.1, paddingOuter: 0.1};
  // d3.scaleBand's step, as Plot computes it for the y scale.
  const step = (height - margin.top - margin.bottom) / Math.max(1, rows.length - y.paddingInner + 2 * y.paddingOuter);
  const barHeight = step * (1 - y.paddingInner);
  // Room right of the longest bar for the longest label (every bar ends at or left of it).
  const marginRight = Math.max(70, 8 + LABEL_PX_PER_CHAR * Math.max(0, ...priced.map((d) => barLabel(d).length)));
  const svg = Plot.plot({
    width,
    height,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    marginLeft: narrow ? 10 : 300,
    marginRight,
    x: {label, domain: [0, max * 1.05], tickFormat: "%", grid: true, ticks: narrow ? 3 : 6},
    y: {label: null, domain: rows.map((r) => r.variant), axis: null, ...y},
    ariaLabel: `Bar chart: ${rows[0]?.lever ?? "lever"}, cost of each variant relative to the first`,
    marks: [
      Plot.barX(priced, {x: "relativeCost", y: "variant", fill: (d: {relativeCost: number}) => (d.relativeCost <= 1 ? "#0072B2" : "#B00020"), tip: {format: {x: (v: number) => `${sig(v * 100, 2)}%`}}, className: FEASIBLE_CLASS}),
      Plot.text(priced, {x: "relativeCost", y: "variant", text: barLabel, textAnchor: "start", dx: 4, fill: "currentColor", className: FEASIBLE_CLASS}),
      Plot.text(cannotRun, {x: 0, y: "variant", text: () => "cannot run: not priced", textAnchor: "start", dx: 4, fill: "#B00020", className: INFEASIBLE_CLASS}),
      Plot.text(noBaseline, {x: 0, y: "variant", text: () => "baseline cannot run: no comparison", textAnchor: "start", dx: 4, fill: "#B00020", className: FEASIBLE_CLASS}),
      // Names: above the bars on phones; on wider screens a left axis whose long names wrap
      // onto a second line instead of running past the left edge.
      narrow
        ? Plot.text(rows, {x: 0, y: "variant", text: "variant", textAnchor: "start", lineAnchor: "bottom", dy: -(barHeight / 2 + 3), fill: "currentColor", lineWidth: Math.max(8, (width - 24) / 10)})
        : Plot.axisY({label: null, lineWidth: 28}),
      Plot.ruleX([0]),
      Plot.ruleX([1], {stroke: "currentColor", strokeDasharray: "3,3"})
    ]
  });
  // Each bar and its label carry the verdict, as the calculator's results do (data-feasible): the
  // state sweep checks that no element marked "false" shows a price.
  for (const [className, feasible] of [[FEASIBLE_CLASS, "true"], [INFEASIBLE_CLASS, "false"]] as const) {
    for (const el of svg.querySelectorAll(`.${className} > *`)) el.setAttribute("data-feasible", feasible);
  }
  return svg;
}

const FEASIBLE_CLASS = "lever-runs";
const INFEASIBLE_CLASS = "lever-cannot-run";
