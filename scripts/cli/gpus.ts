// GPUs for the CLI, read from data/gpus.csv through the typed loaders.
import {loadWithReferences} from "../../loaders/compile.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord, GpuSpec} from "../../src/engine/index.js";
import {CliError} from "./command.js";

let cache: GpuSpec[] | undefined;

/** Every accelerator in data/gpus.csv, in SI units. */
export function allGpus(): GpuSpec[] {
  cache ??= loadWithReferences("gpus").map((row) => gpuSpecFromRecord(row as unknown as GpuRecord));
  return cache;
}

/** The GPU with this id, or a CliError listing the known ids. */
export function gpuById(id: string): GpuSpec {
  const gpu = allGpus().find((g) => g.id === id);
  if (!gpu) throw new CliError(`hardware.gpu: unknown GPU id "${id}" (known: ${allGpus().map((g) => g.id).join(", ")})`);
  return gpu;
}
