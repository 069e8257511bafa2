// An editable SQL box over a page's DuckDB tables. One query at a time, with a visible running
// state, a Cancel button, a time limit and a row cap; statements other than one read-only query
// are refused in plain words before they reach DuckDB (sqlStatement.ts). A new query cancels the
// one still running, and the previous result is marked stale while the new one runs, then
// replaced or cleared, so an old table never sits under new text.
//
//   display(sqlBox({
//     open: async () => (await openDatabase())._db,
//     initial: url.values.q, defaultQuery: DEFAULT_QUERY,
//     defaultRows: () => defaultQueryRows(...),   // optional: the default query's rows from Arrow
//     onRun: (text) => url.set("q", text),
//     render: (rows) => [Inputs.table(rows), downloadControl(rows, {...})]
//   }));
//
// `db._db` is the AsyncDuckDB behind Framework's DuckDBClient. The box opens it only when the
// reader focuses the editor or runs a query (DuckDB-WASM is about 7 MB and takes a second or more
// to start); until then a box on its default query shows `defaultRows`, computed from the Arrow
// files. DuckDB-WASM without threads runs a query inside its worker without yielding, so
// `cancelSent` alone does not stop a long one: a stopped query's worker is terminated and `open`
// builds a fresh database for the next query. The box owns the databases it opens.
// Everything the reader typed is shown as text, never as markup.
import {rowsWithDates} from "./arrowRows.js";
import {cappedQuery, checkStatement} from "./sqlStatement.js";

/** The part of a DuckDB-WASM record batch the box reads (rowsWithDates' table shape). */
export type BatchLike = Parameters<typeof rowsWithDates>[0];

/** The part of an AsyncDuckDBConnection the box uses. */
export interface SqlConnectionLike {
  send(sql: string): Promise<AsyncIterable<BatchLike>>;
  cancelSent(): Promise<boolean>;
  close(): Promise<void>;
}

/** The part of an AsyncDuckDB the box uses. */
export interface SqlDatabaseLike {
  connect(): Promise<SqlConnectionLike>;
  /** Stops the database's worker at once, whatever it is running. */
  terminate(): Promise<void>;
}

export interface QueryLimits {
  /** Rows shown at most; the query is cut there and the reader told. Default 1,000. */
  rowCap?: number;
  /** Milliseconds before a query is cancelled. Default 10 s. */
  timeLimitMs?: number;
}

export type QueryOutcome =
  | {kind: "rows"; rows: Record<string, unknown>[]; truncated: boolean; seconds: number}
  | {kind: "refused" | "failed" | "cancelled" | "timeout"; message: string};

export interface QueryRun {
  /** Settles with the outcome; never rejects. */
  readonly done: Promise<QueryOutcome>;
  /** Stops the query (a no-op once it has finished). */
  cancel(): void;
}

export const DEFAULT_ROW_CAP = 1000;
export const DEFAULT_TIME_LIMIT_MS = 10_000;

const seconds = (ms: number): string => `${Number((ms / 1000).toPrecision(2))} s`;

