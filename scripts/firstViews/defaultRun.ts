// The run the calculator, /memory and /levers open on (DEFAULT_RUN, runOptions.ts), read from the
// data files as those pages read it: the model's record and the accelerator's spec.
import type {FirstViewData} from "./spec.js";
import {rows} from "./spec.js";
import {gpuSpecFromRecord} from "../../src/engine/gpu.js";
import type {GpuRecord} from "../../src/engine/gpu.js";
import type {GpuSpec} from "../../src/engine/types.js";
import type {ModelRecord} from "../../src/components/models.js";
import {DEFAULT_RUN} from "../../src/components/runOptions.js";

/** DEFAULT_RUN's model record (models.arrow) and accelerator (gpus.arrow); an error names a missing one. */
export function defaultRunData(data: FirstViewData): {record: ModelRecord; gpu: GpuSpec} {
  const record = rows<ModelRecord>(data.arrow("models.arrow")).find((m) => m.id === DEFAULT_RUN.model);
  const gpu = rows<GpuRecord>(data.arrow("gpus.arrow")).map(gpuSpecFromRecord).find((g) => g.id === DEFAULT_RUN.gpu);
  if (record === undefined) throw new Error(`the default model ${DEFAULT_RUN.model} is not in data/models.csv`);
  if (gpu === undefined) throw new Error(`the default accelerator ${DEFAULT_RUN.gpu} is not in data/gpus.csv`);
  return {record, gpu};
}
