// Where a step's time goes: one horizontal bar per part of the step (stepTimeParts.ts), labelled
// with its seconds and share. Below 600 px the names move above their bars.
import {SANS_SERIF, linearScale, linearTicks, textWidth, wrapLines} from "./chartScales.js";
import {descriptionMemo, svg as node, toSvgDom} from "./virtualSvg.js";
import type {SvgChild, SvgElementSpec} from "./virtualSvg.js";
import {sig} from "./format.js";
import {stepSeconds as seconds, stepShare} from "./stepTimeParts.js";
import type {StepGroup, StepTimeRow} from "./stepTimeParts.js";

/** Colour-blind-safe colours (Okabe & Ito 2008, "Color Universal Design"), one per kind of time. */
export const STEP_GROUP_COLORS: Readonly<Record<StepGroup, string>> = {
  compute: "#0072B2",
  memory: "#009E73",
  communication: "#D55E00",
  idle: "#7f7f7f",
  overlapped: "#D55E00"
};
/** Recomputation is compute done twice: the lighter blue of the same palette. */
const RECOMPUTE_COLOR = "#56B4E9";

export interface StepTimeChartOptions {
  width: number;
}

// The tick group and each bar's name by everything they are drawn from: a slider move changes the
// bars' lengths and values, rarely the axis or the names, and patching skips a description it saw.
const tickGroups = descriptionMemo<SvgElementSpec>();
const barNames = descriptionMemo<SvgElementSpec>(64);

/** Bars of seconds per part of one step; returns a detached SVG element. */
export function stepTimeChart(rows: readonly StepTimeRow[], options: StepTimeChartOptions): SVGSVGElement {
  return toSvgDom(stepTimeChartSpec(rows, options)) as SVGSVGElement;
}

/** The same chart described (virtualSvg.ts), for a chart that stays on the page and is patched on every change. */
export function stepTimeChartSpec(rows: readonly StepTimeRow[], {width}: StepTimeChartOptions): SvgElementSpec {
  const narrow = width < 600;
  const nameHeight = narrow ? 15 : 0;
  const rowHeight = narrow ? 38 : 26;
  // Wide: the names sit left of their bars in a margin of 250 px, widened to the longest name up
  // to 45% of the chart; a name longer still wraps onto a second line.
  const nameWidth = (text: string) => textWidth(text, `12px ${SANS_SERIF}`, 7);
  const longest = Math.max(0, ...rows.map((r) => nameWidth(r.label)));
  const margin = {top: 6, right: 112, bottom: 24, left: narrow ? 4 : Math.round(Math.max(250, Math.min(14 + longest, 0.45 * width)))};
  const height = margin.top + margin.bottom + rows.length * rowHeight;
  const max = Math.max(0, ...rows.map((r) => r.seconds));
  // Ticks at round numbers of the unit they are written in (ms, s, min or h).
  const tickUnit = max >= 3600 ? 3600 : max >= 60 ? 60 : max >= 1 ? 1 : 1e-3;
  const ticks = linearTicks(max / tickUnit, Math.max(2, Math.floor((width - margin.left - margin.right) / 90))).map((t) => t * tickUnit);
  const x = linearScale(0, ticks.at(-1) ?? 1, margin.left, Math.max(margin.left + 10, width - margin.right));
  const total = rows.reduce((a, r) => a + (r.inStep ? r.seconds : 0), 0);
  const parts: SvgChild[] = [];
  const chart = node("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `Bar chart: where the ${sig(total)} seconds of one training step go, in ${rows.filter((r) => r.inStep).length} parts`,
    "data-testid": "step-chart",
    style: "max-width: 100%; height: auto; font: 12px var(--sans-serif, system-ui); overflow: visible"
  }, parts);
  const axisY = height - margin.bottom;
  // The ticks and the bars each in a group, and each bar keyed by its part: when a slider move
  // adds a tick or a part, patching the chart (virtualSvg.ts) inserts that one instead of
  // rewriting every element after it.
  const tickGroup = tickGroups(`${ticks.join()}|${margin.left}|${width}|${margin.top}|${axisY}`, () => node("g", {"data-ticks": ""}, ticks.flatMap((t) => [
    node("line", {x1: x(t), x2: x(t), y1: margin.top, y2: axisY, stroke: "currentColor", "stroke-opacity": 0.12}),
    node("text", {x: x(t), y: axisY + 16, "text-anchor": "middle", fill: "currentColor"}, [t === 0 ? "0" : seconds(t)])
  ])));
  const bars: SvgChild[] = [];
  parts.push(tickGroup, node("g", {"data-bars": ""}, bars));
  rows.forEach((r, i) => {
    const top = margin.top + i * rowHeight;
    const barTop = top + nameHeight + 3;
    const barHeight = rowHeight - nameHeight - 6;
    const color = r.part === "recompute" ? RECOMPUTE_COLOR : STEP_GROUP_COLORS[r.group];
    const value = r.shareOfStep === null ? `${seconds(r.seconds)}, hidden` : `${seconds(r.seconds)} · ${stepShare(r.shareOfStep)}`;
    const title = r.inStep ? `${r.label}: ${value} of the step` : `${r.label}: ${seconds(r.seconds)} behind the compute, not part of the step`;
    const g: SvgChild[] = [node("title", {}, [title])];
    // Time outside the step is drawn as an outline, dashed.
    const paint: Record<string, string | number> = r.inStep ? {fill: color} : {fill: "none", stroke: color, "stroke-width": 1.5, "stroke-dasharray": "4,3"};
    g.push(
      barNames(`${narrow}|${r.label}|${margin.left}|${top}|${barTop + barHeight / 2}`, () => narrow
        ? node("text", {x: margin.left, y: top + 12, fill: "currentColor"}, [r.label])
        : nameLeftOfBar(wrapLines(r.label, margin.left - 12, nameWidth), margin.left - 8, barTop + barHeight / 2)),
      node("rect", {x: x(0), y: barTop, width: Math.max(1, x(r.seconds) - x(0)), height: barHeight, ...paint}),
      node("text", {x: x(r.seconds) + 6, y: barTop + barHeight / 2, dy: "0.35em", fill: "currentColor"}, [value])
    );
    bars.push(node("g", {"data-part": r.part, "data-key": r.part}, g));
  });
  return chart;
}

/** A bar's name right-aligned at `x`, its lines centred on `y`. */
function nameLeftOfBar(lines: readonly string[], x: number, y: number): SvgElementSpec {
  return node("text", {x, y: y - 6.5 * (lines.length - 1), dy: "0.35em", "text-anchor": "end", fill: "currentColor"},
    lines.map((line, k) => node("tspan", {x, ...(k > 0 ? {dy: "1.1em"} : {})}, [line])));
}
