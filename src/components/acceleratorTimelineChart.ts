// Dense 16-bit peak by release year, one dot per accelerator, coloured by vendor. Labels go only
// where they fit without touching a dot or another label (labelPlacement.ts); the frontier
// (each new record) is labelled first, and every dot has a tooltip with its full names.
import * as d3 from "npm:d3";
import * as Plot from "npm:@observablehq/plot";
import type {AcceleratorPoint} from "./acceleratorPoints.js";
import {placeLabels, estimateTextSize} from "./labelPlacement.js";
import {sig} from "./format.js";

export interface AcceleratorTimelineOptions {
  width: number;
  height?: number;
}

const FONT_SIZE = 11;
const FONT_FAMILY = "system-ui, sans-serif";
const DOT_RADIUS = 5;
const TERA = 1e12;

/** Text size from the browser's own font metrics, padded; falls back to an estimate off the DOM. */
function textMeasurer(): (text: string) => {width: number; height: number} {
  const context = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (!context) return (text) => estimateTextSize(text, FONT_SIZE);
  context.font = `${FONT_SIZE}px ${FONT_FAMILY}`;
  return (text) => ({width: context.measureText(text).width + 2, height: FONT_SIZE * 1.25});
}

export function acceleratorTimelineChart(points: readonly AcceleratorPoint[], {width: pageWidth, height}: AcceleratorTimelineOptions): HTMLElement | SVGSVGElement {
  // Framework's width can be 0 for a moment before layout; never lay out a frame narrower than a phone.
  const width = Math.max(pageWidth, 300);
  const narrow = width < 560;
  const chartHeight = height ?? (narrow ? 360 : 380);
  const margin = {top: 24, right: 12, bottom: 40, left: 44};
  const vendors = [...new Set(points.map((p) => p.vendor))].sort();
  // Vendors sit side by side within a year so that chips of one year and similar speed stay apart;
  // the tooltip gives the true year.
  const step = 0.16;
  const xOf = (p: AcceleratorPoint) => p.releaseYear + (vendors.indexOf(p.vendor) - (vendors.length - 1) / 2) * step;
  const years = d3.extent(points, (p) => p.releaseYear) as [number, number];
  const tflops = d3.extent(points, (p) => p.peakFlopsPerSecond / TERA) as [number, number];
  const xDomain: [number, number] = [years[0] - 0.5, years[1] + 0.5];
  const yDomain: [number, number] = [tflops[0] / 1.35, tflops[1] * 1.35];
  const xRange: [number, number] = [margin.left, width - margin.right];
  const yRange: [number, number] = [chartHeight - margin.bottom, margin.top];
  const x = d3.scaleLinear(xDomain, xRange);
  const y = d3.scaleLog(yDomain, yRange);

  const {placed, unplaced} = placeLabels(
    points.map((p, i) => ({
      id: String(i),
      text: p.label,
      x: x(xOf(p)),
      y: y(p.peakFlopsPerSecond / TERA),
      r: DOT_RADIUS,
      // The frontier first, then the faster chips.
      priority: (p.setsRecord ? 0 : 1e6) - p.peakFlopsPerSecond / TERA
    })),
    {bounds: {left: margin.left, top: margin.top, right: width, bottom: chartHeight - margin.bottom}, measure: textMeasurer()}
  );
  const labels = placed.map((l) => ({text: l.text, x: x.invert(l.x), y: y.invert(l.y)}));
  const yearStep = narrow ? 2 : 1;
  const hidden = unplaced.length;

  return Plot.plot({
    width,
    height: chartHeight,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    style: {fontSize: `${FONT_SIZE}px`, fontFamily: FONT_FAMILY},
    ariaLabel: "Scatter plot of dense 16-bit peak TFLOP/s by release year, one dot per accelerator",
    caption: hidden > 0 ? `${hidden} ${hidden === 1 ? "dot is" : "dots are"} left unlabelled where labels would collide: hover or tap a dot for its name.` : undefined,
    x: {domain: xDomain, range: xRange, label: "Release year", tickFormat: "d", ticks: d3.range(years[0] + ((years[1] - years[0]) % yearStep), years[1] + 1, yearStep)},
    y: {type: "log", domain: yDomain, range: yRange, label: "Dense 16-bit TFLOP/s", grid: true},
    color: {domain: vendors, legend: true},
    marks: [
      Plot.dot(points, {
        x: xOf,
        y: (p: AcceleratorPoint) => p.peakFlopsPerSecond / TERA,
        r: DOT_RADIUS,
        fill: "vendor",
        stroke: "var(--theme-background, white)",
        title: (p: AcceleratorPoint) => `${p.names.join("\n")}\n${p.releaseYear} · ${sig(p.peakFlopsPerSecond / TERA)} dense 16-bit TFLOP/s`,
        tip: true
      }),
      Plot.text(labels, {x: "x", y: "y", text: "text", textAnchor: "middle", lineAnchor: "middle", fill: "currentColor", fontSize: FONT_SIZE, className: "accelerator-labels"})
    ]
  });
}
