// Where a page's first-chart time goes: one cold load (fresh browser context) of each page, with
// the resource waterfall (Resource Timing: when each module and data file was requested and
// arrived, relative to navigation start), the main thread's long tasks (≥ 50 ms), the first chart
// (the same MutationObserver as bench/browser.ts) and which element it was, and a V8 CPU profile
// from the document's start to the first chart: self time by script, inclusive time by function.
//
//   npx tsx bench/loadTrace.ts [--pages=/,/memory] [--all]   (--all lists every resource, not only the late ones)
//
// Needs dist/ (npm run build). Timings depend on load: the load average is printed per page.
import {loadavg} from "node:os";
import {openSite, newPage} from "../tests/browser/harness.js";
import {selectedPages} from "./pages.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const pages = selectedPages(option("pages", process.env.PAGES ?? "/"));
const ALL = args.includes("--all");

/** The parts of a V8 CPU profile (CDP Profiler.Profile) read here. */
interface CpuProfile {
  nodes: {id: number; callFrame: {functionName: string; url: string}; children?: number[]}[];
  samples?: number[];
  timeDeltas?: number[];
}

const MILESTONES = () => {
  const w = window as unknown as {__trace: {firstChart: number | null; what: string; longTasks: [number, number][]}};
  w.__trace = {firstChart: null, what: "", longTasks: []};
  // The CPU profile covers the document's start to the first chart (Profiler.consoleProfileFinished).
  console.profile("to-first-chart");
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__trace.longTasks.push([e.startTime, e.duration]);
  }).observe({type: "longtask", buffered: true});
  new MutationObserver(() => {
    const main = document.getElementById("observablehq-main");
    // The first chart a cell draws: not a first view (in the HTML: scripts/firstViews/), not an icon in a button.
    const el = main ? [...main.querySelectorAll("svg, figure, canvas")].find((e) => !e.closest("button, .first-view")) : undefined;
    if (w.__trace.firstChart === null && el) {
      w.__trace.firstChart = performance.now();
      console.profileEnd("to-first-chart");
      const block = el.closest(".observablehq--block, .card, section, div");
      w.__trace.what = `${el.tagName.toLowerCase()}${el.getAttribute("aria-label") ? ` "${el.getAttribute("aria-label")}"` : ""} in ${block?.className ?? "?"} after "${(block?.previousElementSibling?.textContent ?? "").trim().slice(0, 60)}"`;
    }
  }).observe(document, {childList: true, subtree: true});
};

const site = await openSite();
try {
  for (const sitePage of pages) {
    const {page, context} = await newPage(site);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", {interval: 250});
    let firstChartProfile: CpuProfile | null = null;
    cdp.on("Profiler.consoleProfileFinished", (event: {profile: CpuProfile}) => {
      firstChartProfile = event.profile;
    });
    await page.addInitScript("globalThis.__name = globalThis.__name || ((f) => f);");
    await page.addInitScript(MILESTONES);
    const before = loadavg()[0]!.toFixed(1);
    await page.goto(`${site.url}${sitePage.path}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const data = await page.evaluate(() => {
      const w = window as unknown as {__trace: {firstChart: number | null; what: string; longTasks: [number, number][]}};
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        trace: w.__trace,
        nav: {responseEnd: nav.responseEnd, domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd},
        resources: (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => ({
          name: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd, type: r.initiatorType, bytes: r.encodedBodySize
        }))
      };
    });
    // The profile comes back after the page's profileEnd; under load it can take a while.
    for (let waited = 0; firstChartProfile === null && data.trace.firstChart !== null && waited < 5000; waited += 100) await page.waitForTimeout(100);
    const profile = firstChartProfile as CpuProfile | null;
    const fc = data.trace.firstChart;
    console.log(`\n## ${sitePage.path} (load ${before}): first chart ${fc === null ? "none" : `${Math.round(fc)} ms`} — ${data.trace.what}`);
    console.log(`html ${Math.round(data.nav.responseEnd)} ms, DOM interactive ${Math.round(data.nav.domInteractive)}, DOMContentLoaded ${Math.round(data.nav.domContentLoaded)}`);
    const res = data.resources.sort((a, b) => a.start - b.start);
    const byType = new Map<string, number>();
    for (const r of res) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    const lastBeforeChart = res.filter((r) => fc === null || r.end <= fc);
    console.log(`${res.length} requests (${[...byType].map(([t, n]) => `${t} ${n}`).join(", ")}); ${lastBeforeChart.length} done before the first chart; last of those ends ${Math.round(Math.max(0, ...lastBeforeChart.map((r) => r.end)))} ms`);
    for (const r of res) {
      const late = fc !== null && r.start > 0.5 * fc;
      if (ALL || late || r.type !== "link") console.log(`  ${Math.round(r.start).toString().padStart(5)} → ${Math.round(r.end).toString().padStart(5)}  ${r.type.padEnd(6)} ${r.name}`);
    }
    console.log(`long tasks (start+duration ms): ${data.trace.longTasks.map(([s, d]) => `${Math.round(s)}+${Math.round(d)}`).join(", ") || "none"}`);
    if (profile === null) {
      console.log("no CPU profile (no chart)");
      await context.close();
      continue;
    }
    // Self time by script URL from the CPU profile, document start to the first chart.
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfMs = new Map<string, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const node = nodes.get(samples[i]!)!;
      const url = node.callFrame.url ? new URL(node.callFrame.url, site.url).pathname : `(${node.callFrame.functionName || "program"})`;
      const dt = (deltas[i + 1] ?? 0) / 1000;
      selfMs.set(url, (selfMs.get(url) ?? 0) + dt);
    }
    // Inclusive time by function (a function counted once per sample however deep it recurses).
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = new Map<string, number>();
    for (let i = 0; i < samples.length; i++) {
      const dt = (deltas[i + 1] ?? 0) / 1000;
      const seen = new Set<string>();
      for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
        const f = nodes.get(id)!.callFrame;
        if (!f.url || !f.functionName) continue;
        const key = `${f.functionName} (${new URL(f.url, site.url).pathname.split("/").pop()})`;
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
    }
    console.log(`inclusive ms by function, to the first chart: ${[...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${k} ${Math.round(ms)}`).join(", ")}`);
    const selfByFunction = new Map<string, number>();
    for (let i = 0; i < samples.length; i++) {
      const f = nodes.get(samples[i]!)!.callFrame;
      const key = `${f.functionName || "(anonymous)"} (${f.url ? new URL(f.url, site.url).pathname.split("/").pop() : "native"})`;
      selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    }
    console.log(`self ms by function, to the first chart: ${[...selfByFunction].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, ms]) => `${k} ${Math.round(ms)}`).join(", ")}`);
    const top = [...selfMs].filter(([u]) => u !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`CPU self time by script, to the first chart: ${top.map(([u, ms]) => `${u.replace(/^\/_(import|npm|observablehq)\//, "")} ${Math.round(ms)}`).join(", ")}`);
    await context.close();
  }
} finally {
  await site.close();
}
