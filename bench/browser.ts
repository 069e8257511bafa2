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
  firstSqlRowsMs: number | null;
  settledMs: number;
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

/** Records, before any page script runs, when the first chart and the first SQL table rows appear. */
const MILESTONES = () => {
  const w = window as unknown as {__bench: {firstChart: number | null; firstSqlRows: number | null}};
  w.__bench = {firstChart: null, firstSqlRows: null};
  const check = () => {
    const main = document.getElementById("observablehq-main");
    if (!main) return;
    if (w.__bench.firstChart === null && main.querySelector("svg, figure, canvas")) w.__bench.firstChart = performance.now();
    // Framework renders a sql block's result with Inputs.table: a <form class="inputs-…-table">.
    if (w.__bench.firstSqlRows === null && main.querySelector("form[class*='-table'] tbody tr")) w.__bench.firstSqlRows = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", check);
};

/** One cold load of a page in a fresh browser context. */
export async function measureLoad(site: Site, sitePage: SitePage): Promise<PageLoad> {
  const {page, context, problems} = await newPage(site);
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
    const settledMs = await page.evaluate(() => performance.now());
    const milestones = await page.evaluate(() => (window as unknown as {__bench: {firstChart: number | null; firstSqlRows: number | null}}).__bench);
    return {
      gzipBytes,
      rawBytes,
      requests,
      duckdb: duckdbFiles.length > 0,
      duckdbFiles: [...new Set(duckdbFiles)].sort(),
      firstChartMs: milestones.firstChart,
      firstSqlRowsMs: milestones.firstSqlRows,
      settledMs,
      consoleErrors: problems.consoleErrors.length
    };
  } finally {
    await context.close();
  }
}

export interface SliderLatency {
  slider: string;
  moves: number;
  /** Input event → performance.mark("calc-repaint"), ms. */
  toMarkMs: {p50: number; p95: number; max: number};
  /** Input event → the first animation frame after the mark (the repaint itself), ms. */
  toFrameMs: {p50: number; p95: number; max: number};
  missed: number;
}

function percentiles(xs: number[]): {p50: number; p95: number; max: number} {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return {p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN};
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
  return page.evaluate(
    async ({label, moves, mark}) => {
      const forms = Array.from(document.querySelectorAll("#observablehq-main form"));
      const form = forms.find((f) => f.querySelector("label")?.textContent?.trim().startsWith(label));
      const range = form?.querySelector<HTMLInputElement>("input[type=range]");
      if (!range) throw new Error(`no range slider labelled "${label}"`);
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
      for (let i = 0; i < moves; i++) {
        // Sweep back and forth across the middle 60% of the range: every move changes the value.
        const phase = (i % 20) / 19;
        const f = 0.2 + 0.6 * (Math.floor(i / 20) % 2 === 0 ? phase : 1 - phase);
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
    {label, moves, mark}
  );
}

export {settle};
