// Memory per GPU as stacked horizontal bars, one per layout, against the accelerator's HBM.
import * as Plot from "npm:@observablehq/plot";
import type {MemoryBreakdown} from "../engine/types.js";
import {drawingWidth} from "./chartScales.js";
import {sig} from "./format.js";
import {MEMORY_PARTS} from "./memoryParts.js";
import type {MemoryPart} from "./memoryParts.js";

export {MEMORY_PARTS};

/**
 * Colour-blind-safe categorical colours (Okabe & Ito 2008, "Color Universal Design"), dark enough
 * for white text labels to be readable and distinct from one another in print.
 */
const PART_COLORS: Readonly<Record<MemoryPart, string>> = {
  weights: "#0072B2",
  gradients: "#56B4E9",
  optimizer: "#009E73",
  activations: "#E69F00",
  buffers: "#CC79A7"
};

export interface MemoryBar {
  /** Row label, e.g. "ZeRO-1" or "TP8 · PP4 · DP32". */
  label: string;
  breakdown: MemoryBreakdown;
}

export interface MemoryChartOptions {
  width: number;
  /** Accelerator memory, bytes: drawn as a rule so overflow is visible at a glance. */
  hbmBytes: number;
  /** Name of the accelerator for the rule's label. */
  gpuName?: string;
  /** Label of a bar to emphasise (the current selection). */
  highlight?: string;
  /** One accelerator in words (acceleratorWords: "GPU" or "TPU chip") for the axis and the chart's name; "GPU" unless given. */
  chip?: string;
}

/** One long-format row per (bar, part): what the chart draws and what "Download data" writes. */
export interface MemoryChartRow {
  layout: string;
  part: string;
  gigabytes: number;
}

export function memoryChartRows(bars: readonly MemoryBar[]): MemoryChartRow[] {
  return bars.flatMap((bar) =>
    MEMORY_PARTS.map(({key, label}) => ({layout: bar.label, part: label, gigabytes: bar.breakdown[key] / 1e9}))
  );
}

/** Stacked bars of memory per GPU (GB) by component, with a rule at the accelerator's HBM. */
export function memoryBreakdownChart(bars: readonly MemoryBar[], options: MemoryChartOptions): SVGSVGElement | HTMLElement {
  const {hbmBytes, gpuName = "HBM", highlight, chip = "GPU"} = options;
  const width = drawingWidth(options.width);
  const rows = memoryChartRows(bars);
  const hbmGb = hbmBytes / 1e9;
  const maxGb = Math.max(hbmGb, ...bars.map((b) => b.breakdown.total / 1e9));
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: 60 + bars.length * (narrow ? 34 : 30),
    marginLeft: narrow ? 96 : 150,
    marginRight: 20,
    marginTop: 28,
    ariaLabel: `Memory per ${chip} by component for ${bars.length} layout${bars.length === 1 ? "" : "s"}, against ${sig(hbmGb)} GB of HBM`,
    x: {label: `Memory per ${chip} (GB) →`, domain: [0, maxGb * 1.08], grid: true, ticks: narrow ? 4 : 8},
    y: {label: null, domain: bars.map((b) => b.label), tickFormat: (d: string) => (d === highlight ? `▶ ${d}` : d)},
    color: {
      legend: true,
      domain: MEMORY_PARTS.map((p) => p.label),
      range: MEMORY_PARTS.map((p) => PART_COLORS[p.key])
    },
    marks: [
      Plot.barX(rows, {
        x: "gigabytes",
        y: "layout",
        fill: "part",
        order: MEMORY_PARTS.map((p) => p.label),
        tip: {format: {x: (v: number) => `${sig(v)} GB`, y: true, fill: true}}
      }),
      Plot.ruleX([hbmGb], {stroke: "#b00020", strokeWidth: 2, strokeDasharray: "4,3"}),
      // The limit's label sits on the side of the rule with more room, and drops the accelerator's
      // name on phones, so it never runs off the chart ("VIDIA H100…" at 375 px, issue 12).
      Plot.text([hbmGb], {
        x: (d: number) => d,
        frameAnchor: "top",
        dy: -18,
        text: () => (narrow ? `HBM: ${sig(hbmGb)} GB` : `${gpuName}: ${sig(hbmGb)} GB`),
        fill: "#b00020",
        ...(hbmGb > (maxGb * 1.08) / 2 ? {textAnchor: "end", dx: -4} : {textAnchor: "start", dx: 4})
      })
    ]
  });
}
