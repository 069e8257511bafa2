import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {usdForFlops, usdPerEffectivePflopHour} from "../../src/components/priceMetrics.js";

describe("usdPerEffectivePflopHour", () => {
  it("an H100 SXM (989.4 dense BF16 TFLOP/s, NVIDIA datasheet) at $3.50/h and 40% MFU costs $8.84 per effective PFLOP-hour", () => {
    // 0.9894 PFLOP/s × 0.4 = 0.3958 PFLOP-hours per GPU-hour; 3.5 / 0.3958 = 8.844
    expect(usdPerEffectivePflopHour(3.5, 989.4e12, 0.4)).toBeCloseTo(8.844, 3);
  });

  it("returns null rather than NaN for missing or impossible inputs", () => {
    expect(usdPerEffectivePflopHour(null, 989.4e12, 0.4)).toBeNull();
    expect(usdPerEffectivePflopHour(3.5, null, 0.4)).toBeNull();
    expect(usdPerEffectivePflopHour(3.5, 0, 0.4)).toBeNull();
    expect(usdPerEffectivePflopHour(3.5, 989.4e12, 0)).toBeNull();
    expect(usdPerEffectivePflopHour(3.5, 989.4e12, 1.5)).toBeNull();
    expect(usdPerEffectivePflopHour(Number.NaN, 989.4e12, 0.4)).toBeNull();
  });

  it("property: halving MFU doubles the price of useful compute", () => {
    fc.assert(fc.property(fc.double({min: 0.01, max: 100, noNaN: true}), fc.double({min: 1e12, max: 1e16, noNaN: true}), fc.double({min: 0.02, max: 1, noNaN: true}), (usd, peak, mfu) => {
      const full = usdPerEffectivePflopHour(usd, peak, mfu)!;
      const half = usdPerEffectivePflopHour(usd, peak, mfu / 2)!;
      expect(half / full).toBeCloseTo(2, 9);
    }));
  });

  it("GPT-3's 3.14e23 FLOP at $10 per PFLOP-hour is about $872k", () => {
    expect(usdForFlops(3.14e23, 10)).toBeCloseTo(872_222, 0);
  });
});
