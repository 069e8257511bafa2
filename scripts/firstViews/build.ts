// Draws every page's first view (scripts/firstViews/specs.ts) at build time, after the data
// loaders have run (npm run build's prebuild: scripts/prebuild-data.ts first), into
// src/.observablehq/cache/first-views.json; observablehq.config.ts's `head` puts a page's views
// into its <head> as templates (scripts/firstViews/head.ts). Issue 14: the first chart under 1 s.
// A page's modules take 0.5–1 s to load and run on the 2-core machine after its HTML has painted
// (bench/loadTrace.ts); the first view is in the HTML.
//
//   tsx scripts/firstViews/build.ts
import {readFileSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {tableFromIPC} from "apache-arrow";
import type {Table} from "apache-arrow";
import {installDom} from "./dom.js";
import {registerNpmSpecifiers} from "./npmSpecifiers.js";
import {FIRST_VIEW_WIDTHS} from "./spec.js";
import type {FirstViewData} from "./spec.js";
import {FIRST_VIEWS_FILE, serializeView, viewKind} from "./views.js";
import type {FirstView, FirstViewsByPage} from "./views.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cacheData = join(root, "src", ".observablehq", "cache", "data");

registerNpmSpecifiers();
installDom();
const {FIRST_VIEWS} = await import("./specs.js");

const arrowTables = new Map<string, Table>();
const readData = (name: string): Buffer => {
  try {
    return readFileSync(join(cacheData, name));
  } catch {
    throw new Error(`scripts/firstViews: ${relative(root, join(cacheData, name))} is missing: the data loaders run first (tsx scripts/prebuild-data.ts)`);
  }
};
const data: FirstViewData = {
  arrow(name) {
    if (!arrowTables.has(name)) arrowTables.set(name, tableFromIPC(readData(name)));
    return arrowTables.get(name)!;
  },
  json: (name) => JSON.parse(readData(name).toString("utf8")) as unknown,
  text: (name) => readData(name).toString("utf8")
};

const byPage: FirstViewsByPage = {};
for (const spec of FIRST_VIEWS) {
  const variants: FirstView["variants"] = [];
  let kind: FirstView["kind"] = "table";
  for (const width of spec.widths ?? FIRST_VIEW_WIDTHS) {
    let element: Element;
    try {
      element = spec.draw(data, width);
    } catch (error) {
      throw new Error(`scripts/firstViews: ${spec.page}'s first view "${spec.name}" at ${width} px failed: ${(error as Error).message}`);
    }
    kind = viewKind(element);
    variants.push({width, html: serializeView(element)});
  }
  (byPage[spec.page] ??= []).push({name: spec.name, urlState: spec.urlState, kind, variants});
}
writeFileSync(join(root, FIRST_VIEWS_FILE), `${JSON.stringify(byPage, null, 1)}\n`);
console.log(`drew ${FIRST_VIEWS.length} first view(s) into ${FIRST_VIEWS_FILE}`);
