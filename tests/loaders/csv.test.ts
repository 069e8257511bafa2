import {describe, expect, it} from "vitest";
import {parseCsv} from "../../loaders/csv.js";
import {DataError} from "../../loaders/errors.js";

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("expected a DataError");
}

describe("parseCsv", () => {
  it("reads quoted cells with commas, doubled quotes and newlines, and keeps positions", () => {
    const table = parseCsv('a,b\n1,"x, ""y""\nz"\n2,w\n', "t.csv");
    expect(table.records).toHaveLength(2);
    const cell = table.records[0]!.cells.get("b")!;
    expect(cell).toEqual({value: 'x, "y"\nz', line: 2, column: 3});
    expect(table.records[1]!.line).toBe(4);
    expect(table.records[1]!.cells.get("b")!.column).toBe(3);
  });

  it("accepts CRLF line ends, a byte-order mark and a missing final newline", () => {
    const table = parseCsv("\ufeffa,b\r\n1,2\r\n3,4", "t.csv");
    expect(table.records.map((r) => r.cells.get("b")!.value)).toEqual(["2", "4"]);
  });

  it("keeps a trailing empty cell", () => {
    const table = parseCsv("a,b\n1,\n", "t.csv");
    expect(table.records[0]!.cells.get("b")!.value).toBe("");
  });

  it("reports a row with too many cells at the first extra cell", () => {
    const e = errorOf(() => parseCsv("a,b\n1,2,3\n", "t.csv"));
    expect(e.message).toBe("t.csv:2:5: 2 cells as in the header, found 3");
  });

  it("reports a row with too few cells", () => {
    expect(errorOf(() => parseCsv("a,b\n1\n", "t.csv")).message).toBe("t.csv:2:1: 2 cells as in the header, found 1");
  });

  it("reports an unclosed quote where the cell starts", () => {
    expect(errorOf(() => parseCsv('a,b\n1,"oops\n', "t.csv")).message).toMatch(/^t\.csv:2:3: a closing quote/);
  });

  it("reports a stray quote in an unquoted cell", () => {
    expect(errorOf(() => parseCsv('a,b\n1,x"y\n', "t.csv")).message).toMatch(/^t\.csv:2:4: no quote inside an unquoted cell/);
  });

  it("refuses blank lines, duplicate and empty header names, and empty files", () => {
    expect(errorOf(() => parseCsv("a\n1\n\n2\n", "t.csv")).message).toMatch(/^t\.csv:3:1: a record, found a blank line/);
    expect(errorOf(() => parseCsv("a,a\n1,2\n", "t.csv")).message).toBe('t.csv:1:3: a unique column name, found "a" twice');
    expect(errorOf(() => parseCsv("a,\n1,2\n", "t.csv")).message).toMatch(/^t\.csv:1:3: a non-empty column name/);
    expect(errorOf(() => parseCsv("", "t.csv")).message).toMatch(/^t\.csv:1:1: a header row/);
  });
});
