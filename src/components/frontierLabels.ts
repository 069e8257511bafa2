// Which points of the capability chart's frontier get a name: no DOM and no Plot, so it can be
// unit-tested; the chart hands it the pixel frame its scales map onto.
import {boxesOverlap, estimateTextSize} from "./labelPlacement.js";
import type {Box} from "./labelPlacement.js";
import type {CapabilityPoint} from "./capability.js";

/** The chart's frame in pixels: the plot area the log-x and linear-y scales map onto. */
export interface ChartFrame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  xDomain: [number, number];
  yDomain: [number, number];
}

/**
 * The frontier points whose labels fit: walking from the highest score down, a label is kept when
 * its box (10 px text, 9 px above its dot, running inward from it) clears every label kept so far.
 * The others keep their dot and tooltip.
 */
export function labelledFrontier(front: readonly CapabilityPoint[], x: (p: CapabilityPoint) => number, frame: ChartFrame): Set<CapabilityPoint> {
  const [x0, x1] = frame.xDomain.map(Math.log10) as [number, number];
  const [y0, y1] = frame.yDomain;
  const px = (p: CapabilityPoint): number => frame.left + ((Math.log10(x(p)) - x0) / (x1 - x0 || 1)) * (frame.right - frame.left);
  const py = (p: CapabilityPoint): number => frame.bottom - ((p.scorePercent - y0) / (y1 - y0 || 1)) * (frame.bottom - frame.top);
  const middle = (frame.left + frame.right) / 2;
  const kept: Box[] = [];
  const out = new Set<CapabilityPoint>();
  for (const p of [...front].sort((a, b) => b.scorePercent - a.scorePercent)) {
    const {width: w, height: h} = estimateTextSize(p.model, 10);
    const left = px(p) > middle ? px(p) + 4 - w : px(p) - 4;
    const box = {left: left - 2, right: left + w + 2, top: py(p) - 9 - h, bottom: py(p) - 9};
    if (kept.some((k) => boxesOverlap(k, box))) continue;
    kept.push(box);
    out.add(p);
  }
  return out;
}
