// /case-studies' first views: Llama 3 405B's interruptions by cause (src/case-studies.md, case 6), the
// page's one chart, which the sliders of cases 1–4 and the address leave as it is; and case 1, the
// first thing under the introduction, with its MFU slider at the default (the address can set it),
// which would otherwise arrive late and push the rest of the page down.
import * as Inputs from "npm:@observablehq/inputs";
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, rows} from "../spec.js";
import {labelled} from "../../../src/components/a11y.js";
import {caseStudyView} from "../../../src/components/caseStudy.js";
import {gpt3V100Case, GPT3_V100_MFU} from "../../../src/components/gpt3OnV100s.js";
import {modelSpecFromRecord} from "../../../src/components/models.js";
import type {ModelRecord} from "../../../src/components/models.js";
import {gpuSpecFromRecord} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import {llamaInterruptionCauses} from "../../../src/components/interruptionCauses.js";
import {llama3InterruptionsChart} from "../../../src/components/llama3InterruptionsChart.js";
import type {ReliabilityRow} from "../../../src/components/interruptionCauses.js";

export const CASE_STUDIES_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/case-studies",
    name: "llama3-interruptions",
    urlState: false,
    // The page: reliabilityRows = Array.from(reliability.arrow, (r) => r.toJSON());
    // llamaCauses = llamaInterruptionCauses(reliabilityRows); chartWidth = drawingWidth(width);
    // display(llama3InterruptionsChart(llamaCauses, {width: chartWidth}))
    draw: (data, width) => llama3InterruptionsChart(llamaInterruptionCauses(rows<ReliabilityRow>(data.arrow("reliability.arrow"))), {width: drawingWidth(width)})
  },
  // The page: labelled(url.range(Inputs, "v100mfu", {label: GPT3_V100_MFU.label})), in case 1's .case-controls.
  {
    page: "/case-studies",
    name: "case-v100mfu",
    urlState: true,
    widths: ONE_WIDTH,
    draw: () => labelled(Inputs.range([GPT3_V100_MFU.min, GPT3_V100_MFU.max], {step: GPT3_V100_MFU.step, label: GPT3_V100_MFU.label, value: GPT3_V100_MFU.default}))
  },
  // The page: caseStudyView(gpt3V100Case(model("gpt3-175b"), gpu("v100-sxm2-32gb"), run("gpt-3-175b"), v100Mfu)).
  {
    page: "/case-studies",
    name: "case-gpt3-v100",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => {
      const record = rows<ModelRecord>(data.arrow("models.arrow")).find((m) => m.id === "gpt3-175b");
      const v100 = rows<GpuRecord>(data.arrow("gpus.arrow")).map(gpuSpecFromRecord).find((g) => g.id === "v100-sxm2-32gb");
      const gpt3Run = rows<{id: string; train_flops_reported: number}>(data.arrow("training_runs.arrow")).find((r) => r.id === "gpt-3-175b");
      if (record === undefined || v100 === undefined || gpt3Run === undefined) throw new Error("data/models.csv, gpus.csv or training_runs.csv lacks GPT-3 175B, the V100 or GPT-3's run");
      return caseStudyView(gpt3V100Case(modelSpecFromRecord(record), v100, gpt3Run, GPT3_V100_MFU.default));
    }
  }
];
