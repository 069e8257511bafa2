// Reads the compiled reference tables through the loader library's CSV parser. The data helper
// copies them into data/ (with source columns); until a copy exists the shared original is read.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {parseCsv} from "../../loaders/csv.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SHARED = "/work/shared/reference";

/** Rows of a reference table as string records, from data/<dataName>.csv or the shared copy. */
export function referenceRows(dataName: string, sharedName: string): Record<string, string>[] {
  const local = join(ROOT, "data", `${dataName}.csv`);
  const path = existsSync(local) ? local : join(SHARED, `${sharedName}.csv`);
  const table = parseCsv(readFileSync(path, "utf8"), path);
  return table.records.map((r) => Object.fromEntries([...r.cells].map(([k, c]) => [k, c.value])));
}

/** The printed text of a memory-table cell (data/ copies keep it as value_text). */
export function printedValue(row: Record<string, string>): string {
  return row["value_text"] ?? row["value"] ?? "";
}

/** "7.5B" → 7.5e9, "1T" → 1e12. */
export function parseCount(text: string): number {
  const m = /^([\d.]+)\s*([KMBT])?$/.exec(text.trim());
  if (!m) throw new Error(`not a count: "${text}"`);
  const mult = {K: 1e3, M: 1e6, B: 1e9, T: 1e12}[m[2] as "K" | "M" | "B" | "T"] ?? 1;
  return Number(m[1]) * mult;
}
