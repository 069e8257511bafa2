// /levers's first view: the mixed-precision lever (src/levers.md, "Mixed precision"), the default
// job computed in each precision regime, for the page's default model, accelerator, count and price.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {gpuSpecFromRecord} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import {leverChart} from "../../../src/components/leverChart.js";
import {leverJob, precisionLever} from "../../../src/components/levers.js";
import type {ModelRecord} from "../../../src/components/models.js";
import {DEFAULT_FLEET, DEFAULT_RUN, defaultTokens} from "../../../src/components/runOptions.js";

export const LEVERS_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/levers",
    name: "lever-precision",
    // The job's controls read the address (?model=…&n=…).
    urlState: true,
    // The page: the token slider starts at defaultTokens(record) / 1e9 (no ?tokens=); base =
    // leverJob({record, gpu, tokensBillions, gpuCount, usdPerGpuHour: price, calibration});
    // display(leverChart(precisionLever(base), {width, label: "Cost relative to FP32 →"}))
    draw: (data, width) => {
      const record = rows<ModelRecord>(data.arrow("models.arrow")).find((m) => m.id === DEFAULT_RUN.model)!;
      const gpu = rows<GpuRecord>(data.arrow("gpus.arrow")).map(gpuSpecFromRecord).find((g) => g.id === DEFAULT_RUN.gpu)!;
      const base = leverJob({record, gpu, tokensBillions: defaultTokens(record) / 1e9, ...DEFAULT_FLEET, calibration: null});
      return leverChart(precisionLever(base), {width, label: "Cost relative to FP32 →"});
    }
  }
];
