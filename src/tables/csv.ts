import {DataError} from "./errors.js";

/** One parsed CSV cell with the position where it starts in the source text. */
export interface CsvCell {
  value: string;
  line: number;
  column: number;
}

/** One data record: cells keyed by header name, plus the record's starting line. */
export interface CsvRecord {
  line: number;
  cells: Map<string, CsvCell>;
}

export interface CsvTable {
  file: string;
  header: CsvCell[];
  records: CsvRecord[];
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes) and
 * keeps the line and column of every cell. A row with the wrong number of cells, an unclosed
 * quote, a stray quote inside an unquoted cell, or a blank or duplicate header is a DataError.
 * Blank lines are not allowed between records (they would otherwise vanish silently).
 */
export function parseCsv(text: string, file: string): CsvTable {
  const rows = tokenize(text, file);
  const headerRow = rows.shift();
  if (headerRow === undefined) throw new DataError({file, line: 1, column: 1}, "a header row, found an empty file");
  const seen = new Set<string>();
  for (const cell of headerRow) {
    const name = cell.value.trim();
    if (name === "") throw new DataError({file, line: cell.line, column: cell.column}, "a non-empty column name in the header");
    if (seen.has(name)) throw new DataError({file, line: cell.line, column: cell.column}, `a unique column name, found "${name}" twice`);
    seen.add(name);
  }
  const records: CsvRecord[] = rows.map((row) => {
    const first = row[0]!;
    if (row.length !== headerRow.length) {
      const last = row[row.length - 1]!;
      const where = row.length > headerRow.length ? row[headerRow.length]! : last;
      throw new DataError(
        {file, line: where.line, column: where.column},
        `${headerRow.length} cells as in the header, found ${row.length}`
      );
    }
    const cells = new Map<string, CsvCell>();
    headerRow.forEach((h, i) => cells.set(h.value.trim(), row[i]!));
    return {line: first.line, cells};
  });
  return {file, header: headerRow, records};
}

function tokenize(text: string, file: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  let line = 1;
  let column = 1;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  const n = text.length;
  const endOfText = () => i >= n;

  while (!endOfText()) {
    const cellLine = line;
    const cellColumn = column;
    let value = "";
    if (text[i] === '"') {
      i++;
      column++;
      for (;;) {
        if (endOfText()) throw new DataError({file, line: cellLine, column: cellColumn}, "a closing quote for the quoted cell that starts here");
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            column += 2;
            continue;
          }
          i++;
          column++;
          break;
        }
        if (ch === "\n") {
          line++;
          column = 1;
        } else {
          column++;
        }
        value += ch;
        i++;
      }
      if (!endOfText() && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        throw new DataError({file, line, column}, "a comma or end of line after the closing quote");
      }
    } else {
      while (!endOfText() && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        if (text[i] === '"') throw new DataError({file, line, column}, "no quote inside an unquoted cell (quote the whole cell and double the quote)");
        value += text[i];
        i++;
        column++;
      }
    }
    row.push({value, line: cellLine, column: cellColumn});
    if (endOfText()) break;
    if (text[i] === ",") {
      i++;
      column++;
      if (endOfText()) row.push({value: "", line, column});
      continue;
    }
    // End of line (LF or CRLF).
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    rows.push(row);
    row = [];
    line++;
    column = 1;
    if (!endOfText() && (text[i] === "\n" || text[i] === "\r")) {
      throw new DataError({file, line, column: 1}, "a record, found a blank line (remove it)");
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
