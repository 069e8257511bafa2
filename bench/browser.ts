// In-browser measurements for `npm run bench`: bytes each page loads, time to first chart and to
// the first DuckDB result rows, and the calculator's slider-to-repaint latency.
import {readFileSync} from "node:fs";
import {gzipSync} from "node:zlib";
import type {Page, Response} from "playwright-core";
import {resolveStaticPath} from "../scripts/serve.js";
import {DIST, newPage, settle} from "../tests/browser/harness.js";
import type {Site} from "../tests/browser/harness.js";
import type {SitePage} from "./pages.js";

export type ResourceKind = "js" | "data" | "wasm" | "css" | "html" | "other";

export function resourceKind(url: string, contentType: string): ResourceKind {
  const path = new URL(url).pathname;
  if (/\.wasm$/.test(path) || contentType.includes("wasm")) return "wasm";
  if (/\.(m?js)$/.test(path) || contentType.includes("javascript")) return "js";
  if (/\.css$/.test(path)) return "css";
  if (/\.(arrow|parquet|csv|tsv|json|zip|txt)$/.test(path) || path.includes("/_file/")) return "data";
  if (/\.html$/.test(path) || contentType.includes("text/html")) return "html";
  return "other";
}

export interface PageLoad {
  /** Gzip-compressed bytes by kind (what a host serving gzip would send). */
  gzipBytes: Record<ResourceKind, number>;
  rawBytes: Record<ResourceKind, number>;
  requests: number;
  duckdb: boolean;
  duckdbFiles: string[];
  /** ms from navigation start; null when the page never shows one. */
  firstChartMs: number | null;
  /** The same for the first chart the page's own cells draw (after its first view, if any). */
  firstLiveChartMs: number | null;
  firstSqlRowsMs: number | null;
  /**
   * When the page stopped changing: its last DOM change or the end of its last response (or of the
   * load event), whichever came later, in ms from navigation start.
   */
  settledMs: number;
  /** When settle() saw it still: settledMs plus the quiet windows it waits out (≥ 500 ms network, 150 ms DOM). */
  settleDetectedMs: number;
  /**
   * Cumulative layout shift up to settled (Chromium's Layout Instability API, the Web Vitals CLS
   * sum without the session windows: one load, no input): how far content jumps while the page loads.
   */
  layoutShift: number;
  consoleErrors: number;
}

const zero = (): Record<ResourceKind, number> => ({js: 0, data: 0, wasm: 0, css: 0, html: 0, other: 0});

/**
 * tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(...)`; the
 * functions handed to the page are serialised with that call in them, so the page needs it too.
 */
const NAME_SHIM = "globalThis.__name = globalThis.__name || ((f) => f);";

/** Raw and gzip sizes of a served file, read from dist/ (response bodies of streamed wasm are not readable). */
const sizeCache = new Map<string, {raw: number; gzip: number}>();
function servedSize(url: string): {raw: number; gzip: number} | null {
  const path = new URL(url).pathname;
  const cached = sizeCache.get(path);
  if (cached) return cached;
  const file = resolveStaticPath(DIST, path);
  if (file === null) return null;
  const bytes = readFileSync(file);
  const size = {raw: bytes.length, gzip: gzipSync(bytes, {level: 6}).length};
  sizeCache.set(path, size);
  return size;
}

/**
 * Records, before any page script runs, when the first chart and the first SQL table rows appear,
 * and when the first chart a page's own cell draws appears (a first view, drawn at build time and
 * in the HTML, comes before it: scripts/firstViews/). An svg inside a button is an icon (Framework's
 * "copy code" button on a code block), not a chart. `lastChange` is the time of the latest change to
 * the document (nodes, attributes or text).
 */
const MILESTONES = () => {
  type Marks = {firstChart: number | null; firstLiveChart: number | null; firstSqlRows: number | null; lastChange: number; layoutShift: number};
  const w = window as unknown as {__bench: Marks};
  w.__bench = {firstChart: null, firstLiveChart: null, firstSqlRows: null, lastChange: 0, layoutShift: 0};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & {value: number; hadRecentInput: boolean})[]) {
      if (!e.hadRecentInput) w.__bench.layoutShift += e.value;
    }
  }).observe({type: "layout-shift", buffered: true});
  new MutationObserver(() => {
    w.__bench.lastChange = performance.now();
  }).observe(document, {childList: true, subtree: true, attributes: true, characterData: true});
  const check = () => {
    const main = document.getElementById("observablehq-main");
    if (!main) return;
    if (w.__bench.firstLiveChart === null) {
      for (const el of main.querySelectorAll("svg, figure, canvas")) {
        if (el.closest("button")) continue;
        w.__bench.firstChart ??= performance.now();
        if (!el.closest(".first-view")) {
          w.__bench.firstLiveChart = performance.now();
          break;
        }
      }
    }
    // Framework renders a sql block's result with Inputs.table: a <form class="inputs-…-table">.
    if (w.__bench.firstSqlRows === null && main.querySelector("form[class*='-table'] tbody tr")) w.__bench.firstSqlRows = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", check);
};

