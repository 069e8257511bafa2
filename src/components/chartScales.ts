// Scales, ticks and SVG nodes for the calculator's hand-drawn charts. The home page draws its
// charts without D3 or Plot so that it stays light to load (issue 14: ≤ 300 KB of JS) and quick to
// repaint on every slider move; these few functions are all the charts need.

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes and children: svgNode("rect", {x: 0, width: 10}). */
export function svgNode<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  children: (Node | string)[] = []
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** A base-10 logarithmic map from [d0, d1] (both > 0) to [r0, r1]. */
export function logScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const lin = linearScale(Math.log10(d0), Math.log10(d1), r0, r1);
  return (v) => lin(Math.log10(v));
}

/**
 * Round tick values from 0 to at least `max`, about `count` of them, stepping by 1, 2 or 5 × 10ᵏ
 * (the steps d3-array's ticks uses): linearTicks(7.3, 5) → [0, 2, 4, 6, 8].
 */
export function linearTicks(max: number, count: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const t = Number((i * step).toPrecision(12));
    ticks.push(t);
    if (t >= max) break;
  }
  return ticks;
}

/**
 * Tick values for a log axis over [min, max]: 1, 2 and 5 × 10ᵏ when the span is under three
 * decades, powers of ten otherwise, thinned to at most `maxTicks`. With `nice` the domain is
 * widened to the outer ticks: logTicks(3, 40) → {ticks: [2, 5, 10, 20, 50], domain: [2, 50]};
 * without, it stays [min, max] and only ticks inside it are kept.
 */
export function logTicks(minValue: number, maxValue: number, maxTicks = 8, nice = true): {ticks: number[]; domain: [number, number]} {
  if (!(minValue > 0 && maxValue >= minValue && Number.isFinite(maxValue))) throw new RangeError(`logTicks: need 0 < min ≤ max, got [${minValue}, ${maxValue}]`);
  // A single value still gets an axis around it.
  const [min, max] = maxValue > minValue ? [minValue, maxValue] : [minValue / 1.5, maxValue * 1.5];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const mantissas = hi - lo <= 3 ? [1, 2, 5] : [1];
  const all: number[] = [];
  for (let e = lo; e <= hi; e++) for (const m of mantissas) all.push(Number((m * 10 ** e).toPrecision(12)));
  const below = nice ? (all.filter((t) => t <= min).at(-1) ?? all[0]!) : min;
  const above = nice ? (all.find((t) => t >= max) ?? all.at(-1)!) : max;
  let ticks = all.filter((t) => t >= below && t <= above);
  const isDecade = (t: number) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
  if (ticks.length > maxTicks) ticks = ticks.filter(isDecade);
  if (ticks.length > maxTicks) {
    const stride = Math.ceil(ticks.length / maxTicks);
    ticks = ticks.filter((_, i) => i % stride === 0);
  }
  return {ticks, domain: [below, above]};
}

/** Framework's --sans-serif stack (its global.css), for measuring text the way the page draws it. */
export const SANS_SERIF = `-apple-system, BlinkMacSystemFont, "avenir next", avenir, helvetica, "helvetica neue", ubuntu, roboto, noto, "segoe ui", arial, sans-serif`;

let measureContext: CanvasRenderingContext2D | null | undefined;
// Widths already measured, by font and text: a chart redrawn on every slider move (the step
// chart's names, wrapped word by word) asks for the same few dozen strings each time.
const measured = new Map<string, number>();
/**
 * Width in px of `text` in `font` (a CSS font shorthand, e.g. "12px system-ui"): measured on a
 * canvas, or, where there is none (tests in Node), `fallbackPxPerChar` a character.
 */
export function textWidth(text: string, font: string, fallbackPxPerChar = 6): number {
  if (measureContext === undefined) measureContext = typeof document === "undefined" ? null : (document.createElement("canvas").getContext("2d") ?? null);
  if (measureContext === null) return text.length * fallbackPxPerChar;
  const key = `${font}\n${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    if (measured.size >= 2000) measured.clear();
    measureContext.font = font;
    measured.set(key, (width = measureContext.measureText(text).width));
  }
  return width;
}

/** `text` broken at spaces into lines no wider than `maxPx` (a word longer than that keeps a line of its own). */
export function wrapLines(text: string, maxPx: number, width: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && width(candidate) > maxPx) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * The narrowest frame a chart is laid out in, px. Framework reports the page width as 0 for a
 * moment before layout (and in a tab that has not been laid out), and Plot then draws marks of
 * negative width inside its margins, which Chromium logs as errors ('<rect> attribute width: A
 * negative value is not valid'). A phone's column (375 px less padding) is wider than this.
 */
export const MIN_CHART_WIDTH = 300;

/** The width to draw at for the page's `width`: never below MIN_CHART_WIDTH. */
export function drawingWidth(pageWidth: number): number {
  return Number.isFinite(pageWidth) ? Math.max(MIN_CHART_WIDTH, pageWidth) : MIN_CHART_WIDTH;
}

/**
 * A data extent a chart can draw: `[min, max]` as given, or, when every value is the same (one
 * point: a benchmark setting only one model reports), widened around it, by `pad` on a linear
 * axis or by a factor of √10 on a log axis. Left as it is, a scale over one value ticks at
 * meaningless resolution ("47.160000").
 */
export function drawableExtent(min: number, max: number, {log = false, pad = 5, floor = -Infinity, ceiling = Infinity}: {log?: boolean; pad?: number; floor?: number; ceiling?: number} = {}): [number, number] {
  if (max > min) return [min, max];
  return log ? [min / Math.sqrt(10), max * Math.sqrt(10)] : [Math.max(floor, min - pad), Math.min(ceiling, max + pad)];
}
