import {describe, expect, it} from "vitest";
import {
  CHINCHILLA_APPROACH_1,
  CHINCHILLA_APPROACH_2,
  CHINCHILLA_APPROACH_3,
  CHINCHILLA_APPROACH_3_EXPONENTS,
  EPOCH_2024_REPLICATION,
  KAPLAN_2020,
  MUENNIGHOFF_2023,
  computeOptimal,
  effectiveParams,
  effectiveRepeatedTokens,
  inferenceAwareOptimal,
  isoFlopCurve,
  kaplanLoss,
  overtraining,
  parametricLoss,
  perplexity,
  powerLawAllocation,
  tokensForLoss
} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";

const rows = loadWithReferences("scaling_laws");
const constant = (law: string, parameter: string): number => {
  const row = rows.find((r) => r["law"] === law && r["parameter"] === parameter);
  if (!row) throw new Error(`data/scaling_laws.csv has no ${law}.${parameter}`);
  return row["value"] as number;
};

describe("data/scaling_laws.csv and the engine's constants agree", () => {
  it("Chinchilla Approach 3 and the Epoch replication", () => {
    for (const fit of [CHINCHILLA_APPROACH_3, EPOCH_2024_REPLICATION]) {
      for (const k of ["E", "A", "B", "alpha", "beta"] as const) expect(fit[k], `${fit.id}.${k}`).toBe(constant(fit.id, k));
    }
  });
  it("Chinchilla Table 2 exponents", () => {
    for (const e of [CHINCHILLA_APPROACH_1, CHINCHILLA_APPROACH_2, CHINCHILLA_APPROACH_3_EXPONENTS]) {
      expect(e.a).toBe(constant(e.id, "a"));
      expect(e.b).toBe(constant(e.id, "b"));
    }
  });
  it("Kaplan and Muennighoff", () => {
    expect(KAPLAN_2020.alphaN).toBe(constant("kaplan-2020-lnd", "alpha_N"));
    expect(KAPLAN_2020.alphaD).toBe(constant("kaplan-2020-lnd", "alpha_D"));
    expect(KAPLAN_2020.nC).toBe(constant("kaplan-2020-lnd", "N_c"));
    expect(KAPLAN_2020.dC).toBe(constant("kaplan-2020-lnd", "D_c"));
    expect(KAPLAN_2020.computeOptimalExponent).toBe(constant("kaplan-2020-compute-optimal", "a"));
    expect(MUENNIGHOFF_2023.rDStar).toBe(constant("muennighoff-2023-data-constrained", "R_D_star"));
    expect(MUENNIGHOFF_2023.rNStar).toBe(constant("muennighoff-2023-data-constrained", "R_N_star"));
  });
});

describe("Chinchilla Table 3 (Hoffmann et al. 2022, Approach 1)", () => {
  const table = [...new Set(rows.map((r) => String(r["law"])).filter((l) => l.startsWith("chinchilla-table-3-")))].map((law) => ({
    law,
    params: constant(law, "params"),
    flops: constant(law, "flops"),
    tokens: constant(law, "tokens")
  }));
  it("has its nine rows", () => expect(table.length).toBe(9));
  // Approach 1 publishes the exponent a = 0.50, not the coefficient; Gopher's budget row
  // (67B at 5.76e23 FLOPs) anchors it and the other eight rows are predicted.
  const anchor = table.find((r) => r.law === "chinchilla-table-3-67b")!;
  for (const row of table) {
    it(`reproduces ${row.law.replace("chinchilla-table-3-", "")}: ${row.flops.toExponential(2)} FLOPs → ${row.params.toExponential(1)} params, ${row.tokens.toExponential(2)} tokens (within 5%)`, () => {
      const a = powerLawAllocation(CHINCHILLA_APPROACH_1, anchor, row.flops);
      expect(Math.abs(a.params / row.params - 1)).toBeLessThan(0.05);
      expect(Math.abs(a.tokens / row.tokens - 1)).toBeLessThan(0.05);
      expect(a.tokensPerParam).toBeGreaterThan(19);
      expect(a.tokensPerParam).toBeLessThan(23);
    });
  }
  it("its rows scale as N ∝ C^0.50: the log-log slope of params on FLOPs is 0.50 ± 0.01", () => {
    const xs = table.map((r) => Math.log(r.flops));
    const ys = table.map((r) => Math.log(r.params));
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = ys.reduce((s, y) => s + y, 0) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(slope).toBeCloseTo(0.5, 2);
  });
});

