// Charts of the Calibration page: the engine's predictions beside the project's own H100
// measurements (data/gpu_training_steps.csv, data/gpu_gemm.csv). Each function takes rows and
// options and returns an element; the comparisons themselves come from src/engine/perf/measured.ts.
import * as d3 from "npm:d3";
import * as Plot from "npm:@observablehq/plot";
import {compareMeasuredStep, measuredStepKey, measuredStepSpec, memoryKnownMiss, predictedKernelSeconds} from "../engine/perf/measured.js";
import type {KernelKindSeconds, MeasuredStepComparison, MeasuredStepRow} from "../engine/perf/measured.js";
import type {GpuSpec} from "../engine/types.js";
import {sig, signedPercent} from "./format.js";

/** One measured step the engine models, with its comparison and the known-miss reason if any. */
export interface CalibrationPoint {
  row: MeasuredStepRow;
  c: MeasuredStepComparison;
  /** Reason from MEMORY_KNOWN_MISSES when the engine misses this row's memory by more than 10%. */
  memoryMiss: string | null;
  label: string;
  tokensPerStep: number;
}

/** Rows → comparable points (rows that ran, in a recompute mode the engine models). */
export function calibrationPoints(rows: readonly MeasuredStepRow[], gpu: GpuSpec): CalibrationPoint[] {
  return rows.flatMap((row) => {
    const c = compareMeasuredStep(row, gpu);
    if (c === null) return [];
    return [{
      row,
      c,
      memoryMiss: memoryKnownMiss(row)?.reason ?? null,
      label: `${row.model}, ${row.seq_len.toLocaleString("en-US")} tokens × ${row.micro_batch}, ${row.precision}, recompute ${row.recompute}`,
      tokensPerStep: row.seq_len * row.micro_batch
    }];
  });
}

/** Model shapes in a fixed order, so colours stay put when filters change. */
export const MODEL_ORDER = ["gpt2-small", "gpt2-medium", "gpt2-large", "gpt2-xl", "tinyllama-1.1b"];
const colour = {domain: MODEL_ORDER, legend: true, label: "Model"} as const;

interface ChartOptions {
  width: number;
}

/**
 * Chart width for the page's `width`: capped for reading, floored because Framework reports a
 * width of 0 for a moment before layout, and Plot draws negative-width marks at that size.
 */
function chartWidth(width: number, max: number): number {
  return Math.max(300, Math.min(width, max));
}

function squareSize(width: number): number {
  return chartWidth(width, 640);
}

/** Predicted against measured peak memory, GB, with the ±10% band. */
export function memoryChart(points: readonly CalibrationPoint[], {width}: ChartOptions): SVGSVGElement | HTMLElement {
  const size = squareSize(width);
  const max = Math.max(10, ...points.map((p) => Math.max(p.c.measuredMemoryBytes, p.c.predictedMemoryBytes) / 1e9)) * 1.05;
  return Plot.plot({
    width: size,
    height: size * 0.85,
    x: {label: "Measured peak memory (GB) →", domain: [0, max], grid: true},
    y: {label: "↑ Predicted (GB)", domain: [0, max], grid: true},
    color: colour,
    symbol: {domain: ["within ±10%", "known miss"], range: ["circle", "triangle"], legend: true, label: "Memory"},
    ariaLabel: "Scatter plot of predicted against measured peak memory per training step on an H100, with the line of agreement and a ±10% band",
    marks: [
      Plot.areaY([{x: 0, lo: 0, hi: 0}, {x: max, lo: max * 0.9, hi: max * 1.1}], {x: "x", y1: "lo", y2: "hi", fill: "#999", fillOpacity: 0.15}),
      Plot.line([[0, 0], [max, max]], {stroke: "#999"}),
      Plot.dot(points, {
        x: (p: CalibrationPoint) => p.c.measuredMemoryBytes / 1e9,
        y: (p: CalibrationPoint) => p.c.predictedMemoryBytes / 1e9,
        stroke: (p: CalibrationPoint) => p.row.model,
        symbol: (p: CalibrationPoint) => (p.memoryMiss === null ? "within ±10%" : "known miss"),
        r: 3.5,
        tip: true,
        title: (p: CalibrationPoint) => `${p.label}\nmeasured ${sig(p.c.measuredMemoryBytes / 1e9, 3)} GB, predicted ${sig(p.c.predictedMemoryBytes / 1e9, 3)} GB (${signedPercent(p.c.memoryRatio - 1)})${p.memoryMiss === null ? "" : `\n${p.memoryMiss}`}`
      })
    ]
  });
}

