// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {daysChart} from "../../src/components/daysChart.js";
import {daysCurve} from "../../src/components/daysCurve.js";

// 1e23 FLOP at 1e15 FLOP/s and 50% MFU: 2e8 s on one accelerator, 2314.8 days.
const curve = daysCurve({flops: 1e23, peakFlopsPerSecond: 1e15, mfu: 0.5});
const yours = {accelerators: 256, days: curve[8]!.days};

describe("daysChart", () => {
  it("draws the curve as one line through 16 points and the reader's run as one dot", () => {
    const svg = daysChart(curve, yours, {width: 640});
    const line = svg.querySelectorAll("[aria-label=line] path");
    expect(line).toHaveLength(1);
    expect(line[0]!.getAttribute("d")!.match(/[ML]/g)).toHaveLength(16);
    expect(svg.querySelectorAll("[aria-label=dot] circle")).toHaveLength(1);
  });

  it("is as wide as the page's width and 280 px high", () => {
    for (const width of [1072, 704, 311]) {
      const svg = daysChart(curve, yours, {width});
      expect(svg.getAttribute("width")).toBe(String(width));
      expect(svg.getAttribute("height")).toBe("280");
    }
  });

  it("never draws narrower than 300 px (Framework's width is 0 before layout)", () => {
    expect(daysChart(curve, yours, {width: 0}).getAttribute("width")).toBe("300");
  });

  it("labels both log axes, the days' decades written by sig: 0.1, 1, 10, 100, 1,000", () => {
    const svg = daysChart(curve, yours, {width: 640});
    expect(svg.querySelector("[aria-label='x-axis label']")!.textContent).toContain("Accelerators");
    expect(svg.querySelector("[aria-label='y-axis label']")!.textContent).toContain("Days");
    const yTicks = [...svg.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t) => t.textContent).filter((t) => t !== "");
    expect(yTicks).toEqual(["0.1", "1", "10", "100", "1,000"]);
  });

  it("gives the reader's dot a tooltip", () => {
    expect(daysChart(curve, yours, {width: 640}).querySelector("[aria-label=tip]")).not.toBeNull();
  });
});