describe("parametric fits (Approach 3 and the Epoch replication)", () => {
  it("closed form: N_opt·D_opt·6 = C and N_opt ∝ C^(β/(α+β))", () => {
    for (const fit of [CHINCHILLA_APPROACH_3, EPOCH_2024_REPLICATION]) {
      const a = computeOptimal(fit, 1e22);
      const b = computeOptimal(fit, 1e24);
      expect((6 * a.params * a.tokens) / 1e22).toBeCloseTo(1, 12);
      expect(Math.log(b.params / a.params) / Math.log(100)).toBeCloseTo(fit.beta / (fit.alpha + fit.beta), 12);
    }
  });
  it("the closed form is the minimum of the iso-FLOP curve", () => {
    const fit = EPOCH_2024_REPLICATION;
    const opt = computeOptimal(fit, 1e23);
    const curve = isoFlopCurve(fit, 1e23, [0.5, 0.8, 0.95, 1, 1.05, 1.25, 2].map((k) => k * opt.params));
    const best = curve.reduce((m, p) => (p.loss < m.loss ? p : m));
    expect(best.params).toBeCloseTo(opt.params, 0);
  });
  it("Approach 3's printed (rounded) α, β give a = 0.45, within 0.01 of Table 2's 0.46 (the rounding Besiroglu et al. 2024 point out)", () => {
    const a = CHINCHILLA_APPROACH_3.beta / (CHINCHILLA_APPROACH_3.alpha + CHINCHILLA_APPROACH_3.beta);
    expect(a).toBeCloseTo(0.4516, 4);
    expect(Math.abs(a - CHINCHILLA_APPROACH_3_EXPONENTS.a)).toBeLessThanOrEqual(0.01);
  });
  it("the Epoch replication gives a = 0.51 and about 20 tokens per parameter, agreeing with Approaches 1 and 2", () => {
    const fit = EPOCH_2024_REPLICATION;
    expect(fit.beta / (fit.alpha + fit.beta)).toBeCloseTo(0.5126, 4);
    for (const c of [1e22, 5.76e23, 1e25]) {
      const r = computeOptimal(fit, c).tokensPerParam;
      expect(r).toBeGreaterThan(15);
      expect(r).toBeLessThan(30);
    }
  });
  it("perplexity is exp(loss)", () => {
    const l = parametricLoss(CHINCHILLA_APPROACH_3, 70e9, 1.4e12);
    expect(perplexity(l)).toBeCloseTo(Math.exp(l), 12);
  });
  it("tokensForLoss inverts the fit, and is infinite below the model's reach", () => {
    const fit = CHINCHILLA_APPROACH_3;
    const l = parametricLoss(fit, 7e9, 2e12);
    expect(tokensForLoss(fit, 7e9, l) / 2e12).toBeCloseTo(1, 9);
    expect(tokensForLoss(fit, 7e9, fit.E + fit.A / 7e9 ** fit.alpha - 1e-6)).toBe(Infinity);
  });
});

