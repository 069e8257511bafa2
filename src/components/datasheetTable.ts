// /hardware's datasheet table (src/hardware.md, "The datasheets"): the page and its build-time first
// view (scripts/firstViews/pages/hardware.ts) both draw it here, so the two cannot differ.
import * as Inputs from "npm:@observablehq/inputs";
import {datasheetRows} from "./acceleratorDatasheet.js";
import type {DatasheetRecord} from "./acceleratorDatasheet.js";

/** Rows shown before the table scrolls (data/gpus.csv holds 18 accelerators). */
export const DATASHEET_ROWS_SHOWN = 24;

/** The datasheet as an Inputs table, no row selection. */
export function datasheetTable(records: readonly DatasheetRecord[]): HTMLElement {
  return Inputs.table(datasheetRows(records), {layout: "auto", rows: DATASHEET_ROWS_SHOWN, select: false});
}