/** One cold load of a page in a fresh browser context, 1280 × 900 px unless `viewport` says otherwise. */
export async function measureLoad(site: Site, sitePage: SitePage, viewport: {width: number; height: number} = {width: 1280, height: 900}): Promise<PageLoad> {
  const {page, context, problems} = await newPage(site, viewport);
  const gzipBytes = zero();
  const rawBytes = zero();
  const duckdbFiles: string[] = [];
  let requests = 0;
  page.on("response", (response: Response) => {
    if (response.status() >= 300) return;
    const url = response.url();
    if (!url.startsWith(site.url)) return;
    const size = servedSize(url);
    if (size === null) return;
    requests++;
    const kind = resourceKind(url, response.headers()["content-type"] ?? "");
    rawBytes[kind] += size.raw;
    gzipBytes[kind] += size.gzip;
    if (/duckdb/i.test(url)) duckdbFiles.push(new URL(url).pathname.split("/").pop()!);
  });
  try {
    await page.addInitScript(NAME_SHIM);
    await page.addInitScript(MILESTONES);
    await page.goto(`${site.url}${sitePage.path}`);
    await settle(page);
    // A SQL page is settled once its first result table shows (up to 10 s). A SQL page that draws
    // no Inputs table therefore "settles" 10 s late: /reliability's 12.4 s in issue 14 was that
    // wait; it no longer uses SQL.
    if (sitePage.usesSql) {
      await page.waitForFunction(() => (window as unknown as {__bench: {firstSqlRows: number | null}}).__bench.firstSqlRows !== null, undefined, {timeout: 10_000}).catch(() => undefined);
    }
    const settleDetectedMs = await page.evaluate(() => performance.now());
    const milestones = await page.evaluate(() => (window as unknown as {__bench: {firstChart: number | null; firstLiveChart: number | null; firstSqlRows: number | null; lastChange: number; layoutShift: number}}).__bench);
    // The last response and the load event, from the page's own timeline.
    const lastNetworkMs = await page.evaluate(() => {
      const ends = performance.getEntriesByType("resource").map((e) => (e as PerformanceResourceTiming).responseEnd);
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return Math.max(0, navigation?.loadEventEnd ?? 0, ...ends);
    });
    // A SQL page whose rows never came is not settled: it counts the whole wait.
    const settledMs = sitePage.usesSql && milestones.firstSqlRows === null ? settleDetectedMs : Math.max(milestones.lastChange, lastNetworkMs);
    return {
      gzipBytes,
      rawBytes,
      requests,
      duckdb: duckdbFiles.length > 0,
      duckdbFiles: [...new Set(duckdbFiles)].sort(),
      firstChartMs: milestones.firstChart,
      firstLiveChartMs: milestones.firstLiveChart,
      firstSqlRowsMs: milestones.firstSqlRows,
      settledMs,
      settleDetectedMs,
      layoutShift: milestones.layoutShift,
      consoleErrors: problems.consoleErrors.length
    };
  } finally {
    await context.close();
  }
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

export interface SliderLatency {
  slider: string;
  moves: number;
  /**
   * From the cause (the pointer move's or key press's event `timeStamp`; for `sliderLatency`, the
   * dispatched event) to performance.mark("calc-repaint"), ms.
   */
  toMarkMs: Percentiles;
  /**
   * From the cause to the end of the frame that paints the mark, ms: the first animation frame
   * that starts at or after the mark (the frame the mark is in, when the mark is set inside a
   * frame's animation callbacks), then a task queued from it, which runs once that frame's style,
   * layout and paint are done. The target is judged by this figure.
   */
  toFrameMs: Percentiles;
  missed: number;
  /**
   * The same two figures from the slider's `input` event (when the page received it) rather than
   * from the pointer's timeStamp: without the wait Chromium adds by delivering moves at the start
   * of a frame, which a bare page pays too (drag and key measures only).
   */
  fromInput?: {toMarkMs: Percentiles; toFrameMs: Percentiles};
  /** One move in steps (drag and key measures only): see `MoveSteps`. */
  steps?: Record<keyof MoveSteps, Percentiles>;
  /**
   * The earlier "frame" figure, kept to compare: cause → a zero-delay task queued at the mark. It
   * runs after the task that set the mark, which is the end of the frame only when the mark was set
   * inside the frame's animation callbacks.
   */
  taskAfterMarkMs?: Percentiles;
  /**
   * The browser's own measure (drag only): Event Timing entries of the slider's `input` events,
   * from the event to the next paint after its handlers, rounded to 8 ms. Chromium reports only
   * events of at least `thresholdMs` (16, the least it allows), so a percentile that falls among
   * the faster events is known only to be below it (null).
   */
  eventTiming?: EventTimingLatency;
  /** Arrow keys only: when each key was pressed ("after-repaint" or "random-phase", see sliderKeyLatency). */
  protocol?: KeyProtocol;
  /** Arrow keys pressed at random phases: frames from each key to its paint, and where on the frame clock the keys fell. */
  keyFrames?: KeyFrames;
}

/**
 * When a key is pressed. "after-repaint" (the bench's first key measure): as soon as the last
 * key's repaint is seen, which Playwright sees by polling in an animation frame, so each key
 * lands just after a frame began and waits most of a frame for the next. "random-phase": after
 * that, one animation frame and then a random wait on 0–1 frame interval (a seeded PRNG), as a
 * reader's keys fall anywhere on the display's frame clock.
 */
export type KeyProtocol = "after-repaint" | "random-phase";

export interface KeyFrames {
  /**
   * Frames from the key to the frame that paints it: the frames whose main thread work began
   * after the page saw the key, up to and including that frame. 1: the change is in the first
   * frame after the key.
   */
  frames: Percentiles;
  /** Share of keys painted by the first frame after them (frames = 1), 0–1. */
  firstFrameShare: number;
  /** The key's timeStamp minus the time of the last frame at or before it (0 – one interval when uniform), ms. */
  phaseMs: Percentiles;
  /** Median interval between successive frames' times during the presses (16.7 ms at 60 Hz). */
  frameIntervalMs: number;
  /** Keys whose frames could not be counted (no frame logged before them). */
  uncounted: number;
}

/** Times of one move, ms on the page's clock (performance.now()). */
export interface MoveSample {
  /** The pointermove's or keydown's event timeStamp. */
  cause: number;
  /** When the page's capture listener saw that event (its dispatch). */
  causeDispatch: number;
  /** When the slider's `input` event reached the page (capture). */
  input: number;
  /** Start of the first animation-frame callback after the input event, null if none ran before the mark. */
  frameCallbacks: number | null;
  mark: number;
  /** The end of the frame that paints the mark (see SliderLatency.toFrameMs). */
  frameEnd: number;
  /** A zero-delay task queued at the mark (the earlier "frame" figure). */
  taskAfterMark: number;
  /**
   * When the main thread began the frame that paints the mark (its first animation-frame
   * callback, performance.now()); with `frameStarts`, says how many frames the change took.
   */
  paintFrame: number;
}

/** One animation frame as the page saw it: the frame's own time (the rAF argument) and when its first callback ran. */
export interface FrameStart {
  /** The time Chromium gives the frame's callbacks (its begin time on the frame clock). */
  time: number;
  /** performance.now() at the frame's first animation-frame callback (the main thread's start on it). */
  ran: number;
}

/** One move's steps, ms. */
export interface MoveSteps {
  /** Pointer or key timeStamp → the page sees the event (Chromium's wait for a frame, for a drag). */
  causeToDispatch: number;
  /** That event → the slider's `input` event. */
  dispatchToInput: number;
  /** `input` → the mark (0 when the work runs in the event; else includes the wait for the frame's callbacks). */
  inputToMark: number;
  /** `input` → the first animation-frame callback (when one ran before the mark; else 0). */
  inputToFrameCallbacks: number;
  /** The mark → the end of the frame that paints it (style, layout, paint, and any wait for that frame). */
  markToFrameEnd: number;
}

/** Percentiles of each step and of the two origins' totals over `samples`. */
export function summariseMoves(samples: readonly MoveSample[]): Pick<SliderLatency, "toMarkMs" | "toFrameMs" | "fromInput" | "steps" | "taskAfterMarkMs"> {
  const of = (f: (s: MoveSample) => number) => percentiles(samples.map(f));
  return {
    toMarkMs: of((s) => s.mark - s.cause),
    toFrameMs: of((s) => s.frameEnd - s.cause),
    fromInput: {toMarkMs: of((s) => s.mark - s.input), toFrameMs: of((s) => s.frameEnd - s.input)},
    steps: {
      causeToDispatch: of((s) => s.causeDispatch - s.cause),
      dispatchToInput: of((s) => s.input - s.causeDispatch),
      inputToMark: of((s) => s.mark - s.input),
      inputToFrameCallbacks: of((s) => (s.frameCallbacks === null ? 0 : s.frameCallbacks - s.input)),
      markToFrameEnd: of((s) => s.frameEnd - s.mark)
    },
    taskAfterMarkMs: of((s) => s.taskAfterMark - s.cause)
  };
}

export interface EventTimingLatency {
  thresholdMs: number;
  /** `input` events of the slider during the moves. */
  inputs: number;
  /** Durations (ms) of those at or over the threshold, ascending. */
  slowMs: number[];
  /** null: below thresholdMs. */
  p50: number | null;
  p95: number | null;
}

/** Percentiles of `inputs` durations of which only `slowMs` (≥ threshold) are known. */
export function censoredPercentiles(inputs: number, slowMs: readonly number[], thresholdMs: number): EventTimingLatency {
  const slow = [...slowMs].sort((a, b) => a - b);
  const fast = Math.max(0, inputs - slow.length);
  const at = (q: number): number | null => {
    const rank = Math.min(inputs, Math.max(1, Math.ceil(q * inputs)));
    return rank <= fast ? null : slow[rank - fast - 1]!;
  };
  return {thresholdMs, inputs, slowMs: slow, p50: inputs === 0 ? null : at(0.5), p95: inputs === 0 ? null : at(0.95)};
}

export function percentiles(xs: readonly number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return {p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN};
}

/**
 * Frames one move took (KeyFrames.frames): frames whose first callback ran after the page saw the
 * key (`causeDispatch`) and no later than the frame that paints it (`paintFrame`).
 */
export function framesToPaint(sample: Pick<MoveSample, "causeDispatch" | "paintFrame">, frames: readonly FrameStart[]): number {
  let n = 0;
  for (const f of frames) if (f.ran > sample.causeDispatch && f.ran <= sample.paintFrame) n++;
  return n;
}

/** ms from the time of the last frame at or before `cause` to `cause` (null when no frame is logged before it). */
export function framePhase(cause: number, frames: readonly FrameStart[]): number | null {
  let last: number | null = null;
  for (const f of frames) if (f.time <= cause && (last === null || f.time > last)) last = f.time;
  return last === null ? null : cause - last;
}

/** Median of the intervals between successive frames' times (NaN with fewer than two frames). */
export function frameIntervalMs(frames: readonly FrameStart[]): number {
  const times = frames.map((f) => f.time).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) if (times[i]! > times[i - 1]!) gaps.push(times[i]! - times[i - 1]!);
  return gaps.length === 0 ? Number.NaN : percentiles(gaps).p50;
}

