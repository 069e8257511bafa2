import type {CsvCell, CsvTable} from "./csv.js";
import {DataError} from "./errors.js";
import {didYouMean, expectedInWords} from "../engine/specIssues.js";
import type {ColumnKind, ColumnSpec, DatasetSpec, KindValue, Row} from "./schema.js";

const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INT = /^[+-]?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT32_MAX = 2 ** 31 - 1;

/** Parses one cell by kind, or throws a DataError saying what was expected. */
function parseCell<K extends ColumnKind>(cell: CsvCell, spec: ColumnSpec<K>, file: string): KindValue[K] {
  const text = cell.value.trim();
  const at = {file, line: cell.line, column: cell.column};
  const fail = (what: string): never => {
    throw new DataError(at, `column "${spec.name}": expected ${what}, found "${cell.value}"`);
  };
  switch (spec.kind) {
    case "string":
      return text as KindValue[K];
    case "float": {
      if (!FLOAT.test(text)) fail("a number (digits, optional decimal point and exponent; no units or commas)");
      const value = Number(text);
      if (!Number.isFinite(value)) fail("a finite number");
      return value as KindValue[K];
    }
    case "int": {
      if (!INT.test(text)) fail("a whole number (no units or commas)");
      const value = Number(text);
      // Arrow stores int columns as Int32: a larger value would wrap around silently.
      if (value > INT32_MAX || value < -INT32_MAX - 1) fail("a whole number between -2147483648 and 2147483647 (use a float column for larger counts)");
      return value as KindValue[K];
    }
    case "bool":
      if (text !== "true" && text !== "false") fail('"true" or "false"');
      return (text === "true") as KindValue[K];
    case "date": {
      const m = DATE.exec(text);
      if (!m) fail("a date as YYYY-MM-DD");
      const [y, mo, d] = [Number(m![1]), Number(m![2]), Number(m![3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) fail("a real calendar date");
      return text as KindValue[K];
    }
  }
  return fail("a known column kind");
}

/** Known keys of other datasets, for foreign-key checks. */
export type KeyIndex = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Turns a parsed CSV into validated rows. Every problem is a DataError at the offending cell:
 * unknown or missing columns, blank required cells, unparseable values, failed constraints,
 * blank source cells, duplicate keys and dangling references. No row is ever dropped.
 */
export function validateTable(table: CsvTable, spec: DatasetSpec, keys: KeyIndex = new Map()): Row[] {
  const {file} = table;
  const expected = new Set(spec.columns.map((c) => c.name));
  for (const cell of table.header) {
    if (!expected.has(cell.value.trim())) {
      throw new DataError({file, line: cell.line, column: cell.column}, `a column of ${spec.name} (${[...expected].join(", ")}), found unknown column "${cell.value}"`);
    }
  }
  const present = new Set(table.header.map((c) => c.value.trim()));
  for (const c of spec.columns) {
    if (!present.has(c.name)) throw new DataError({file, line: 1, column: 1}, `a column named "${c.name}" in the header`);
  }

  const seenKeys = new Map<string, number>();
  return table.records.map((record) => {
    const row: Row = {};
    for (const c of spec.columns) {
      const cell = record.cells.get(c.name)!;
      const at = {file, line: cell.line, column: cell.column};
      if (cell.value.trim() === "") {
        if (c.required || spec.sourceColumns.includes(c.name)) {
          const why = spec.sourceColumns.includes(c.name) ? "a source (every row must say where its facts come from)" : "a value";
          throw new DataError(at, `column "${c.name}": expected ${why}, found a blank cell`);
        }
        row[c.name] = null;
        continue;
      }
      const value = parseCell(cell, c, file);
      if (c.check) {
        const result = c.check.safeParse(value);
        if (!result.success) {
          const message = result.error.issues.map((issue) => expectedInWords(issue)).join("; ");
          const options = result.error.issues.flatMap((issue) => (issue.code === "invalid_enum_value" ? issue.options.map(String) : []));
          throw new DataError(at, `column "${c.name}": ${message}, found "${cell.value}"${options.length > 0 ? didYouMean(cell.value.trim(), options) : ""}`);
        }
      }
      row[c.name] = value;
    }
    for (const ref of spec.references ?? []) {
      const value = row[ref.column];
      if (value === null || value === undefined) continue;
      const known = keys.get(ref.dataset);
      if (!known) throw new Error(`${spec.name}: reference to dataset "${ref.dataset}" whose keys were not loaded`);
      if (!known.has(String(value))) {
        const cell = record.cells.get(ref.column)!;
        throw new DataError({file, line: cell.line, column: cell.column}, `column "${ref.column}": expected a known ${ref.dataset} id, found unknown "${String(value)}"`);
      }
    }
    for (const rule of spec.rowRules ?? []) {
      if (rule.holds(row)) continue;
      const cell = record.cells.get(rule.column)!;
      throw new DataError({file, line: cell.line, column: cell.column}, `column "${rule.column}": expected ${rule.expected}, found "${cell.value}"`);
    }
    const key = JSON.stringify(spec.key.map((k) => row[k]));
    const firstLine = seenKeys.get(key);
    if (firstLine !== undefined) {
      const cell = record.cells.get(spec.key[0]!)!;
      throw new DataError({file, line: cell.line, column: cell.column}, `a unique key (${spec.key.join(", ")}), found a duplicate of line ${firstLine}`);
    }
    seenKeys.set(key, record.line);
    return row;
  });
}
