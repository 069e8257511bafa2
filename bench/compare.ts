// Before/after in the same minute: two built sites (two copies of dist/), measured alternately so
// that both see the same load — first chart (bench/browser.ts measureLoad, median of --runs fresh
// loads) and, with --drag, the calculator's slider drag (sliderDragLatency). Prints the load
// average beside each pair.
//
//   npx tsx bench/compare.ts --a=/tmp/dist-before --b=dist [--path=/] [--runs=5] [--drag] [--drag-rounds=1] [--drag-protocol=after-repaint|random-phase] [--moves=50]
import {loadavg} from "node:os";
import type {Server} from "node:http";
import {resolve} from "node:path";
import {chromium} from "playwright-core";
import {serveStatic} from "../scripts/serve.js";
import {CHROMIUM, CHROMIUM_ARGS} from "../tests/browser/harness.js";
import type {Site} from "../tests/browser/harness.js";
import {measureLoad, sliderDragLatency, type KeyProtocol} from "./browser.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string | null) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const A = option("a", null);
const B = option("b", null);
if (A === null || B === null) throw new Error("usage: npx tsx bench/compare.ts --a=<built site> --b=<built site> [--path=/] [--runs=5] [--drag]");
const PATH = option("path", "/")!;
const RUNS = Math.max(1, Number(option("runs", "5")));
const MOVES = Math.max(5, Number(option("moves", "50")));

const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
const servers: Server[] = [];
async function siteOf(root: string): Promise<Site> {
  const {server, url} = await serveStatic(resolve(root));
  servers.push(server as Server);
  return {url, browser, close: async () => undefined};
}
const sites = {a: await siteOf(A), b: await siteOf(B)};
const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
try {
  const first: Record<"a" | "b", number[]> = {a: [], b: []};
  console.log(`first chart on ${PATH}, ms (a = ${A}, b = ${B})`);
  for (let i = 0; i < RUNS; i++) {
    const l = load();
    for (const k of ["a", "b"] as const) {
      const r = await measureLoad(sites[k], {path: PATH, usesSql: false} as Parameters<typeof measureLoad>[1]);
      first[k].push(r.firstChartMs ?? Number.NaN);
    }
    console.log(`  load ${l}: a ${Math.round(first.a.at(-1)!)}  b ${Math.round(first.b.at(-1)!)}`);
  }
  console.log(`median of ${RUNS}: a ${Math.round(median(first.a))} ms, b ${Math.round(median(first.b))} ms`);
  if (args.includes("--drag")) {
    // --drag-rounds=N: N alternated pairs (a then b, then b then a, ...), so neither always goes first.
    const rounds = Math.max(1, Number(option("drag-rounds", "1")));
    // --drag-protocol=random-phase: moves at random phases of a running frame clock (sliderDragLatency).
    const protocol = option("drag-protocol", "after-repaint") as KeyProtocol;
    if (protocol !== "after-repaint" && protocol !== "random-phase") throw new Error(`--drag-protocol: "after-repaint" or "random-phase", not "${protocol}"`);
    for (let round = 0; round < rounds; round++) {
      for (const k of round % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const)) {
        const l = load();
        const d = await sliderDragLatency(sites[k], PATH, "Accelerators", MOVES, "calc-repaint", {protocol});
        const r = (x: number | undefined) => (x === undefined ? "?" : Math.round(x));
        console.log(`drag ${k} (load ${l}): move → mark p50/p95 ${r(d.toMarkMs.p50)}/${r(d.toMarkMs.p95)} ms, move → frame p50/p95/max ${r(d.toFrameMs.p50)}/${r(d.toFrameMs.p95)}/${r(d.toFrameMs.max)} ms, input event → frame p50/p95 ${r(d.fromInput?.toFrameMs.p50)}/${r(d.fromInput?.toFrameMs.p95)} ms, missed ${d.missed}`);
      }
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
}
