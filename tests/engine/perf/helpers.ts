// Shared fixtures for the performance-model tests: the accelerators of data/gpus.csv, the
// published rows of data/system_mfu.csv and the check sets data/check_*.csv, read through the
// loader library.
import {join} from "node:path";
import {loadDataset, keySet} from "../../../loaders/load.js";
import {loadWithReferences} from "../../../loaders/compile.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {CHECK_SETS, gpuSpecFromRecord, summarizeCheckSet, validateCheckSet} from "../../../src/engine/index.js";
import type {CheckSetRow, CheckSetSummary, CheckSetValidationRow, GpuRecord, GpuSpec, SystemMfuRow} from "../../../src/engine/index.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const gpuRows = loadDataset(datasetByName("gpus"), ROOT);

export const GPUS: GpuSpec[] = gpuRows.map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));

export function gpu(id: string): GpuSpec {
  const g = GPUS.find((x) => x.id === id);
  if (!g) throw new Error(`no gpu ${id} in data/gpus.csv`);
  return g;
}

export function systemMfuRows(): SystemMfuRow[] {
  const keys = new Map([["gpus", keySet(datasetByName("gpus"), gpuRows)]]);
  return loadDataset(datasetByName("system_mfu"), ROOT, keys) as unknown as SystemMfuRow[];
}

/** A check set as its test reads it: the rows of data/<name>.csv, the engine's prediction of each, and the set's headline figures. */
export interface CheckSetUnderTest {
  rows: CheckSetRow[];
  table: CheckSetValidationRow[];
  summary: CheckSetSummary;
}

export function checkSetUnderTest(name: string): CheckSetUnderTest {
  const set = CHECK_SETS.find((s) => s.name === name);
  if (!set) throw new Error(`no check set ${name} in src/engine/perf/checkSets.ts`);
  const rows = loadWithReferences(name) as unknown as CheckSetRow[];
  const table = validateCheckSet(name, rows, GPUS);
  return {rows, table, summary: summarizeCheckSet(set, table)};
}
