// What the SQL boxes accept, checked before anything reaches DuckDB: one read-only statement.
// Pure (no DOM, no DuckDB), so tests/components/sqlStatement.test.ts covers every rule in Node.
// DuckDB's own guards stay in place behind this (the pages switch off external access and lock
// the configuration); this check exists to answer a reader in plain words instead of a parser
// error, and to stop writes before they are sent.

/** Statements that only read: what a query may start with (DuckDB's FROM-first syntax included). */
export const READ_STATEMENTS = ["SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW", "SUMMARIZE", "PIVOT", "UNPIVOT"] as const;

export type StatementCheck = {ok: true; sql: string} | {ok: false; message: string};

interface Scan {
  /** The text of each statement, comments kept, separators dropped, blank statements left out. */
  statements: string[];
  /** The first word of each statement, comments and opening parentheses skipped. */
  firstWords: string[];
  /** A quote or block comment left open at the end. */
  unterminated: string | null;
}

/** Splits on `;` outside quotes and comments, and finds each statement's first word. */
function scan(text: string): Scan {
  const statements: string[] = [];
  const firstWords: string[] = [];
  let start = 0;
  let first: string | null = null;
  let i = 0;
  const finish = (end: number): void => {
    const statement = text.slice(start, end);
    if (first !== null) {
      statements.push(statement);
      firstWords.push(first);
    }
    first = null;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "-" && next === "-") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end + 1;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) return {statements, firstWords, unterminated: "a /* comment */"};
      i = end + 2;
    } else if (c === "'" || c === '"') {
      // SQL doubles a quote to escape it: 'it''s' is one string.
      let j = i + 1;
      for (;;) {
        const end = text.indexOf(c, j);
        if (end === -1) return {statements, firstWords, unterminated: c === "'" ? "a 'string'" : 'a "name"'};
        if (text[end + 1] === c) j = end + 2;
        else {
          j = end + 1;
          break;
        }
      }
      if (first === null) first = "";
      i = j;
    } else if (c === ";") {
      finish(i);
      start = i + 1;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))![0];
      if (first === null) first = word.toUpperCase();
      i += word.length;
    } else {
      if (first === null && !/[\s(]/.test(c)) first = c;
      i++;
    }
  }
  finish(text.length);
  return {statements, firstWords, unterminated: null};
}

/**
 * Accepts one read-only statement and returns it without its final `;`; refuses anything else
 * with a sentence a reader can act on.
 */
export function checkStatement(text: string): StatementCheck {
  const {statements, firstWords, unterminated} = scan(text);
  if (unterminated !== null) return {ok: false, message: `The query has ${unterminated} that is never closed.`};
  if (statements.length === 0) return {ok: false, message: "The query is empty: type a statement such as SELECT * FROM prices LIMIT 10."};
  if (statements.length > 1) return {ok: false, message: `This box runs one statement at a time, and the text holds ${statements.length} (separated by “;”). Keep one.`};
  const word = firstWords[0]!;
  if (!(READ_STATEMENTS as readonly string[]).includes(word)) {
    const shown = word === "" ? "A statement that starts with a quoted name" : /^[A-Z_]/.test(word) ? `${word} statements are` : `A statement starting with “${word}” is`;
    return {
      ok: false,
      message: `${shown} not allowed here. This box only reads the page's tables: start with ${READ_STATEMENTS.slice(0, -1).join(", ")} or ${READ_STATEMENTS.at(-1)}. Nothing can be created, changed, copied, attached, installed, loaded or configured.`
    };
  }
  return {ok: true, sql: statements[0]!.trim()};
}

/**
 * The statement as it is sent: wrapped as a subquery (so DuckDB too runs it only as a read) and
 * limited to one row more than the cap, which says whether the cap cut the result.
 */
export function cappedQuery(sql: string, rowCap: number): string {
  if (!(Number.isInteger(rowCap) && rowCap > 0)) throw new RangeError(`rowCap must be a positive whole number, got ${rowCap}`);
  return `SELECT * FROM (\n${sql}\n) AS reader_query LIMIT ${rowCap + 1}`;
}
