// The bare Framework site under bench/floor/ that the floor measures (bench/floor.ts, the slider;
// bench/floorLoad.ts, the first chart) run against: built on demand from the atlas's seeded npm cache.
import {spawnSync} from "node:child_process";
import {cpSync, existsSync} from "node:fs";
import {join} from "node:path";
import {REPO_ROOT} from "./pages.js";

export const FLOOR = join(REPO_ROOT, "bench", "floor");
export const FLOOR_DIST = join(FLOOR, "dist");

/** Builds bench/floor/dist when `page` (e.g. "index.html") is missing from it, or always with `force`. */
export function ensureFloorBuilt(page: string, force: boolean): void {
  if (!force && existsSync(join(FLOOR_DIST, page))) return;
  // Framework resolves npm: imports (htl for Inputs; Plot and d3 for the chart page) from its cache:
  // the atlas's seeded one, without DuckDB.
  const seeded = join(REPO_ROOT, "src", ".observablehq", "cache", "_npm");
  if (!existsSync(seeded)) throw new Error("src/.observablehq/cache/_npm is missing: run `npm run seed` first");
  cpSync(seeded, join(FLOOR, "src", ".observablehq", "cache", "_npm"), {recursive: true, filter: (path) => !path.includes("duckdb")});
  const built = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "observable"), ["build"], {cwd: FLOOR, stdio: "inherit", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}});
  if (built.status !== 0) throw new Error("building bench/floor failed");
}