/** KeyFrames of `samples` against the frame log `frames` (samples before the first logged frame are left uncounted). */
export function summariseKeyFrames(samples: readonly MoveSample[], frames: readonly FrameStart[]): KeyFrames {
  const first = frames.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...frames.map((f) => f.ran));
  const counted = samples.filter((s) => s.causeDispatch >= first);
  const n = counted.map((s) => framesToPaint(s, frames));
  const phases = counted.map((s) => framePhase(s.cause, frames)).filter((p): p is number => p !== null);
  return {
    frames: percentiles(n),
    firstFrameShare: n.length === 0 ? Number.NaN : n.filter((x) => x === 1).length / n.length,
    phaseMs: percentiles(phases),
    frameIntervalMs: frameIntervalMs(frames),
    uncounted: samples.length - counted.length
  };
}

/**
 * What a page that does no work at all would show, input event → next frame, when inputs fall at
 * uniformly random phases of a frame clock of `intervalMs`: the wait for the next frame alone,
 * uniform on 0–intervalMs (p50 half an interval, p95 0.95 of one). The frame's own style, layout
 * and paint come on top.
 */
export function uniformWaitMs(intervalMs: number): {p50: number; p95: number; max: number} {
  return {p50: intervalMs / 2, p95: 0.95 * intervalMs, max: intervalMs};
}

