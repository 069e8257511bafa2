// The SQL box's query runner and session, with a fake DuckDB: refusals never reach the
// database, the row cap, the time limit, Cancel, and a fresh database after a stopped query.
// The box itself is tested in the browser (tests/browser/prices.test.ts).
import {describe, expect, it} from "vitest";
import {runQuery, sameQuery, sqlSession} from "../../src/components/sqlBox.js";
import type {BatchLike, SqlConnectionLike, SqlDatabaseLike} from "../../src/components/sqlBox.js";

/** A batch of rows shaped like an Arrow record batch. */
const batch = (rows: Record<string, unknown>[]): BatchLike => {
  const items = rows.map((row) => ({toJSON: () => ({...row})}));
  return {schema: {fields: Object.keys(rows[0] ?? {}).map((name) => ({name, type: "Int32"}))}, [Symbol.iterator]: () => items[Symbol.iterator]()};
};

interface FakeDb extends SqlDatabaseLike {
  sent: string[];
  cancels: number;
  terminated: boolean;
}

/** A database whose queries return `rows` after `delayMs`, or never when `hang` is set. */
function fakeDb({rows = 3, delayMs = 0, hang = false, fail = ""} = {}): FakeDb {
  const db: FakeDb = {
    sent: [],
    cancels: 0,
    terminated: false,
    async connect(): Promise<SqlConnectionLike> {
      return {
        async send(sql) {
          db.sent.push(sql);
          if (hang) await new Promise(() => {});
          await new Promise((r) => setTimeout(r, delayMs));
          if (fail) throw new Error(fail);
          const limit = Number(/LIMIT (\d+)$/.exec(sql)![1]);
          const all = Array.from({length: Math.min(rows, limit)}, (_, i) => ({i}));
          return (async function* () {
            for (let k = 0; k < all.length; k += 100) yield batch(all.slice(k, k + 100));
          })();
        },
        async cancelSent() {
          db.cancels++;
          return true;
        },
        async close() {}
      };
    },
    async terminate() {
      db.terminated = true;
    }
  };
  return db;
}

describe("runQuery", () => {
  it("returns the rows of a read-only query, sent as a capped subquery", async () => {
    const db = fakeDb({rows: 3});
    const outcome = await runQuery(db, "SELECT i FROM t;").done;
    expect(outcome).toMatchObject({kind: "rows", rows: [{i: 0}, {i: 1}, {i: 2}], truncated: false});
    expect(db.sent).toEqual(["SELECT * FROM (\nSELECT i FROM t\n) AS reader_query LIMIT 1001"]);
  });

  it("cuts the result at the row cap and says so", async () => {
    const outcome = await runQuery(fakeDb({rows: 5000}), "SELECT i FROM t", {rowCap: 1000}).done;
    expect(outcome.kind).toBe("rows");
    if (outcome.kind === "rows") {
      expect(outcome.rows).toHaveLength(1000);
      expect(outcome.truncated).toBe(true);
    }
  });

  it("refuses DROP before anything is sent", async () => {
    const db = fakeDb();
    const outcome = await runQuery(db, "DROP TABLE prices").done;
    expect(outcome).toMatchObject({kind: "refused", message: expect.stringContaining("DROP statements are not allowed here")});
    expect(db.sent).toEqual([]);
  });

  it("reports DuckDB's error as a failure", async () => {
    const outcome = await runQuery(fakeDb({fail: "Binder Error: column nope not found"}), "SELECT nope FROM t").done;
    expect(outcome).toEqual({kind: "failed", message: "Binder Error: column nope not found"});
  });

  it("stops a query at the time limit, and asks DuckDB to cancel it", async () => {
    const db = fakeDb({hang: true});
    const started = Date.now();
    const outcome = await runQuery(db, "SELECT 1", {timeLimitMs: 50}).done;
    expect(outcome).toMatchObject({kind: "timeout", message: expect.stringContaining("stopped after 0.05 s")});
    expect(Date.now() - started).toBeLessThan(2000);
    expect(db.cancels).toBe(1);
  });

  it("does not count the wait for the database to open against the time limit", async () => {
    const slowToOpen = new Promise<SqlDatabaseLike>((resolve) => setTimeout(() => resolve(fakeDb({rows: 1, delayMs: 5})), 120));
    const outcome = await runQuery(slowToOpen, "SELECT 1", {timeLimitMs: 50}).done;
    expect(outcome).toMatchObject({kind: "rows", rows: [{i: 0}]});
  });

  it("Cancel answers at once, even while the database is stuck", async () => {
    const run = runQuery(fakeDb({hang: true}), "SELECT 1");
    setTimeout(() => run.cancel(), 10);
    expect(await run.done).toEqual({kind: "cancelled", message: "The query was cancelled."});
  });
});

