import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {goldenSectionMinimum} from "../../src/engine/minimize.js";

describe("goldenSectionMinimum", () => {
  it("finds the minimum of any parabola inside the bracket, to the tolerance (fast-check)", () => {
    fc.assert(
      fc.property(fc.double({min: -5, max: 5, noNaN: true}), fc.double({min: 0.1, max: 10, noNaN: true}), (c, a) => {
        const x = goldenSectionMinimum((t) => a * (t - c) ** 2, -10, 10, {tolerance: 1e-6});
        expect(Math.abs(x - c)).toBeLessThan(1e-5);
      })
    );
  });
  it("stops after maxSteps: each step narrows the bracket by the golden ratio", () => {
    let calls = 0;
    goldenSectionMinimum((t) => (calls++, t * t), -1, 1, {maxSteps: 10});
    expect(calls).toBe(12);
  });
  it("refuses a search with no way to stop", () => {
    expect(() => goldenSectionMinimum((t) => t, 0, 1, {})).toThrow(/maxSteps or a tolerance/);
  });
});