/** A seeded PRNG (mulberry32): the same seed gives the same waits on every page measured. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Where move `i` of a drag puts the thumb, as a share of the track: back and forth across the
 * middle 60% in steps of 1/19 of it, starting one step from 0.2 (where the drag is pressed) and
 * never the same share twice in a row, so that every move changes the value. (The earlier sweep
 * repeated both ends, 0.8 at moves 19 and 20 and 0.2 at 39 and 40, and began at 0.2: three moves
 * of 50 changed nothing and were counted as "missed".)
 */
export function dragShare(i: number): number {
  const k = (i + 1) % 38;
  return 0.2 + (0.6 * (k <= 19 ? k : 38 - k)) / 19;
}

export interface SliderBox {
  /** Left edge and vertical centre of the track, in viewport pixels. */
  x: number;
  y: number;
  width: number;
  min: number;
  max: number;
  value: number;
}

/**
 * Finds the range slider labelled `label` in the page's main column, scrolls it to the middle of
 * the view, keeps it as `window.__benchSlider` for later in-page code, and returns its box (null
 * when there is none). Shared by every slider measure here and by bench/profile.ts.
 */
export function sliderBox(page: Page, label: string): Promise<SliderBox | null> {
  return page.evaluate((label) => {
    const forms = Array.from(document.querySelectorAll("#observablehq-main form"));
    const form = forms.find((f) => f.querySelector("label")?.textContent?.trim().startsWith(label));
    const range = form?.querySelector<HTMLInputElement>("input[type=range]");
    if (!range) return null;
    range.scrollIntoView({block: "center"});
    (window as unknown as {__benchSlider: HTMLInputElement}).__benchSlider = range;
    const r = range.getBoundingClientRect();
    return {x: r.x, y: r.y + r.height / 2, width: r.width, min: Number(range.min), max: Number(range.max), value: Number(range.value)};
  }, label);
}

/**
 * Moves a range slider (found by its label) `moves` times by setting its value and dispatching an
 * input event, as a drag does, and times each move to the page's "calc-repaint" mark.
 */
