// /scaling-laws's iso-FLOP chart: the curves and minima of isoFlopCurves.ts, one colour a budget,
// at the width the page hands it.
import * as Plot from "npm:@observablehq/plot";
import {countTick} from "./axisFormat.js";
import {scientific, sig} from "./format.js";
import type {IsoFlopCurves, IsoFlopPoint} from "./isoFlopCurves.js";

/** Loss against model size at each budget; a ring marks each curve's compute-optimal model. */
export function isoFlopChart({budgets, curves, minima}: IsoFlopCurves, {width}: {width: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 320,
    x: {type: "log", label: "Parameters", grid: true, tickFormat: countTick},
    y: {label: "Loss (nats/token)", grid: true},
    color: {legend: true, label: "Budget", domain: budgets.map((c) => scientific(c, "FLOP"))},
    marks: [
      Plot.line(curves, {x: "params", y: "loss", stroke: "budget", sort: "params"}),
      Plot.dot(minima, {
        x: "params", y: "loss", stroke: "budget", fill: "var(--theme-background)", r: 4, tip: true,
        title: (d: IsoFlopPoint) => `${d.budget}\noptimum ${sig(d.params / 1e9, 2)}B params, ${sig(d.tokens / 1e9, 2)}B tokens\nloss ${d.loss.toFixed(3)}`
      })
    ]
  });
}
