// One lever's variants as horizontal bars of cost relative to the lever's baseline.
import * as Plot from "npm:@observablehq/plot";
import type {LeverRow} from "./levers.js";
import {sig, usd} from "./format.js";

export function leverChart(rows: readonly LeverRow[], {width, label = "Cost relative to the first bar →"}: {width: number; label?: string}): SVGSVGElement | HTMLElement {
  const narrow = width < 560;
  const max = Math.max(1, ...rows.map((r) => r.relativeCost));
  return Plot.plot({
    width,
    height: 40 + rows.length * (narrow ? 44 : 32),
    marginLeft: narrow ? 10 : 300,
    marginRight: 70,
    x: {label, domain: [0, max * 1.05], tickFormat: "%", grid: true, ticks: narrow ? 3 : 6},
    y: {label: null, domain: rows.map((r) => r.variant), axis: narrow ? null : "left"},
    ariaLabel: `Bar chart: ${rows[0]?.lever ?? "lever"}, cost of each variant relative to the first`,
    marks: [
      Plot.barX(rows, {x: "relativeCost", y: "variant", fill: (d: LeverRow) => (d.relativeCost <= 1 ? "#0072B2" : "#B00020"), tip: {format: {x: (v: number) => `${sig(v * 100, 2)}%`}}}),
      Plot.text(rows, {x: "relativeCost", y: "variant", text: (d: LeverRow) => `${sig(d.relativeCost * 100, 2)}% · ${usd(d.usd)}`, textAnchor: "start", dx: 4, fill: "currentColor"}),
      ...(narrow ? [Plot.text(rows, {x: 0, y: "variant", text: "variant", textAnchor: "start", dy: -14, fill: "currentColor", lineWidth: 40})] : []),
      Plot.ruleX([0]),
      Plot.ruleX([1], {stroke: "currentColor", strokeDasharray: "3,3"})
    ]
  });
}
