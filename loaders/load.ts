import {readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {parseCsv} from "./csv.js";
import type {DatasetSpec, Row} from "./schema.js";
import {validateTable} from "./validate.js";
import type {KeyIndex} from "./validate.js";

/** Where the curated CSV files live, relative to the repository root. */
export const DATA_DIR = "data";

/** Parses and validates CSV text for a dataset; `file` is the name shown in errors. */
export function loadCsvText(text: string, file: string, spec: DatasetSpec, keys?: KeyIndex): Row[] {
  return validateTable(parseCsv(text, file), spec, keys);
}

/** Reads `data/<name>.csv` under `root` and returns its validated rows. */
export function loadDataset(spec: DatasetSpec, root: string, keys?: KeyIndex): Row[] {
  const path = join(root, DATA_DIR, `${spec.name}.csv`);
  return loadCsvText(readFileSync(path, "utf8"), relative(root, path) || path, spec, keys);
}

/** The set of key values of a single-column-key dataset, for other datasets' references. */
export function keySet(spec: DatasetSpec, rows: Row[]): Set<string> {
  if (spec.key.length !== 1) throw new Error(`${spec.name}: references need a single-column key`);
  const k = spec.key[0]!;
  return new Set(rows.map((r) => String(r[k])));
}
