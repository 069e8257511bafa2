// The engine's whole-run track record as a chart: one dot per published run at reported ÷
// predicted GPU-hours (log scale), the uncorrected prediction's line at 1 and, with a correction,
// the calculator's point (the unattributed overhead, a solid line) and its range (the shaded
// band: overhead × the 10th–90th percentile of the out-of-sample residuals); without one, the
// 10th–90th percentile of the raw ratios.
import * as Plot from "npm:@observablehq/plot";
import type {TrackRecordRow} from "./runTrackRecord.js";
import {gpuHoursWords} from "./trackRecordTable.js";

export interface TrackRecordBand {
  p10: number;
  median: number;
  p90: number;
  runs: number;
}

/** The correction the calculator applies (engine runBand.ts wholeRunCorrection): its factor and out-of-sample band. */
export interface TrackRecordCorrection {
  unattributedOverhead: number;
  band: {p10: number; p90: number};
}

export function trackRecordChart(rows: readonly TrackRecordRow[], band: TrackRecordBand | null, {width: pageWidth, correction = null}: {width: number; correction?: TrackRecordCorrection | null}): SVGSVGElement | HTMLElement {
  // Framework reports a width of 0 for a moment before layout; the floor keeps the margins inside the chart.
  const width = Math.max(320, pageWidth);
  const data = rows.filter((r) => r.ratio !== null).sort((a, b) => (a.ratio as number) - (b.ratio as number));
  const ratios = data.map((r) => r.ratio as number);
  const lo = Math.min(0.5, ...ratios) / 1.1;
  const hi = Math.max(2, ...ratios) * 1.1;
  // The calculator's range on this axis: overhead × the corrected band, widened to hold the point as the calculator does (runBand.ts mfuRangeFromBand).
  const shaded = correction
    ? {low: correction.unattributedOverhead * Math.min(1, correction.band.p10), high: correction.unattributedOverhead * Math.max(1, correction.band.p90)}
    : band ? {low: band.p10, high: band.p90} : null;
  return Plot.plot({
    width,
    height: 40 + 28 * data.length + (correction ? 16 : 0),
    marginTop: correction ? 36 : 20,
    ariaLabel: correction ? "Dot plot of reported ÷ predicted GPU-hours for each published run, predicted without the reported MFU, with the unattributed-overhead line and the calculator's range around it" : "Dot plot of reported ÷ predicted GPU-hours for each published run, predicted without the reported MFU, with the 10th–90th percentile band",
    marginLeft: width < 520 ? 110 : 170,
    // Room for the "1.92×" label right of the rightmost dot.
    marginRight: 44,
    x: {type: "log", domain: [lo, hi], label: width < 520 ? "Reported ÷ predicted GPU-hours →" : "Reported ÷ predicted GPU-hours (predicted without the reported MFU) →", grid: true, tickFormat: (x: number) => `${x}×`},
    y: {label: null, domain: data.map((r) => r.model)},
    marks: [
      // Long run names ("GPT-2 1.558B reproduction (llm.c)") wrap inside the margin instead of running off the chart.
      Plot.axisY({label: null, lineWidth: width < 520 ? 10 : 15}),
      ...(shaded ? [Plot.rectX([shaded], {x1: "low", x2: "high", fill: "currentColor", fillOpacity: 0.08})] : []),
      Plot.ruleX([1], {strokeDasharray: "4,3"}),
      ...(correction ? [Plot.ruleX([correction.unattributedOverhead], {stroke: "currentColor", strokeWidth: 1.5}), Plot.text([correction.unattributedOverhead], {x: (d: number) => d, frameAnchor: "top", dy: -2, dx: 3, lineAnchor: "bottom", textAnchor: "start", text: (d: number) => `overhead ${d.toFixed(2)}×`})] : []),
      Plot.dot(data, {x: "ratio", y: "model", r: 5, fill: (d: TrackRecordRow) => (d.layoutSource === "published" ? "published layout" : "planned layout"), tip: true,
        title: (d: TrackRecordRow) => `${d.model}: reported ${gpuHoursWords(d.reportedGpuHours ?? 0)} GPU-h, predicted ${gpuHoursWords(d.predictedGpuHours ?? 0)} at ${((d.predictedMfu ?? 0) * 100).toFixed(0)}% MFU (${d.layout})`}),
      Plot.text(data, {x: "ratio", y: "model", text: (d: TrackRecordRow) => `${(d.ratio as number).toFixed(2)}×`, dx: 10, textAnchor: "start"})
    ],
    color: {legend: true, domain: ["published layout", "planned layout"]}
  });
}
