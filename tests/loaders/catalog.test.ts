import {describe, expect, it} from "vitest";
import {buildCatalog, catalogEntry} from "../../loaders/catalog.js";
import {DATASETS} from "../../loaders/datasets/index.js";
import {gpus} from "../../loaders/datasets/gpus.js";

describe("data catalog (the Data page's dictionary)", () => {
  it("has one entry per dataset with every column of its spec, in order", () => {
    const catalog = buildCatalog();
    expect(catalog.map((e) => e.name)).toEqual(DATASETS.map((d) => d.name));
    for (const [i, entry] of catalog.entries()) expect(entry.columns.map((c) => c.name)).toEqual(DATASETS[i]!.columns.map((c) => c.name));
  });

  it("counts filled cells and distinct sources, most cited first", () => {
    const rows = [
      {id: "a", source: "paper X", notes: null},
      {id: "b", source: "paper Y", notes: "n"},
      {id: "c", source: "paper Y", notes: null}
    ];
    const entry = catalogEntry(gpus, rows);
    expect(entry.rows).toBe(3);
    expect(entry.sources).toEqual([{source: "paper Y", rows: 2}, {source: "paper X", rows: 1}]);
    expect(entry.columns.find((c) => c.name === "notes")!.filled).toBe(1);
    expect(entry.columns.find((c) => c.name === "hbm_gb")).toMatchObject({unit: "GB", kind: "float", required: true, filled: 0});
  });
});
