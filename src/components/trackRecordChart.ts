// The engine's whole-run track record as a chart: one dot per published run at reported ÷
// predicted GPU-hours (log scale), the perfect-prediction line at 1, and the empirical 10th–90th
// percentile band the calculator's range comes from.
import * as Plot from "npm:@observablehq/plot";
import type {TrackRecordRow} from "./runTrackRecord.js";
import {gpuHoursWords} from "./trackRecordTable.js";

export interface TrackRecordBand {
  p10: number;
  median: number;
  p90: number;
  runs: number;
}

export function trackRecordChart(rows: readonly TrackRecordRow[], band: TrackRecordBand | null, {width: pageWidth}: {width: number}): SVGSVGElement | HTMLElement {
  // Framework reports a width of 0 for a moment before layout; the floor keeps the margins inside the chart.
  const width = Math.max(320, pageWidth);
  const data = rows.filter((r) => r.ratio !== null).sort((a, b) => (a.ratio as number) - (b.ratio as number));
  const ratios = data.map((r) => r.ratio as number);
  const lo = Math.min(0.5, ...ratios) / 1.1;
  const hi = Math.max(2, ...ratios) * 1.1;
  return Plot.plot({
    width,
    height: 40 + 28 * data.length,
    ariaLabel: "Dot plot of reported ÷ predicted GPU-hours for each published run, predicted without the reported MFU, with the 10th–90th percentile band",
    marginLeft: width < 520 ? 110 : 170,
    // Room for the "1.92×" label right of the rightmost dot.
    marginRight: 44,
    x: {type: "log", domain: [lo, hi], label: width < 520 ? "Reported ÷ predicted GPU-hours →" : "Reported ÷ predicted GPU-hours (predicted without the reported MFU) →", grid: true, tickFormat: (x: number) => `${x}×`},
    y: {label: null, domain: data.map((r) => r.model)},
    marks: [
      // Long run names ("GPT-2 1.558B reproduction (llm.c)") wrap inside the margin instead of running off the chart.
      Plot.axisY({label: null, lineWidth: width < 520 ? 10 : 15}),
      ...(band ? [Plot.rectX([band], {x1: "p10", x2: "p90", fill: "currentColor", fillOpacity: 0.08})] : []),
      Plot.ruleX([1], {strokeDasharray: "4,3"}),
      Plot.dot(data, {x: "ratio", y: "model", r: 5, fill: (d: TrackRecordRow) => (d.layoutSource === "published" ? "published layout" : "planned layout"), tip: true,
        title: (d: TrackRecordRow) => `${d.model}: reported ${gpuHoursWords(d.reportedGpuHours ?? 0)} GPU-h, predicted ${gpuHoursWords(d.predictedGpuHours ?? 0)} at ${((d.predictedMfu ?? 0) * 100).toFixed(0)}% MFU (${d.layout})`}),
      Plot.text(data, {x: "ratio", y: "model", text: (d: TrackRecordRow) => `${(d.ratio as number).toFixed(2)}×`, dx: 10, textAnchor: "start"})
    ],
    color: {legend: true, domain: ["published layout", "planned layout"]}
  });
}
