// Cost or wall-clock days against the number of GPUs (gpuCountSweep.ts), both axes logarithmic:
// a line through the feasible fixed counts with the MFU range as a band, a red × at each
// infeasible count (never priced), and the reader's own point (`yours`), ringed, computed at its
// own count. The curve is the sweep's sample of the calculator at the fixed counts; the reader's
// point is the headline run itself, drawn on its own so that the curve stays the same while only
// the reader's count moves. Between two fixed counts it sits off the line wherever its layout runs
// better or worse than theirs: Llama 3.1 70B at 10,400 GPUs (data 325) costs what 8,192 do, while
// the line's next vertex, 12,288 GPUs (data 384), costs 62% more (the 4M batch rounds to whole
// sequences per data-parallel rank: 2 at 10,400 GPUs, 1 at 12,288, where one micro-batch a step
// leaves the 4-stage pipeline mostly idle). Over 400 counts of four models the point sat a median
// 0.0000–0.011 and at most 0.16 decades off the line (docs/benchmarks.md, 2026-12-02). The caption
// says so (gpuCountSweep.ts sweepBasis).
import {logScale, logTicks} from "./chartScales.js";
import {descriptionMemo, svg as node, toSvgDom} from "./virtualSvg.js";
import type {SvgChild, SvgElementSpec} from "./virtualSvg.js";
import {duration, grouped, sig, usd} from "./format.js";
import {compact} from "./calculatorResults.js";
import type {GpuCountPoint} from "./gpuCountSweep.js";

export type GpuCountMetric = "cost" | "days";

export interface GpuCountChartOptions {
  width: number;
  metric: GpuCountMetric;
  /** One accelerator in words: "GPU" (default) or "TPU chip" (acceleratorWords.ts). */
  unit?: string;
  height?: number;
  /**
   * The points at the fixed counts, which the curve runs through (gpuCountSweeper.fixed(): the
   * same array while only the reader's count moves, so the curves, their points and the × marks
   * are described once and patching skips them). Default: `points` but the reader's.
   */
  fixed?: readonly GpuCountPoint[];
}

const METRICS = {
  cost: {
    title: "Compute cost (USD)",
    color: "#0072B2", // Okabe & Ito 2008
    value: (p: GpuCountPoint) => p.costUsd,
    low: (p: GpuCountPoint) => p.costUsdLow,
    high: (p: GpuCountPoint) => p.costUsdHigh,
    format: (v: number) => usd(v),
    tick: (v: number) => usd(v)
  },
  days: {
    title: "Wall-clock days",
    color: "#D55E00",
    value: (p: GpuCountPoint) => p.wallClockDays,
    low: (p: GpuCountPoint) => p.wallClockDaysLow,
    high: (p: GpuCountPoint) => p.wallClockDaysHigh,
    // Days as the calculator's wall-clock card writes them: "76.6 days", "4.2 h", "3.4 s".
    format: (v: number) => duration(v * 86400),
    tick: (v: number) => compact(v)
  }
} as const;

const INFEASIBLE_COLOR = "#b00020";

/** 1 GPU, 4,096 GPUs, 2 TPU chips. */
export function countOf(n: number, unit: string): string {
  return `${grouped(n)} ${unit}${n === 1 ? "" : "s"}`;
}

/** 1 → "1", 2000 → "2k", 131072 → "131k", 1e6 → "1M". */
export function gpuTick(n: number): string {
  return n >= 1e6 ? `${sig(n / 1e6)}M` : n >= 1000 ? `${sig(n / 1000)}k` : sig(n);
}

