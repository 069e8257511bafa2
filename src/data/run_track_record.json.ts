// The engine's whole-run track record, computed at build time (the planner runs once per run):
// each published run predicted WITHOUT its reported MFU beside its reported GPU-hours, and the
// empirical band of reported ÷ predicted, and the unattributed-overhead correction (fit runs only)
// with the out-of-sample band that the calculator's point and range come from.
import {loadWithReferences} from "../../loaders/compile.js";
import {gpuSpecFromRecord} from "../engine/gpu.js";
import type {GpuRecord} from "../engine/gpu.js";
import {runTrackRecord, trackRecordBand, trackRecordCorrection, trackRecordSteadyState, trackRecordSummary} from "../components/runTrackRecord.js";
import type {RunLayoutRecord, RunRecord} from "../components/runTrackRecord.js";
import type {ModelRecord} from "../components/models.js";

try {
  const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
  const rows = runTrackRecord(loadWithReferences("training_runs") as unknown as RunRecord[], loadWithReferences("models") as unknown as ModelRecord[], gpus, loadWithReferences("run_layouts") as unknown as RunLayoutRecord[]);
  process.stdout.write(JSON.stringify({rows, band: trackRecordBand(rows), correction: trackRecordCorrection(rows), summary: trackRecordSummary(rows), steadyState: trackRecordSteadyState(rows)}));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
