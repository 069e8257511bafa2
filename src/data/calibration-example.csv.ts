// The example file of the "Calibrate to your cluster" page: the project's own H100 measurements
// (data/gpu_training_steps.csv) in the calibration format, GPU-bound steps only. Written by the
// tested conversion in src/tables/calibrationSteps.ts, never by hand.
import {loadWithReferences} from "../../loaders/compile.js";
import {DEVICE_GPU_IDS, gpuSpecFromRecord} from "../engine/index.js";
import type {GpuRecord, MeasuredStepRow} from "../engine/index.js";
import {CALIBRATION_COLUMNS, isGpuBoundStep, projectStepsAsCalibrationRows} from "../tables/calibrationSteps.js";
import {toCsv} from "../components/download.js";

try {
  const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
  const h100 = gpus.find((g) => g.id === DEVICE_GPU_IDS["NVIDIA H100 80GB HBM3"]);
  if (!h100) throw new Error("data/gpus.csv has no H100 SXM5 row");
  const rows = loadWithReferences("gpu_training_steps") as unknown as MeasuredStepRow[];
  process.stdout.write(toCsv(projectStepsAsCalibrationRows(rows, h100, isGpuBoundStep), CALIBRATION_COLUMNS));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
