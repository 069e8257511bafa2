import {describe, expect, it} from "vitest";
import {
  GEMM_WAVE_SMS,
  HBM_EFFICIENCY,
  KORTHIKANTI_TABLE4,
  MATMUL_EFFICIENCY,
  TRAINING_MATMUL_FRACTION,
  TRAINING_MATMUL_FRACTION_FULL_WAVES,
  fitFullWaveMatmulEfficiency,
  fitLayerEfficiencies,
  fitLayerWaveEfficiency,
  korthikantiLayerSeconds,
  matmulEfficiency
} from "../../../src/engine/index.js";
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

describe("the same row under the A100's tile and wave quantization (gemm.ts waveEfficiency)", () => {
  const mamf = MATMUL_EFFICIENCY["a100-sxm4-80gb"]!.bf16!;
  const full = fitFullWaveMatmulEfficiency(a100);
  it("the stored full-wave fraction is the fit's result, and the engine's A100 bf16 rate is it", () => {
    expect(full.matmulEfficiency / mamf).toBeCloseTo(TRAINING_MATMUL_FRACTION_FULL_WAVES, 2);
    expect(matmulEfficiency(a100, "bf16-master-fp32")).toBeCloseTo(mamf * TRAINING_MATMUL_FRACTION_FULL_WAVES, 6);
  });
  it("fits both published times within 0.5% with the HBM efficiency held", () => {
    expect(Math.abs(full.forwardMs / 7.7 - 1)).toBeLessThan(0.005);
    expect(Math.abs(full.backwardMs / 11.9 - 1)).toBeLessThan(0.005);
  });
  it("is the layer-average fit divided by the layer's FLOP-weighted wave efficiency (0.908): the two fits agree, so chips without a wave model keep TRAINING_MATMUL_FRACTION", () => {
    const wave = fitLayerWaveEfficiency(GEMM_WAVE_SMS["a100-sxm4-80gb"]!);
    expect(wave).toBeCloseTo(0.908, 3);
    expect(Math.abs((TRAINING_MATMUL_FRACTION_FULL_WAVES * wave) / TRAINING_MATMUL_FRACTION - 1)).toBeLessThan(0.005);
  });
  it("refuses a chip without a wave model", () => {
    expect(() => fitFullWaveMatmulEfficiency(gpu("h100-sxm5-80gb"))).toThrow(RangeError);
  });
});