export async function sliderLatency(site: Site, path: string, label: string, moves = 50, mark = "calc-repaint"): Promise<SliderLatency> {
  const {page, context} = await newPage(site);
  try {
    await page.addInitScript(NAME_SHIM);
    await page.goto(`${site.url}${path}`);
    await settle(page);
    const samples = await moveSlider(page, label, moves, mark);
    return {
      slider: label,
      moves,
      toMarkMs: percentiles(samples.filter((s) => s.toMark !== null).map((s) => s.toMark!)),
      toFrameMs: percentiles(samples.filter((s) => s.toFrame !== null).map((s) => s.toFrame!)),
      missed: samples.filter((s) => s.toMark === null).length
    };
  } finally {
    await context.close();
  }
}

async function moveSlider(page: Page, label: string, moves: number, mark: string): Promise<{toMark: number | null; toFrame: number | null}[]> {
  if ((await sliderBox(page, label)) === null) throw new Error(`no range slider labelled "${label}"`);
  // The drag's shares of the track (dragShare): never the same value twice in a row. (This measure
  // swept 0.2 → 0.8 and back, repeating 0.8 at moves 19 and 20 and 0.2 at 39 and 40; since the
  // page draws nothing for an input that changes no value, those two moves counted as missed.)
  const shares = Array.from({length: moves}, (_, i) => dragShare(i));
  return page.evaluate(
    async ({shares, mark}) => {
      const range = (window as unknown as {__benchSlider: HTMLInputElement}).__benchSlider;
      const min = Number(range.min);
      const max = Number(range.max);
      const nextMark = (after: number, timeoutMs: number) =>
        new Promise<number | null>((resolve) => {
          const found = () => performance.getEntriesByName(mark, "mark").find((e) => e.startTime >= after);
          const hit = found();
          if (hit) return resolve(hit.startTime);
          const observer = new PerformanceObserver(() => {
            const h = found();
            if (h) {
              observer.disconnect();
              clearTimeout(timer);
              resolve(h.startTime);
            }
          });
          observer.observe({type: "mark", buffered: false});
          const timer = setTimeout(() => {
            observer.disconnect();
            resolve(null);
          }, timeoutMs);
        });
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      const out: {toMark: number | null; toFrame: number | null}[] = [];
      for (const f of shares) {
        range.value = String(min + f * (max - min));
        await frame(); // start each move on a fresh frame, as a drag does
        const t0 = performance.now();
        range.dispatchEvent(new Event("input", {bubbles: true}));
        const at = await nextMark(t0, 2000);
        const painted = at === null ? null : await frame();
        out.push({toMark: at === null ? null : at - t0, toFrame: painted === null ? null : painted - t0});
      }
      return out;
    },
    {shares, mark}
  );
}

export {settle};

/** Opens `path` with the recorder installed and watches the range slider labelled `label`; returns its box. */
async function watchSlider(site: Site, path: string, label: string, mark: string) {
  const {page, context} = await newPage(site);
  await page.addInitScript(NAME_SHIM);
  await page.addInitScript(DRAG_RECORDER, mark);
  await page.goto(`${site.url}${path}`);
  await settle(page);
  const box = await sliderBox(page, label);
  if (box !== null) await page.evaluate(() => (window as unknown as {__drag: {watch(el: Element): void}; __benchSlider: Element}).__drag.watch((window as unknown as {__benchSlider: Element}).__benchSlider));
  if (box === null) {
    await context.close();
    throw new Error(`no range slider labelled "${label}"`);
  }
  const samples = () => page.evaluate(() => (window as unknown as {__drag: {samples: unknown[]}}).__drag.samples.length);
  /** Waits for the repaint of input number `n` (0-based, counted from the start), or gives up after 2 s. */
  const repainted = (n: number) =>
    page.waitForFunction((n) => (window as unknown as {__drag: {samples: unknown[]; pending: unknown}}).__drag.samples.length > n && (window as unknown as {__drag: {pending: unknown}}).__drag.pending === null, n, {timeout: 2000, polling: "raf"}).catch(() => undefined);
  /** Our samples after `before`, and the Event Timing entries of `eventName` between the two times. */
  const collect = async (before: number, since: number, until: number, eventName: string) => {
    // Event Timing entries arrive after the paint that ends them.
    await page.waitForTimeout(300);
    const recorded = await page.evaluate(() => (window as unknown as {__drag: {samples: MoveSample[]}}).__drag.samples);
    const timing = await page.evaluate(({since, until, eventName}) => {
      const d = (window as unknown as {__drag: {inputs: {name: string; at: number}[]; timed: {name: string; startTime: number; duration: number}[]}}).__drag;
      const within = (t: number) => t >= since && t <= until;
      return {
        inputs: d.inputs.filter((e) => e.name === eventName && within(e.at)).length,
        slowMs: d.timed.filter((e) => e.name === eventName && within(e.startTime)).map((e) => e.duration)
      };
    }, {since, until, eventName});
    return {mine: recorded.slice(before), timing};
  };
  const now = () => page.evaluate(() => performance.now());
  return {page, context, box, samples, repainted, collect, now};
}

