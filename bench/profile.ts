// Where a calculator slider move's time goes: a Chromium trace of `moves` drag moves of the
// "Accelerators" slider on `/` (as bench/browser.ts sliderDragLatency drags it), summed per move on
// the page's main thread: script (animation-frame callbacks, event handlers, timers), style, layout
// (and how much of it was forced from script), pre-paint and paint, and everything else. Also the
// DOM nodes inserted and removed per move, counted by a MutationObserver.
//
//   npx tsx bench/profile.ts [--moves=30] [--slider="Accelerators"] [--top=12] [--css="<rules>"] [--js="<code>"]
//                            [--dist=DIR] [--no-js] [--invalidations] [--stacks="<where · what>"] [--driver=playwright]
//                            [--gap=120]
//
// --no-js leaves V8's sampling profiler off (it inflates script time by roughly a third): the
// trace's figures alone, without the function lists. With the profiler on it also prints the
// script time split once per sample by where it ran (results, step chart, cost/days charts, the
// Observable runtime, Inputs, the page's inline scripts …) and what it did (calculate, describe,
// DOM patch); --stacks="results · DOM patch" lists the stacks of one of those parts.
//
// --invalidations adds Chromium's invalidation tracking to the trace and prints what was marked
// for style recalculation and layout per move, by node and reason (the tracking slows the page:
// read its counts, not its times).
//
// --js runs code in the page after it loads (before --css): a diagnostic, e.g. to pin boxes'
// heights from their laid-out size for a containment rule. A build whose page adds milliseconds to
// globalThis.__T[name] (a hand-instrumented copy of dist/ under --dist) has those sums printed per
// move.
//
// Also prints the moves at the 50th, 90th and 95th percentile and the slowest, by wall time from
// the slider's `input` event to the end of the frame that paints it (its Commit), each with what
// it spent: what makes a slow move slow (its own work, a garbage collection, or waiting for CPU).
//
// --css adds a style sheet to the page after it loads (a diagnostic: what a containment rule or a
// hidden part would save, without a rebuild). --dist profiles another build of the site (an earlier
// commit's dist/) instead of dist/.
//
// Needs dist/ (npm run build). Timings depend on load: it prints the load average, and beside each
// wall-clock figure the main thread's CPU time (the trace's thread clock), which a busy machine
// inflates much less (on a 2-core machine at load 12, wall time ran 2–3× the CPU time).
import {loadavg} from "node:os";
import {openSite} from "../tests/browser/harness.js";
import {dragShare, grabSlider} from "./browser.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const MOVES = Math.max(5, Number(option("moves", "30")));
const LABEL = option("slider", "Accelerators");
const TOP = Math.max(1, Number(option("top", "12")));
const CSS = option("css", "");
const JS = option("js", "");
const JS_PROFILE = !args.includes("--no-js");
const INVALIDATIONS = args.includes("--invalidations");
const STACKS = option("stacks", "");
// The wait between moves. 120 ms lets each move's frame end (and the curves' pause work run) before
// the next; a reader's drag moves every frame, which is when the calculator's off-screen outputs
// wait (offscreenDeferral.ts, 100 ms): --gap=20 profiles that.
const GAP_MS = Math.max(0, Number(option("gap", "120")));

interface TraceEvent {name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: {name?: string; beginData?: {dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean}; data?: {clip?: number[]; layerId?: number}}}