/** Checks `text`, then runs it on a connection of its own, cancellable and time-limited. */
export function runQuery(db: SqlDatabaseLike | Promise<SqlDatabaseLike>, text: string, limits: QueryLimits = {}): QueryRun {
  const {rowCap = DEFAULT_ROW_CAP, timeLimitMs = DEFAULT_TIME_LIMIT_MS} = limits;
  const checked = checkStatement(text);
  if (!checked.ok) return {done: Promise.resolve({kind: "refused", message: checked.message}), cancel() {}};

  let stopped: "cancelled" | "timeout" | null = null;
  let connection: SqlConnectionLike | null = null;
  let finished = false;
  const stop = (why: "cancelled" | "timeout"): void => {
    if (finished || stopped !== null) return;
    stopped = why;
    connection?.cancelSent().catch(() => false);
    wake();
  };
  let wake: () => void = () => {};
  const stoppedSignal = new Promise<void>((resolve) => (wake = resolve));
  // The time limit is the query's own: it starts once the database is open (opening DuckDB-WASM
  // can take seconds on a busy machine, and is not the reader's query being slow).
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = performance.now();

  const work = async (): Promise<QueryOutcome> => {
    try {
      connection = await (await db).connect();
      if (stopped !== null) return stoppedOutcome();
      started = performance.now(); // the query's own time, not the wait for a reopened database
      timer = setTimeout(() => stop("timeout"), timeLimitMs);
      const reader = await connection.send(cappedQuery(checked.sql, rowCap));
      const rows: Record<string, unknown>[] = [];
      for await (const batch of reader) {
        if (stopped !== null) break;
        rows.push(...rowsWithDates(batch));
      }
      if (stopped !== null) return stoppedOutcome();
      return {kind: "rows", rows: rows.slice(0, rowCap), truncated: rows.length > rowCap, seconds: (performance.now() - started) / 1000};
    } catch (error) {
      if (stopped !== null) return stoppedOutcome();
      return {kind: "failed", message: String((error as Error | undefined)?.message ?? error)};
    }
  };
  const stoppedOutcome = (): QueryOutcome => stopped === "timeout"
    ? {kind: "timeout", message: `The query was stopped after ${seconds(timeLimitMs)}, the time limit here. Narrow it (a WHERE clause, fewer joins, a smaller range) and run it again.`}
    : {kind: "cancelled", message: "The query was cancelled."};

  const running = work();
  // A cancelled query answers at once; its connection closes when DuckDB lets go of it.
  const done = Promise.race([running, stoppedSignal.then(stoppedOutcome)]).then((outcome) => {
    finished = true;
    clearTimeout(timer);
    return outcome;
  });
  void running.finally(() => {
    clearTimeout(timer);
    void connection?.close().catch(() => undefined);
  });
  return {done, cancel: () => stop("cancelled")};
}

export interface SqlSession {
  /** Runs one query; a query still running is the caller's to cancel first. */
  run(text: string): QueryRun;
  /** Starts opening the database now (it opens on the first query otherwise). */
  warm(): void;
}

/**
 * Queries on one database that survive a stuck query. The database is opened (`open`) on the
 * first query or `warm()`, not before: DuckDB-WASM is about 7 MB, and a page can show its first
 * view without it. When a query is cancelled or times out before it finished, the database is
 * terminated and `open` builds the next one, which later queries wait for.
 */
export function sqlSession(open: () => Promise<SqlDatabaseLike>, limits: QueryLimits = {}): SqlSession {
  let database: Promise<SqlDatabaseLike> | null = null;
  const current = (): Promise<SqlDatabaseLike> => (database ??= open());
  return {
    warm() {
      void current().catch(() => undefined); // a failure to open is reported by the query that waits for it
    },
    run(text) {
      const used = current();
      const inner = runQuery(used, text, limits);
      let settled = false;
      let replaced = false;
      const replace = (): void => {
        if (replaced) return;
        replaced = true;
        if (database !== used) return;
        database = used.then((db) => db.terminate()).catch(() => undefined).then(open);
      };
      const done = inner.done.then((outcome) => {
        settled = true;
        if (outcome.kind === "timeout" || outcome.kind === "cancelled") replace();
        return outcome;
      });
      return {
        done,
        cancel() {
          if (settled) return;
          inner.cancel();
          replace();
        }
      };
    }
  };
}

export interface SqlBoxOptions extends QueryLimits {
  /**
   * Opens a database with the page's tables: when the reader first focuses or runs a query, and
   * again after a stopped one.
   */
  open: () => Promise<SqlDatabaseLike>;
  /** The query shown and run first (the page's address may hold one). */
  initial: string;
  /** What "Reset query" puts back. */
  defaultQuery: string;
  /**
   * The default query's rows computed in JavaScript from the page's Arrow files, in the order the
   * query sorts them. When the box shows the default query it shows these rows at once instead of
   * waiting for DuckDB; the page's browser test checks that DuckDB returns the same rows.
   */
  defaultRows?: () => Record<string, unknown>[];
  /** Called with each query as it starts (the page keeps it in its address). */
  onRun?: (text: string) => void;
  /** Builds the result from its rows (a table and a download control). */
  render: (rows: Record<string, unknown>[]) => Node | Node[];
  /** Rows of the textarea. Default 9. */
  rows?: number;
  doc?: Document;
}

/** Whitespace-insensitive query text, to tell the default query from an edited one. */
export const sameQuery = (a: string, b: string): boolean => a.trim().replace(/\s+/g, " ") === b.trim().replace(/\s+/g, " ");

/** The SQL box: editor, Run / Cancel / Reset buttons, a status line and the result. */
/** Boxes made so far: each box's editor gets its own id ("sql-box-1"), the same in every build. */
let boxesMade = 0;

