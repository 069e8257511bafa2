import {describe, expect, it} from "vitest";
import {CHINCHILLA_APPROACH_3, EPOCH_2024_REPLICATION, computeOptimal} from "../../src/engine/scalingLaws.js";
import {DEFAULT_FIT_ID, DEFAULT_LOG10_FLOPS, SCALING_FITS, isoFlopCurves} from "../../src/components/isoFlopCurves.js";

describe("isoFlopCurves", () => {
  const iso = isoFlopCurves(CHINCHILLA_APPROACH_3, DEFAULT_LOG10_FLOPS);

  it("draws five budgets a decade apart around the reader's: 10^21.75 … 10^25.75 FLOP by default", () => {
    expect(iso.budgets.map((c) => Math.log10(c))).toEqual([21.75, 22.75, 23.75, 24.75, 25.75].map((e) => expect.closeTo(e, 9)));
    expect(new Set(iso.curves.map((p) => p.budget)).size).toBe(5);
  });

  it("each curve's minimum is the fit's compute-optimal model, no higher than any point of the curve", () => {
    iso.minima.forEach((m, i) => {
      expect(m.params).toBe(computeOptimal(CHINCHILLA_APPROACH_3, iso.budgets[i]!).params);
      const curve = iso.curves.filter((p) => p.budget === m.budget);
      expect(Math.min(...curve.map((p) => p.loss))).toBeGreaterThanOrEqual(m.loss - 1e-12);
    });
  });

  it("leaves out models that see under 100 M tokens or whose loss is 6 nats/token or more", () => {
    expect(iso.curves.every((p) => p.tokens >= 1e8 && p.loss < 6)).toBe(true);
    expect(iso.curves.every((p) => Math.abs(6 * p.params * p.tokens / p.flops - 1) < 1e-9)).toBe(true);
  });
});

describe("SCALING_FITS", () => {
  it("offers Chinchilla Approach 3 (the default) and Besiroglu et al.'s replication, by id", () => {
    expect(SCALING_FITS).toEqual({"chinchilla-approach-3": CHINCHILLA_APPROACH_3, "epoch-2024-replication": EPOCH_2024_REPLICATION});
    expect(SCALING_FITS[DEFAULT_FIT_ID]).toBe(CHINCHILLA_APPROACH_3);
  });

  it("the default budget is the slider step nearest Gopher's 5.76 × 10²³ FLOP (Hoffmann et al. 2022, Table 3)", () => {
    expect(Math.abs(DEFAULT_LOG10_FLOPS - Math.log10(5.76e23))).toBeLessThan(0.05 / 2);
  });
});
