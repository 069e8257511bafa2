// /template's chart: wall-clock days against the number of accelerators (daysCurve.ts), both axes
// logarithmic, with a dot for the reader's own run. A function of its data so that the build can
// draw it in Node before any script has run (scripts/firstViews/pages/template.ts).
import * as Plot from "npm:@observablehq/plot";
import {drawingWidth} from "./chartScales.js";
import type {DaysPoint} from "./daysCurve.js";
import {sig} from "./format.js";

/** The curve as a line and `yours` as a dot with a tooltip, at the width the page hands it. */
export function daysChart(curve: readonly DaysPoint[], yours: DaysPoint, {width}: {width: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    // Framework's width can be 0 for a moment before layout: the site's floor (chartScales.ts).
    width: drawingWidth(width),
    height: 280,
    marginLeft: 72, // room for tick labels from "0.000001" to "10,000,000" days
    x: {type: "log", label: "Accelerators", grid: true},
    y: {type: "log", label: "Days", grid: true, tickFormat: (d: number) => sig(d)},
    marks: [
      Plot.line(curve, {x: "accelerators", y: "days"}),
      Plot.dot([yours], {x: "accelerators", y: "days", r: 5, fill: "currentColor", tip: true})
    ]
  });
}
