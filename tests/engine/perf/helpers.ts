// Shared fixtures for the performance-model tests: the accelerators of data/gpus.csv, the
// published rows of data/system_mfu.csv and the check sets data/check_*.csv, read through the
// loader library.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {gpus} from "../../../loaders/datasets/gpus.js";
import {DataError} from "../../../loaders/errors.js";
import {loadCsvText, loadDataset, keySet} from "../../../loaders/load.js";
import type {DatasetSpec} from "../../../loaders/schema.js";
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

/** A check set's file as a malformed-row test edits it: its path, header and first row, a loader of
 * one edited row (against data/gpus.csv's ids), and the DataError that row must raise. */
export interface CheckSetFileUnderTest {
  file: string;
  first: string;
  load(row: string): ReturnType<typeof loadCsvText>;
  error(row: string): DataError;
}

export function checkSetFileUnderTest(name: string, spec: DatasetSpec): CheckSetFileUnderTest {
  const file = `data/${name}.csv`;
  const [header, first] = readFileSync(join(ROOT, file), "utf8").split("\n");
  const keys = new Map([["gpus", keySet(gpus, loadWithReferences("gpus"))]]);
  const load = (row: string) => loadCsvText(`${header}\n${row}\n`, file, spec, keys);
  const error = (row: string): DataError => {
    try {
      load(row);
    } catch (e) {
      if (e instanceof DataError) return e;
      throw e;
    }
    throw new Error("expected a DataError");
  };
  return {file, first: first!, load, error};
}
