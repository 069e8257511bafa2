import type {z} from "zod";

/** How a cell's text is read before its constraints are checked. */
export type ColumnKind = "string" | "float" | "int" | "bool" | "date";

/** The JavaScript value each kind parses to (dates stay ISO `YYYY-MM-DD` strings). */
export interface KindValue {
  string: string;
  float: number;
  int: number;
  bool: boolean;
  date: string;
}

/** One column of a curated dataset: how to read it, what it means, and its unit. */
export interface ColumnSpec<K extends ColumnKind = ColumnKind> {
  name: string;
  kind: K;
  /** Unit of the value as stored, e.g. "FLOP/s", "bytes", "USD/GPU-hour"; null when unitless. */
  unit: string | null;
  description: string;
  /** A blank cell is an error when true and null when false. */
  required: boolean;
  /** Constraints on the parsed value (range, pattern, enumeration). */
  check?: z.ZodType<KindValue[K]>;
}

/** A foreign key: values in `column` must be keys of another dataset. */
export interface Reference {
  column: string;
  dataset: string;
}

/** Everything the pipeline knows about one dataset. */
export interface DatasetSpec {
  /** Short identifier, also the CSV and Arrow file stem: `data/<name>.csv`. */
  name: string;
  title: string;
  description: string;
  columns: ColumnSpec[];
  /** Columns whose combined values must be unique. */
  key: string[];
  /** Columns that must be non-empty on every row: where the row's facts come from. */
  sourceColumns: string[];
  references?: Reference[];
  /** Rules that relate several cells of one row (e.g. a reserved price must state its term). */
  rowRules?: RowRule[];
}

/** A rule over a whole validated row; a row that breaks it fails at `column` with `expected`. */
export interface RowRule {
  column: string;
  /** Completes "column "x": expected …", e.g. "a commitment term for a reserved price". */
  expected: string;
  holds: (row: Row) => boolean;
}

/** A validated row: column name to parsed value, null for blank optional cells. */
export type Row = Record<string, string | number | boolean | null>;

/** Helper that keeps the kind and the check's type in step. */
export function column<K extends ColumnKind>(spec: ColumnSpec<K>): ColumnSpec<K> {
  return spec;
}
