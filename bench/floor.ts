// The floor under the calculator's slider target: the same mouse-drag measure as `npm run bench`
// (bench/browser.ts sliderDragLatency) on a bare Framework page with one Inputs range and one text
// cell (bench/floor/), alternated with the calculator (`/` of dist/) so that both see the same
// load. If the bare page's p95 is itself over 16 ms, this machine cannot show the target by this
// measure, whatever the calculator does. Each row prints the load average beside it, and the
// browser's own Event Timing figure (input → next paint, ≥ 16 ms only) beside ours.
//
// Arrow keys are pressed two ways (bench/browser.ts KeyProtocol): right after the last repaint
// (the earlier measure, kept: every key lands just after a frame began) and at random phases of
// the frame clock, as a reader's keys fall (the same seeded waits on both pages in a round). For
// the latter a second table gives the frames from each key to the frame that paints it and the
// keys' phases, and the last line what a page doing no work at all would show at those phases.
//
//   npx tsx bench/floor.ts [--rounds=3] [--moves=50] [--build] [--no-atlas] [--before=DIR]
//
// Needs dist/ (npm run build) for the calculator rows; builds bench/floor/dist when it is missing.
// --before=DIR adds rows for another build of the site (e.g. an earlier commit's dist/, built in a
// `git worktree`), measured in the same rounds, so that a change is compared at the same load.
import {existsSync} from "node:fs";
import {loadavg} from "node:os";
import {join} from "node:path";
import type {Server} from "node:http";
import {chromium} from "playwright-core";
import {serveStatic} from "../scripts/serve.js";
import {CHROMIUM, CHROMIUM_ARGS, DIST} from "../tests/browser/harness.js";
import type {Site} from "../tests/browser/harness.js";
import {sliderDragLatency, sliderKeyLatency, uniformWaitMs} from "./browser.js";
import type {SliderLatency} from "./browser.js";
import {FLOOR_DIST, ensureFloorBuilt} from "./floorSite.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ROUNDS = Math.max(1, Number(option("rounds", "3")));
const MOVES = Math.max(5, Number(option("moves", "50")));

