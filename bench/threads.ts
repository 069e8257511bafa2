// CPU per drag move on every thread of the browser, not only the page's main thread (bench/profile.ts):
// a Chromium trace ("toplevel" tasks, which every thread's scheduler records with its thread-clock
// duration) of `moves` "Accelerators" drag moves on `/`, sent through Chromium's input pipeline as
// a reader's mouse, each `--gap` ms after the last (20: about a frame, as a continuous drag moves).
// A drag keeps several threads busy (the renderer's main and compositor threads, raster and JIT
// workers, the GPU process's software drawing, the browser's main thread): on a 2-core machine
// their sum, not the page's main thread alone, decides how long a move waits for a core.
//
//   npx tsx bench/threads.ts [--moves=60] [--gap=20] [--dist=DIR] [--slider="Accelerators"]
//
// Prints, per thread (process type and thread name), the CPU of its top-level tasks per move, and
// the total. Needs dist/ (npm run build); read it beside the load average it prints.
import {loadavg} from "node:os";
import {openSite} from "../tests/browser/harness.js";
import {dragShare, grabSlider} from "./browser.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const MOVES = Math.max(5, Number(option("moves", "60")));
const GAP_MS = Math.max(0, Number(option("gap", "20")));
const LABEL = option("slider", "Accelerators");

interface TraceEvent {name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: {name?: string}}

const site = await openSite(option("dist", "") || undefined);
const {page, context, box, mouse, at} = await grabSlider(site, LABEL);
try {
  await page.waitForTimeout(500);
  const load = loadavg()[0]!.toFixed(2);
  await site.browser.startTracing(page, {categories: ["toplevel", "__metadata"]});
  const started = Date.now();
  for (let i = 0; i < MOVES; i++) {
    await mouse.move(at(dragShare(i)), box.y);
    await page.waitForTimeout(GAP_MS);
  }
  const wallMs = Date.now() - started;
  const buffer = await site.browser.stopTracing();
  await mouse.up();
  const events = (JSON.parse(buffer.toString()) as {traceEvents: TraceEvent[]}).traceEvents;
  const names = new Map<string, string>();
  const processes = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== "M") continue;
    if (e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "?");
    if (e.name === "process_name") processes.set(e.pid, e.args?.name ?? "?");
  }
  // Top-level tasks only, outermost per thread (a nested task's time is inside its parent's).
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" || e.dur === undefined || !e.cat.split(",").includes("toplevel")) continue;
    const key = `${e.pid}:${e.tid}`;
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  const rows: [string, number][] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let end = -Infinity;
    let cpuUs = 0;
    for (const e of list) {
      if (e.ts + e.dur! <= end) continue;
      end = e.ts + e.dur!;
      cpuUs += e.tdur ?? e.dur!;
    }
    const pid = Number(key.split(":")[0]);
    rows.push([`${processes.get(pid) ?? pid} · ${names.get(key) ?? key}`, cpuUs / 1000 / MOVES]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  console.log(`"${LABEL}" drag, ${MOVES} moves ${GAP_MS} ms apart (${(wallMs / MOVES).toFixed(1)} ms a move with the round trips), load ${load}; CPU per move, ms:`);
  for (const [name, ms] of rows.filter(([, ms]) => ms >= 0.05)) console.log(`  ${ms.toFixed(2).padStart(6)}  ${name}`);
  console.log(`  ${rows.reduce((s, [, ms]) => s + ms, 0).toFixed(2).padStart(6)}  all threads`);
} finally {
  await context.close();
  await site.close();
}
