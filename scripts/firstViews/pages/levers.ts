// /levers's first view: the mixed-precision lever (src/levers.md, "Mixed precision"), the default
// job computed in each precision regime, for the page's default model, accelerator, count and price.
// Above it, the note naming the accelerators the levers leave out and the sentence stating the job,
// which would otherwise push the chart down as they arrive.
import type {FirstViewData, FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, rows, textView} from "../spec.js";
import {defaultRunData} from "../defaultRun.js";
import {gpuSpecFromRecord} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import {leverChart} from "../../../src/components/leverChart.js";
import {leverAccelerators, leverJob, leverJobWords, notOfferedWords, precisionLever} from "../../../src/components/levers.js";
import {modelSpecFromRecord} from "../../../src/components/models.js";
import type {ModelRecord} from "../../../src/components/models.js";
import {DEFAULT_FLEET, defaultTokens} from "../../../src/components/runOptions.js";

/** The page's job at its defaults: the token slider starts at defaultTokens(record) / 1e9 (no ?tokens=). */
function defaultJob(data: FirstViewData) {
  const {record, gpu} = defaultRunData(data);
  return {record, base: leverJob({record, gpu, tokensBillions: defaultTokens(record) / 1e9, ...DEFAULT_FLEET, calibration: null})};
}

export const LEVERS_FIRST_VIEWS: FirstViewSpec[] = [
  // The page: {excluded} = leverAccelerators(allGpus, model("llama3.1-70b")); <p>${notOfferedWords(excluded)}</p>.
  // It depends on the data alone, not on the address.
  {
    page: "/levers",
    name: "levers-not-offered",
    urlState: false,
    widths: ONE_WIDTH,
    draw: (data) => {
      const probe = rows<ModelRecord>(data.arrow("models.arrow")).find((m) => m.id === "llama3.1-70b");
      if (probe === undefined) throw new Error("the levers' probe model llama3.1-70b is not in data/models.csv");
      const {excluded} = leverAccelerators(rows<GpuRecord>(data.arrow("gpus.arrow")).map(gpuSpecFromRecord), modelSpecFromRecord(probe));
      return textView(notOfferedWords(excluded));
    }
  },
  // The page: <p class="lede">${leverJobWords(base, record.name)}</p>.
  {
    page: "/levers",
    name: "levers-job",
    // The job's controls read the address (?model=…&n=…).
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => {
      const {record, base} = defaultJob(data);
      return textView(leverJobWords(base, record.name));
    }
  },
  {
    page: "/levers",
    name: "lever-precision",
    // The job's controls read the address (?model=…&n=…).
    urlState: true,
    // The page: base = leverJob({record, gpu, tokensBillions, gpuCount, usdPerGpuHour: price, calibration});
    // display(leverChart(precisionLever(base), {width, label: "Cost relative to FP32 →"}))
    draw: (data, width) => leverChart(precisionLever(defaultJob(data).base), {width, label: "Cost relative to FP32 →"})
  }
];
