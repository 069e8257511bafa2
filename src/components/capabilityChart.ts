// The capability page's chart: benchmark score against training compute or estimated cost, with the
// compute-efficient frontier and the fitted line. Takes points from capability.ts and the width the
// page hands it; it never measures the screen.
import * as Plot from "npm:@observablehq/plot";
import {powerOfTenTick} from "./axisFormat.js";
import {scientific, sig, usd} from "./format.js";
import {labelledFrontier} from "./frontierLabels.js";
import {drawableExtent} from "./chartScales.js";
import {axisValue} from "./capability.js";
import type {CapabilityAxis, CapabilityPoint, LogFit} from "./capability.js";

export const AXIS_LABELS: Readonly<Record<CapabilityAxis, string>> = {
  flops: "Training compute, 6ND (FLOP)",
  usd: "Estimated training cost, engine (US$)",
  "usd-published": "Published GPU-hours × price (US$)"
};

// right: room for half of the last tick label ("$100M") past the last tick at 375 px.
const MARGIN = {left: 44, right: 24, top: 20, bottom: 30, insetTop: 16};

export function capabilityChart(points: readonly CapabilityPoint[], front: readonly CapabilityPoint[], fit: LogFit | null, {width, axis}: {width: number; axis: CapabilityAxis}): SVGSVGElement | HTMLElement {
  const x = axisValue(axis);
  const fitLine = fit ? [fit.xMin, fit.xMax].map((v) => ({x: v, y: fit.intercept + fit.pointsPerDecade * Math.log10(v)})) : [];
  const height = Math.max(260, Math.min(420, width * 0.6));
  // Explicit domains, so that the label filter below maps points to the same pixels as Plot.
  const xs = points.map(x);
  const ys = [...points.map((p) => p.scorePercent), ...fitLine.map((d) => d.y)];
  // One point (a setting only one model reports) still gets an axis to sit on (drawableExtent).
  const xDomain: [number, number] = drawableExtent(Math.min(...xs), Math.max(...xs), {log: true});
  const yDomain: [number, number] = drawableExtent(Math.min(...ys), Math.max(...ys), {floor: 0, ceiling: 100});
  const labelled = width >= 500 ? labelledFrontier(front, x, {left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top + MARGIN.insetTop, bottom: height - MARGIN.bottom, xDomain, yDomain}) : new Set<CapabilityPoint>();
  const middle = (Math.log10(xDomain[0]) + Math.log10(xDomain[1])) / 2;
  const inRightHalf = (p: CapabilityPoint): boolean => Math.log10(x(p)) > middle;
  return Plot.plot({
    width,
    height,
    marginLeft: MARGIN.left,
    marginRight: MARGIN.right,
    marginTop: MARGIN.top,
    marginBottom: MARGIN.bottom,
    // Room above the highest point for its frontier label, clear of the y-axis label.
    insetTop: MARGIN.insetTop,
    x: {type: "log", domain: xDomain, label: AXIS_LABELS[axis], tickFormat: axis === "flops" ? powerOfTenTick : (v: number) => usd(v), ticks: width < 500 ? 3 : 6},
    y: {domain: yDomain, label: "Score (%)", grid: true},
    color: {legend: true, type: "categorical"},
    marks: [
      Plot.line(front, {x, y: "scorePercent", curve: "step-after", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3"}),
      Plot.line(fitLine, {x: "x", y: "y", stroke: "#e5484d", strokeWidth: 1.5}),
      Plot.dot(points, {x, y: "scorePercent", fill: "setting", r: 4.5, stroke: "white", strokeWidth: 0.5,
        title: (p: CapabilityPoint) => `${p.model}: ${sig(p.scorePercent)}% (${p.setting})\n${axis === "flops" ? scientific(p.trainingFlops, "FLOP") : usd(x(p))}\n${p.scoreSource}`}),
      // Frontier labels point inward so that none runs past the frame: points in the left half of the
      // log axis are labelled to their right, the others to their left. Narrow charts show none, and
      // a label that would overlap a higher one is left out (labelledFrontier).
      ...(["start", "end"] as const).map((anchor) => Plot.text(front, {x, y: "scorePercent", text: "model", dy: -9, dx: anchor === "start" ? -4 : 4, fontSize: 10, lineAnchor: "bottom", textAnchor: anchor,
        filter: (p: CapabilityPoint) => labelled.has(p) && (inRightHalf(p) ? anchor === "end" : anchor === "start")}))
    ]
  });
}
