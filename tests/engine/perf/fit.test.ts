import {describe, expect, it} from "vitest";
import {HBM_EFFICIENCY, KORTHIKANTI_TABLE4, MATMUL_EFFICIENCY, TRAINING_MATMUL_FRACTION, fitLayerEfficiencies, korthikantiLayerSeconds} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const a100 = gpu("a100-sxm4-80gb");

describe("calibration fitted on Korthikanti et al. 2022 Table 4, row 'Baseline no recompute'", () => {
  const fit = fitLayerEfficiencies(a100);
  it("the stored constants are the fit's result (re-fit after changing the model)", () => {
    const mamf = MATMUL_EFFICIENCY["a100-sxm4-80gb"]!.bf16!;
    expect(fit.matmulEfficiency / mamf).toBeCloseTo(TRAINING_MATMUL_FRACTION, 2);
    expect(fit.hbmEfficiency).toBeCloseTo(HBM_EFFICIENCY, 2);
  });
  it("reproduces the fitted row: 22B layer, 7.7 ms forward and 11.9 ms backward", () => {
    const t = korthikantiLayerSeconds(a100, KORTHIKANTI_TABLE4[0]);
    expect(t.forward * 1e3).toBeCloseTo(7.7, 1);
    expect(t.backward * 1e3).toBeCloseTo(11.9, 1);
  });
  for (const row of KORTHIKANTI_TABLE4.slice(1)) {
    it(`predicts the held-out row "${row.experiment}" (${row.forwardMs} ms forward, ${row.backwardMs} ms backward) within 10%`, () => {
      const t = korthikantiLayerSeconds(a100, row);
      expect(Math.abs(t.forward * 1e3 / row.forwardMs - 1)).toBeLessThan(0.1);
      expect(Math.abs(t.backward * 1e3 / row.backwardMs - 1)).toBeLessThan(0.1);
    });
  }
});
