// /calibration's first view: predicted against measured peak memory (src/calibration.md, "Memory:
// how close the engine comes"), the page's first chart, with its precision and model filters at
// their defaults. Both filters can come from the address: a query string shows no first view.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {gpuSpecFromRecord} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import type {MeasuredStepRow} from "../../../src/engine/perf/measured.js";
import {calibrationPoints, memoryChart} from "../../../src/components/calibrationCharts.js";
import {CALIBRATION_FILTER_DEFAULTS, filterCalibrationPoints, measuredGpu} from "../../../src/components/calibrationSelection.js";

export const CALIBRATION_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/calibration",
    name: "calibration-memory",
    urlState: true,
    // The page: steps = gpu_training_steps.arrow's rows; gpus = gpus.arrow's rows through gpuSpecFromRecord;
    // h100 = measuredGpu(steps, gpus); allPoints = calibrationPoints(steps, h100);
    // points = filterCalibrationPoints(allPoints, {precision, model}); display(memoryChart(points, {width}))
    draw: (data, width) => {
      const steps = rows<MeasuredStepRow & {device: string}>(data.arrow("gpu_training_steps.arrow"));
      const gpus = rows<GpuRecord>(data.arrow("gpus.arrow")).map((r) => gpuSpecFromRecord(r));
      const points = filterCalibrationPoints(calibrationPoints(steps, measuredGpu(steps, gpus)), CALIBRATION_FILTER_DEFAULTS);
      if (points.length === 0) throw new Error("no measured step passes the default filters: the page shows a note, not the chart");
      return memoryChart(points, {width});
    }
  }
];