const summary = (label: string, moves: number, mine: readonly MoveSample[], eventTiming?: EventTimingLatency): SliderLatency => ({
  slider: label,
  moves,
  ...summariseMoves(mine),
  missed: Math.max(0, moves - mine.length),
  ...(eventTiming ? {eventTiming} : {})
});

/**
 * How a drag's pointer events reach the page. "browser" (the default): Chromium's own input
 * pipeline, fed by the DevTools protocol's Input.dispatchMouseEvent with the fields Playwright
 * sends (left button held, force 0.5), as a reader's mouse reaches it from the OS. "playwright":
 * Playwright's `page.mouse`, which around every move with a button held runs its drag-and-drop
 * detection in the page (a script evaluated before the move that adds a capturing `mousemove`
 * listener, which adds a `dragstart` listener and a timer during the move's dispatch; a second
 * script evaluated after it; drag interception switched on and off): five protocol round trips
 * and two script compilations a move that no reader's page runs (docs/benchmarks.md, 2026-12-02).
 */
export type MouseDriver = "browser" | "playwright";

/** The three mouse calls the drag measure makes, sent to Chromium's input pipeline directly. */
export async function browserMouse(page: Page): Promise<{move(x: number, y: number, options?: {steps?: number}): Promise<void>; down(): Promise<void>; up(): Promise<void>}> {
  const cdp = await page.context().newCDPSession(page);
  let at = {x: 0, y: 0};
  let held = false;
  const send = (type: "mouseMoved" | "mousePressed" | "mouseReleased", x: number, y: number) =>
    cdp.send("Input.dispatchMouseEvent", {
      type, x, y, modifiers: 0,
      button: type === "mouseMoved" && !held ? "none" : "left",
      buttons: held ? 1 : 0,
      clickCount: type === "mouseMoved" ? 0 : 1,
      force: held ? 0.5 : 0
    });
  return {
    async move(x, y, options = {}) {
      const steps = Math.max(1, options.steps ?? 1);
      const from = at;
      for (let i = 1; i <= steps; i++) await send("mouseMoved", from.x + (x - from.x) * (i / steps), from.y + (y - from.y) * (i / steps));
      at = {x, y};
    },
    async down() {
      held = true;
      await send("mousePressed", at.x, at.y);
    },
    async up() {
      held = false;
      await send("mouseReleased", at.x, at.y);
    }
  };
}

/** The mouse calls a drag makes (browserMouse, or Playwright's page.mouse). */
export type DragMouse = Awaited<ReturnType<typeof browserMouse>>;

/**
 * Presses the slider's thumb where it is (its centre sits at the value's share of the track, inset by
 * half the 16 px thumb) and moves it to a fifth of the track in four steps, as a drag starts; returns
 * `at(share)`, the x of that share of the track. Every drag measure here starts so.
 */
export async function pressThumb(mouse: DragMouse, box: SliderBox): Promise<(share: number) => number> {
  const thumb = 16;
  const at = (share: number) => box.x + thumb / 2 + share * (box.width - thumb);
  await mouse.move(at((box.value - box.min) / (box.max - box.min)), box.y);
  await mouse.down();
  await mouse.move(at(0.2), box.y, {steps: 4});
  return at;
}

/**
 * Opens `/` settled in a fresh page of `site`, with the name shim, runs `prepare` (a diagnostic's
 * --js or --css), and finds the range slider labelled `label` (sliderBox); throws if there is none.
 * Then presses its thumb where it is and moves it to a fifth of the track in four steps, as a drag
 * starts (pressThumb), through `driver`'s mouse. Shared by bench/profile.ts and bench/threads.ts.
 */
