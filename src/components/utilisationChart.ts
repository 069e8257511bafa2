// The methodology page's first chart (src/methodology.md, section 7): for each published run, the
// whole-run utilisation its reported GPU-hours imply beside the steady-state MFU its authors
// reported (runUtilisation.ts). The page and its first view
// (scripts/firstViews/pages/methodology.ts) both draw it from here.
import * as d3 from "npm:d3";
import * as Plot from "npm:@observablehq/plot";
import type {UtilisationPoint} from "./runUtilisation.js";
import {sig} from "./format.js";

/** A dot per run, highest utilisation first, joined to a ring at its reported MFU. */
export function utilisationChart(points: readonly UtilisationPoint[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const narrow = width < 560;
  const withMfu = points.filter((d) => d.mfuReported !== null);
  return Plot.plot({
    width,
    height: 22 * points.length + 50,
    marginLeft: narrow ? 140 : 200,
    x: {label: "Share of the accelerator's dense 16-bit peak →", grid: true, tickFormat: "%", domain: [0, 0.7]},
    y: {label: null, domain: d3.sort(points, (d) => -d.utilisation).map((d) => d.run), tickFormat: (d: string) => (narrow && d.length > 20 ? `${d.slice(0, 19)}…` : d)},
    ariaLabel: "Dot plot of whole-run utilisation implied by each run's reported GPU-hours, with reported MFU where given",
    marks: [
      Plot.ruleX([0]),
      Plot.link(withMfu, {x1: "utilisation", x2: "mfuReported", y1: "run", y2: "run", stroke: "#999"}),
      Plot.dot(points, {x: "utilisation", y: "run", fill: "#0072B2", r: 4, tip: true, title: (d: UtilisationPoint) => `${d.run}: ${sig(d.utilisation * 100, 2)}% implied by reported GPU-hours`}),
      Plot.dot(withMfu, {x: "mfuReported", y: "run", stroke: "#E69F00", strokeWidth: 2, r: 4})
    ]
  });
}
