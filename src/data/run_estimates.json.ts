// The engine's estimate of every published run, computed at build time (the planner runs once per
// run): GPU-hours predicted from the architecture, accelerator, count and tokens alone, WITHOUT
// the reported MFU or GPU-hours (published layouts from data/run_layouts.csv), or what the run lacks. The capability page prices these.
import {loadWithReferences} from "../../loaders/compile.js";
import {gpuSpecFromRecord} from "../engine/gpu.js";
import type {GpuRecord} from "../engine/gpu.js";
import {predictRun} from "../components/runTrackRecord.js";
import type {RunLayoutRecord, RunRecord} from "../components/runTrackRecord.js";
import type {ModelRecord} from "../components/models.js";

try {
  const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
  const models = loadWithReferences("models") as unknown as ModelRecord[];
  const layouts = loadWithReferences("run_layouts") as unknown as RunLayoutRecord[];
  const rows = (loadWithReferences("training_runs") as unknown as RunRecord[]).map((r) => predictRun(r, models, gpus, layouts));
  process.stdout.write(JSON.stringify({rows}));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