export async function grabSlider(site: Site, label: string, options: {driver?: MouseDriver; prepare?: (page: Page) => Promise<void>} = {}) {
  const {page, context} = await newPage(site);
  try {
    await page.addInitScript(NAME_SHIM);
    await page.goto(`${site.url}/`);
    await settle(page);
    await options.prepare?.(page);
    const box = await sliderBox(page, label);
    if (box === null) throw new Error(`no range slider labelled "${label}"`);
    const mouse: DragMouse = options.driver === "playwright" ? page.mouse : await browserMouse(page);
    const at = await pressThumb(mouse, box);
    return {page, context, box, mouse, at};
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Times a real pointer drag of a range slider (found by its label): a mouse (`driver`, MouseDriver:
 * Chromium's input pipeline by default) presses the thumb and moves it `moves` times across the
 * middle 60% of the track. Chromium delivers these
 * moves as it delivers a reader's, aligned to animation frames, so the slider's `input` event comes
 * before the frame's requestAnimationFrame callbacks, where Framework's runtime recomputes the
 * cells (`sliderLatency`'s dispatchEvent comes after them and waits one frame more). Latency runs
 * from the pointer move (its event timeStamp), and from the slider's `input` event, to the page's
 * mark and to the end of the frame that paints it (DRAG_RECORDER; docs/benchmarks.md).
 * Chromium's Event Timing does not report a drag's moves (pointermove is a continuous event, left
 * out of Event Timing, and the `input` it causes is not reported either): see sliderKeyLatency.
 */
export async function sliderDragLatency(site: Site, path: string, label: string, moves = 50, mark = "calc-repaint", options: {protocol?: KeyProtocol; seed?: number; driver?: MouseDriver} = {}): Promise<SliderLatency> {
  const protocol = options.protocol ?? "after-repaint";
  const random = seededRandom(options.seed ?? 14);
  const {page, context, box, samples, repainted, collect} = await watchSlider(site, path, label, mark);
  try {
    const mouse = options.driver === "playwright" ? page.mouse : await browserMouse(page);
    const at = await pressThumb(mouse, box);
    await page.waitForTimeout(300);
    const before = await samples();
    // "random-phase" (as for keys): a frame kept requested at every vsync, as during a reader's
    // continuous drag, and each move sent after one frame and a seeded wait uniform on 0–16.7 ms.
    if (protocol === "random-phase") await page.evaluate(() => (window as unknown as {__drag: {loop(on: boolean): void}}).__drag.loop(true));
    for (let i = 0; i < moves; i++) {
      if (protocol === "random-phase") {
        const waitMs = random() * FRAME_INTERVAL_MS;
        await page.evaluate((waitMs) => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, waitMs))), waitMs);
      }
      await mouse.move(at(dragShare(i)), box.y);
      // Wait for this move's repaint before the next, as a slow hand does.
      await repainted(before + i);
    }
    await mouse.up();
    const {mine} = await collect(before, 0, 0, "input");
    return summary(label, moves, mine);
  } finally {
    await context.close();
  }
}

/** 60 Hz: the frame interval the random waits are drawn on (the measured one is printed beside it). */
export const FRAME_INTERVAL_MS = 1000 / 60;

/**
 * The same slider stepped from the keyboard (focus, then ArrowRight/ArrowLeft `presses` times, 20
 * one way then 20 back), so that the browser's own measure applies: each `keydown` is an Event
 * Timing interaction (the INP measure), its duration running from the key's timestamp to the next
 * paint after the frame's work, rounded to 8 ms and reported only from 16 ms. Our own figures run
 * from the keydown's timestamp to the mark and to the end of the frame, as for the drag.
 *
 * `protocol` (KeyProtocol) says when each key is pressed. With "random-phase" a frame is kept
 * requested at every vsync during the presses (`__drag.loop`), so that the frames from each key
 * to its paint can be counted and the key's phase read (`keyFrames`); `seed` fixes the waits, so
 * that two pages measured with one seed get the same waits.
 */
export async function sliderKeyLatency(site: Site, path: string, label: string, presses = 50, mark = "calc-repaint", options: {protocol?: KeyProtocol; seed?: number} = {}): Promise<SliderLatency> {
  const protocol = options.protocol ?? "after-repaint";
  const random = seededRandom(options.seed ?? 14);
  const {page, context, samples, repainted, collect, now} = await watchSlider(site, path, label, mark);
  try {
    await page.evaluate(() => (window as unknown as {__benchSlider: HTMLInputElement}).__benchSlider.focus());
    if (protocol === "random-phase") await page.evaluate(() => (window as unknown as {__drag: {loop(on: boolean): void}}).__drag.loop(true));
    await page.waitForTimeout(300);
    const before = await samples();
    const since = await now();
    for (let i = 0; i < presses; i++) {
      if (protocol === "random-phase") {
        const waitMs = random() * FRAME_INTERVAL_MS;
        await page.evaluate((waitMs) => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, waitMs))), waitMs);
      }
      await page.keyboard.press(Math.floor(i / 20) % 2 === 0 ? "ArrowRight" : "ArrowLeft");
      await repainted(before + i);
    }
    const until = await now();
    const {mine, timing} = await collect(before, since, until, "keydown");
    const frames = protocol === "random-phase" ? await page.evaluate(() => (window as unknown as {__drag: {frames: FrameStart[]; loop(on: boolean): void}}).__drag.frames) : [];
    return {...summary(label, presses, mine, censoredPercentiles(timing.inputs, timing.slowMs, 16)), protocol, ...(protocol === "random-phase" ? {keyFrames: summariseKeyFrames(mine, frames)} : {})};
  } finally {
    await context.close();
  }
}

/**
 * Installed before the page's scripts: `__drag.watch(range)` starts recording, for each `input`
 * event of that slider, the times of one move (MoveSample): the pointer move or key press that
 * caused it (its timeStamp, and when the page saw it), the `input` event, the first animation-frame
 * callback after it, the next `mark` (performance.mark is wrapped so the time is taken
 * synchronously), and the end of the frame that paints the mark; and the slider's Event Timing
 * entries of 16 ms or more.
 *
 * The end of that frame: Chromium runs a frame's animation callbacks, style, layout and paint in
 * one task, so a task queued from inside the callbacks runs once the frame is painted. A mark set
 * inside them (Framework's runtime runs its cells in a requestAnimationFrame callback) is painted by
 * that frame; a mark set anywhere else (in the `input` event itself) is painted by the next frame
 * that starts, whose callback queues the task. requestAnimationFrame is wrapped (before the page's
 * scripts, so the runtime's reference is the wrapper) to know whether a frame's callbacks are
 * running (see inFrameCallbacks), and when each frame's first callback ran (the painting frame's is kept with the
 * sample). `__drag.loop(true)` keeps a frame requested at every vsync and logs each frame's start
 * (`frames`), so that the frames from a key to its paint can be counted (keyFrames) and the key's
 * phase on the frame clock read.
 */
