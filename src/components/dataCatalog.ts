// The Data page's data dictionary: a summary table of every curated dataset and, per dataset, its
// columns (type, unit, meaning, how often filled) and the distinct sources its rows cite. The
// catalog comes from src/data/catalog.json (generated from the DatasetSpecs); download links come
// from the page, which must name each file in a FileAttachment call for Framework to copy it.
import type {CatalogEntry} from "../../loaders/catalog.js";

export type {CatalogEntry};

/**
 * Where a dataset's files can be downloaded from (FileAttachment(...).href on the page). An empty
 * address is one not known yet: the build-time first view (scripts/firstViews/pages/data.ts) draws
 * the links without one, since Framework hashes the files' names after it; the page's cell that
 * replaces the view links them.
 */
export interface DatasetDownloads {
  csv: string;
  arrow: string;
}

export type DownloadIndex = Readonly<Record<string, DatasetDownloads | undefined>>;

const KIND_LABEL: Record<string, string> = {string: "text", float: "number", int: "integer", bool: "true/false", date: "date (YYYY-MM-DD)"};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: {className?: string; text?: string; testid?: string} = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testid) node.dataset.testid = props.testid;
  node.append(...children);
  return node;
}

function link(href: string, text: string, download: string): HTMLAnchorElement {
  const a = el("a", {text});
  if (href !== "") a.href = href;
  a.download = download;
  return a;
}

/** Every dataset's links, their addresses not known yet (DatasetDownloads): the summary's first view. */
export function pendingDownloads(entries: readonly CatalogEntry[]): DownloadIndex {
  return Object.fromEntries(entries.map((e) => [e.name, {csv: "", arrow: ""}]));
}

/** "CSV · Arrow" links, or a visible note when the page has not published the files. */
export function downloadLinks(name: string, downloads: DownloadIndex): HTMLElement {
  const files = downloads[name];
  const span = el("span", {className: "catalog-downloads", testid: `downloads-${name}`});
  if (!files) {
    span.append(el("em", {text: "download not published on this page yet"}));
    return span;
  }
  span.append(link(files.csv, "CSV", `${name}.csv`), " · ", link(files.arrow, "Arrow", `${name}.arrow`));
  return span;
}

/** Totals for the page's opening sentence. */
export function catalogTotals(entries: readonly CatalogEntry[]): {datasets: number; rows: number; columns: number; sources: number} {
  const sources = new Set<string>();
  for (const e of entries) for (const s of e.sources) sources.add(s.source);
  return {
    datasets: entries.length,
    rows: entries.reduce((n, e) => n + e.rows, 0),
    columns: entries.reduce((n, e) => n + e.columns.length, 0),
    sources: sources.size
  };
}

/** Tables scroll sideways inside their own box on narrow screens instead of widening the page. */
function scrollBox(table: HTMLTableElement): HTMLDivElement {
  return el("div", {className: "catalog-scroll"}, table);
}

/** One row per dataset: name (linking to its section), rows, columns, distinct sources, downloads. */
export function catalogSummary(entries: readonly CatalogEntry[], downloads: DownloadIndex): HTMLDivElement {
  const table = el("table", {className: "catalog-summary", testid: "catalog-summary"});
  const head = el("tr", {}, ...["Dataset", "What it holds", "Rows", "Columns", "Sources", "Download"].map((h) => el("th", {text: h})));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const e of entries) {
    const name = el("a", {}, el("code", {text: e.name}));
    name.href = `#dataset-${e.name}`;
    body.append(el("tr", {testid: `summary-${e.name}`},
      el("td", {}, name),
      el("td", {text: e.title}),
      el("td", {className: "num", text: e.rows.toLocaleString("en-US")}),
      el("td", {className: "num", text: String(e.columns.length)}),
      el("td", {className: "num", text: String(e.sources.length)}),
      el("td", {}, downloadLinks(e.name, downloads))
    ));
  }
  table.append(body);
  return scrollBox(table);
}

function dictionary(entry: CatalogEntry): HTMLDivElement {
  const table = el("table", {className: "catalog-dictionary", testid: `dictionary-${entry.name}`});
  table.append(el("thead", {}, el("tr", {}, ...["Column", "Type", "Unit", "Filled", "Meaning"].map((h) => el("th", {text: h})))));
  const body = el("tbody");
  for (const c of entry.columns) {
    const roles: string[] = [];
    if (entry.key.includes(c.name)) roles.push("key");
    if (entry.sourceColumns.includes(c.name)) roles.push("source");
    const ref = entry.references.find((r) => r.column === c.name);
    if (ref) roles.push(`→ ${ref.dataset}`);
    if (c.required && !entry.sourceColumns.includes(c.name) && !entry.key.includes(c.name)) roles.push("required");
    const name = el("td", {}, el("code", {text: c.name}));
    if (roles.length > 0) name.append(" ", el("span", {className: "catalog-role", text: roles.join(", ")}));
    body.append(el("tr", {},
      name,
      el("td", {text: KIND_LABEL[c.kind] ?? c.kind}),
      el("td", {text: c.unit ?? "—"}),
      el("td", {className: "num", text: `${c.filled}/${entry.rows}`}),
      el("td", {text: c.description})
    ));
  }
  table.append(body);
  return scrollBox(table);
}

function sourceList(entry: CatalogEntry): HTMLDetailsElement {
  const details = el("details", {className: "catalog-sources", testid: `sources-${entry.name}`});
  const column = entry.sourceColumns[0] ?? "source";
  details.append(el("summary", {text: `${entry.sources.length} distinct ${entry.sources.length === 1 ? "source" : "sources"} (column ${column})`}));
  const list = el("ol");
  for (const s of entry.sources) list.append(el("li", {}, s.source, " ", el("span", {className: "catalog-count", text: `(${s.rows} ${s.rows === 1 ? "row" : "rows"})`})));
  details.append(list);
  return details;
}

/** A dataset's section: heading, description, facts, downloads, dictionary and sources. */
export function datasetSection(entry: CatalogEntry, downloads: DownloadIndex): HTMLElement {
  const section = el("section", {className: "catalog-dataset", testid: `dataset-${entry.name}`});
  const heading = el("h3", {}, `${entry.title} `, el("code", {text: entry.name}));
  heading.id = `dataset-${entry.name}`;
  const facts = [
    `${entry.rows.toLocaleString("en-US")} rows`,
    `key: ${entry.key.join(" + ")}`,
    `every row must fill: ${entry.sourceColumns.join(", ")}`
  ];
  if (entry.references.length > 0) facts.push(`references: ${entry.references.map((r) => `${r.column} → ${r.dataset}`).join(", ")}`);
  section.append(
    heading,
    el("p", {text: entry.description}),
    el("p", {className: "catalog-facts"}, `${facts.join(" · ")} · `, downloadLinks(entry.name, downloads)),
    dictionary(entry),
    sourceList(entry)
  );
  return section;
}