/** Predicted GPU time against measured kernel time per step, log–log, with a ±20% band. */
export function stepTimeChart(points: readonly CalibrationPoint[], {width}: ChartOptions): SVGSVGElement | HTMLElement {
  const size = squareSize(width);
  const ms = (s: number): number => s * 1e3;
  const all = points.flatMap((p) => [ms(p.c.measuredKernelSeconds), ms(p.c.predictedSeconds)]);
  const lo = Math.max(1, Math.min(...all) / 1.3);
  const hi = Math.max(...all) * 1.3;
  const diagonal = [lo, hi];
  return Plot.plot({
    width: size,
    height: size * 0.85,
    x: {type: "log", label: "Measured GPU kernel time per step (ms) →", domain: [lo, hi], grid: true},
    y: {type: "log", label: "↑ Predicted (ms)", domain: [lo, hi], grid: true},
    color: colour,
    symbol: {domain: ["amp-bf16", "fp32"], range: ["circle", "square"], legend: true, label: "Precision"},
    ariaLabel: "Log-log scatter plot of predicted step time against measured GPU kernel time on an H100, with the line of agreement and a ±20% band",
    marks: [
      Plot.areaY(diagonal, {x: (d: number) => d, y1: (d: number) => d / 1.2, y2: (d: number) => d * 1.2, fill: "#999", fillOpacity: 0.15}),
      Plot.line(diagonal.map((d) => [d, d]), {stroke: "#999"}),
      Plot.dot(points, {
        x: (p: CalibrationPoint) => ms(p.c.measuredKernelSeconds),
        y: (p: CalibrationPoint) => ms(p.c.predictedSeconds),
        stroke: (p: CalibrationPoint) => p.row.model,
        symbol: (p: CalibrationPoint) => p.row.precision,
        r: 3.5,
        tip: true,
        title: (p: CalibrationPoint) => `${p.label}\nGPU kernels ${sig(ms(p.c.measuredKernelSeconds), 3)} ms, predicted ${sig(ms(p.c.predictedSeconds), 3)} ms (${signedPercent(p.c.timeRatio - 1)})\nwall clock ${sig(ms(p.c.measuredStepSeconds), 3)} ms, GPU busy ${sig(p.c.gpuBusyFraction * 100, 2)}%`
      })
    ]
  });
}

/** Share of the wall-clock step the GPU was busy, against tokens per step. */
export function gpuBusyChart(points: readonly CalibrationPoint[], {width}: ChartOptions): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width: chartWidth(width, 760),
    height: 300,
    x: {type: "log", label: "Tokens per step →", ticks: [1024, 2048, 4096, 8192, 16384], tickFormat: (d: number) => d.toLocaleString("en-US")},
    y: {label: "↑ GPU busy (kernel time ÷ wall clock)", domain: [0, 1.05], tickFormat: "%", grid: true},
    color: colour,
    ariaLabel: "Scatter plot of the share of each measured step the GPU was busy, against tokens per step, by model",
    marks: [
      Plot.ruleY([1], {stroke: "#999"}),
      Plot.dot(points, {
        x: (p: CalibrationPoint) => p.tokensPerStep,
        y: (p: CalibrationPoint) => Math.min(1, p.c.gpuBusyFraction),
        stroke: (p: CalibrationPoint) => p.row.model,
        r: 3.5,
        tip: true,
        title: (p: CalibrationPoint) => `${p.label}\nwall clock ${sig(p.c.measuredStepSeconds * 1e3, 3)} ms, GPU kernels ${sig(p.c.measuredKernelSeconds * 1e3, 3)} ms (${sig(p.c.gpuBusyFraction * 100, 2)}% busy)`
      }),
      Plot.line(busyMedians(points), {x: "tokens", y: "busy", stroke: "model", strokeOpacity: 0.5})
    ]
  });
}

/** Median GPU-busy share per model and tokens per step, for the guide lines of gpuBusyChart. */
export function busyMedians(points: readonly CalibrationPoint[]): {model: string; tokens: number; busy: number}[] {
  const groups = new Map<string, number[]>();
  for (const p of points) {
    const key = `${p.row.model}|${p.tokensPerStep}`;
    groups.set(key, [...(groups.get(key) ?? []), Math.min(1, p.c.gpuBusyFraction)]);
  }
  return [...groups].map(([key, values]) => {
    const [model, tokens] = key.split("|") as [string, string];
    return {model, tokens: Number(tokens), busy: d3.median(values)!};
  }).sort((a, b) => MODEL_ORDER.indexOf(a.model) - MODEL_ORDER.indexOf(b.model) || a.tokens - b.tokens);
}

/** One row of data/gpu_gemm.csv. */
export interface GemmRow {
  dtype: "bf16" | "fp16" | "tf32" | "fp32";
  m: number;
  n: number;
  k: number;
  seconds: number;
  tflops: number;
}

/** Dense peak FLOP/s of each matmul dtype on `gpu` (tf32 uses the TF32 tensor-core peak). */
export function gemmPeaks(gpu: GpuSpec): Record<GemmRow["dtype"], number | null> {
  const p = gpu.peakFlopsPerSecond;
  return {bf16: p.bf16, fp16: p.fp16, tf32: p.tf32, fp32: p.fp32};
}

