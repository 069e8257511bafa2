// One lever's variants as horizontal bars of cost relative to the lever's baseline, drawn as
// plain SVG (chartScales.ts) rather than with Plot: /levers then loads neither Plot nor d3
// (issue 14: about 170 KB of its 295 KB of JS gzip, and the wait before its first chart).
import {linearScale, svgNode, textWidth, wrapLines} from "./chartScales.js";
import type {LeverRow} from "./levers.js";
import {sig, usd} from "./format.js";

/** Framework's width is 0 before layout: never draw narrower than this (a negative lineWidth threw). */
const MIN_WIDTH = 300;
/**
 * Width of one character of the chart's 10 px sans-serif labels, rounded up: "100% · $0.0249" (14
 * characters) measured 80 px in headless Chromium with DejaVu Sans at 375 px, where a fixed 70 px
 * right margin let it run 3 px past the chart (state sweep, /levers?model=pythia-70m&…&price=0.05).
 */
const LABEL_PX_PER_CHAR = 6;
const FONT = "10px system-ui, sans-serif";
const BLUE = "#0072B2"; // Okabe & Ito 2008
const RED = "#B00020";

/** A bar's label: its cost relative to the first bar, and in dollars. */
const barLabel = (d: {relativeCost: number; usd: number}): string => `${sig(d.relativeCost * 100, 2)}% · ${usd(d.usd)}`;

/** Width of `text` in the chart's font. */
const labelWidth = (text: string): number => textWidth(text, FONT, LABEL_PX_PER_CHAR);

/**
 * Tick values inside [0, max], about `count` of them, at 1, 2 or 5 × 10ᵏ chosen as d3-array's
 * tickIncrement chooses them (the ticks Plot drew here before).
 */
export function percentTicks(max: number, count: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  // Below 1 the step is held as its integer inverse, as d3 does, so 3 × 0.2 stays 0.6.
  const ticks: number[] = [];
  if (power < 0) {
    const inverse = 10 ** -power / factor;
    let last = Math.round(max * inverse);
    if (last / inverse > max) last--;
    for (let i = 0; i <= last; i++) ticks.push(i / inverse);
  } else {
    const step = 10 ** power * factor;
    let last = Math.round(max / step);
    if (last * step > max) last--;
    for (let i = 0; i <= last; i++) ticks.push(i * step);
  }
  return ticks;
}

/** 0.2 → "20%", 0.005 → "0.5%". */
const percentTick = (t: number): string => `${Number((t * 100).toPrecision(12))}%`;

export function leverChart(rows: readonly LeverRow[], {width: givenWidth, label = "Cost relative to the first bar →"}: {width: number; label?: string}): SVGSVGElement {
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
  const marginLeft = narrow ? 10 : 300;
  const right = Math.max(marginLeft + 10, width - marginRight);
  const bottom = height - margin.bottom;
  const x = linearScale(0, max * 1.05, marginLeft, right);
  const bandTop = (i: number) => margin.top + step * (y.paddingOuter + i);
  const svg = svgNode("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Bar chart: ${rows[0]?.lever ?? "lever"}, cost of each variant relative to the first`,
    style: `max-width: 100%; height: auto; font: ${FONT}; overflow: visible`
  });
  // Grid and x axis: percentages of the baseline.
  for (const t of percentTicks(max * 1.05, narrow ? 3 : 6)) {
    svg.append(
      svgNode("line", {x1: x(t), x2: x(t), y1: margin.top, y2: bottom, stroke: "currentColor", "stroke-opacity": 0.1}),
      svgNode("line", {x1: x(t), x2: x(t), y1: bottom, y2: bottom + 6, stroke: "currentColor"}),
      svgNode("text", {x: x(t), y: bottom + 9, dy: "0.71em", "text-anchor": "middle", fill: "currentColor"}, [percentTick(t)])
    );
  }
  svg.append(svgNode("text", {x: width, y: bottom + 30, "text-anchor": "end", fill: "currentColor"}, [label]));
  // Bars and their labels carry the verdict, as the calculator's results do (data-feasible): the
  // state sweep checks that no element marked "false" shows a price.
  rows.forEach((r, i) => {
    const top = bandTop(i);
    const middle = top + barHeight / 2;
    if (r.relativeCost !== null && r.usd !== null) {
      const d = {relativeCost: r.relativeCost, usd: r.usd};
      svg.append(
        svgNode("rect", {x: x(0), y: top, width: Math.max(0, x(d.relativeCost) - x(0)), height: barHeight, fill: d.relativeCost <= 1 ? BLUE : RED, "data-feasible": "true"}, [
          svgNode("title", {}, [`${r.variant}: ${sig(d.relativeCost * 100, 2)}% of the first bar, ${usd(d.usd)}`])
        ]),
        svgNode("text", {x: x(d.relativeCost) + 4, y: middle, dy: "0.32em", fill: "currentColor", "data-feasible": "true"}, [barLabel(d)])
      );
    } else {
      // Unpriced: the variant itself cannot run (usd null), or it can but its baseline cannot.
      const cannot = r.usd === null;
      svg.append(svgNode("text", {x: x(0) + 4, y: middle, dy: "0.32em", fill: RED, "data-feasible": cannot ? "false" : "true"}, [cannot ? "cannot run: not priced" : "baseline cannot run: no comparison"]));
    }
    // Names: above the bars on phones; on wider screens left of them, long names wrapped onto a
    // second line instead of running past the left edge.
    const lines = wrapLines(r.variant, narrow ? width - 24 : marginLeft - 12, labelWidth);
    const name = narrow
      ? svgNode("text", {x: x(0), y: top - 3 - 12 * (lines.length - 1), fill: "currentColor"})
      : svgNode("text", {x: marginLeft - 9, y: middle - 6 * (lines.length - 1), dy: "0.32em", "text-anchor": "end", fill: "currentColor"});
    lines.forEach((line, k) => name.append(svgNode("tspan", {x: name.getAttribute("x")!, ...(k > 0 ? {dy: "1.2em"} : {})}, [line])));
    svg.append(name);
  });
  svg.append(
    svgNode("line", {x1: x(0), x2: x(0), y1: margin.top, y2: bottom, stroke: "currentColor"}),
    svgNode("line", {x1: x(1), x2: x(1), y1: margin.top, y2: bottom, stroke: "currentColor", "stroke-dasharray": "3,3"})
  );
  return svg;
}
