import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import {columnsOf, csvField, fileStem, toCsv, toJson, toRows} from "../../src/components/download.js";

describe("download encoders", () => {
  it("writes RFC 4180 CSV with quoting and formula protection", () => {
    const rows = [{name: "H100, SXM", note: 'says "hi"', usd: 2.5}, {name: "=HYPERLINK(\"x\")", usd: -1, extra: null}];
    expect(toCsv(rows)).toBe('name,note,usd,extra\r\n"H100, SXM","says ""hi""",2.5,\r\n"\'=HYPERLINK(""x"")",,-1,\r\n');
  });

  it("writes non-finite numbers as empty cells and null in JSON, never NaN", () => {
    expect(csvField(Number.NaN)).toBe("");
    expect(toJson([{a: Number.POSITIVE_INFINITY, b: 1}])).toBe('[\n  {\n    "a": null,\n    "b": 1\n  }\n]\n');
  });

  it("reads Arrow tables row by row, BigInts included", () => {
    const table = tableFromArrays({id: ["a", "b"], n: new BigInt64Array([1n, 2n]), x: new Float64Array([0.5, 1.5])});
    const rows = toRows(table);
    expect(columnsOf(rows)).toEqual(["id", "n", "x"]);
    expect(toCsv(rows)).toBe("id,n,x\r\na,1,0.5\r\nb,2,1.5\r\n");
    expect(JSON.parse(toJson(rows))).toEqual([{id: "a", n: 1, x: 0.5}, {id: "b", n: 2, x: 1.5}]);
  });

  it("makes safe file names", () => {
    expect(fileStem("Loss vs compute / Chinchilla")).toBe("loss-vs-compute-chinchilla");
    expect(fileStem("../../etc/passwd")).toBe("..-..-etc-passwd");
    expect(fileStem("<>")).toBe("data");
  });
});
