// A page's first views in its <head> (observablehq.config.ts): one <template> per drawn width, and
// the script that copies the right one into the page's slot while the HTML is still being parsed.
// The page's cell later shows the live chart and removes the slot (src/components/firstView.ts).
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {FIRST_VIEWS_FILE} from "./views.js";
import type {FirstViewsByPage} from "./views.js";

/**
 * Fills each `.first-view[data-first-view]` slot as the parser adds it, with the narrowest drawing
 * at least as wide as the slot (else the widest), which the style sheet scales down to fit it
 * (src/style.css): the slot's width is the column's, the `width` the page's cell will draw at. The
 * script runs after the page's style sheets have loaded (a script waits for them), so the slot is
 * laid out as it will be. A view drawn from the address (its templates carry `data-url-state`) is
 * left out when the address has a query string: it would show the default run, not the reader's.
 * An empty slot takes no room.
 */
export const FIRST_VIEW_FILL = `<script>(() => {
  const fill = (slot) => {
    if (slot.firstChild) return;
    const name = slot.getAttribute("data-first-view");
    const drawings = [...document.querySelectorAll("template[data-first-view]")].filter((t) => t.getAttribute("data-first-view") === name);
    if (drawings.length === 0 || (drawings[0].hasAttribute("data-url-state") && location.search.length > 1)) return;
    const column = slot.clientWidth;
    drawings.sort((a, b) => a.getAttribute("data-width") - b.getAttribute("data-width"));
    const drawing = drawings.find((t) => +t.getAttribute("data-width") >= column) || drawings[drawings.length - 1];
    slot.append(drawing.content.cloneNode(true));
  };
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) {
      if (node.nodeType === 1 && node.matches(".first-view[data-first-view]")) fill(node);
    }
  }).observe(document.documentElement, {childList: true, subtree: true});
})();</script>`;

/** Reads the drawn views; the build draws them first (npm run build's prebuild). */
export function readFirstViews(file = join(fileURLToPath(new URL("../..", import.meta.url)), FIRST_VIEWS_FILE)): FirstViewsByPage {
  if (!existsSync(file)) throw new Error(`${FIRST_VIEWS_FILE} is missing: npm run build draws it (tsx scripts/firstViews/build.ts)`);
  return JSON.parse(readFileSync(file, "utf8")) as FirstViewsByPage;
}

/** The fill script and the templates for the page at `path` ("/hardware"); nothing for a page without first views. */
export function firstViewHead(path: string, views: FirstViewsByPage): string {
  const pageViews = views[path] ?? [];
  if (pageViews.length === 0) return "";
  const templates = pageViews.flatMap((view) => view.variants.map((variant) =>
    `<template data-first-view="${view.name}" data-width="${variant.width}"${view.urlState ? " data-url-state" : ""}>${variant.html}</template>`));
  return FIRST_VIEW_FILL + templates.join("");
}
