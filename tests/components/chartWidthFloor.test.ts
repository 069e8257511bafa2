import {describe, expect, it} from "vitest";
import {MIN_CHART_WIDTH, drawingWidth} from "../../src/components/chartScales.js";

// The page test that holds the charts to it: tests/browser/sweep.test.ts draws every page at a page
// width of 0 for a moment and fails on any console error (Plot's bars of negative width were one).
describe("drawingWidth", () => {
  it("floors the page width at 300 px (Framework reports 0 before layout) and keeps wider ones", () => {
    expect([0, -5, Number.NaN, 120, 343, 900].map(drawingWidth)).toEqual([MIN_CHART_WIDTH, MIN_CHART_WIDTH, MIN_CHART_WIDTH, MIN_CHART_WIDTH, 343, 900]);
    expect(MIN_CHART_WIDTH).toBe(300);
  });
});
