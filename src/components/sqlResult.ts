// What a page's SQL box shows for a result (sqlBox's `render`): the rows in an Inputs table, 12 at
// a time, and a download control for them. One function, so the pages and their first views
// (scripts/firstViews/pages/sqlBoxes.ts) draw the same result.
import * as Inputs from "npm:@observablehq/inputs";
import {downloadControl} from "./download.js";

/** Rows shown before the table scrolls. */
export const SQL_RESULT_ROWS = 12;

/** The result of a query: a table and `filename`.csv/.json downloads. */
export function sqlResultView(rows: Record<string, unknown>[], filename: string): HTMLElement[] {
  return [Inputs.table(rows, {rows: SQL_RESULT_ROWS, select: false}), downloadControl(rows, {filename, title: "query result"})];
}