ensureFloorBuilt("index.html", args.includes("--build"));
const atlas = !args.includes("--no-atlas");
if (atlas && !existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run `npm run build` first, or pass --no-atlas");

const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
async function siteOf(root: string): Promise<{site: Site; server: Server}> {
  const {server, url} = await serveStatic(root);
  return {site: {url, browser, close: async () => undefined}, server: server as Server};
}
const floor = await siteOf(FLOOR_DIST);
const home = atlas ? await siteOf(DIST) : null;
const beforeDir = option("before", "");
if (beforeDir !== "" && !existsSync(join(beforeDir, "index.html"))) throw new Error(`--before=${beforeDir}: no index.html there`);
const earlier = beforeDir === "" ? null : await siteOf(beforeDir);

const ms = (x: number | null) => (x === null ? "< 16" : String(Math.round(x)));
const pair = (p: {p50: number; p95: number}) => `${ms(p.p50)} / ${ms(p.p95)}`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const row = (name: string, how: string, r: SliderLatency, loadBefore: string) => {
  const et = r.eventTiming;
  return [name, how, loadBefore, pair(r.toMarkMs), `${pair(r.toFrameMs)} / ${ms(r.toFrameMs.max)}`, r.fromInput ? pair(r.fromInput.toFrameMs) : "n/a", r.taskAfterMarkMs ? pair(r.taskAfterMarkMs) : "n/a", et ? `${ms(et.p50)} / ${ms(et.p95)} (${et.slowMs.length} of ${et.inputs} ≥ 16)` : "n/a", String(r.missed)];
};
const stepRow = (name: string, how: string, r: SliderLatency, loadBefore: string) => {
  const s = r.steps!;
  return [name, how, loadBefore, pair(s.causeToDispatch), pair(s.dispatchToInput), pair(s.inputToFrameCallbacks), pair(s.inputToMark), pair(s.markToFrameEnd), pair(r.toFrameMs)];
};
const share = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : "n/a");
const one = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
const frameRow = (name: string, r: SliderLatency, loadBefore: string) => {
  const k = r.keyFrames!;
  return [name, loadBefore, `${pair(r.fromInput!.toFrameMs)} / ${ms(r.fromInput!.toFrameMs.max)}`, `${pair(r.toFrameMs)}`, `${k.frames.p50} / ${k.frames.p95} / ${k.frames.max}`, share(k.firstFrameShare), `${one(k.phaseMs.p50)} / ${one(k.phaseMs.p95)}`, one(k.frameIntervalMs), String(r.missed + k.uncounted)];
};
const header = ["page", "input", "load 1/5/15 min", "cause → mark p50/p95", "cause → frame p50/p95/max", "input → frame p50/p95", "(old: cause → task after mark)", "Event Timing keydown p50/p95", "missed"];
console.log(`"Accelerators" slider, ${MOVES} moves per row, ms. cause = the pointermove's or keydown's timeStamp; input = the slider's input event; frame = the end of the frame that paints the mark (Event Timing: Chromium reports no drag moves).`);
console.log(header.join(" | "));
const steps: string[][] = [];
const framesRows: string[][] = [];
const intervals: number[] = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, s] of [["bare page", floor], ...(home ? [["calculator /", home] as const] : []), ...(earlier ? [["calculator / (before)", earlier] as const] : [])] as const) {
      let before = load();
      const drag = await sliderDragLatency(s.site, "/", "Accelerators", MOVES);
      console.log(row(name, "mouse drag", drag, before).join(" | "));
      steps.push(stepRow(name, "mouse drag", drag, before));
      before = load();
      const keys = await sliderKeyLatency(s.site, "/", "Accelerators", MOVES);
      console.log(row(name, "arrow keys", keys, before).join(" | "));
      steps.push(stepRow(name, "arrow keys", keys, before));
      before = load();
      const phased = await sliderKeyLatency(s.site, "/", "Accelerators", MOVES, "calc-repaint", {protocol: "random-phase", seed: 14 + i});
      console.log(row(name, "keys, random phase", phased, before).join(" | "));
      steps.push(stepRow(name, "keys, random phase", phased, before));
      framesRows.push(frameRow(name, phased, before));
      intervals.push(phased.keyFrames!.frameIntervalMs);
    }
  }
  console.log("\nArrow keys at random phases of the frame clock (seeded waits, the same on every page in a round): frames = from the key to the frame that paints it, 1 = the first frame after the key:");
  console.log(["page", "load 1/5/15 min", "input → frame p50/p95/max", "key → frame p50/p95", "frames p50/p95/max", "in the first frame", "phase p50/p95", "frame interval", "missed"].join(" | "));
  for (const r of framesRows) console.log(r.join(" | "));
  const interval = intervals.filter(Number.isFinite).sort((a, b) => a - b)[Math.floor(intervals.length / 2)] ?? Number.NaN;
  const idle = uniformWaitMs(interval);
  console.log(`A page that does no work at all, at uniform phases of this ${one(interval)} ms frame clock: input → next frame p50 ${one(idle.p50)}, p95 ${one(idle.p95)} ms from the wait alone (uniform on 0–${one(interval)} ms), plus the frame's own style, layout and paint.`);
  console.log("\nOne move in steps, p50 / p95 ms (each step's own percentiles: they need not add up to the total's):");
  console.log(["page", "input", "load 1/5/15 min", "cause → dispatch", "dispatch → input", "input → frame callbacks", "input → mark", "mark → frame end", "cause → frame end"].join(" | "));
  for (const r of steps) console.log(r.join(" | "));
} finally {
  await browser.close();
  for (const s of [floor, home, earlier]) if (s) await new Promise<void>((r) => s.server.close(() => r()));
}
