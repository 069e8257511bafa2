import {readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {encodeArrowStream, rowsToTable} from "../../loaders/arrow.js";
import {REPO_ROOT, loadWithReferences} from "../../loaders/compile.js";
import {DATASETS} from "../../loaders/datasets/index.js";
import {DataError} from "../../loaders/errors.js";
import {keySet, loadCsvText} from "../../loaders/load.js";
import type {KeyIndex} from "../../loaders/validate.js";

/**
 * An independent count of the data records in CSV text, for checking that the pipeline never
 * drops one: record ends (CRLF, LF or a lone CR) outside quotes, plus an unterminated last line,
 * minus the header. Only meaningful for text the parser accepted.
 */
function countRecords(text: string): number {
  let lines = 0;
  let inQuotes = false;
  let lineHasContent = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      lines++;
      lineHasContent = false;
      continue;
    }
    lineHasContent = true;
  }
  if (lineHasContent) lines++;
  return Math.max(0, lines - 1);
}

/** A corruption of CSV text, applied at a position given as a fraction of the text length. */
type Edit = {kind: "flip" | "truncate" | "insert" | "insert-at-boundary" | "insert-at-line-start" | "delete-cell" | "delete-char"; at: number; char: string; bit: number};

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("flip", "truncate", "insert", "insert-at-boundary", "insert-at-line-start", "delete-cell", "delete-char"),
  // Unbiased positions: fast-check otherwise favours the ends of a range (the first header cell).
  at: fc.noBias(fc.integer({min: 0, max: 999_999})).map((n) => n / 1_000_000),
  char: fc.constantFrom('"', ",", "\n", "\r\n", "\r", '""', "-", "e", "x", " ", "\u00e9", "\ufeff"),
  bit: fc.integer({min: 0, max: 7})
});

function applyEdit(text: string, edit: Edit): string {
  if (text.length === 0) return text;
  const i = Math.min(text.length - 1, Math.floor(edit.at * text.length));
  switch (edit.kind) {
    case "flip": // flip one bit of one UTF-16 code unit (a byte flip for ASCII text)
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << edit.bit)) + text.slice(i + 1);
    case "truncate":
      return text.slice(0, i);
    case "insert":
      return text.slice(0, i) + edit.char + text.slice(i);
    case "insert-at-boundary": { // just after a comma or line end, where structure errors hide
      const boundaries: number[] = [];
      for (let j = 0; j < text.length; j++) if (text[j] === "," || text[j] === "\n") boundaries.push(j + 1);
      const b = boundaries[Math.floor(edit.at * boundaries.length)] ?? text.length;
      return text.slice(0, b) + edit.char + text.slice(b);
    }
    case "insert-at-line-start": {
      const starts = [0];
      for (let j = 0; j < text.length; j++) if (text[j] === "\n") starts.push(j + 1);
      const b = starts[Math.floor(edit.at * starts.length)]!;
      return text.slice(0, b) + edit.char + text.slice(b);
    }
    case "delete-char":
      return text.slice(0, i) + text.slice(i + 1);
    case "delete-cell": { // remove the text between the comma at or after i and the next comma or line end
      const comma = text.indexOf(",", i);
      if (comma < 0) return text;
      let end = comma + 1;
      while (end < text.length && text[end] !== "," && text[end] !== "\n") end++;
      return text.slice(0, comma) + text.slice(end);
    }
  }
}

const keys = new Map<string, Set<string>>();
for (const spec of DATASETS) {
  if (spec.key.length === 1) keys.set(spec.name, keySet(spec, loadWithReferences(spec.name)));
}
const sources = DATASETS.map((spec) => ({spec, text: readFileSync(join(REPO_ROOT, "data", `${spec.name}.csv`), "utf8")}));

describe("fuzzing the pipeline with corrupted copies of every curated CSV", () => {
  it("either loads exactly one row per record, or throws a DataError with a real position", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: sources.length - 1}), fc.array(editArb, {minLength: 1, maxLength: 3}), (which, edits) => {
        const {spec, text} = sources[which]!;
        const file = `data/${spec.name}.csv`;
        const corrupted = edits.reduce(applyEdit, text);
        let rows;
        try {
          rows = loadCsvText(corrupted, file, spec, keys as KeyIndex);
        } catch (error) {
          if (!(error instanceof DataError)) throw new Error(`${spec.name}: a ${(error as Error).name}, not a DataError: ${(error as Error).message}`);
          const lineCount = corrupted.split(/\r\n|\r|\n/).length;
          expect(error.position.file).toBe(file);
          expect(error.position.line).toBeGreaterThanOrEqual(1);
          expect(error.position.line).toBeLessThanOrEqual(lineCount + 1);
          expect(error.position.column).toBeGreaterThanOrEqual(1);
          expect(error.message.startsWith(`${file}:${error.position.line}:${error.position.column}: `)).toBe(true);
          return;
        }
        expect(rows.length).toBe(countRecords(corrupted));
        // What loads must also encode, with every row kept.
        expect(tableFromIPC(encodeArrowStream(rowsToTable(spec, rows))).numRows).toBe(rows.length);
      }),
      {numRuns: 600, seed: 20261123}
    );
  }, 60_000);

  it("counts records independently of the parser (sanity check of the oracle)", () => {
    expect(countRecords('a,b\n1,"x\ny"\n2,3\n')).toBe(2);
    expect(countRecords("\ufeffa\r\n1\r\n2")).toBe(2);
    expect(countRecords("a\n")).toBe(0);
  });
});
