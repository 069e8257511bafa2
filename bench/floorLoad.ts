// The floor under the first-chart target: the same measure as `npm run bench` (bench/browser.ts
// measureLoad: navigation start → first svg/figure/canvas in main, fresh browser context per load)
// on a bare Framework page with one Plot chart of inline points and no data file
// (bench/floor/src/chart.md), alternated with the atlas's pages so that both see the same load.
// What the bare page takes is Framework + Plot + the browser; the rest of an atlas page's time is
// the atlas's own. The load average is printed beside every round.
//
//   npx tsx bench/floorLoad.ts [--runs=5] [--build] [--pages=/,/memory]
//
// Needs dist/ (npm run build); builds bench/floor/dist when it is missing or with --build.
import {existsSync} from "node:fs";
import {loadavg} from "node:os";
import {join} from "node:path";
import type {Server} from "node:http";
import {chromium} from "playwright-core";
import {serveStatic} from "../scripts/serve.js";
import {CHROMIUM, CHROMIUM_ARGS, DIST} from "../tests/browser/harness.js";
import type {Site} from "../tests/browser/harness.js";
import {measureLoad} from "./browser.js";
import {selectedPages} from "./pages.js";
import type {SitePage} from "./pages.js";
import {FLOOR_DIST, ensureFloorBuilt} from "./floorSite.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNS = Math.max(1, Number(option("runs", "5")));

ensureFloorBuilt("chart.html", args.includes("--build"));
if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run `npm run build` first");
const atlasPages = selectedPages(option("pages", process.env.PAGES ?? "/"));
if (atlasPages.length === 0) throw new Error("--pages matched no page of observablehq.config.ts");

const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
const servers: Server[] = [];
async function siteOf(root: string): Promise<Site> {
  const {server, url} = await serveStatic(root);
  servers.push(server as Server);
  return {url, browser, close: async () => undefined};
}
const floor = await siteOf(FLOOR_DIST);
const atlas = await siteOf(DIST);
const barePage: SitePage = {path: "/chart", name: "bare Plot page", source: null, usesSql: false};

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const firstChart = async (site: Site, page: SitePage): Promise<number> => (await measureLoad(site, page)).firstChartMs ?? Number.NaN;

try {
  const times = new Map<string, number[]>([["bare", []], ...atlasPages.map((p) => [p.path, []] as [string, number[]])]);
  const loads: string[] = [];
  console.log(`first chart, ms (bare = bench/floor/src/chart.md; fresh context per load)`);
  for (let i = 0; i < RUNS; i++) {
    const l = load();
    loads.push(l);
    const cells: string[] = [];
    for (const page of atlasPages) {
      const bare = await firstChart(floor, barePage);
      const ours = await firstChart(atlas, page);
      times.get("bare")!.push(bare);
      times.get(page.path)!.push(ours);
      cells.push(`bare ${Math.round(bare)}  ${page.path} ${Math.round(ours)}`);
    }
    console.log(`  load ${l}: ${cells.join(" | ")}`);
  }
  console.log(`median of ${RUNS} (loads ${loads[0]} … ${load()}):`);
  for (const [path, xs] of times) console.log(`  ${path.padEnd(14)} ${Math.round(median(xs))} ms`);
} finally {
  await browser.close();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
}