const site = await openSite(option("dist", "") || undefined);
// Through Chromium's input pipeline as a reader's mouse (bench/browser.ts MouseDriver), unless
// --driver=playwright: Playwright's page.mouse runs its drag detection in the page every move.
const {page, context, box, mouse, at} = await grabSlider(site, LABEL, {
  driver: option("driver", "browser") === "playwright" ? "playwright" : "browser",
  prepare: async (page) => {
    if (JS !== "") await page.evaluate(JS);
    if (CSS !== "") await page.addStyleTag({content: CSS});
  }
});
try {
  await page.evaluate(() => {
    const w = window as unknown as {__nodes: {added: number; removed: number; attributes: number; text: number; which: Record<string, number>}};
    w.__nodes = {added: 0, removed: 0, attributes: 0, text: 0, which: {}};
    const where = (n: Node | null): string => {
      const el = (n?.nodeType === 1 ? n : n?.parentNode) as Element | null;
      const owner = el?.closest("[data-testid]")?.getAttribute("data-testid") ?? el?.closest("[class]")?.getAttribute("class")?.split(" ")[0] ?? "?";
      return `${owner} ${el?.localName ?? "?"}`;
    };
    new MutationObserver((records) => {
      for (const m of records) {
        w.__nodes.added += m.addedNodes.length;
        w.__nodes.removed += m.removedNodes.length;
        if (m.type === "attributes") w.__nodes.attributes++;
        if (m.type === "characterData") w.__nodes.text++;
        const what = `${m.type === "attributes" ? `@${m.attributeName}` : m.type === "childList" ? `+${m.addedNodes.length}/-${m.removedNodes.length}` : "text"} in ${where(m.target)}`;
        w.__nodes.which[what] = (w.__nodes.which[what] ?? 0) + 1;
      }
    }).observe(document.getElementById("observablehq-main")!, {childList: true, subtree: true, attributes: true, characterData: true});
  });
  await page.waitForTimeout(500);
  await page.evaluate(() => Object.assign((window as unknown as {__nodes: object}).__nodes, {added: 0, removed: 0, attributes: 0, text: 0, which: {}}));
  const load = loadavg()[0]!.toFixed(2);
  const cdp = await context.newCDPSession(page);
  if (JS_PROFILE) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", {interval: 100});
    await cdp.send("Profiler.start");
  }
  await site.browser.startTracing(page, {categories: ["devtools.timeline", "blink", "v8", ...(INVALIDATIONS ? ["disabled-by-default-devtools.timeline.invalidationTracking"] : [])]});
  for (let i = 0; i < MOVES; i++) {
    await mouse.move(at(dragShare(i)), box.y);
    await page.waitForTimeout(GAP_MS);
  }
  const buffer = await site.browser.stopTracing();
  const profile = JS_PROFILE ? (await cdp.send("Profiler.stop")).profile : null;
  await mouse.up();
  // A build instrumented by hand (a diagnostic copy of dist/ whose page adds milliseconds to
  // globalThis.__T[name]) has its sums printed per move.
  const timings = await page.evaluate(() => (globalThis as unknown as {__T?: Record<string, number>}).__T ?? null);
  const nodes = await page.evaluate(() => (window as unknown as {__nodes: {added: number; removed: number; attributes: number; text: number; which: Record<string, number>}}).__nodes);
  const events = (JSON.parse(buffer.toString()) as {traceEvents: TraceEvent[]}).traceEvents;
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) throw new Error("no renderer main thread in the trace");
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined);
  // Outermost events only: an event nests in another of the same kinds (the slider's `input`
  // EventDispatch runs inside the mousemove's, whose default action moves the thumb), and adding
  // both counted the handlers' time twice once the calculator drew from the input event.
  const outermost = (names: string[]) => {
    const kept: TraceEvent[] = [];
    for (const e of onMain.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)) {
      const last = kept.at(-1);
      if (last !== undefined && e.ts + e.dur! <= last.ts + last.dur!) continue;
      kept.push(e);
    }
    return kept;
  };
  const sumWall = (names: string[]) => outermost(names).reduce((s, e) => s + e.dur!, 0) / 1000 / MOVES;
  const sumCpu = (names: string[]) => outermost(names).reduce((s, e) => s + (e.tdur ?? e.dur!), 0) / 1000 / MOVES;
  const sum = (names: string[]) => `${sumWall(names).toFixed(2)} ms (CPU ${sumCpu(names).toFixed(2)})`;
  // Layout inside a script event was forced by script (a read after a write).
  const scripts = onMain.filter((e) => ["FunctionCall", "FireAnimationFrame", "EventDispatch", "TimerFire", "v8.run", "RunMicrotasks"].includes(e.name));
  const inside = (e: TraceEvent) => scripts.some((s) => s.ts <= e.ts && e.ts + e.dur! <= s.ts + s.dur!);
  const forced = onMain.filter((e) => (e.name === "Layout" || e.name === "UpdateLayoutTree") && inside(e));
  const per = (x: number) => `${x.toFixed(2)} ms`;
  // (Chromium's RunTask events are not in these categories: the total is the parts' sum; layout
  // forced from script would be counted twice, and is listed.)
  const PARTS = ["FireAnimationFrame", "EventDispatch", "TimerFire", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit"];
  const rows: [string, string][] = [
    ["main thread, the parts below together", sum(PARTS)],
    ["  animation frame callbacks (Framework runtime: cells)", sum(["FireAnimationFrame"])],
    ["  event dispatch (input handlers)", sum(["EventDispatch"])],
    ["  timers", sum(["TimerFire"])],
    ["  style (UpdateLayoutTree)", sum(["UpdateLayoutTree"])],
    ["  layout", sum(["Layout"])],
    ["    of which forced from script", `${per(forced.reduce((s, e) => s + e.dur!, 0) / 1000 / MOVES)} (${(forced.length / MOVES).toFixed(1)} per move)`],
    ["  pre-paint", sum(["PrePaint"])],
    ["  paint", sum(["Paint"])],
    ["  layerize and commit", sum(["Layerize", "Commit"])],
    ["DOM nodes added / removed per move", `${(nodes.added / MOVES).toFixed(1)} / ${(nodes.removed / MOVES).toFixed(1)}`],
    ["attributes / text nodes changed per move", `${(nodes.attributes / MOVES).toFixed(1)} / ${(nodes.text / MOVES).toFixed(1)}`]
  ];
  // How much of the page each layout touched (Chromium's own counts of layout objects).
  const layouts = onMain.filter((e) => e.name === "Layout");
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  rows.push(["layouts per move; dirty of total layout objects, mean", `${(layouts.length / MOVES).toFixed(1)}; ${mean(layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0)).toFixed(0)} of ${mean(layouts.map((e) => e.args?.beginData?.totalObjects ?? 0)).toFixed(0)}`]);
  // Style recalculations: how many elements each restyled (Chromium's elementCount).
  const styles = onMain.filter((e) => e.name === "UpdateLayoutTree");
  rows.push(["style recalculations per move; elements restyled per move", `${(styles.length / MOVES).toFixed(1)}; ${(styles.reduce((s, e) => s + ((e.args as {elementCount?: number} | undefined)?.elementCount ?? 0), 0) / MOVES).toFixed(1)}`]);
  // Paint events carry the painted area (clip quad, px): the union of what a move repaints.
  const paints = onMain.filter((e) => e.name === "Paint" && e.args?.data?.clip);
  const area = (q: number[]) => Math.abs((q[2]! - q[0]!) * (q[5]! - q[3]!));
  rows.push(["paint events per move; painted area per move (px²)", `${(paints.length / MOVES).toFixed(1)}; ${(paints.reduce((s, e) => s + area(e.args!.data!.clip!), 0) / MOVES).toFixed(0)}`]);
  console.log(`"${LABEL}" drag, ${MOVES} moves, load ${load}; per move:`);
  for (const [k, v] of rows) console.log(`${k.padEnd(58)} ${v}`);
  if (timings !== null) for (const [k, v] of Object.entries(timings)) console.log(`${`  __T ${k}`.padEnd(58)} ${(v / MOVES).toFixed(3)} ms`);
  // Each move from its `input` event to the end of the frame that paints it: the first Commit
  // after the input (Layerize where the trace has no Commit), with what it spent on the way.
  const inputs = onMain.filter((e) => e.name === "EventDispatch" && (e.args as {data?: {type?: string}} | undefined)?.data?.type === "input").sort((a, b) => a.ts - b.ts);
  const moves = inputs.map((input, i) => {
    const until = inputs[i + 1]?.ts ?? Infinity;
    const within = onMain.filter((e) => e.ts >= input.ts && e.ts < until);
    const end = within.find((e) => e.name === "Commit") ?? within.find((e) => e.name === "Layerize");
    const cpu = (name: string) => within.filter((e) => e.name === name).reduce((s, e) => s + (e.tdur ?? e.dur!), 0) / 1000;
    return {
      wallMs: end === undefined ? Number.NaN : (end.ts + end.dur! - input.ts) / 1000,
      inputMs: (input.tdur ?? input.dur!) / 1000,
      frameCallbacksMs: cpu("FireAnimationFrame"),
      layoutMs: cpu("Layout"),
      paintMs: cpu("PrePaint") + cpu("Paint") + cpu("Layerize"),
      gcMs: cpu("MinorGC") + cpu("MajorGC")
    };
  }).filter((m) => Number.isFinite(m.wallMs)).sort((a, b) => a.wallMs - b.wallMs);
  if (moves.length > 0) {
    console.log(`\nOne move, input event → its frame's commit (${moves.length} moves, under tracing), by wall time; CPU of its parts, ms:`);
    console.log(`${"".padEnd(10)}${["wall", "input", "frame callbacks", "layout", "(pre)paint+layerize", "GC", "unaccounted"].map((h) => h.padStart(20)).join("")}`);
    for (const [name, q] of [["p50", 0.5], ["p90", 0.9], ["p95", 0.95], ["slowest", 1]] as const) {
      const m = moves[Math.min(moves.length - 1, Math.ceil(q * moves.length) - 1)]!;
      const parts = m.inputMs + m.frameCallbacksMs + m.layoutMs + m.paintMs;
      console.log(`${name.padEnd(10)}${[m.wallMs, m.inputMs, m.frameCallbacksMs, m.layoutMs, m.paintMs, m.gcMs, m.wallMs - parts].map((x) => x.toFixed(2).padStart(20)).join("")}`);
    }
  }
  if (INVALIDATIONS) {
    // What the browser marked for layout and repaint (Chromium's invalidation tracking): the
    // node's name and the reason, per move.
    const marked = new Map<string, number>();
    for (const e of events) {
      if (e.name !== "LayoutInvalidationTracking" && e.name !== "PaintInvalidationTracking" && e.name !== "StyleRecalcInvalidationTracking") continue;
      const d = (e.args as {data?: {nodeName?: string; reason?: string}} | undefined)?.data;
      const key = `${e.name.replace("InvalidationTracking", "")}: ${d?.nodeName ?? "?"} (${d?.reason ?? "?"})`;
      marked.set(key, (marked.get(key) ?? 0) + 1);
    }
    console.log(`\nInvalidations per move (--invalidations), the top ${2 * TOP}:`);
    for (const [k, v] of [...marked].sort((a, b) => b[1] - a[1]).slice(0, 2 * TOP)) console.log(`${(v / MOVES).toFixed(1).padStart(7)}  ${k}`);
  }
  console.log(`\nDOM changes per move, the top ${TOP} (what, in the nearest data-testid or class):`);
  for (const [k, v] of Object.entries(nodes.which).sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${(v / MOVES).toFixed(1).padStart(7)}  ${k}`);
  if (profile !== null) {
    // Self time by function (V8's sampling profiler, 0.1 ms interval), the top 15.
    const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples?.length ?? 1);
    const self = new Map<string, number>();
    for (const node of profile.nodes) {
      const f = node.callFrame;
      if (["(idle)", "(program)", "(garbage collector)", "(root)"].includes(f.functionName) && f.url === "") {
        self.set(f.functionName, (self.get(f.functionName) ?? 0) + (node.hitCount ?? 0) * interval);
        continue;
      }
      const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * interval);
    }
    // Inclusive time of the render path's named steps (outermost call only).
    const NAMED = ["showResults", "showStep", "showSweep", "calculate", "calculatorResultsSpec", "calculatorResults", "stepTimeChartSpec", "gpuCountChartSpec", "patchChildren", "render", "update", "sweep", "feasibilityFixes"];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const inclusive = new Map<string, number>();
    const walk = (id: number, open: Set<string>): number => {
      const node = byId.get(id)!;
      const name = node.callFrame.functionName;
      const mine = NAMED.includes(name) && !open.has(name);
      const next = mine ? new Set([...open, name]) : open;
      let total = (node.hitCount ?? 0) * interval;
      for (const child of node.children ?? []) total += walk(child, next);
      if (mine) inclusive.set(name, (inclusive.get(name) ?? 0) + total);
      return total;
    };
    walk(profile.nodes[0]!.id, new Set());
    console.log("\ninclusive time per move of named functions (ms):");
    for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1])) console.log(`${(v / MOVES).toFixed(2).padStart(7)}  ${k}`);
    // Every sample once (exclusive): where in the page's work it was (the deepest of the render
    // path's steps on its stack, or the library whose code it is in) and what kind of work (the
    // engine, describing a chart or the cards, patching the DOM). Sums to the profile's script time.
    const REGIONS: Record<string, string> = {showResults: "results", showStep: "step chart", showSweep: "cost/days charts", showRun: "showRun (rest)", linkTerms: "glossary linker", installTermLinks: "glossary linker"};
    const KINDS: Record<string, string> = {calculate: "calculate", sweep: "sweep", feasibilityFixes: "fixes search", calculatorResultsSpec: "describe", stepTimeChartSpec: "describe", gpuCountChartSpec: "describe", calibrationNoteFor: "describe", stepTimeRows: "describe", stepTimeCaption: "describe", infeasibleSummary: "describe", sweepBasis: "describe", render: "DOM patch", patchChildren: "DOM patch", writeText: "DOM patch", update: "DOM patch", mark: "mark"};
    const library = (url: string) => /runtime/.test(url) ? "Observable runtime" : /inputs/.test(url) ? "Observable Inputs" : /client|stdlib/.test(url) ? "Framework client" : url === "" ? "" : /\.html$|\/$/.test(url) ? "page's inline scripts (ARIA observer …)" : "";
    const parts = new Map<string, number>();
    const stacks = new Map<string, number>();
    const parentOf = new Map<number, (typeof profile.nodes)[number]>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
    const partition = (id: number, region: string, kind: string) => {
      const node = byId.get(id)!;
      const f = node.callFrame;
      const r = REGIONS[f.functionName] ?? (region === "" ? library(f.url) : region);
      const k = KINDS[f.functionName] ?? kind;
      if ((node.hitCount ?? 0) > 0 && !["(idle)", "(program)", "(root)"].includes(f.functionName)) {
        const key = f.functionName === "(garbage collector)" ? "garbage collection" : `${r || "other"} · ${k || "other"}`;
        parts.set(key, (parts.get(key) ?? 0) + node.hitCount! * interval);
        if (STACKS !== "" && key.startsWith(STACKS)) {
          const stack: string[] = [];
          for (let n: typeof node | undefined = node; n; n = parentOf.get(n.id)) stack.push(`${n.callFrame.functionName}@${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`);
          const s = stack.slice(0, 6).join(" < ");
          stacks.set(s, (stacks.get(s) ?? 0) + node.hitCount! * interval);
        }
      }
      for (const child of node.children ?? []) partition(child, r, k);
    };
    partition(profile.nodes[0]!.id, "", "");
    console.log("\nscript time per move by where and what, each sample once (ms):");
    for (const [k, v] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(v / MOVES).toFixed(2).padStart(7)}  ${k}`);
    console.log(`${([...parts.values()].reduce((a, b) => a + b, 0) / MOVES).toFixed(2).padStart(7)}  together`);
    if (STACKS !== "") {
      console.log(`\nstacks (innermost first, 6 frames) of the samples in "${STACKS}…", the top 25 (ms per move):`);
      for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / MOVES).toFixed(3).padStart(7)}  ${k}`);
    }
    console.log("\nself time per move, top 15 (ms):");
    for (const [k, v] of [...self].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(v / MOVES).toFixed(2).padStart(7)}  ${k}`);
  }
} finally {
  await context.close();
  await site.close();
}
