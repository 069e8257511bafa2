// Case 6 of the case-studies page: Llama 3 405B's unexpected interruptions by root cause (Llama
// Team 2024, Table 5; interruptionCauses.ts). The page and its first view
// (scripts/firstViews/pages/case-studies.ts) both draw it from here.
import * as d3 from "npm:d3";
import * as Plot from "npm:@observablehq/plot";
import type {InterruptionCause} from "./interruptionCauses.js";

/** Llama 3 405B's causes (llamaInterruptionCauses) as horizontal bars, longest first, coloured by category. */
export function llama3InterruptionsChart(causes: readonly InterruptionCause[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: (narrow ? 30 : 24) * causes.length + 40,
    marginLeft: narrow ? 150 : 220,
    x: {label: "Unexpected interruptions in the 54-day snapshot →", grid: true},
    y: {label: null, domain: d3.sort(causes, (d) => -d.count).map((d) => d.component)},
    color: {legend: true},
    ariaLabel: "Bar chart of Llama 3 405B's unexpected interruptions by root cause",
    marks: [
      // Long causes ("GPU Thermal Interface + Sensor") wrap onto two lines on phones rather than run off the chart.
      Plot.axisY({label: null, lineWidth: narrow ? 13 : Infinity}),
      Plot.barX(causes, {x: "count", y: "component", fill: "category", tip: true}),
      Plot.ruleX([0])
    ]
  });
}
