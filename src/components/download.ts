// "Download data" for any chart: the rows behind it as CSV or JSON, through a Blob and an object
// URL (nothing leaves the browser). The text encoders are pure and unit-tested
// (tests/components/download.test.ts); downloadControl() is the DOM part.

export type Row = Record<string, unknown>;

/** Accepts arrays of objects, Arrow tables (rows with toJSON) and any iterable of rows. */
export function toRows(data: Iterable<unknown> | ArrayLike<unknown>): Row[] {
  const rows: Row[] = [];
  const iterable = Symbol.iterator in Object(data) ? (data as Iterable<unknown>) : Array.from(data as ArrayLike<unknown>);
  for (const item of iterable) {
    if (item === null || typeof item !== "object") continue;
    const maybe = item as {toJSON?: () => unknown};
    const plain = typeof maybe.toJSON === "function" && !(item instanceof Date) ? maybe.toJSON() : item;
    if (plain !== null && typeof plain === "object") rows.push({...(plain as Row)});
  }
  return rows;
}

/** Column names in first-seen order across all rows. */
export function columnsOf(rows: readonly Row[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "object") return JSON.stringify(value, jsonReplacer);
  return String(value);
}

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. Text starting with
 * = + - @ (or a tab/CR) gets a leading apostrophe so spreadsheets do not run it as a formula;
 * numbers are written as numbers and never prefixed.
 */
export function csvField(value: unknown): string {
  let text = cellText(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Row[], columns: readonly string[] = columnsOf(rows)): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

export function toJson(rows: readonly Row[]): string {
  return `${JSON.stringify(rows, jsonReplacer, 2)}\n`;
}

/** A safe file name stem: letters, digits, dot, dash and underscore only. */
export function fileStem(name: string): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
  return stem === "" ? "data" : stem;
}

export interface DownloadOptions {
  /** File name without extension, e.g. "scaling-laws-loss-vs-compute". */
  filename: string;
  /** What the data is, for the buttons' accessible names: "loss vs compute". */
  title?: string;
  /** Column order (defaults to first-seen order). */
  columns?: readonly string[];
}

/** Saves `text` as a file named `name` (a Blob behind an object URL; nothing leaves the browser). */
export function save(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Two buttons, "CSV" and "JSON", after a "Download data:" label. The rows are read when a
 * button is pressed, so pass a function when the data changes with the inputs.
 */
export function downloadControl(data: Iterable<unknown> | (() => Iterable<unknown>), options: DownloadOptions): HTMLElement {
  const stem = fileStem(options.filename);
  const title = options.title ?? options.filename;
  const box = document.createElement("div");
  box.className = "download-control";
  const label = document.createElement("span");
  label.textContent = "Download data:";
  box.append(label);
  const rows = (): Row[] => toRows(typeof data === "function" ? data() : data);
  const make = (format: "CSV" | "JSON"): HTMLButtonElement => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = format;
    button.setAttribute("aria-label", `Download ${title} data as ${format}`);
    button.dataset.format = format.toLowerCase();
    button.addEventListener("click", () => {
      const r = rows();
      if (format === "CSV") save(toCsv(r, options.columns), "text/csv;charset=utf-8", `${stem}.csv`);
      else save(toJson(r), "application/json", `${stem}.json`);
    });
    return button;
  };
  box.append(make("CSV"), make("JSON"));
  return box;
}
