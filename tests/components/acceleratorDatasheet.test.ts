import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {datasheetRows} from "../../src/components/acceleratorDatasheet.js";
import type {DatasheetRecord} from "../../src/components/acceleratorDatasheet.js";

const records = loadWithReferences("gpus") as unknown as DatasheetRecord[];

describe("the accelerator datasheet", () => {
  it("has one row per accelerator in data/gpus.csv, oldest first: the V100 SXM2 16GB (2017), then 2018's TPU v3 and V100 SXM2 32GB", () => {
    const rows = datasheetRows(records);
    expect(rows).toHaveLength(records.length);
    expect(rows.slice(0, 3).map((r) => [r.Accelerator, r.Year])).toEqual([["NVIDIA V100 SXM2 16GB", "2017"], ["Google TPU v3", "2018"], ["NVIDIA V100 SXM2 32GB", "2018"]]);
    const years = rows.map((r) => Number(r.Year));
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it("orders one year's chips by name, and shows the H100 SXM5's datasheet figures unchanged (989.4 TFLOP/s, 80 GB, 3.35 TB/s, 700 W)", () => {
    const rows = datasheetRows(records);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.Year === rows[i - 1]!.Year) expect(rows[i - 1]!.Accelerator < rows[i]!.Accelerator).toBe(true);
    }
    expect(rows.find((r) => r.Accelerator === "NVIDIA H100 SXM5 80GB")).toEqual({
      "Accelerator": "NVIDIA H100 SXM5 80GB", "Year": "2022", "BF16 TFLOP/s": 989.4, "FP16 TFLOP/s": 989.4, "HBM GB": 80, "HBM TB/s": 3.35, "TDP W": 700
    });
  });

  it("keeps a missing figure empty: the H800 has no published TDP", () => {
    expect(datasheetRows(records).find((r) => r.Accelerator === "NVIDIA H800 SXM5 80GB")?.["TDP W"]).toBeNull();
  });

  it("leaves its input in data order", () => {
    const names = records.map((r) => r.name);
    datasheetRows(records);
    expect(records.map((r) => r.name)).toEqual(names);
  });
});