/** Runs of consecutive priced points: the line breaks at every infeasible count. */
function segments(points: readonly GpuCountPoint[], value: (p: GpuCountPoint) => number | null): GpuCountPoint[][] {
  const out: GpuCountPoint[][] = [];
  let run: GpuCountPoint[] = [];
  for (const p of points) {
    if (p.feasible && value(p) !== null) run.push(p);
    else if (run.length > 0) {
      out.push(run);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

// A point's marks as last described, by the geometry they were drawn in: while only the reader's
// count moves, the sweep hands back the same point objects for the fixed counts
// (gpuCountSweep.ts), so their marks are the same descriptions, which patching skips at once
// (virtualSvg.ts compares descriptions by identity first). A point's formatting (its title) is
// then done once, not on every move: 70 titles a move were most of describing the two panels.
const pointMarks = new WeakMap<GpuCountPoint, Map<string, unknown>>();
function remembered<T>(point: GpuCountPoint, geometry: string, describe: () => T): T {
  let byGeometry = pointMarks.get(point);
  if (byGeometry === undefined) pointMarks.set(point, (byGeometry = new Map()));
  let spec = byGeometry.get(geometry) as T | undefined;
  if (spec === undefined) {
    // A few geometries a point (marks and coordinates in both panels, a resize or two); more are stale.
    if (byGeometry.size >= 16) byGeometry.clear();
    byGeometry.set(geometry, (spec = describe()));
  }
  return spec;
}

// Each axis's tick group by everything it is drawn from: while only the reader's count moves the
// axes rarely change, and the same description is skipped by patching.
const tickGroups = descriptionMemo<SvgElementSpec>();

// The marks of the fixed points (× marks, curves and bands, points) by the geometry they are drawn
// in, for the very points they were drawn from: while only the reader's count moves the sweep hands
// back the same array (gpuCountSweeper.fixed), and these three groups are the same descriptions.
// Before, the reader's point was a vertex of the line and the band, so every move rewrote four
// long paths and inserted and removed a point: the two panels were the largest part of a drag
// move's script (bench/profile.ts, 2026-12-02: describe 1.3 + patch 1.3 of 9.4 ms under the profiler).
const fixedGroups = new Map<string, {fixed: readonly GpuCountPoint[]; groups: readonly SvgElementSpec[]}>();
function fixedMarks(key: string, fixed: readonly GpuCountPoint[], describe: () => SvgElementSpec[]): readonly SvgElementSpec[] {
  const kept = fixedGroups.get(key);
  if (kept !== undefined && (kept.fixed === fixed || (kept.fixed.length === fixed.length && kept.fixed.every((p, i) => p === fixed[i])))) return kept.groups;
  if (fixedGroups.size >= 16) fixedGroups.clear();
  const groups = describe();
  fixedGroups.set(key, {fixed, groups});
  return groups;
}

/** One panel: `metric` against GPUs. Returns a detached SVG element. */
export function gpuCountChart(points: readonly GpuCountPoint[], options: GpuCountChartOptions): SVGSVGElement {
  return toSvgDom(gpuCountChartSpec(points, options)) as SVGSVGElement;
}

/**
 * The same panel described (virtualSvg.ts), for a chart that stays on the page and follows the
 * controls: patching it writes only what moved (mostly the reader's point and its ring).
 */
export function gpuCountChartSpec(points: readonly GpuCountPoint[], options: GpuCountChartOptions): SvgElementSpec {
  const {width, metric, unit = "GPU"} = options;
  const count = (n: number) => countOf(n, unit);
  const m = METRICS[metric];
  const height = options.height ?? 230;
  const current = points.find((p) => p.yours);
  const fixed = options.fixed ?? points.filter((p) => !p.yours);
  // The reader's point is drawn on its own unless a fixed point stands on the same number of GPUs
  // (the same run: the calculator lays both counts out alike).
  const ownMark = current !== undefined && !fixed.some((p) => p.gpus === current.gpus);
  const drawn = ownMark ? [...fixed, current] : fixed;
  const priced = points.filter((p) => p.feasible && m.value(p) !== null);
  const values = drawn.filter((p) => p.feasible && m.value(p) !== null).flatMap((p) => [m.value(p), m.low(p), m.high(p)]).filter((v): v is number => v !== null && v > 0);
  const top = 24;
  const bottom = height - 36;
  const gy = values.length > 0 ? logTicks(Math.min(...values), Math.max(...values), Math.max(3, Math.floor((bottom - top) / 28))) : null;
  // The left margin holds the longest tick label (about 7 px per character of 12 px text).
  const left = 12 + 7 * Math.max(4, ...(gy?.ticks ?? []).map((t) => m.tick(t).length));
  const margin = {top, right: 16, bottom: 36, left};
  const parts: SvgChild[] = [];
  const root = (): SvgElementSpec => node("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `${m.title} against the number of ${unit}s: ${priced.length} feasible and ${points.filter((p) => !p.feasible).length} infeasible counts`,
    "data-testid": `gpu-count-${metric}`,
    style: "max-width: 100%; height: auto; font: 12px var(--sans-serif, system-ui); overflow: visible"
  }, parts);
  parts.push(node("text", {x: 0, y: 12, fill: "currentColor", "font-weight": "bold"}, [`↑ ${m.title}`]));
  const right = Math.max(margin.left + 10, width - margin.right);
  if (drawn.length === 0) return root();

  let fewest = Infinity;
  let most = -Infinity;
  for (const p of drawn) {
    fewest = Math.min(fewest, p.gpus);
    most = Math.max(most, p.gpus);
  }
  const gx = logTicks(fewest, most, Math.max(3, Math.floor((right - margin.left) / 60)), false);
  const x = logScale(gx.domain[0], gx.domain[1], margin.left, right);
  // Each axis's ticks in a group of their own, so that a change in the number of ticks on one axis
  // does not shift every element after it when the chart is patched (virtualSvg.ts).
  parts.push(tickGroups(`x|${gx.ticks.join()}|${gx.domain.join()}|${margin.left}|${right}|${margin.top}|${bottom}`, () => node("g", {"data-x-ticks": ""}, gx.ticks.flatMap((t) => [
    node("line", {x1: x(t), x2: x(t), y1: margin.top, y2: bottom, stroke: "currentColor", "stroke-opacity": 0.1}),
    node("text", {x: x(t), y: bottom + 15, "text-anchor": "middle", fill: "currentColor"}, [gpuTick(t)])
  ]))));
  parts.push(node("text", {x: right, y: bottom + 31, "text-anchor": "end", fill: "currentColor"}, [`${unit}s →`]));

  // An infeasible count: a × on the axis, never a price (keyed by count, in one group).
  const xGeometry = `${unit}|${gx.domain.join()}|${margin.left}|${right}|${bottom}`;
  const cross = (p: GpuCountPoint) => {
    const cx = x(p.gpus);
    return node("g", {"data-infeasible": p.gpus, "data-key": p.gpus}, [
      node("title", {}, [`${count(p.gpus)} (${p.layout}): ${p.reason ?? "infeasible"}`]),
      node("path", {d: `M${cx - 4},${bottom - 10}l8,8m0,-8l-8,8`, stroke: INFEASIBLE_COLOR, "stroke-width": 2})
    ]);
  };
  // A priced point's hover text: its count, layout, value and MFU.
  const pointTitle = (p: GpuCountPoint) => node("title", {}, [`${count(p.gpus)} (${p.layout}): ${m.format(m.value(p)!)} at ${sig((p.mfu ?? 0) * 100, 2)}% MFU`]);
  const crosses = () => node("g", {"data-infeasibles": ""}, fixed.filter((q) => !q.feasible).map((p) => remembered(p, `×|${xGeometry}`, () => cross(p))));

  let y: ((v: number) => number) | null = null;
  if (gy !== null) {
    const scaleY = logScale(gy.domain[0], gy.domain[1], bottom - 14, margin.top);
    y = scaleY;
    const yGeometry = `${metric}|${xGeometry}|${gy.domain.join()}`;
    const dot = (p: GpuCountPoint) => node("circle", {cx: x(p.gpus), cy: scaleY(m.value(p)!), r: 2.5, fill: m.color, "data-gpus": p.gpus, "data-key": p.gpus}, [pointTitle(p)]);
    const [infeasibles, curveGroup, pointGroup] = fixedMarks(`${yGeometry}|${margin.top}`, fixed, () => {
      // A point's place on the line and on the band's edges, as path coordinates.
      const at = (p: GpuCountPoint) => remembered(p, `xy|${yGeometry}`, () => {
        const cx = x(p.gpus);
        const [low, high] = [m.low(p), m.high(p)];
        return {value: `${cx},${scaleY(m.value(p)!)}`, low: low === null ? "" : `${cx},${scaleY(low)}`, high: high === null ? "" : `${cx},${scaleY(high)}`};
      });
      // The curves in a group of their own: the number of runs changes with the feasible counts.
      const curves: SvgChild[] = [];
      const runs = segments(fixed, m.value);
      for (const run of runs) {
        const band = run.filter((p) => m.low(p) !== null && m.high(p) !== null);
        if (band.length > 1) {
          const upper = band.map((p) => at(p).high);
          const lower = band.map((p) => at(p).low).reverse();
          curves.push(node("path", {d: `M${upper.join("L")}L${lower.join("L")}Z`, fill: m.color, "fill-opacity": 0.15, "data-band": ""}));
        }
        curves.push(node("path", {d: `M${run.map((p) => at(p).value).join("L")}`, fill: "none", stroke: m.color, "stroke-width": 2, "data-line": ""}));
      }
      // The points in one group, each keyed by its count.
      return [
        crosses(),
        node("g", {"data-curves": ""}, curves),
        node("g", {"data-points": ""}, runs.flat().map((p) => remembered(p, yGeometry, () => dot(p))))
      ];
    });
    parts.push(infeasibles!);
    parts.push(tickGroups(`y|${metric}|${gy.ticks.join()}|${gy.domain.join()}|${margin.left}|${right}|${margin.top}|${bottom}`, () => node("g", {"data-y-ticks": ""}, gy.ticks.flatMap((t) => [
      node("line", {x1: margin.left, x2: right, y1: scaleY(t), y2: scaleY(t), stroke: "currentColor", "stroke-opacity": 0.1}),
      node("text", {x: margin.left - 6, y: scaleY(t), dy: "0.35em", "text-anchor": "end", fill: "currentColor"}, [m.tick(t)])
    ]))));
    parts.push(curveGroup!, pointGroup!);
  } else {
    parts.push(fixedMarks(`none|${xGeometry}`, fixed, () => [crosses()])[0]!);
    parts.push(node("text", {x: width / 2, y: (margin.top + bottom) / 2, "text-anchor": "middle", fill: INFEASIBLE_COLOR}, ["Infeasible at every count with this layout"]));
  }

  // The reader's own point: its dot (or ×) where no fixed point stands on it, ringed, and labelled
  // with its value or its reason.
  if (current) {
    const cx = x(current.gpus);
    const v = m.value(current);
    const onScale = current.feasible && v !== null && y !== null;
    const cy = onScale ? y!(v!) : bottom - 6;
    const text = `you: ${count(current.gpus)}, ${current.feasible && v !== null ? m.format(v) : current.feasible ? "no price given" : "infeasible"}`;
    const left = cx > (margin.left + right) / 2;
    // Kept inside the plot, clear of the y-axis tick labels in the left margin (it sits above the
    // point, so it may reach past it): about 7.5 px per character of 12 px bold text.
    const textWidth = text.length * 7.5;
    const tx = left ? Math.min(width, Math.max(margin.left + textWidth, cx - 10)) : Math.max(margin.left, Math.min(width - textWidth, cx + 10));
    // Unkeyed, unlike the fixed points' dots: it is patched in place as the reader's count moves.
    const own: SvgChild[] = !ownMark ? [] : !current.feasible ? [cross(current)] : onScale ? [node("circle", {cx, cy, r: 2.5, fill: m.color, "data-gpus": current.gpus}, [pointTitle(current)])] : [];
    // The dot in a group of its own, beside the ring and label (whose text is the group's text).
    parts.push(
      node("g", {"data-yours": ""}, own),
      node("g", {"data-current": current.gpus}, [
        node("circle", {cx, cy, r: 7, fill: "none", stroke: current.feasible ? "currentColor" : INFEASIBLE_COLOR, "stroke-width": 2}),
        node("text", {x: tx, y: Math.max(margin.top + 4, cy - 12), "text-anchor": left ? "end" : "start", fill: "currentColor", "font-weight": "bold", stroke: "var(--theme-background-alt, white)", "stroke-width": 4, "paint-order": "stroke"}, [text])
      ])
    );
  }
  return root();
}

const countList = (ps: readonly GpuCountPoint[], unit: string): string => {
  const n = ps.map((p) => grouped(p.gpus));
  const last = ps.at(-1)!.gpus;
  if (n.length <= 4) return `${n.length > 1 ? `${n.slice(0, -1).join(", ")} and ` : ""}${countOf(last, unit)}`;
  return `${n.length} counts from ${n[0]} to ${countOf(last, unit)}`;
};

/**
 * What the chart marks as infeasible, in words: "× marks counts that cannot run and are not
 * priced: does not fit in memory at 1, 2, 3 and 4 GPUs." Any other reason follows as its own
 * sentence, in the calculator's words: "At 131,072 GPUs: Interruptions would leave no time to
 * train …". Empty when every count is feasible.
 */
export function infeasibleSummary(points: readonly GpuCountPoint[], unit = "GPU"): string {
  const bad = points.filter((p) => !p.feasible);
  if (bad.length === 0) return "";
  const memory = bad.filter((p) => p.reason?.startsWith("does not fit"));
  const other = bad.filter((p) => !p.reason?.startsWith("does not fit"));
  const head = "× marks counts that cannot run and are not priced";
  const sentences = [memory.length > 0 ? `${head}: does not fit in memory at ${countList(memory, unit)}.` : `${head}.`];
  if (other.length > 0) {
    const reason = (other[0]!.reason ?? "").trim();
    sentences.push(`At ${countList(other, unit)}: ${reason}${/[.!?]$/.test(reason) ? "" : "."}`);
  }
  return sentences.join(" ");
}
