// The "Calibrate to your cluster" page's chart of a fit (src/engine/calibration/fit.ts): the rows'
// measured against predicted step time, with the engine's constants and with the fitted factors.
import * as Plot from "npm:@observablehq/plot";
import type {GroupFit} from "../engine/calibration/fit.js";
import {groupTitle} from "./calibrationFitRows.js";
import {sig, signedPercent} from "./format.js";

interface Point {
  run: string;
  measured: number;
  predicted: number;
  series: "engine constants" | "your calibration";
}

/** Predicted against measured seconds per step, log–log: the engine's constants and the fitted factors, with the line of agreement. */
export function measuredVsPredictedChart(g: GroupFit, {width}: {width: number}): SVGSVGElement | HTMLElement {
  const size = Math.max(300, Math.min(width, 640));
  const points: Point[] = g.rows.flatMap((r) => [
    {run: r.run, measured: r.measuredSeconds, predicted: r.engineSeconds, series: "engine constants" as const},
    {run: r.run, measured: r.measuredSeconds, predicted: r.calibratedSeconds, series: "your calibration" as const}
  ]);
  const all = points.flatMap((p) => [p.measured, p.predicted]);
  const lo = Math.min(...all) / 1.3;
  const hi = Math.max(...all) * 1.3;
  return Plot.plot({
    width: size,
    height: size * 0.85,
    x: {type: "log", label: "Measured seconds per step →", domain: [lo, hi], grid: true},
    y: {type: "log", label: "↑ Predicted", domain: [lo, hi], grid: true},
    color: {domain: ["engine constants", "your calibration"], range: ["#999", "#1f77b4"], legend: true},
    symbol: {domain: ["engine constants", "your calibration"], range: ["circle", "diamond"]},
    ariaLabel: `Log-log scatter plot of predicted against measured seconds per step for ${groupTitle(g)}, with the engine's constants and with your calibration, and the line of agreement`,
    marks: [
      Plot.line([[lo, lo], [hi, hi]], {stroke: "#999"}),
      Plot.dot(points, {
        x: "measured",
        y: "predicted",
        stroke: "series",
        symbol: "series",
        r: 3.5,
        tip: true,
        title: (p: Point) => `${p.run}\nmeasured ${sig(p.measured, 3)} s, predicted ${sig(p.predicted, 3)} s with ${p.series} (${signedPercent(p.predicted / p.measured - 1)})`
      })
    ]
  });
}