/** An `open` that hands out the given databases in turn and counts its calls. */
function opener(...dbs: FakeDb[]): {open: () => Promise<SqlDatabaseLike>; opened: () => number} {
  let n = 0;
  return {open: async () => dbs[Math.min(n++, dbs.length - 1)]!, opened: () => n};
}

describe("sqlSession", () => {
  it("opens no database until the first query, and then only once", async () => {
    const db = fakeDb({rows: 1});
    const {open, opened} = opener(db);
    const session = sqlSession(open);
    expect(opened()).toBe(0);
    await session.run("SELECT 1").done;
    await session.run("SELECT 2").done;
    expect(opened()).toBe(1);
    expect(db.sent).toHaveLength(2);
  });

  it("warm() opens the database ahead of the first query, which then reuses it", async () => {
    const {open, opened} = opener(fakeDb({rows: 1}));
    const session = sqlSession(open);
    session.warm();
    session.warm();
    expect(opened()).toBe(1);
    expect((await session.run("SELECT 1").done).kind).toBe("rows");
    expect(opened()).toBe(1);
  });

  it("reports a database that fails to open as the query's failure", async () => {
    const session = sqlSession(async () => {
      throw new Error("could not fetch duckdb-eh.wasm");
    });
    session.warm();
    expect(await session.run("SELECT 1").done).toEqual({kind: "failed", message: "could not fetch duckdb-eh.wasm"});
  });

  it("terminates a database whose query was cancelled and runs the next query on a fresh one", async () => {
    const stuck = fakeDb({hang: true});
    const fresh = fakeDb({rows: 2});
    const {open, opened} = opener(stuck, fresh);
    const session = sqlSession(open);
    const first = session.run("SELECT slow()");
    setTimeout(() => first.cancel(), 10);
    expect((await first.done).kind).toBe("cancelled");
    const second = await session.run("SELECT i FROM t").done;
    expect(second).toMatchObject({kind: "rows", rows: [{i: 0}, {i: 1}]});
    expect(stuck.terminated).toBe(true);
    expect(opened()).toBe(2);
  });

  it("keeps the database after a query that finished, even if Cancel comes late", async () => {
    const db = fakeDb({rows: 1});
    const {open, opened} = opener(db, fakeDb());
    const session = sqlSession(open);
    const run = session.run("SELECT 1");
    await run.done;
    run.cancel();
    await session.run("SELECT 2").done;
    expect(db.terminated).toBe(false);
    expect(opened()).toBe(1);
  });

  it("reopens after a timeout too", async () => {
    const stuck = fakeDb({hang: true});
    const session = sqlSession(opener(stuck, fakeDb({rows: 1})).open, {timeLimitMs: 20});
    expect((await session.run("SELECT 1").done).kind).toBe("timeout");
    expect((await session.run("SELECT 1").done).kind).toBe("rows");
    expect(stuck.terminated).toBe(true);
  });
});

describe("sameQuery", () => {
  it("treats queries that differ only in whitespace as the same, and any other edit as different", () => {
    expect(sameQuery("SELECT a,\n       b\nFROM t ", "SELECT a, b FROM t")).toBe(true);
    expect(sameQuery("SELECT a, b FROM t LIMIT 1", "SELECT a, b FROM t")).toBe(false);
    expect(sameQuery("select a, b from t", "SELECT a, b FROM t")).toBe(false);
  });
});
