import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {encodeArrowStream, rowsToTable} from "../../loaders/arrow.js";
import {gpus} from "../../loaders/datasets/gpus.js";
import {loadCsvText} from "../../loaders/load.js";

const HEADER = gpus.columns.map((c) => c.name).join(",");
const GOOD = "h100-sxm5-80gb,NVIDIA H100 SXM5 80GB,NVIDIA,2022,67,494.7,989.4,989.4,1978.9,80,3.35,900,8,50,700,datasheet,2023-01-01,";

function load(...rows: string[]) {
  return loadCsvText([HEADER, ...rows].join("\n") + "\n", "data/gpus.csv", gpus);
}

describe("dataset validation (gpus)", () => {
  it("parses typed values and turns blank optional cells into null", () => {
    const [row] = load(GOOD);
    expect(row).toMatchObject({id: "h100-sxm5-80gb", release_year: 2022, peak_bf16_tflops: 989.4, source_date: "2023-01-01", notes: null});
  });

  it("fails on a bad number with file:line:column and what was expected", () => {
    expect(() => load(GOOD.replace("989.4,989.4", "989.4,lots"))).toThrow(
      'data/gpus.csv:2:65: column "peak_bf16_tflops": expected a number (digits, optional decimal point and exponent; no units or commas), found "lots"'
    );
  });

  it("fails on a negative value", () => {
    expect(() => load(GOOD.replace(",3.35,", ",-3.35,"))).toThrow(/^data\/gpus\.csv:2:\d+: column "hbm_tbps": expected a number > 0, found "-3.35"$/);
  });

  it("fails on a missing source", () => {
    expect(() => load(GOOD.replace("datasheet", ""))).toThrow(/column "source": expected a source \(every row must say where its facts come from\), found a blank cell/);
  });

  it("fails on a duplicate key, naming the first occurrence", () => {
    expect(() => load(GOOD, GOOD)).toThrow(/^data\/gpus\.csv:3:1: a unique key \(id\), found a duplicate of line 2$/);
  });

  it("fails on an impossible date and an unknown column", () => {
    expect(() => load(GOOD.replace("2023-01-01", "2023-02-30"))).toThrow(/expected a real calendar date, found "2023-02-30"/);
    expect(() => loadCsvText(`${HEADER},extra\n${GOOD},x\n`, "data/gpus.csv", gpus)).toThrow(/found unknown column "extra"/);
  });

  it("encodes an Arrow stream whose schema carries units and descriptions", () => {
    const table = tableFromIPC(encodeArrowStream(rowsToTable(gpus, load(GOOD))));
    expect(table.numRows).toBe(1);
    const field = table.schema.fields.find((f) => f.name === "hbm_tbps")!;
    expect(field.metadata.get("unit")).toBe("TB/s");
    expect(table.schema.metadata.get("dataset")).toBe("gpus");
    expect(table.get(0)!.toJSON().peak_fp8_tflops).toBe(1978.9);
  });
});
