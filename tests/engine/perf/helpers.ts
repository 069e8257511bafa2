// Shared fixtures for the performance-model tests: the accelerators of data/gpus.csv and the
// published rows of data/system_mfu.csv, read through the loader library.
import {join} from "node:path";
import {loadDataset, keySet} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {gpuSpecFromRecord} from "../../../src/engine/index.js";
import type {GpuRecord, GpuSpec, SystemMfuRow} from "../../../src/engine/index.js";

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
