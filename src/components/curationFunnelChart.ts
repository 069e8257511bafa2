// /data-curation's first chart: RefinedWeb's funnel (curationFunnel.ts), one bar a stage, at the
// width the page hands it.
import * as Plot from "npm:@observablehq/plot";
import {sig} from "./format.js";
import type {FunnelStage} from "./curationFunnel.js";

/** The percent of CommonCrawl documents each stage keeps; "≈" marks a figure read off the paper's plot. */
export function curationFunnelChart(stages: readonly FunnelStage[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 110,
    marginRight: 60,
    x: {label: "% of CommonCrawl documents kept", domain: [0, 100], grid: true},
    y: {label: null, domain: stages.map((d) => d.stage)},
    marks: [
      Plot.barX(stages, {y: "stage", x: "percent", fill: "var(--theme-foreground-focus)", tip: true, title: (d: FunnelStage) => d.detail ?? d.stage}),
      Plot.text(stages, {y: "stage", x: "percent", text: (d: FunnelStage) => `${d.approximate === true ? "≈ " : ""}${sig(d.percent, 3)}%`, dx: 4, textAnchor: "start"})
    ]
  });
}
