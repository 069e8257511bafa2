// The site's pages, read from observablehq.config.ts so that benchmarks and hardening tests cover
// every page listed there (plus the home page) without anyone editing a list by hand.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import config from "../observablehq.config.js";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface SitePage {
  /** Clean URL path, e.g. "/" or "/hardware". */
  path: string;
  name: string;
  /** The page's Markdown source, e.g. src/hardware.md (null when it cannot be found). */
  source: string | null;
  /** True when the page runs SQL (see markdownUsesSql). */
  usesSql: boolean;
}

interface ConfigEntry {
  name?: string;
  path?: string;
  pages?: ConfigEntry[];
}

/** Flattens Framework's `pages` (plain pages and sections with their own `pages`). */
function flatten(entries: readonly ConfigEntry[]): {name: string; path: string}[] {
  const out: {name: string; path: string}[] = [];
  for (const entry of entries) {
    if (typeof entry.path === "string") out.push({name: entry.name ?? entry.path, path: entry.path});
    if (Array.isArray(entry.pages)) out.push(...flatten(entry.pages));
  }
  return out;
}

function sourceOf(path: string): string | null {
  const base = path === "/" || path === "" ? "index" : path.replace(/^\//, "").replace(/\/$/, "/index");
  const file = join(REPO_ROOT, "src", `${base}.md`);
  return existsSync(file) ? file : null;
}

/**
 * True when a Framework Markdown page runs SQL: `sql:` front matter, a ```sql fenced block, or
 * DuckDB used from JavaScript (`DuckDBClient.of(...)`, a `sql` tagged template).
 */
export function markdownUsesSql(markdown: string): boolean {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  if (front && /^sql\s*:/m.test(front[1]!)) return true;
  if (/^\s*(```|~~~)\s*sql\b/m.test(markdown)) return true;
  return /\bDuckDBClient\b|\bsql`/.test(markdown);
}

/** Every page of the site: "/" first, then the config's pages in order, without duplicates. */
export function sitePages(): SitePage[] {
  const listed = flatten((config as unknown as {pages?: ConfigEntry[]}).pages ?? []);
  const seen = new Set<string>();
  const pages: SitePage[] = [];
  for (const {name, path} of [{name: "Home", path: "/"}, ...listed]) {
    const clean = path === "/index" ? "/" : path;
    if (seen.has(clean)) continue;
    seen.add(clean);
    const source = sourceOf(clean);
    const usesSql = source !== null && markdownUsesSql(readFileSync(source, "utf8"));
    pages.push({path: clean, name, source, usesSql});
  }
  return pages;
}

/** Optional page filter from the environment: PAGES="/,/hardware" limits runs to those paths. */
export function selectedPages(filter = process.env.PAGES): SitePage[] {
  const all = sitePages();
  if (!filter) return all;
  const wanted = new Set(filter.split(",").map((p) => p.trim()).filter(Boolean));
  return all.filter((p) => wanted.has(p.path));
}
