// /memory's first view: memory per GPU at each ZeRO stage (src/memory.md, "Where the memory goes,
// and what ZeRO does to it"), for the page's default model, accelerator and layout. The verdict and
// the ranked layouts above it are text and a table; this is the page's first chart.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {gpuSpecFromRecord} from "../../../src/engine/gpu.js";
import type {GpuRecord} from "../../../src/engine/gpu.js";
import {acceleratorWords} from "../../../src/engine/acceleratorWords.js";
import {memoryBreakdownChart} from "../../../src/components/memoryBreakdownChart.js";
import {MEMORY_DEFAULT_LAYOUT, memoryLayout, zeroStageBars, zeroStageLabel} from "../../../src/components/memoryLayout.js";
import type {ModelRecord} from "../../../src/components/models.js";
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
      const record = rows<ModelRecord>(data.arrow("models.arrow")).find((m) => m.id === DEFAULT_RUN.model)!;
      const gpu = rows<GpuRecord>(data.arrow("gpus.arrow")).map(gpuSpecFromRecord).find((g) => g.id === DEFAULT_RUN.gpu)!;
      const layout = memoryLayout(record, MEMORY_DEFAULT_LAYOUT);
      const zeroBars = zeroStageBars(layout, DEFAULT_RUN.precision, DEFAULT_RUN.stack);
      const chip = acceleratorWords(gpu.id).one;
      return memoryBreakdownChart(zeroBars, {width, hbmBytes: gpu.hbmBytes, gpuName: gpu.name, highlight: zeroStageLabel(layout.parallelism.zeroStage), chip});
    }
  }
];
