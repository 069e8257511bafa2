// /template's first view: days against the number of accelerators (src/template.md, section 5),
// for the page's default run (TEMPLATE_DEFAULTS), computed as the page's section 4 computes it.
// The template's SQL box has its own view (sqlBoxes.ts).
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {approxTrainingFlops} from "../../../src/engine/flops.js";
import {gpuSpecFromRecord, peakHalfPrecisionFlopsPerSecond} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import {trainingSeconds} from "../../../src/engine/time.js";
import {SECONDS_PER_DAY} from "../../../src/engine/units.js";
import {daysChart} from "../../../src/components/daysChart.js";
import {daysCurve, TEMPLATE_DEFAULTS} from "../../../src/components/daysCurve.js";

export const TEMPLATE_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/template",
    name: "template-days",
    // Every input reads the address (?gpus=…&mfu=…).
    urlState: true,
    // The page: gpu = accelerators.find((g) => g.id === gpuId); flops = approxTrainingFlops(…);
    // peak = peakHalfPrecisionFlopsPerSecond(gpu); days = trainingSeconds(…) / SECONDS_PER_DAY;
    // curve = daysCurve({flops, peakFlopsPerSecond: peak, mfu: mfuPercent / 100});
    // display(daysChart(curve, {accelerators: gpuCount, days}, {width}))
    draw: (data, width) => {
      const {paramsBillions, tokensBillions, gpus: gpuCount, mfu: mfuPercent, gpu: gpuId} = TEMPLATE_DEFAULTS;
      const gpu = rows<GpuRecord>(data.arrow("gpus.arrow")).map(gpuSpecFromRecord).find((g) => g.id === gpuId);
      if (gpu === undefined) throw new Error(`the default accelerator ${gpuId} is not in data/gpus.csv`);
      const peak = peakHalfPrecisionFlopsPerSecond(gpu);
      if (peak === null) throw new Error(`the default accelerator ${gpuId} has no 16-bit peak in data/gpus.csv`);
      const flops = approxTrainingFlops(paramsBillions * 1e9, tokensBillions * 1e9);
      const days = trainingSeconds(flops, gpuCount, peak, mfuPercent / 100) / SECONDS_PER_DAY;
      const curve = daysCurve({flops, peakFlopsPerSecond: peak, mfu: mfuPercent / 100});
      return daysChart(curve, {accelerators: gpuCount, days}, {width});
    }
  }
];
