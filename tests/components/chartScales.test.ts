import {describe, expect, it} from "vitest";
import {drawableExtent, linearScale, linearTicks, logScale, logTicks} from "../../src/components/chartScales.js";

describe("chartScales", () => {
  it("linearScale maps the domain ends onto the range ends", () => {
    const x = linearScale(0, 10, 100, 300);
    expect([x(0), x(5), x(10)]).toEqual([100, 200, 300]);
  });

  it("logScale puts each decade at an equal distance", () => {
    const x = logScale(1, 1000, 0, 300);
    expect(x(1)).toBeCloseTo(0, 9);
    expect(x(10)).toBeCloseTo(100, 9);
    expect(x(1000)).toBeCloseTo(300, 9);
  });

  it("linearTicks(7.3, 5) steps by 2 from 0 to 8, past the maximum", () => {
    expect(linearTicks(7.3, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(linearTicks(0.894, 4)).toEqual([0, 0.5, 1]);
    expect(linearTicks(0, 5)).toEqual([0]);
  });

  it("logTicks(3, 40) uses 1-2-5 ticks and widens the domain to them", () => {
    expect(logTicks(3, 40)).toEqual({ticks: [2, 5, 10, 20, 50], domain: [2, 50]});
  });

  it("logTicks over six decades keeps powers of ten only, at most maxTicks of them", () => {
    const {ticks, domain} = logTicks(1, 131072, 4, false);
    expect(domain).toEqual([1, 131072]);
    expect(ticks.length).toBeLessThanOrEqual(4);
    for (const t of ticks) expect(Math.log10(t) % 1).toBe(0);
    expect(ticks[0]).toBe(1);
  });

  it("logTicks gives a single value an axis around it, and refuses a non-positive one", () => {
    const {domain} = logTicks(1e6, 1e6);
    expect(domain[0]).toBeLessThan(1e6);
    expect(domain[1]).toBeGreaterThan(1e6);
    expect(() => logTicks(0, 10)).toThrow(RangeError);
  });
});

describe("drawableExtent", () => {
  it("keeps a real extent, and widens a single value so its axis ticks at a sane resolution (capability: one HellaSwag point at 47.16%)", () => {
    expect(drawableExtent(10, 60)).toEqual([10, 60]);
    expect(drawableExtent(47.16, 47.16, {floor: 0, ceiling: 100})).toEqual([42.16, 52.16]);
    expect(drawableExtent(98, 98, {floor: 0, ceiling: 100})).toEqual([93, 100]);
    const [lo, hi] = drawableExtent(1e23, 1e23, {log: true});
    expect(hi / lo).toBeCloseTo(10, 10);
  });
});
