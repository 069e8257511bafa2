// Charts of the two-GPU section of the Calibration page: the eager-PyTorch step-time model
// (src/engine/perf/eagerStep.ts) beside the project's own 2 × H200 measurements
// (data/gpu_multi_steps.csv, with the machine's NCCL bandwidth from data/gpu_nccl.csv).
import * as Plot from "npm:@observablehq/plot";
import {busBandwidthFromRows} from "../engine/perf/eagerStep.js";
import type {NcclRow} from "../engine/perf/eagerStep.js";
import {compareMeasuredMultiStep, isMultiHeldOut, multiStepTimeKnownMiss} from "../engine/perf/measuredMulti.js";
import type {MeasuredMultiComparison, MeasuredMultiStepRow, MultiGpuMode} from "../engine/perf/measuredMulti.js";
import type {GpuSpec} from "../engine/types.js";
import {sig} from "./format.js";
import {signedPercent} from "./calibrationCharts.js";

/** One measured two-GPU step with its comparison, whether it was held out of the fit, and the known-miss reason if any. */
export interface MultiGpuPoint {
  row: MeasuredMultiStepRow;
  c: MeasuredMultiComparison;
  heldOut: boolean;
  timeMiss: string | null;
  label: string;
}

/** Modes in a fixed order with the words the page uses for them. */
export const MULTI_MODE_LABELS: Readonly<Record<MultiGpuMode, string>> = {
  single: "one GPU alone",
  ddp: "DDP",
  "ddp-bucket-view": "DDP, bucket view",
  "fsdp2-reshard": "FSDP2, reshard",
  "fsdp2-no-reshard": "FSDP2, no reshard",
  tp2: "tensor parallel"
};
const MODES = Object.keys(MULTI_MODE_LABELS) as MultiGpuMode[];

/** Rows that ran → points, predicted with the machine's measured NCCL bandwidth. */
export function multiGpuPoints(rows: readonly MeasuredMultiStepRow[], ncclRows: readonly NcclRow[], gpu: GpuSpec): MultiGpuPoint[] {
  const busBandwidth = busBandwidthFromRows(ncclRows);
  return rows.flatMap((row) => {
    const c = compareMeasuredMultiStep(row, gpu, {busBandwidth});
    if (c === null) return [];
    return [{
      row,
      c,
      heldOut: isMultiHeldOut(row),
      timeMiss: multiStepTimeKnownMiss(row)?.reason ?? null,
      label: `${row.model}, ${row.seq_len.toLocaleString("en-US")} tokens × ${row.micro_batch}, ${MULTI_MODE_LABELS[row.mode]}`
    }];
  });
}

/** Predicted against measured wall-clock step time, log–log, with a ±10% band; colour by mode, symbol by fitting set. */
export function multiStepTimeChart(points: readonly MultiGpuPoint[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const size = Math.max(300, Math.min(width, 640));
  const ms = (s: number): number => s * 1e3;
  const all = points.flatMap((p) => [ms(p.c.measuredSeconds), ms(p.c.predictedSeconds)]);
  const lo = Math.max(1, Math.min(...all) / 1.2);
  const hi = Math.max(...all) * 1.2;
  const diagonal = [lo, hi];
  return Plot.plot({
    width: size,
    height: size * 0.85,
    x: {type: "log", label: "Measured wall-clock step (ms) →", domain: [lo, hi], grid: true},
    y: {type: "log", label: "↑ Predicted (ms)", domain: [lo, hi], grid: true},
    color: {domain: MODES, tickFormat: (m: MultiGpuMode) => MULTI_MODE_LABELS[m], legend: true, label: "Mode"},
    symbol: {domain: ["GPT-2 (fitted on)", "LLaMA (held out)"], range: ["circle", "triangle"], legend: true, label: "Rows"},
    ariaLabel: "Log-log scatter plot of predicted against measured wall-clock step time on 2 H200 GPUs by parallel mode, with the line of agreement and a ±10% band",
    marks: [
      Plot.areaY(diagonal, {x: (d: number) => d, y1: (d: number) => d / 1.1, y2: (d: number) => d * 1.1, fill: "#999", fillOpacity: 0.15}),
      Plot.line(diagonal.map((d) => [d, d]), {stroke: "#999"}),
      Plot.dot(points, {
        x: (p: MultiGpuPoint) => ms(p.c.measuredSeconds),
        y: (p: MultiGpuPoint) => ms(p.c.predictedSeconds),
        stroke: (p: MultiGpuPoint) => p.row.mode,
        symbol: (p: MultiGpuPoint) => (p.heldOut ? "LLaMA (held out)" : "GPT-2 (fitted on)"),
        r: 3.5,
        tip: true,
        title: (p: MultiGpuPoint) => `${p.label}${p.heldOut ? " (held out)" : ""}\nmeasured ${sig(ms(p.c.measuredSeconds), 3)} ms, predicted ${sig(ms(p.c.predictedSeconds), 3)} ms (${signedPercent(p.c.timeRatio - 1)})${p.timeMiss === null ? "" : `\nknown miss: ${p.timeMiss}`}`
      })
    ]
  });
}