/** Measured matmul throughput as a share of each dtype's dense peak, against FLOPs per product. */
export function gemmChart(rows: readonly GemmRow[], gpu: GpuSpec, {width, mamf}: ChartOptions & {mamf: number}): SVGSVGElement | HTMLElement {
  const peaks = gemmPeaks(gpu);
  const points = rows.flatMap((r) => {
    const peak = peaks[r.dtype];
    return peak === null ? [] : [{...r, flops: 2 * r.m * r.n * r.k, share: (r.tflops * 1e12) / peak}];
  });
  return Plot.plot({
    width: chartWidth(width, 760),
    height: 320,
    x: {type: "log", label: "FLOPs per matmul →"},
    y: {label: "↑ Share of the dtype's dense peak", domain: [0, 1], tickFormat: "%", grid: true},
    color: {domain: ["bf16", "fp16", "tf32", "fp32"], legend: true, label: "dtype"},
    ariaLabel: "Scatter plot of measured matmul throughput on an H100 as a share of each dtype's dense peak, against the FLOPs of the product, with Bekman's maximum achievable matmul FLOPS for BF16",
    marks: [
      Plot.ruleY([mamf], {stroke: "#999", strokeDasharray: "4,3"}),
      Plot.text([mamf], {x: 1e13, y: mamf, text: () => `best-shape BF16 (Bekman MAMF) ${sig(mamf * 100, 3)}%`, dy: -8, textAnchor: "end", fill: "currentColor"}),
      Plot.dot(points, {
        x: "flops",
        y: "share",
        stroke: "dtype",
        r: 3,
        tip: true,
        title: (d: GemmRow & {share: number}) => `${d.dtype} ${d.m.toLocaleString("en-US")}×${d.k.toLocaleString("en-US")} · ${d.k.toLocaleString("en-US")}×${d.n.toLocaleString("en-US")}\n${sig(d.tflops, 3)} TFLOP/s = ${sig(d.share * 100, 3)}% of peak`
      })
    ]
  });
}

// signedPercent lives in format.ts (pages that show no chart import it without Plot and d3).
export {signedPercent} from "./format.js";

/** One row of data/gpu_kernel_breakdown.csv. */
export interface KernelBreakdownRow {
  model: string;
  seq_len: number;
  micro_batch: number;
  precision: MeasuredStepRow["precision"];
  recompute: MeasuredStepRow["recompute"];
  kind: keyof KernelKindSeconds;
  seconds: number;
}

export const KERNEL_KINDS: readonly (keyof KernelKindSeconds)[] = ["matmul", "attention", "optimizer", "other"];

/** One bar segment: a profiled step's (or the model's) milliseconds of one kernel kind. */
export interface KernelBar {
  step: string;
  precision: MeasuredStepRow["precision"];
  source: "measured" | "predicted";
  kind: keyof KernelKindSeconds;
  ms: number;
}

/** Measured kernel time by kind beside the step-time model's split of the same single-GPU step. */
export function kernelBars(breakdown: readonly KernelBreakdownRow[], steps: readonly MeasuredStepRow[], gpu: GpuSpec): KernelBar[] {
  const keys = [...new Set(breakdown.map(measuredStepKey))];
  return keys.flatMap((key) => {
    const row = steps.find((r) => measuredStepKey(r) === key);
    if (!row) return [];
    const step = `${row.model}, ${(row.seq_len * row.micro_batch).toLocaleString("en-US")} tokens, ${row.precision}${row.recompute === "none" ? "" : `, recompute ${row.recompute}`}`;
    const predicted = predictedKernelSeconds(measuredStepSpec(row, gpu.id), gpu);
    return KERNEL_KINDS.flatMap((kind) => {
      const measured = breakdown.find((b) => measuredStepKey(b) === key && b.kind === kind);
      return [
        ...(measured ? [{step, precision: row.precision, source: "measured" as const, kind, ms: measured.seconds * 1e3}] : []),
        {step, precision: row.precision, source: "predicted" as const, kind, ms: predicted[kind] * 1e3}
      ];
    });
  });
}

/** Stacked bars: measured and predicted GPU milliseconds per step, by kernel kind. */
export function kernelBreakdownChart(bars: readonly KernelBar[], {width}: ChartOptions): SVGSVGElement | HTMLElement {
  const steps = [...new Set(bars.map((b) => b.step))];
  return Plot.plot({
    width: chartWidth(width, 860),
    height: steps.length * 62 + 60,
    marginLeft: 80,
    x: {label: "GPU time per step (ms) →", grid: true},
    y: {label: null, domain: ["measured", "predicted"], tickSize: 0},
    fy: {label: null, domain: steps, padding: 0.45, axis: null},
    color: {domain: [...KERNEL_KINDS], range: ["#0072B2", "#E69F00", "#009E73", "#CC79A7"], legend: true, label: "Kernels"},
    marginTop: 30,
    ariaLabel: "Stacked bar chart of GPU time per training step by kind of kernel, measured on an H100 and predicted by the step-time model",
    marks: [
      Plot.barX(bars, {x: "ms", y: "source", fy: "step", fill: "kind", order: [...KERNEL_KINDS], tip: true, title: (d: KernelBar) => `${d.step}\n${d.source} ${d.kind}: ${sig(d.ms, 3)} ms`}),
      Plot.text(steps, {fy: (d: string) => d, frameAnchor: "top-left", dy: -13, dx: -78, text: (d: string) => d, fontWeight: "bold"}),
      Plot.ruleX([0])
    ]
  });
}
