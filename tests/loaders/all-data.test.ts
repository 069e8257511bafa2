import {readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {REPO_ROOT, compileDataset, loadWithReferences} from "../../loaders/compile.js";
import {DATASETS} from "../../loaders/datasets/index.js";
import {tableFromIPC} from "apache-arrow";

const csvFiles = readdirSync(join(REPO_ROOT, "data")).filter((f) => f.endsWith(".csv")).sort();

describe("every data/*.csv", () => {
  it("has a DatasetSpec, so nothing in data/ is published without a schema", () => {
    const specced = new Set(DATASETS.map((d) => `${d.name}.csv`));
    expect(csvFiles.filter((f) => !specced.has(f))).toEqual([]);
  });

  for (const spec of DATASETS) {
    it(`${spec.name}: loads, every row names its source, and the Arrow file keeps every row`, () => {
      const rows = loadWithReferences(spec.name);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const source of spec.sourceColumns) {
          expect(typeof row[source] === "string" && (row[source] as string).trim().length > 0, `${spec.name} ${String(row[spec.key[0]!])} ${source}`).toBe(true);
        }
      }
      const table = tableFromIPC(compileDataset(spec.name));
      expect(table.numRows).toBe(rows.length);
      expect(table.schema.fields.map((f) => f.name)).toEqual(spec.columns.map((c) => c.name));
    });
  }
});
