// /methodology's first view: the whole-run utilisation chart (src/methodology.md, section 7), the
// page's first chart; sections 1–6 hold tables and formulas only. The address's model and table
// filter leave it as it is.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {gpuSpecFromRecord} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import {validateTrainingRuns} from "../../../src/engine/validateRuns.js";
import type {TrainingRunRecord} from "../../../src/engine/validateRuns.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import {utilisationPoints} from "../../../src/components/runUtilisation.js";
import {utilisationChart} from "../../../src/components/utilisationChart.js";

export const METHODOLOGY_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/methodology",
    name: "utilisation",
    urlState: false,
    // The page: gpus = gpus.arrow's rows through gpuSpecFromRecord; runRows = training_runs.arrow's rows;
    // runValidation = validateTrainingRuns(runRows, gpus);
    // chartWidth = drawingWidth(width); display(utilisationChart(utilisationPoints(runValidation), {width: chartWidth}))
    draw: (data, width) => {
      const gpus = rows<GpuRecord>(data.arrow("gpus.arrow")).map((r) => gpuSpecFromRecord(r));
      const runValidation = validateTrainingRuns(rows<TrainingRunRecord>(data.arrow("training_runs.arrow")), gpus);
      return utilisationChart(utilisationPoints(runValidation), {width: drawingWidth(width)});
    }
  }
];
