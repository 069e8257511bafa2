// GPUs for the CLI, read from data/gpus.csv through the typed loaders.
import {loadWithReferences} from "../../loaders/compile.js";
import {didYouMean, gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord, GpuSpec} from "../../src/engine/index.js";
import {CliError} from "./command.js";
import type {Command} from "./command.js";

let cache: GpuSpec[] | undefined;

/** Every accelerator in data/gpus.csv, in SI units. */
export function allGpus(): GpuSpec[] {
  cache ??= loadWithReferences("gpus").map((row) => gpuSpecFromRecord(row as unknown as GpuRecord));
  return cache;
}

/** The GPU with this id, or a CliError naming the nearest ids (by id or by name) and listing the known ones. */
export function gpuById(id: string): GpuSpec {
  const gpus = allGpus();
  const gpu = gpus.find((g) => g.id === id);
  if (gpu) return gpu;
  const ids = gpus.map((g) => g.id);
  // "NVIDIA H100 SXM5 80GB" or "H100" are names, not ids: match them to the id too.
  const byName = gpus.filter((g) => g.name.toLowerCase() === id.toLowerCase() || g.name.toLowerCase().replace(/^(nvidia|amd|google|intel) /, "") === id.toLowerCase()).map((g) => g.id);
  const hint = byName.length > 0 ? didYouMean(byName[0]!, ids) : didYouMean(id, ids);
  throw new CliError(`hardware.gpu: unknown GPU id "${id}"${hint}; the ids in data/gpus.csv are ${ids.join(", ")}`);
}

export const gpusCommand: Command = {
  summary: "the accelerators hardware.gpu may name (data/gpus.csv), with their peaks, memory and links in SI units",
  input: "none",
  help: `usage: npm run -s engine -- gpus

Reads nothing; prints {gpus: [...]}, one entry per accelerator of data/gpus.csv: id (the value for
hardware.gpu), name, releaseYear, peakFlopsPerSecond by number format (FLOP/s, dense), hbmBytes,
hbmBytesPerSecond, scaleUpBytesPerSecond, gpusPerNode, scaleOutBytesPerSecond and tdpWatts.
null: the datasheet gives no such figure (no FP8 on an A100, no published TDP for a TPU v3);
data/gpus.csv cites the source of every figure.
`,
  run() {
    return {source: "data/gpus.csv", gpus: allGpus()};
  }
};
