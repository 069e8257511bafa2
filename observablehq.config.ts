import {preloadLinks} from "./scripts/preloadHead.js";
import {termLinksHead} from "./scripts/termLinksHead.js";
import {firstViewHead, readFirstViews} from "./scripts/firstViews/head.js";
import type {FirstViewsByPage} from "./scripts/firstViews/views.js";

// Observable Framework configuration. Framework ships no Config type for 1.13.4, so a loose one
// is declared here. The offline settings are explained in docs/offline-build.md.
interface Page {
  name: string;
  path: string;
}

interface Section {
  name: string;
  pages: Page[];
}

/** What Framework passes a `head` function for each page: `data` is the page's front matter. */
interface PageContext {
  title: string | null;
  data: Record<string, unknown> | null;
  path: string;
}

interface Config {
  root: string;
  title: string;
  pages: (Page | Section)[];
  search: boolean;
  globalStylesheets: string[];
  head: string | ((page: PageContext) => string);
  style: string;
  footer: string;
  toc: boolean;
  duckdb: {extensions: Record<string, null>};
}

// Accessibility patches for library markup (axe-core; tests/browser/hardening.test.ts):
// Observable Inputs labels only a range's number box, so each slider gets its form's label as
// aria-label (WCAG 4.1.2); scrollable Inputs tables and code blocks become keyboard-focusable
// (WCAG 2.1.1). A MutationObserver catches inputs that cells render later. It looks only inside
// the nodes each batch of mutations added (a slider move adds a few chart nodes: two queries of
// the whole document there cost 0.16–0.23 ms a move, docs/benchmarks.md); a batch of more than 64
// added nodes (the page loading) is patched by one pass over the document instead, which is then
// cheaper than a query per node. tests/browser/index-a11y.test.ts.
const A11Y_PATCH = `<script>(() => {
  const RANGE = "form input[type=range]:not([aria-label]):not([aria-labelledby])";
  const FOCUSABLE = "form[class*='-table']:not([tabindex]), .observablehq-pre-container > pre:not([tabindex])";
  const label = (input) => {
    const text = input.form && input.form.querySelector("label") ? input.form.querySelector("label").textContent.trim() : "";
    if (text) input.setAttribute("aria-label", text);
  };
  const patch = (root) => {
    if (root.nodeType !== 1 || !root.isConnected) return;
    if (root.matches(RANGE)) label(root);
    if (root.matches(FOCUSABLE)) root.setAttribute("tabindex", "0");
    if (root.firstElementChild === null) return;
    for (const input of root.querySelectorAll(RANGE)) label(input);
    for (const el of root.querySelectorAll(FOCUSABLE)) el.setAttribute("tabindex", "0");
  };
  patch(document.documentElement);
  new MutationObserver((records) => {
    const added = [];
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) added.push(node);
    if (added.length > 64) patch(document.documentElement);
    else for (const node of added) patch(node);
  }).observe(document.documentElement, {childList: true, subtree: true});
})();</script>`;

// Built once: the same script goes into every page's head.
const TERM_LINKS = termLinksHead();

// Each page's first views (scripts/firstViews/): its first chart drawn at build time, shown from
// the HTML until the page's own cell draws it. Read when the first page is built, after prebuild
// has drawn them (the benchmarks import this config without building).
let firstViews: FirstViewsByPage | null = null;

const config: Config = {
  root: "src",
  title: "LLM Training Cost Atlas",
  // Sections in a reader's order: plan a run, then what can go wrong and what saves money, then
  // the evidence behind the numbers, then how to build on the site. The home page (the
  // calculator) is always first. tests/browser/navigation.test.ts holds this order.
  pages: [
    {
      name: "Plan a run",
      pages: [
        {name: "Memory & parallelism", path: "/memory"},
        {name: "Accelerators", path: "/hardware"},
        {name: "GPU prices", path: "/prices"},
        {name: "Scaling laws", path: "/scaling-laws"}
      ]
    },
    {
      name: "Risks and savings",
      pages: [
        {name: "Cost levers", path: "/levers"},
        {name: "Reliability", path: "/reliability"},
        {name: "Data curation", path: "/data-curation"}
      ]
    },
    {
      name: "Evidence",
      pages: [
        {name: "Case studies", path: "/case-studies"},
        {name: "What does capability cost?", path: "/capability"},
        {name: "Measured on real GPUs", path: "/calibration"},
        {name: "Methodology", path: "/methodology"}
      ]
    },
    {
      name: "Make your own",
      pages: [
        {name: "Calibrate to your cluster", path: "/calibrate"},
        {name: "Template: fork this page", path: "/template"},
        {name: "Data", path: "/data"}
      ]
    },
    {name: "Glossary", path: "/glossary"}
  ],
  // Framework's built-in search: the index (_observablehq/minisearch.json) and MiniSearch are
  // built into dist/, so it works offline and asks no other host.
  search: true,
  // The default is a Google Fonts stylesheet; the site is self-contained, so system fonts it is.
  globalStylesheets: [],
  // Without an explicit icon Chromium requests /favicon.ico and logs a 404.
  // Framework 1.13.4 writes <html> without a lang attribute; screen readers need it (WCAG 3.1.1).
  // The data files each page's first chart needs (scripts/preloadHead.ts) become preload links,
  // so that they are fetched with the modules instead of after them.
  // Each page's first views follow (scripts/firstViews/head.ts).
  head: ({path}) => `<link rel="icon" href="data:,"><script>document.documentElement.lang = "en";</script>${A11Y_PATCH}${TERM_LINKS}${preloadLinks(path)}${firstViewHead(path, firstViews ??= readFirstViews())}`,
  // The default theme plus the site's additions (see src/style.css).
  style: "style.css",
  footer: "LLM Training Cost Atlas — every number computed by a typed engine and sourced. Built with Observable Framework.",
  toc: true,
  // `null` (not false) stops Framework from downloading the json/parquet extensions at build time.
  duckdb: {extensions: {json: null, parquet: null}}
};

export default config;
