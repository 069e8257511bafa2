// /memory's first view: memory per GPU at each ZeRO stage (src/memory.md, "Where the memory goes,
// and what ZeRO does to it"), for the page's default model, accelerator and layout. The verdict and
// the ranked layouts above it are text and a table; this is the page's first chart.
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, textView} from "../spec.js";
import {defaultRunData} from "../defaultRun.js";
import {acceleratorWords} from "../../../src/engine/acceleratorWords.js";
import {gpuCountOf} from "../../../src/engine/index.js";
import {memoryVerdict} from "../../../src/components/memoryAdvice.js";
import {memoryBreakdownChart} from "../../../src/components/memoryBreakdownChart.js";
import {memoryJobLine, memoryVerdictView} from "../../../src/components/memoryVerdictView.js";
import {MEMORY_DEFAULT_LAYOUT, memoryLayout, zeroStageBars, zeroStageLabel} from "../../../src/components/memoryLayout.js";
import {DEFAULT_RUN, recomputeChoiceNote, stackNote} from "../../../src/components/runOptions.js";

export const MEMORY_FIRST_VIEWS: FirstViewSpec[] = [
  // The notes under the software and recompute selects, which would otherwise grow the control
  // cards as they arrive. The page: <p>${stackNote(stack)}</p>, <p>${recomputeChoiceNote(recompute)}</p>.
  {page: "/memory", name: "memory-stack-note", urlState: true, widths: ONE_WIDTH, draw: () => textView(stackNote(DEFAULT_RUN.stack))},
  {page: "/memory", name: "memory-recompute-note", urlState: true, widths: ONE_WIDTH, draw: () => textView(recomputeChoiceNote(MEMORY_DEFAULT_LAYOUT.recompute))},
  // The verdict: the page's layout = memoryLayout(record, {…the controls}); the sentence stating the
  // job, memoryJobLine(record.name, gpu.name, gpuCountOf(parallelism), parallelism, dp), and
  // memoryVerdictView(memoryVerdict({model, parallelism, precision, stack, hbmBytes}), {hbmBytes, gpuName}).
  {
    page: "/memory", name: "memory-job", urlState: true, widths: ONE_WIDTH,
    draw: (data) => {
      const {record, gpu} = defaultRunData(data);
      const {parallelism} = memoryLayout(record, MEMORY_DEFAULT_LAYOUT);
      return memoryJobLine(record.name, gpu.name, gpuCountOf(parallelism), parallelism, MEMORY_DEFAULT_LAYOUT.dp);
    }
  },
  {
    page: "/memory", name: "memory-verdict", urlState: true, widths: ONE_WIDTH,
    draw: (data) => {
      const {record, gpu} = defaultRunData(data);
      const {model, parallelism, stages, recomputeNote} = memoryLayout(record, MEMORY_DEFAULT_LAYOUT);
      // The page shows notes above the verdict when it adjusts the layout; the default needs none.
      if (stages.note !== null || recomputeNote !== null) throw new Error("the default layout is adjusted: the verdict's first view would sit below a note it lacks");
      return memoryVerdictView(memoryVerdict({model, parallelism, precision: DEFAULT_RUN.precision, stack: DEFAULT_RUN.stack, hbmBytes: gpu.hbmBytes}), {hbmBytes: gpu.hbmBytes, gpuName: gpu.name});
    }
  },
  {
    page: "/memory",
    name: "memory-by-zero-stage",
    // Every control reads the address (?model=…&tp=…).
    urlState: true,
    // The page: layout = memoryLayout(record, {…the controls}); zeroBars = zeroStageBars(layout, precision, stack);
    // display(memoryBreakdownChart(zeroBars, {width, hbmBytes: gpu.hbmBytes, gpuName: gpu.name, highlight: zeroStageLabel(parallelism.zeroStage), chip}))
    draw: (data, width) => {
      const {record, gpu} = defaultRunData(data);
      const layout = memoryLayout(record, MEMORY_DEFAULT_LAYOUT);
      const zeroBars = zeroStageBars(layout, DEFAULT_RUN.precision, DEFAULT_RUN.stack);
      const chip = acceleratorWords(gpu.id).one;
      return memoryBreakdownChart(zeroBars, {width, hbmBytes: gpu.hbmBytes, gpuName: gpu.name, highlight: zeroStageLabel(layout.parallelism.zeroStage), chip});
    }
  }
];
