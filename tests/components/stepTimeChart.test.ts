// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {stepTimeChart} from "../../src/components/stepTimeChart.js";
import type {StepTimeRow} from "../../src/components/stepTimeParts.js";

// Fixture: a 10-second step, as stepTimeRows would list it.
const rows: StepTimeRow[] = [
  {part: "compute", label: "Compute (matmuls, attention)", group: "compute", seconds: 6, inStep: true, shareOfStep: 0.6},
  {part: "memoryBound", label: "Memory-bound kernels", group: "memory", seconds: 1, inStep: true, shareOfStep: 0.1},
  {part: "tpComm", label: "Tensor-parallel comm.", group: "communication", seconds: 1, inStep: true, shareOfStep: 0.1},
  {part: "ppBubble", label: "Pipeline bubble (idle)", group: "idle", seconds: 2, inStep: true, shareOfStep: 0.2}
];

const barWidth = (svg: SVGSVGElement, part: string) => Number(svg.querySelector(`g[data-part="${part}"] rect`)!.getAttribute("width"));

describe("stepTimeChart", () => {
  it("draws one labelled bar per part, with lengths in proportion to the seconds", () => {
    const svg = stepTimeChart(rows, {width: 900});
    expect(svg.querySelectorAll("g[data-part]")).toHaveLength(4);
    expect(barWidth(svg, "compute") / barWidth(svg, "ppBubble")).toBeCloseTo(3, 6);
    expect(barWidth(svg, "memoryBound")).toBeCloseTo(barWidth(svg, "tpComm"), 9);
    expect(svg.querySelector('g[data-part="compute"]')!.textContent).toContain("6 s · 60%");
    expect(svg.querySelector('g[data-part="ppBubble"] title')!.textContent).toBe("Pipeline bubble (idle): 2 s · 20% of the step");
    expect(svg.getAttribute("aria-label")).toMatch(/10 seconds of one training step go, in 4 parts/);
  });

  it("fits 375 px: names above the bars, every bar and its value inside the width", () => {
    const svg = stepTimeChart(rows, {width: 343});
    expect(Number(svg.getAttribute("width"))).toBe(343);
    for (const rect of svg.querySelectorAll("rect")) {
      expect(Number(rect.getAttribute("x")) + Number(rect.getAttribute("width"))).toBeLessThanOrEqual(343 - 100);
    }
    const name = svg.querySelector('g[data-part="compute"] text')!;
    expect(name.getAttribute("text-anchor")).toBeNull();
    expect(Number(name.getAttribute("x"))).toBeLessThan(10);
  });

  it("draws overlapped traffic dashed, outside the step: no share, and not in the step's total", () => {
    const svg = stepTimeChart([...rows, {part: "dpCommOverlapped", label: "Data-parallel / ZeRO comm., overlapped", group: "overlapped", seconds: 3, inStep: false, shareOfStep: null}], {width: 900});
    const hidden = svg.querySelector('g[data-part="dpCommOverlapped"]')!;
    expect(hidden.querySelector("rect")!.getAttribute("fill")).toBe("none");
    expect(hidden.querySelector("rect")!.getAttribute("stroke-dasharray")).toBe("4,3");
    expect(hidden.textContent).toContain("3 s, hidden");
    expect(hidden.querySelector("title")!.textContent).toMatch(/behind the compute, not part of the step/);
    expect(svg.getAttribute("aria-label")).toMatch(/10 seconds of one training step go, in 4 parts/);
  });

  it("puts its ticks at round minutes for a step of an hour: 0, 20, 40, 60 min", () => {
    const svg = stepTimeChart([{...rows[0]!, seconds: 3354, shareOfStep: 0.95}], {width: 900});
    const ticks = [...svg.querySelectorAll("g[data-ticks] > text")].map((t) => t.textContent);
    expect(ticks).toEqual(["0", "20 min", "40 min", "1 h"]);
  });

  it("writes milliseconds for parts under a second", () => {
    const svg = stepTimeChart([{...rows[0]!, seconds: 0.0222, shareOfStep: 0.012}], {width: 600});
    expect(svg.textContent).toContain("22.2 ms · 1.2%");
  });

  it("widens the names' margin for a long name, and wraps one too long for 45% of the chart (no name starts left of the chart)", () => {
    const long = {part: "hostWait", label: "Waiting for the host: Python, launches (idle)", group: "idle", seconds: 1, inStep: true, shareOfStep: 0.1} as StepTimeRow;
    for (const width of [1200, 900, 620]) {
      const svg = stepTimeChart([...rows, long], {width});
      const barsStart = Number(svg.querySelector("rect")!.getAttribute("x"));
      const lines = [...svg.querySelectorAll('g[data-part="hostWait"] text tspan')].map((t) => t.textContent!);
      expect(lines.join(" ")).toBe(long.label);
      // Without a canvas (jsdom) names are measured at 7 px a character.
      for (const line of lines) expect(line.length * 7).toBeLessThanOrEqual(barsStart - 8);
      expect(lines.length).toBe(width === 620 ? 2 : 1);
    }
  });
});
