import {describe, expect, it} from "vitest";
import {cappedQuery, checkStatement} from "../../src/components/sqlStatement.js";

describe("checkStatement", () => {
  it("accepts one read-only query and drops its final semicolon", () => {
    expect(checkStatement("SELECT * FROM prices;")).toEqual({ok: true, sql: "SELECT * FROM prices"});
    expect(checkStatement("  with t AS (SELECT 1) SELECT * FROM t ;  -- done")).toEqual({ok: true, sql: "with t AS (SELECT 1) SELECT * FROM t"});
    expect(checkStatement("FROM prices LIMIT 3")).toMatchObject({ok: true});
    expect(checkStatement("(SELECT 1) UNION (SELECT 2)")).toMatchObject({ok: true});
    expect(checkStatement("-- a comment first\n/* and a block */ DESCRIBE prices")).toMatchObject({ok: true, sql: "-- a comment first\n/* and a block */ DESCRIBE prices"});
  });

  it("refuses DROP, COPY, ATTACH, INSTALL, LOAD, PRAGMA, SET, CREATE and other writes in plain words, naming the statement", () => {
    for (const word of ["DROP TABLE prices", "copy prices TO 'x.csv'", "ATTACH 'x.db'", "INSTALL httpfs", "LOAD httpfs", "PRAGMA version", "SET enable_external_access = true", "CREATE TABLE t AS SELECT 1", "INSERT INTO prices VALUES (1)", "UPDATE prices SET x = 1", "DELETE FROM prices", "EXPORT DATABASE 'x'", "CALL pragma_version()"]) {
      const result = checkStatement(word);
      expect(result.ok, word).toBe(false);
      if (!result.ok) {
        expect(result.message).toContain(`${word.split(" ")[0]!.toUpperCase()} statements are not allowed here`);
        expect(result.message).toMatch(/only reads the page's tables: start with SELECT, WITH/);
      }
    }
  });

  it("refuses several statements, however they are hidden", () => {
    expect(checkStatement("SELECT 1; DROP TABLE prices")).toMatchObject({ok: false, message: expect.stringContaining("holds 2")});
    expect(checkStatement("SELECT 1) AS x; DROP TABLE prices; SELECT * FROM (SELECT 1")).toMatchObject({ok: false, message: expect.stringContaining("holds 3")});
  });

  it("does not split on a semicolon inside a string, a quoted name or a comment", () => {
    expect(checkStatement("SELECT 'a;b' AS \"x;y\" -- c;d\n")).toMatchObject({ok: true});
    expect(checkStatement("SELECT 'it''s; fine' /* ; */")).toMatchObject({ok: true});
  });

  it("says what is wrong with an empty query, an open string and an open comment", () => {
    expect(checkStatement("  -- only a comment\n")).toMatchObject({ok: false, message: expect.stringContaining("empty")});
    expect(checkStatement(";")).toMatchObject({ok: false, message: expect.stringContaining("empty")});
    expect(checkStatement("SELECT 'oops")).toMatchObject({ok: false, message: "The query has a 'string' that is never closed."});
    expect(checkStatement("SELECT 1 /* oops")).toMatchObject({ok: false, message: "The query has a /* comment */ that is never closed."});
  });

  it("names a statement that starts with a symbol without guessing a keyword", () => {
    expect(checkStatement("* FROM prices")).toMatchObject({ok: false, message: expect.stringContaining("starting with “*”")});
  });
});

describe("cappedQuery", () => {
  it("wraps the statement as a subquery limited to one row more than the cap (a trailing comment stays on its own line)", () => {
    expect(cappedQuery("SELECT 1 -- note", 1000)).toBe("SELECT * FROM (\nSELECT 1 -- note\n) AS reader_query LIMIT 1001");
    expect(() => cappedQuery("SELECT 1", 0)).toThrow(RangeError);
  });
});
