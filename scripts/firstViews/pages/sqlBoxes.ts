// The SQL boxes' first views: each box as it opens on its default query, with that query's rows
// read from the page's Arrow files (the box does the same until the reader edits the query; DuckDB
// is not needed, and `open` is never called). The address can hold another query (?q=…).
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, rows} from "../spec.js";
import {sqlBox} from "../../../src/components/sqlBox.js";
import {sqlResultView} from "../../../src/components/sqlResult.js";
import {rowsWithDates} from "../../../src/components/arrowRows.js";
import {
  CAPABILITY_DEFAULT_QUERY, capabilityDefaultRows, PRICES_DEFAULT_QUERY, pricesDefaultRows,
  TEMPLATE_DEFAULT_QUERY, templateDefaultRows
} from "../../../src/components/defaultQueries.js";

/** The box on its default query; a first view never runs a query. */
function defaultBox(defaultQuery: string, defaultRows: () => Record<string, unknown>[], filename: string): HTMLElement {
  return sqlBox({
    open: () => Promise.reject(new Error("a first view runs no query")),
    initial: defaultQuery,
    defaultQuery,
    defaultRows,
    render: (shown) => sqlResultView(shown, filename)
  });
}

export const SQL_BOX_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/prices",
    name: "prices-query",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => defaultBox(PRICES_DEFAULT_QUERY, () => pricesDefaultRows(rowsWithDates(data.arrow("cloud_prices.arrow")), rowsWithDates(data.arrow("gpus.arrow"))), "query-result")
  },
  {
    page: "/capability",
    name: "capability-query",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => defaultBox(CAPABILITY_DEFAULT_QUERY, () => capabilityDefaultRows(rows(data.arrow("benchmarks.arrow")), rows(data.arrow("models.arrow"))), "capability-query")
  },
  {
    page: "/template",
    name: "template-query",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => defaultBox(TEMPLATE_DEFAULT_QUERY, () => templateDefaultRows(rows(data.arrow("gpus.arrow"))), "template-query")
  }
];
