// The calculator's first view: where a step's time goes (src/index.md, "Where a step's time goes"),
// for the run the page opens on: DEFAULT_RUN's model and accelerator, the model's tokens, 4,096
// accelerators at $2, the starting layout and batch, the MFU predicted. The results above it are
// figures and text; this is the page's first chart.
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, textView} from "../spec.js";
import {defaultRunData} from "../defaultRun.js";
import type {WholeRunCorrection} from "../../../src/engine/runBand.js";
import {calculate} from "../../../src/components/calculator.js";
import {CALCULATOR_DEFAULTS, calculatorBand, calculatorInput, calculatorJob, calculatorStart, publishedBatchMillions} from "../../../src/components/calculatorInput.js";
import {modelSpecFromRecord} from "../../../src/components/models.js";
import {DEFAULT_FLEET, DEFAULT_RUN, defaultTokens, modelTokensNote, stackNote} from "../../../src/components/runOptions.js";

import {stepTimeChart} from "../../../src/components/stepTimeChart.js";
import {stepTimeRows} from "../../../src/components/stepTimeParts.js";

export const INDEX_FIRST_VIEWS: FirstViewSpec[] = [
  // The notes in the control cards, which would otherwise grow the cards as they arrive. The page:
  // <p>${modelTokensNote(record)}</p> under the token slider, <p>${stackNote(stack)}</p> under the software select.
  {page: "/index", name: "calc-tokens-note", urlState: true, widths: ONE_WIDTH, draw: (data) => textView(modelTokensNote(defaultRunData(data).record))},
  {page: "/index", name: "calc-stack-note", urlState: true, widths: ONE_WIDTH, draw: () => textView(stackNote(DEFAULT_RUN.stack))},
  {
    page: "/index",
    name: "step-time",
    // Every control reads the address (?model=…&n=…).
    urlState: true,
    // The page, with no address: the model's cell sets the tokens to defaultTokens(record) / 1e9
    // and the batch to publishedBatchMillions(record); the layout cell moves the layout and the
    // batch to calculatorStart(job); the next cells run calculate(calculatorInput(job, layout,
    // {predict, mfuPercent}, band)) and draw stepTimeChartSpec(stepTimeRows(result.step), {width})
    // in the step chart's slot (chartSlot.ts, at the column's width).
    draw: (data, width) => {
      const {record, gpu} = defaultRunData(data);
      const {correction} = data.json("run_track_record.json") as {correction: WholeRunCorrection | null};
      const controls = {model: modelSpecFromRecord(record), tokensBillions: defaultTokens(record) / 1e9, gpu, ...DEFAULT_FLEET, precision: DEFAULT_RUN.precision, stack: DEFAULT_RUN.stack, calibration: null};
      const start = calculatorStart(calculatorJob({...controls, batchMillions: publishedBatchMillions(record)}), {keepBatch: false});
      const job = calculatorJob({...controls, batchMillions: start.batchMillions!});
      const result = calculate(calculatorInput(job, {...start.layout, ep: CALCULATOR_DEFAULTS.ep}, CALCULATOR_DEFAULTS, calculatorBand(correction)));
      if (result.step === null || !result.estimate.timed) throw new Error("the default run has no step to break down");
      return stepTimeChart(stepTimeRows(result.step), {width});
    }
  }
];