describe("over-training and inference-aware sizing (Sardana et al. 2023)", () => {
  const fit = EPOCH_2024_REPLICATION;
  const budget = 1e24;
  const opt = computeOptimal(fit, budget);
  it("a model half the compute-optimal size costs more to train to the same loss and half as much per inference token", () => {
    const o = overtraining(fit, budget, opt.params / 2);
    expect(o.trainingCostRatio).toBeGreaterThan(1);
    expect(o.inferenceCostRatio).toBeCloseTo(0.5, 12);
    expect(parametricLoss(fit, o.small.params, o.small.tokens)).toBeCloseTo(o.loss, 9);
    expect(o.breakEvenInferenceTokens).toBeGreaterThan(0);
  });
  it("the compute-optimal model itself costs nothing extra", () => {
    expect(overtraining(fit, budget, opt.params).trainingCostRatio).toBeCloseTo(1, 9);
  });
  it("100% of the optimal size, computed as optimal · 100 / 100 (an ulp above it at some budgets), is the optimum, not a RangeError (issue 12: /scaling-laws?log10Flops=18.3)", () => {
    for (const f of [CHINCHILLA_APPROACH_3, EPOCH_2024_REPLICATION]) {
      for (let log10 = 18; log10 <= 27.0001; log10 += 0.05) {
        const flops = 10 ** log10;
        const optimum = computeOptimal(f, flops).params;
        const o = overtraining(f, flops, (optimum * 100) / 100);
        expect(o.small.params).toBeLessThanOrEqual(optimum);
        expect(o.trainingCostRatio).toBeCloseTo(1, 6);
      }
    }
    expect(() => overtraining(fit, budget, opt.params * 1.001)).toThrow(RangeError);
  });
  it("with no inference demand the inference-aware optimum is the Chinchilla optimum; with demand it is smaller and trained longer", () => {
    const loss = parametricLoss(fit, opt.params, opt.tokens);
    const none = inferenceAwareOptimal(fit, loss, 0);
    expect(none.params / opt.params).toBeCloseTo(1, 4);
    const heavy = inferenceAwareOptimal(fit, loss, 1e14);
    expect(heavy.params).toBeLessThan(opt.params);
    expect(heavy.tokensPerParam).toBeGreaterThan(opt.tokensPerParam);
    expect(heavy.totalFlops).toBeLessThan(budget + 2 * opt.params * 1e14);
  });
});

describe("repeated data (Muennighoff et al. 2023)", () => {
  it("one epoch is worth its tokens; more epochs are worth less each, never more than U·(1 + R*_D)", () => {
    expect(effectiveRepeatedTokens(1e11, 1)).toBe(1e11);
    const four = effectiveRepeatedTokens(1e11, 4);
    expect(four).toBeLessThan(4e11);
    expect(four).toBeGreaterThan(3.5e11); // "up to 4 epochs … negligible changes to loss" (Sec 1)
    expect(effectiveRepeatedTokens(1e11, 1e6) / (1e11 * (1 + 15.4))).toBeCloseTo(1, 9);
    expect(effectiveRepeatedTokens(1e11, 40) / (1e11 * (1 + 15.4))).toBeLessThan(1);
  });
  it("excess parameters decay faster (R*_N = 5.3 < R*_D = 15.4)", () => {
    expect(effectiveParams(1e9, 1e9)).toBe(1e9);
    expect(effectiveParams(4e9, 1e9) / 4e9).toBeLessThan(effectiveRepeatedTokens(1e9, 4) / 4e9);
  });
});

describe("Kaplan et al. 2020", () => {
  it("L(N, D) tends to L(N) = (N_c/N)^α_N with unlimited data", () => {
    const n = 1e9;
    expect(kaplanLoss(n, 1e30)).toBeCloseTo((KAPLAN_2020.nC / n) ** KAPLAN_2020.alphaN, 6);
  });
  it("falls with more parameters and more data", () => {
    expect(kaplanLoss(2e9, 1e11)).toBeLessThan(kaplanLoss(1e9, 1e11));
    expect(kaplanLoss(1e9, 2e11)).toBeLessThan(kaplanLoss(1e9, 1e11));
  });
});
