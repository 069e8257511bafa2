import {describe, expect, it} from "vitest";
import {DateDay, Float64, Table, Utf8, tableFromArrays, vectorFromArray} from "apache-arrow";
import {dateColumns, rowsWithDates} from "../../src/components/arrowRows.js";

describe("rowsWithDates", () => {
  it("turns DATE cells (epoch ms in Arrow JS) into Date objects and leaves other columns alone", () => {
    const day = Date.UTC(2024, 11, 31);
    const table = new Table({
      id: vectorFromArray(["a"], new Utf8()),
      usd: vectorFromArray([4.916], new Float64()),
      observed: vectorFromArray([new Date(day)], new DateDay())
    });
    expect(dateColumns(table)).toEqual(["observed"]);
    const [row] = rowsWithDates(table);
    expect(row).toEqual({id: "a", usd: 4.916, observed: new Date(day)});
    expect(tableFromArrays({x: [1]}).numRows).toBe(1);
  });
});
