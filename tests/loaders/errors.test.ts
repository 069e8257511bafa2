import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {cloudPrices} from "../../loaders/datasets/prices.js";
import {gpus} from "../../loaders/datasets/gpus.js";
import {DataError} from "../../loaders/errors.js";
import {keySet, loadCsvText} from "../../loaders/load.js";

// One valid cloud_prices row; each test breaks exactly one thing in it and checks the whole message.
const FILE = "data/cloud_prices.csv";
const HEADER = cloudPrices.columns.map((c) => c.name).join(",");
const ROW = "deepseek-h800,DeepSeek (assumed rental),H800 rental,h800-sxm5-80gb,h800,H800,,,2,unspecified,,,2024-12-27,published,DeepSeek-V3 report Table 1,as quoted,";
const KEYS = new Map([["gpus", keySet(gpus, loadWithReferences("gpus"))]]);

function load(text: string) {
  return loadCsvText(text, FILE, cloudPrices, KEYS);
}

/** The DataError thrown by `fn`; fails the test for any other outcome. */
function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("expected a DataError, but the data loaded");
}

/** 1-based column of the first occurrence of `needle` in `line`. */
function col(line: string, needle: string): number {
  const i = line.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in line`);
  return i + 1;
}

describe("every failure kind is a DataError at file:line:column", () => {
  it("loads the untouched row", () => {
    expect(load(`${HEADER}\n${ROW}\n`)).toEqual([expect.objectContaining({id: "deepseek-h800", usd_per_gpu_hour: 2, gpu_id: "h800-sxm5-80gb"})]);
  });

  it("bad number: a price written with a dollar sign", () => {
    const row = ROW.replace(",,,2,", ",,,$2,");
    expect(dataError(() => load(`${HEADER}\n${row}\n`)).message).toBe(
      `${FILE}:2:${col(row, "$2")}: column "usd_per_gpu_hour": expected a number (digits, optional decimal point and exponent; no units or commas), found "$2"`
    );
  });

  it("negative price", () => {
    const row = ROW.replace(",,,2,", ",,,-2,");
    expect(dataError(() => load(`${HEADER}\n${row}\n`)).message).toBe(`${FILE}:2:${col(row, "-2,")}: column "usd_per_gpu_hour": expected a number > 0, found "-2"`);
  });

  it("unknown GPU reference", () => {
    const row = ROW.replace("h800-sxm5-80gb", "h100-nvl");
    expect(dataError(() => load(`${HEADER}\n${row}\n`)).message).toBe(`${FILE}:2:${col(row, "h100-nvl")}: column "gpu_id": expected a known gpus id, found unknown "h100-nvl"`);
  });

  it("missing source", () => {
    const row = ROW.replace("DeepSeek-V3 report Table 1", "");
    const column = row.indexOf(",,as quoted") + 2; // the blank source cell sits between these two commas
    expect(dataError(() => load(`${HEADER}\n${row}\n`)).message).toBe(
      `${FILE}:2:${column}: column "source": expected a source (every row must say where its facts come from), found a blank cell`
    );
  });

  it("duplicate key, naming the line of the first occurrence", () => {
    expect(dataError(() => load(`${HEADER}\n${ROW}\n${ROW}\n`)).message).toBe(`${FILE}:3:1: a unique key (id), found a duplicate of line 2`);
  });

  it("unknown column", () => {
    const known = cloudPrices.columns.map((c) => c.name).join(", ");
    expect(dataError(() => load(`${HEADER},discount\n${ROW},0.1\n`)).message).toBe(
      `${FILE}:1:${HEADER.length + 2}: a column of cloud_prices (${known}), found unknown column "discount"`
    );
  });

  it("missing column", () => {
    const header = HEADER.replace(",notes", "");
    const row = ROW.slice(0, -1);
    expect(dataError(() => load(`${header}\n${row}\n`)).message).toBe(`${FILE}:1:1: a column named "notes" in the header`);
  });

  it("bad date: slashes instead of dashes, and a day that does not exist", () => {
    const slashes = ROW.replace("2024-12-27", "2024/12/27");
    expect(dataError(() => load(`${HEADER}\n${slashes}\n`)).message).toBe(`${FILE}:2:${col(slashes, "2024/")}: column "observed_date": expected a date as YYYY-MM-DD, found "2024/12/27"`);
    const feb30 = ROW.replace("2024-12-27", "2024-02-30");
    expect(dataError(() => load(`${HEADER}\n${feb30}\n`)).message).toBe(`${FILE}:2:${col(feb30, "2024-02-30")}: column "observed_date": expected a real calendar date, found "2024-02-30"`);
  });

  it("value outside an enumeration", () => {
    const row = ROW.replace(",unspecified,,,", ",on demand,,,");
    expect(dataError(() => load(`${HEADER}\n${row}\n`)).message).toMatch(new RegExp(`^${FILE}:2:${col(row, "on demand")}: column "pricing_model": .*found "on demand" \\(did you mean "on-demand"\\?\\)$`));
  });

  it("ragged row: a cell too many and a cell too few", () => {
    const extra = `${ROW},oops`;
    expect(dataError(() => load(`${HEADER}\n${extra}\n`)).message).toBe(`${FILE}:2:${extra.length - 3}: ${cloudPrices.columns.length} cells as in the header, found ${cloudPrices.columns.length + 1}`);
    const short = ROW.slice(0, ROW.lastIndexOf(","));
    expect(dataError(() => load(`${HEADER}\n${short}\n`)).message).toBe(
      `${FILE}:2:${short.lastIndexOf(",") + 2}: ${cloudPrices.columns.length} cells as in the header, found ${cloudPrices.columns.length - 1}`
    );
  });

  it("unclosed quote, reported where the quoted cell starts", () => {
    const row = ROW.replace("DeepSeek-V3 report Table 1", '"DeepSeek-V3 report, Table 1');
    expect(dataError(() => load(`${HEADER}\n${row}\n${ROW.replace("deepseek-h800", "other")}\n`)).message).toBe(
      `${FILE}:2:${col(row, '"DeepSeek')}: a closing quote for the quoted cell that starts here`
    );
  });

  it("a whole number too large for the Arrow Int32 column is refused rather than wrapped", () => {
    const row = ROW.replace("H800,,,2,", "H800,3000000000,,2,");
    expect(dataError(() => load(`${HEADER}\n${row}\n`)).message).toBe(
      `${FILE}:2:${col(row, "3000000000")}: column "gpus_per_instance": expected a whole number between -2147483648 and 2147483647 (use a float column for larger counts), found "3000000000"`
    );
  });
});
