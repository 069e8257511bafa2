// /levers's first view: the mixed-precision lever (src/levers.md, "Mixed precision"), the default
// job computed in each precision regime, for the page's default model, accelerator, count and price.
import type {FirstViewSpec} from "../spec.js";
import {defaultRunData} from "../defaultRun.js";
import {leverChart} from "../../../src/components/leverChart.js";
import {leverJob, precisionLever} from "../../../src/components/levers.js";
import {DEFAULT_FLEET, defaultTokens} from "../../../src/components/runOptions.js";

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
      const {record, gpu} = defaultRunData(data);
      const base = leverJob({record, gpu, tokensBillions: defaultTokens(record) / 1e9, ...DEFAULT_FLEET, calibration: null});
      return leverChart(precisionLever(base), {width, label: "Cost relative to FP32 →"});
    }
  }
];
