// /hardware's datasheet rows: every accelerator in data/gpus.csv as one table row, oldest first,
// read from the Arrow file (no DuckDB to download first). datasheetTable.ts draws them for the
// page and for its build-time first view (scripts/firstViews/pages/hardware.ts).
import type {GpuRecord} from "../engine/gpu.js";

/** One row as the table shows it: the column names are the headers. */
export interface DatasheetRow {
  "Accelerator": string;
  "Year": string;
  "BF16 TFLOP/s": number | null;
  "FP16 TFLOP/s": number | null;
  "HBM GB": number;
  "HBM TB/s": number;
  "TDP W": number | null;
}

export type DatasheetRecord = Pick<GpuRecord, "name" | "release_year" | "peak_bf16_tflops" | "peak_fp16_tflops" | "hbm_gb" | "hbm_tbps" | "tdp_w">;

/** By release year, then name (as d3.ascending orders strings); the datasheet figures unchanged. */
export function datasheetRows(records: readonly DatasheetRecord[]): DatasheetRow[] {
  return [...records]
    .sort((a, b) => a.release_year - b.release_year || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((r) => ({"Accelerator": r.name, "Year": String(r.release_year), "BF16 TFLOP/s": r.peak_bf16_tflops, "FP16 TFLOP/s": r.peak_fp16_tflops, "HBM GB": r.hbm_gb, "HBM TB/s": r.hbm_tbps, "TDP W": r.tdp_w}));
}
