import type {DatasetSpec} from "../schema.js";
import {gpus} from "./gpus.js";
import {memoryTables} from "./memoryTables.js";
import {models} from "./models.js";
import {reliability} from "./reliability.js";
import {systemMfu} from "./systemMfu.js";
import {trainingRuns} from "./trainingRuns.js";

/** Every curated dataset, in dependency order (a dataset's references come before it). */
export const DATASETS: readonly DatasetSpec[] = [
  gpus,
  models,
  trainingRuns,
  systemMfu,
  memoryTables,
  reliability
];

export function datasetByName(name: string): DatasetSpec {
  const spec = DATASETS.find((d) => d.name === name);
  if (!spec) throw new Error(`unknown dataset "${name}" (known: ${DATASETS.map((d) => d.name).join(", ")})`);
  return spec;
}
