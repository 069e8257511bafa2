import {Bool, DateDay, Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableToIPC, vectorFromArray} from "apache-arrow";
import type {DataType} from "apache-arrow";
import type {ColumnKind, DatasetSpec, Row} from "./schema.js";

const ARROW_TYPES: Record<ColumnKind, () => DataType> = {
  string: () => new Utf8(),
  float: () => new Float64(),
  int: () => new Int32(),
  bool: () => new Bool(),
  date: () => new DateDay()
};

/** Converts a parsed value to what apache-arrow's builders expect for the kind. */
function toArrowValue(kind: ColumnKind, value: Row[string]): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "date") return new Date(Date.parse(`${String(value)}T00:00:00Z`));
  return value;
}

/**
 * Builds an Arrow table whose schema records, per field, the column's unit and description, and
 * for the whole table the dataset's name, title and source columns.
 */
export function rowsToTable(spec: DatasetSpec, rows: Row[]): Table {
  const fields = spec.columns.map((c) => {
    const metadata = new Map<string, string>([["description", c.description], ["kind", c.kind]]);
    if (c.unit !== null) metadata.set("unit", c.unit);
    return new Field(c.name, ARROW_TYPES[c.kind](), !c.required, metadata);
  });
  const schema = new Schema(fields, new Map([
    ["dataset", spec.name],
    ["title", spec.title],
    ["description", spec.description],
    ["source_columns", spec.sourceColumns.join(",")],
    ["rows", String(rows.length)]
  ]));
  const data = spec.columns.map((c, i) => {
    const type = fields[i]!.type;
    return vectorFromArray(rows.map((r) => toArrowValue(c.kind, r[c.name] ?? null)), type).data[0]!;
  });
  const struct = makeData({type: new Struct(fields), length: rows.length, nullCount: 0, children: data});
  return new Table([new RecordBatch(schema, struct)]);
}

/** The Arrow IPC *stream* format: DuckDB-WASM's insertArrowFromIPCStream needs it. */
export function encodeArrowStream(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
}