export function sqlBox(options: SqlBoxOptions): HTMLElement {
  const {initial, defaultQuery, defaultRows, onRun, render, open, rows = 9, doc = document, ...limits} = options;
  const session = sqlSession(open, limits);
  const rowCap = limits.rowCap ?? DEFAULT_ROW_CAP;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] => Object.assign(doc.createElement(tag), props);

  const box = el("div", {className: "sql-box"});
  const form = el("form", {className: "sql-box-form"});
  const label = el("label", {textContent: "SQL", htmlFor: `sql-box-${++boxesMade}`});
  const editor = el("textarea", {id: label.htmlFor, rows, spellcheck: false, value: initial});
  const runButton = el("button", {type: "submit", textContent: "Run query"});
  const cancelButton = el("button", {type: "button", textContent: "Cancel", disabled: true});
  const resetButton = el("button", {type: "button", textContent: "Reset query"});
  const buttons = el("div", {className: "sql-box-buttons"});
  buttons.append(runButton, cancelButton, resetButton);
  form.append(label, editor, buttons);
  const status = el("p", {className: "sql-status"});
  status.setAttribute("role", "status");
  status.dataset.testid = "sql-status";
  const result = el("div", {className: "sql-result"});
  box.append(form, status, result);

  let current: QueryRun | null = null;

  const say = (text: string, state: string, alert = false): void => {
    status.replaceChildren();
    status.dataset.state = state;
    if (alert) {
      const message = el("span", {className: "sql-error"});
      message.setAttribute("role", "alert");
      message.dataset.testid = "sql-error";
      message.textContent = text;
      status.append(message);
    } else {
      status.textContent = text;
    }
  };

  const run = async (): Promise<void> => {
    current?.cancel();
    const text = editor.value;
    onRun?.(text);
    const mine = session.run(text);
    current = mine;
    result.classList.add("sql-stale");
    result.setAttribute("aria-busy", "true");
    cancelButton.disabled = false;
    say(`Running… (stopped after ${seconds(limits.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS)} at most)`, "running");
    delete status.dataset.source;
    const outcome = await mine.done;
    if (current !== mine) return; // a newer query took over
    current = null;
    cancelButton.disabled = true;
    result.classList.remove("sql-stale");
    result.removeAttribute("aria-busy");
    if (outcome.kind === "rows") {
      const count = outcome.rows.length.toLocaleString("en-US");
      status.dataset.source = "duckdb";
      say(outcome.truncated
        ? `Showing the first ${count} rows: the query returns more, and this box shows at most ${rowCap.toLocaleString("en-US")}. Add a WHERE clause or a LIMIT to see the rest. (${seconds(outcome.seconds * 1000)})`
        : `${count} ${outcome.rows.length === 1 ? "row" : "rows"} (${seconds(outcome.seconds * 1000)}).`, "done");
      result.replaceChildren(...[render(outcome.rows)].flat());
    } else {
      result.replaceChildren();
      say(outcome.kind === "failed" ? `The query failed: ${outcome.message}` : outcome.message, outcome.kind, outcome.kind !== "cancelled");
    }
  };

  /** The default query's rows without DuckDB (see `defaultRows`). */
  const showDefaultRows = (rowsOf: () => Record<string, unknown>[]): void => {
    current?.cancel();
    current = null;
    cancelButton.disabled = true;
    result.classList.remove("sql-stale");
    result.removeAttribute("aria-busy");
    const shown = rowsOf();
    say(`${shown.length.toLocaleString("en-US")} ${shown.length === 1 ? "row" : "rows"} (read from the page's Arrow files; DuckDB starts when you edit or run the query).`, "done");
    status.dataset.source = "arrow";
    result.replaceChildren(...[render(shown)].flat());
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run();
    }
  });
  cancelButton.addEventListener("click", () => current?.cancel());
  resetButton.addEventListener("click", () => {
    editor.value = defaultQuery;
    onRun?.(defaultQuery);
    if (defaultRows) showDefaultRows(defaultRows);
    else void run();
  });
  // DuckDB starts as soon as the reader reaches for the query, so it is ready by the time they run one.
  for (const type of ["focusin", "pointerenter"] as const) form.addEventListener(type, () => session.warm(), {once: true});
  if (defaultRows && sameQuery(initial, defaultQuery)) showDefaultRows(defaultRows);
  else void run();
  return box;
}
