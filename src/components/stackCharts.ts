// The engine against the project's H200 measurements of one model run two ways, eager PyTorch and
// torch.compile (data/gpu_stack_steps.csv). The comparison itself is measured.ts's
// compareMeasuredStep with the row's stack; this module turns rows into points and draws them.
import * as Plot from "npm:@observablehq/plot";
import {compareMeasuredStep} from "../engine/perf/measured.js";
import type {MeasuredStepComparison, MeasuredStepRow} from "../engine/perf/measured.js";
import type {GpuSpec, Stack} from "../engine/types.js";
import {STACK_LABELS} from "../engine/stack.js";
import {sig} from "./format.js";
import {signedPercent} from "./calibrationCharts.js";

export type StackStepRow = MeasuredStepRow & {stack: Stack; kernels_per_step: number | null};

export interface StackPoint {
  row: StackStepRow;
  c: MeasuredStepComparison;
  label: string;
  tokensPerStep: number;
}

/** Rows that ran → points with the engine's prediction in the row's own stack. */
export function stackPoints(rows: readonly StackStepRow[], gpu: GpuSpec): StackPoint[] {
  return rows.flatMap((row) => {
    const c = compareMeasuredStep(row, gpu, {}, row.stack);
    if (c === null) return [];
    return [{row, c, label: `${row.model}, ${row.seq_len.toLocaleString("en-US")} tokens × ${row.micro_batch}, ${STACK_LABELS[row.stack].name}`, tokensPerStep: row.seq_len * row.micro_batch}];
  });
}

/** The share of points within ±tolerance of the measurement, for one metric and stack. */
export function shareWithin(points: readonly StackPoint[], metric: "memoryRatio" | "timeRatio", tolerance: number): {within: number; of: number} {
  return {within: points.filter((p) => Math.abs(p.c[metric] - 1) <= tolerance).length, of: points.length};
}

/**
 * Predicted ÷ measured, for peak memory or GPU kernel time, against tokens per step; one colour per
 * stack, a ±10% band. A value above 1 means the engine predicts more than the GPU used.
 */
export function stackRatioChart(points: readonly StackPoint[], metric: "memoryRatio" | "timeRatio", {width}: {width: number}): SVGSVGElement | HTMLElement {
  const what = metric === "memoryRatio" ? "peak memory" : "GPU kernel time";
  const ratios = points.map((p) => p.c[metric]);
  const lo = Math.min(0.7, ...ratios) * 0.97;
  const hi = Math.max(1.3, ...ratios) * 1.03;
  return Plot.plot({
    width: Math.max(300, Math.min(width, 760)),
    height: 280,
    marginLeft: 50,
    x: {type: "log", base: 2, label: "Tokens per step →", domain: [800, 20000], ticks: [1024, 2048, 4096, 8192, 16384], tickFormat: (d: number) => d.toLocaleString("en-US")},
    y: {label: `↑ Predicted ÷ measured ${what}`, domain: [lo, hi], grid: true},
    color: {domain: ["pytorch", "pytorch-compile"], range: ["#e15759", "#4e79a7"], legend: true, tickFormat: (s: Stack) => STACK_LABELS[s].name, label: "Stack"},
    symbol: {domain: ["narrow", "wide"], range: ["circle", "diamond"], legend: true, tickFormat: (s: string) => (s === "wide" ? "Llama 3 8B / 70B layers" : "GPT-2, TinyLlama"), label: "Shape"},
    ariaLabel: `Scatter plot of predicted divided by measured ${what} for eager and compiled steps on an H200, against tokens per step, with a ±10% band`,
    marks: [
      Plot.rectY([0], {x1: 800, x2: 20000, y1: 0.9, y2: 1.1, fill: "#999", fillOpacity: 0.15}),
      Plot.ruleY([1], {stroke: "#999"}),
      Plot.dot(points, {
        x: (p: StackPoint) => p.tokensPerStep * (p.row.stack === "pytorch" ? 0.94 : 1.06),
        y: (p: StackPoint) => p.c[metric],
        stroke: (p: StackPoint) => p.row.stack,
        symbol: (p: StackPoint) => (p.row.d_model >= 4096 ? "wide" : "narrow"),
        r: 3.5,
        tip: true,
        title: (p: StackPoint) => metric === "memoryRatio"
          ? `${p.label}\nmeasured ${sig(p.c.measuredMemoryBytes / 1e9, 3)} GB, predicted ${sig(p.c.predictedMemoryBytes / 1e9, 3)} GB (${signedPercent(p.c.memoryRatio - 1)})`
          : `${p.label}\nGPU kernels ${sig(p.c.measuredKernelSeconds * 1e3, 3)} ms, predicted ${sig(p.c.predictedSeconds * 1e3, 3)} ms (${signedPercent(p.c.timeRatio - 1)})`
      })
    ]
  });
}
