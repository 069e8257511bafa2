import {DATASETS} from "./datasets/index.js";
import {loadWithReferences} from "./compile.js";
import type {ColumnKind, DatasetSpec, Row} from "./schema.js";

/** One column in the data dictionary. */
export interface CatalogColumn {
  name: string;
  kind: ColumnKind;
  unit: string | null;
  required: boolean;
  description: string;
  /** How many rows have a value (not blank) in this column. */
  filled: number;
}

/** One distinct source and how many rows cite it. */
export interface CatalogSource {
  source: string;
  rows: number;
}

/** Everything the Data page shows about a dataset, generated from its DatasetSpec and rows. */
export interface CatalogEntry {
  name: string;
  title: string;
  description: string;
  key: string[];
  sourceColumns: string[];
  references: {column: string; dataset: string}[];
  rows: number;
  columns: CatalogColumn[];
  sources: CatalogSource[];
}

/** Distinct values of the dataset's first source column, most cited first. */
function distinctSources(spec: DatasetSpec, rows: Row[]): CatalogSource[] {
  const column = spec.sourceColumns[0];
  if (column === undefined) return [];
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = row[column];
    if (typeof value !== "string" || value.trim() === "") continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([source, n]) => ({source, rows: n})).sort((a, b) => b.rows - a.rows || a.source.localeCompare(b.source));
}

export function catalogEntry(spec: DatasetSpec, rows: Row[]): CatalogEntry {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    key: [...spec.key],
    sourceColumns: [...spec.sourceColumns],
    references: (spec.references ?? []).map((r) => ({...r})),
    rows: rows.length,
    columns: spec.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      unit: c.unit,
      required: c.required,
      description: c.description,
      filled: rows.filter((r) => r[c.name] !== null && r[c.name] !== undefined).length
    })),
    sources: distinctSources(spec, rows)
  };
}

/** The whole catalog, in the order of DATASETS. Throws a DataError if any dataset is invalid. */
export function buildCatalog(): CatalogEntry[] {
  return DATASETS.map((spec) => catalogEntry(spec, loadWithReferences(spec.name)));
}
