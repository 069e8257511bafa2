// /memory's first view: memory per GPU at each ZeRO stage (src/memory.md, "Where the memory goes,
// and what ZeRO does to it"), for the page's default model, accelerator and layout. The verdict and
// the ranked layouts above it are text and a table; this is the page's first chart.
import type {FirstViewSpec} from "../spec.js";
import {defaultRunData} from "../defaultRun.js";
import {acceleratorWords} from "../../../src/engine/acceleratorWords.js";
import {memoryBreakdownChart} from "../../../src/components/memoryBreakdownChart.js";
import {MEMORY_DEFAULT_LAYOUT, memoryLayout, zeroStageBars, zeroStageLabel} from "../../../src/components/memoryLayout.js";
import {DEFAULT_RUN} from "../../../src/components/runOptions.js";

export const MEMORY_FIRST_VIEWS: FirstViewSpec[] = [
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
