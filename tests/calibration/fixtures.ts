// Shared fixtures for the calibration tests: the project's H100 measurements converted to the
// calibration CSV format by the tested conversion, and a one-row file to corrupt.
import {join} from "node:path";
import {loadDataset} from "../../loaders/load.js";
import {datasetByName} from "../../loaders/datasets/index.js";
import {toCsv} from "../../src/components/download.js";
import {CALIBRATION_COLUMNS, projectStepsAsCalibrationRows} from "../../src/tables/calibrationSteps.js";
import type {MeasuredStepRow} from "../../src/engine/index.js";
import {GPUS, gpu} from "../engine/perf/helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const MEASURED_ROWS = loadDataset(datasetByName("gpu_training_steps"), ROOT) as unknown as MeasuredStepRow[];
export const H100 = gpu("h100-sxm5-80gb");
export {GPUS};
export const gpuById = (id: string) => GPUS.find((g) => g.id === id);

/** The project's measurements that `keep` selects, as the text of a calibration CSV. */
export function projectCsv(keep: (r: MeasuredStepRow) => boolean = () => true): string {
  return toCsv(projectStepsAsCalibrationRows(MEASURED_ROWS, H100, keep), CALIBRATION_COLUMNS);
}

export const HEADER = CALIBRATION_COLUMNS.join(",");
/** One valid row: Llama-2-7B-shaped, tp 2 × dp 4 on 8 H100s (the step time is this test's, not a measurement). */
export const GOOD_ROW: Record<string, string> = {
  run: "7b-tp2", gpu_id: "h100-sxm5-80gb", stack: "megatron", precision: "bf16-master-fp32",
  layers: "32", d_model: "4096", heads: "32", kv_heads: "", ffn_dim: "11008", ffn_kind: "swiglu", vocab: "32000", seq_len: "4096",
  params: "", experts: "", experts_active: "", tied_embeddings: "", dropout: "false",
  tp: "2", pp: "1", dp: "4", cp: "", ep: "", zero_stage: "1", micro_batch: "1", global_batch_tokens: "1048576",
  recompute: "none", flash_attention: "", sequence_parallel: "", gpus: "8", step_seconds: "9.5", peak_memory_bytes: "", notes: ""
};

/** A CSV of GOOD_ROW with `changes` applied to its cells (and optional extra rows). */
export function csvWith(changes: Record<string, string> = {}, extra: Record<string, string>[] = []): string {
  const line = (r: Record<string, string>) => CALIBRATION_COLUMNS.map((c) => r[c] ?? "").join(",");
  return [HEADER, line({...GOOD_ROW, ...changes}), ...extra.map((e) => line({...GOOD_ROW, ...e}))].join("\n") + "\n";
}

/** 1-based column of `name` in the file (every cell before it is unquoted). */
export function columnOf(name: string, changes: Record<string, string> = {}): number {
  const row = {...GOOD_ROW, ...changes};
  const i = CALIBRATION_COLUMNS.indexOf(name);
  return CALIBRATION_COLUMNS.slice(0, i).reduce((s, c) => s + (row[c] ?? "").length + 1, 1);
}
