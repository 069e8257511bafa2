// /capability's first view: benchmark score against training compute (src/capability.md, "Score
// against training compute"), the page's one chart, with its controls at their defaults (MMLU,
// every setting, 6ND on the axis, the llm.c price). Every control can come from the address: a
// query string shows no first view. Above it, the sentence about the data in the page's opening
// paragraph and the four controls, which would otherwise push the chart down as they arrive.
import * as Inputs from "npm:@observablehq/inputs";
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, rows, textView} from "../spec.js";
import {
  BENCHMARK_NAMES, capabilitySelection, capabilitySummary, CAPABILITY_CONTROLS, CAPABILITY_DEFAULTS, defaultUsdPerGpuHour,
  evaluationSettings, PRICE_RANGE, unattributedOverheadOf, wholeRunEstimates
} from "../../../src/components/capability.js";
import type {BenchmarkRow, ModelRow, RunRow} from "../../../src/components/capability.js";
import {capabilityChart} from "../../../src/components/capabilityChart.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import type {RunEstimate} from "../../../src/components/runTrackRecord.js";

export const CAPABILITY_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/capability",
    name: "capability",
    urlState: true,
    // The page: runEstimates = wholeRunEstimates(run_estimates.json's rows, unattributedOverheadOf(run_track_record.json));
    // {points, front, fit} = capabilitySelection(benchmarkRows, modelRows, runRows, runEstimates, {benchmark, setting, axis, usdPerGpuHour: price});
    // resize((width) => capabilityChart(points, front, fit, {width: drawingWidth(width), axis}))
    draw: (data, width) => {
      const runRows = rows<RunRow & {usd_per_accelerator_hour: number | null}>(data.arrow("training_runs.arrow"));
      const trackRecord = data.json("run_track_record.json") as {correction: {unattributedOverhead: number} | null};
      const runEstimates = wholeRunEstimates((data.json("run_estimates.json") as {rows: RunEstimate[]}).rows, unattributedOverheadOf(trackRecord));
      const {benchmark, setting, axis} = CAPABILITY_DEFAULTS;
      const {points, front, fit} = capabilitySelection(rows<BenchmarkRow>(data.arrow("benchmarks.arrow")), rows<ModelRow>(data.arrow("models.arrow")), runRows, runEstimates,
        {benchmark, setting, axis, usdPerGpuHour: defaultUsdPerGpuHour(runRows)});
      if (points.length === 0) throw new Error("no score in the default setting: the page shows a note, not the chart");
      return capabilityChart(points, front, fit, {width: drawingWidth(width), axis});
    }
  },
  // The page: summary = capabilitySummary(benchmarkRows, modelRows), shown in its opening paragraph.
  {
    page: "/capability",
    name: "capability-summary",
    urlState: false,
    widths: ONE_WIDTH,
    draw: (data) => textView(capabilitySummary(rows<BenchmarkRow>(data.arrow("benchmarks.arrow")), rows<ModelRow>(data.arrow("models.arrow"))))
  },
  // The page: view(url.select(Inputs, "bench", CAPABILITY_CONTROLS.benchmark)), and the same for the axis and the price.
  {
    page: "/capability",
    name: "capability-benchmark",
    urlState: true,
    widths: ONE_WIDTH,
    draw: () => Inputs.select(Object.keys(BENCHMARK_NAMES), {...CAPABILITY_CONTROLS.benchmark, value: CAPABILITY_DEFAULTS.benchmark})
  },
  {
    page: "/capability",
    name: "capability-axis",
    urlState: true,
    widths: ONE_WIDTH,
    draw: () => Inputs.select(["flops", "usd", "usd-published"], {...CAPABILITY_CONTROLS.axis, value: CAPABILITY_DEFAULTS.axis})
  },
  {
    page: "/capability",
    name: "capability-price",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => Inputs.range([PRICE_RANGE.min, PRICE_RANGE.max], {step: PRICE_RANGE.step, ...CAPABILITY_CONTROLS.price, value: defaultUsdPerGpuHour(rows(data.arrow("training_runs.arrow")))})
  },
  // The page: Inputs.select(evaluationSettings(benchmarkRows, benchmark), {...CAPABILITY_CONTROLS.setting, value: ALL_SETTINGS}).
  {
    page: "/capability",
    name: "capability-setting",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => Inputs.select(evaluationSettings(rows<BenchmarkRow>(data.arrow("benchmarks.arrow")), CAPABILITY_DEFAULTS.benchmark), {...CAPABILITY_CONTROLS.setting, value: CAPABILITY_DEFAULTS.setting})
  }
];