const DRAG_RECORDER = (markName: string) => {
  type Sample = {cause: number; causeDispatch: number; input: number; frameCallbacks: number | null; mark: number; frameEnd: number; taskAfterMark: number; paintFrame: number};
  type Timed = {name: string; startTime: number; duration: number};
  type Pending = {cause: number; causeDispatch: number; input: number; frameCallbacks: number | null; marked: boolean};
  const state = {
    samples: [] as Sample[],
    pending: null as null | Pending,
    watch: (_el: Element) => {},
    inputs: [] as {name: string; at: number}[],
    timed: [] as Timed[],
    /** Every frame's start while `loop(true)` keeps a frame requested (FrameStart). */
    frames: [] as {time: number; ran: number}[],
    loop: (_on: boolean) => {}
  };
  (window as unknown as {__drag: typeof state}).__drag = state;
  // Inside a frame's animation callbacks, or the promise jobs they start (Framework's runtime
  // computes its cells in jobs queued from its frame callback): set by a frame's first callback,
  // cleared by a task queued from it, and cleared as soon as a key or pointer event arrives, since
  // the browser dispatches those only between a frame's callbacks and the next. (Cleared by the
  // task alone, a key that Chromium ran before that task, as it runs input before timers, had its
  // mark counted as painted by the frame already over.) A frame is new when its time differs.
  let inFrameCallbacks = false;
  let cause = {stamp: 0, at: 0};
  const saw = (e: Event) => {
    inFrameCallbacks = false;
    cause = {stamp: e.timeStamp, at: performance.now()};
  };
  addEventListener("pointermove", saw, {capture: true});
  addEventListener("keydown", saw, {capture: true});
  let frameTime = Number.NaN;
  let frameRan = 0;
  let looping = false;
  const nativeFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback: FrameRequestCallback) =>
    nativeFrame((time) => {
      if (time !== frameTime) {
        frameTime = time;
        frameRan = performance.now();
        inFrameCallbacks = true;
        setTimeout(() => (inFrameCallbacks = false), 0);
        if (looping) state.frames.push({time, ran: frameRan});
        const pending = state.pending;
        if (pending !== null && !pending.marked && pending.frameCallbacks === null) pending.frameCallbacks = frameRan;
      }
      callback(time);
    });
  state.loop = (on: boolean) => {
    if (on === looping) return;
    looping = on;
    if (!on) return;
    state.frames = [];
    const tick = () => {
      if (looping) window.requestAnimationFrame(tick);
    };
    window.requestAnimationFrame(tick);
  };
  /** Calls `done` with the painting frame's start once that frame (this one, inside callbacks; else the next) is painted. */
  const afterFramePainted = (done: (paintFrame: number) => void) => {
    if (inFrameCallbacks) {
      const ran = frameRan;
      setTimeout(() => done(ran), 0);
    } else
      window.requestAnimationFrame(() => {
        const ran = frameRan;
        setTimeout(() => done(ran), 0);
      });
  };
  state.watch = (el: Element) => {
    for (const name of ["input", "keydown"]) el.addEventListener(name, (e) => state.inputs.push({name, at: e.timeStamp}), {capture: true});
    el.addEventListener("input", () => {
      const now = performance.now();
      if (state.pending === null) state.pending = {cause: cause.stamp || now, causeDispatch: cause.at || now, input: now, frameCallbacks: null, marked: false};
    }, {capture: true});
    if (PerformanceObserver.supportedEntryTypes.includes("event")) {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if ((entry as PerformanceEventTiming).target === el) state.timed.push({name: entry.name, startTime: entry.startTime, duration: entry.duration});
        }
      }).observe({type: "event", durationThreshold: 16, buffered: true} as PerformanceObserverInit);
    }
  };
  const original = performance.mark.bind(performance);
  performance.mark = ((name: string, options?: PerformanceMarkOptions) => {
    const entry = original(name, options);
    const pending = state.pending;
    // The first mark after the input counts (a later one in the same move changes nothing on screen
    // that the first frame's end does not already cover).
    if (name === markName && pending !== null && !pending.marked) {
      pending.marked = true;
      const mark = entry.startTime;
      let taskAfterMark = 0;
      setTimeout(() => (taskAfterMark = performance.now()), 0);
      afterFramePainted((paintFrame) => {
        const {marked: _, ...times} = pending;
        state.samples.push({...times, mark, frameEnd: performance.now(), taskAfterMark, paintFrame});
        state.pending = null;
      });
    }
    return entry;
  }) as typeof performance.mark;
};
