// /reliability's first chart: Llama 3 405B's unexpected interruptions by root cause
// (interruptionCauses.ts), one bar a cause coloured by category, at the width the page hands it.
import * as Plot from "npm:@observablehq/plot";
import {drawingWidth} from "./chartScales.js";
import type {InterruptionCause} from "./interruptionCauses.js";

/** The widest the cause labels get, and the width of a label character they are cut to (an estimate: nothing is measured). */
const MAX_LABEL_WIDTH = 230;
const CHARACTER_WIDTH = 6.5;

/** Interruptions per root cause, most first, each labelled "count (percent)". */
export function interruptionCausesChart(causes: readonly InterruptionCause[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  // Framework's width can be 0 for a moment before layout: the site's floor (chartScales.ts).
  const chartWidth = drawingWidth(width);
  const labelWidth = Math.min(MAX_LABEL_WIDTH, chartWidth * 0.5);
  return Plot.plot({
    width: chartWidth,
    height: 40 + 22 * causes.length,
    ariaLabel: "Llama 3 405B unexpected interruptions by root cause",
    marginLeft: labelWidth,
    marginRight: 80,
    x: {label: "Unexpected interruptions (54 days)", grid: true},
    y: {label: null, domain: causes.map((d) => d.component), tickFormat: (d: string) => {
      const chars = Math.floor(labelWidth / CHARACTER_WIDTH);
      return d.length > chars ? `${d.slice(0, chars - 1)}…` : d;
    }},
    color: {legend: true, label: "Category"},
    marks: [
      Plot.barX(causes, {y: "component", x: "count", fill: "category", tip: true}),
      Plot.text(causes, {y: "component", x: "count", text: (d: InterruptionCause) => `${d.count} (${d.pct}%)`, dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}
