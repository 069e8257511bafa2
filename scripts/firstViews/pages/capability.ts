// /capability's first view: benchmark score against training compute (src/capability.md, "Score
// against training compute"), the page's one chart, with its controls at their defaults (MMLU,
// every setting, 6ND on the axis, the llm.c price). Every control can come from the address: a
// query string shows no first view.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {capabilitySelection, CAPABILITY_DEFAULTS, defaultUsdPerGpuHour, unattributedOverheadOf, wholeRunEstimates} from "../../../src/components/capability.js";
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
  }
];
