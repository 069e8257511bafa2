// @vitest-environment jsdom
import {ticks} from "d3-array";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {wrapLines} from "../../src/components/chartScales.js";
import {leverChart, percentTicks} from "../../src/components/leverChart.js";
import type {LeverRow} from "../../src/components/levers.js";

const rows: LeverRow[] = [
  {lever: "Mixed precision", variant: "FP32", gpuHours: 1e6, usd: 2e6, relativeCost: 1},
  {lever: "Mixed precision", variant: "BF16 mixed precision (FP32 master weights)", gpuHours: 2.5e5, usd: 5e5, relativeCost: 0.25},
  {lever: "Mixed precision", variant: "FP8 (Transformer Engine)", gpuHours: null, usd: null, relativeCost: null}
];
const barWidth = (svg: SVGSVGElement, i: number) => Number(svg.querySelectorAll("rect")[i]!.getAttribute("width"));

describe("leverChart", () => {
  it("draws a bar per priced variant, in proportion to its relative cost, labelled with it and its price", () => {
    for (const width of [900, 375]) {
      const svg = leverChart(rows, {width});
      expect(svg.getAttribute("aria-label")).toBe("Bar chart: Mixed precision, cost of each variant relative to the first");
      expect(svg.querySelectorAll("rect")).toHaveLength(2);
      expect(barWidth(svg, 0) / barWidth(svg, 1)).toBeCloseTo(4, 6);
      const labels = [...svg.querySelectorAll("text[data-feasible='true']")].map((t) => t.textContent);
      expect(labels).toEqual(["100% · $2M", "25% · $500k"]);
    }
  });

  it("a variant that cannot run gets no bar and no price, marked data-feasible=false", () => {
    const svg = leverChart(rows, {width: 900});
    const unpriced = [...svg.querySelectorAll("[data-feasible='false']")];
    expect(unpriced.map((t) => t.textContent)).toEqual(["cannot run: not priced"]);
    expect(svg.textContent).toContain("FP8 (Transformer Engine)");
  });

  it("when the baseline cannot run, nothing is priced relative to it", () => {
    const svg = leverChart([{...rows[0]!, usd: null, relativeCost: null}, {...rows[1]!, relativeCost: null}], {width: 900});
    expect(svg.querySelectorAll("rect")).toHaveLength(0);
    expect([...svg.querySelectorAll("text[fill='#B00020']")].map((t) => t.textContent)).toEqual(["cannot run: not priced", "baseline cannot run: no comparison"]);
  });
});

describe("percentTicks", () => {
  it("are d3's ticks over [0, max] (the ticks Plot drew)", () => {
    fc.assert(
      fc.property(fc.double({min: 1e-3, max: 1e4, noNaN: true}), fc.constantFrom(3, 6), (max, count) => {
        const ours = percentTicks(max, count);
        const d3s = ticks(0, max, count);
        expect(ours).toHaveLength(d3s.length);
        ours.forEach((t, i) => expect(t).toBeCloseTo(d3s[i]!, 9));
      })
    );
  });
});

describe("wrapLines", () => {
  const width = (s: string) => s.length * 6;
  it("keeps every word, in order, and no line with two words wider than the limit", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9()×,.-]{1,12}$/), {minLength: 1, maxLength: 15}), fc.integer({min: 20, max: 400}), (words, maxPx) => {
        const lines = wrapLines(words.join(" "), maxPx, width);
        expect(lines.join(" ").split(" ")).toEqual(words);
        for (const line of lines) if (line.includes(" ")) expect(width(line)).toBeLessThanOrEqual(maxPx);
      })
    );
  });
  it("leaves a name that fits on one line", () => {
    expect(wrapLines("Train the teacher, Llama 3.1 70B", 288, width)).toEqual(["Train the teacher, Llama 3.1 70B"]);
  });
});
