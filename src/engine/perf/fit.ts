// Fitting the step-time model's one free constant (calibration.ts HBM_EFFICIENCY) to the
// published per-layer timing it is fitted on, so the fit is reproducible and tested.
import type {GpuSpec, ModelSpec} from "../types.js";
import {LAYER_SLOTS, Slot, layerCost, layerInvariants} from "./layerCost.js";
import {GEMM_WAVE_SMS, HBM_EFFICIENCY} from "./calibration.js";
import {waveEfficiency} from "./gemm.js";
import type {CalibrationOverrides} from "./layerCost.js";

/**
 * The 22B GPT of Korthikanti et al. 2022 (arXiv 2205.05198), Table 3: 64 heads, hidden 6144,
 * 48 layers, sequence 2048, vocabulary 51,200 (Sec 6), GELU MLP of 4h (Sec 3), learned positions
 * and tied embeddings (Sec 3).
 */
export const KORTHIKANTI_22B: ModelSpec = {
  params: 22e9,
  layers: 48,
  dModel: 6144,
  heads: 64,
  vocab: 51200,
  seqLen: 2048,
  ffnKind: "gelu",
  tiedEmbeddings: true,
  positionEmbedding: "learned"
};

/** Korthikanti et al. 2022 Table 4 (A100, tp 8, micro-batch 4; Table 3), milliseconds. */
export const KORTHIKANTI_TABLE4 = [
  {experiment: "Baseline no recompute", sequenceParallel: false, recompute: "none", forwardMs: 7.7, backwardMs: 11.9},
  {experiment: "Sequence Parallelism", sequenceParallel: true, recompute: "none", forwardMs: 7.2, backwardMs: 11.8},
  {experiment: "Baseline with recompute", sequenceParallel: false, recompute: "full", forwardMs: 7.7, backwardMs: 19.5},
  {experiment: "Selective Recompute", sequenceParallel: false, recompute: "selective", forwardMs: 7.7, backwardMs: 13.2},
  {experiment: "Selective + Sequence", sequenceParallel: true, recompute: "selective", forwardMs: 7.2, backwardMs: 13.1}
] as const;

/** Modelled forward and backward time (seconds) of one 22B layer for a Table 4 experiment. */
export function korthikantiLayerSeconds(
  gpu: GpuSpec,
  row: (typeof KORTHIKANTI_TABLE4)[number],
  overrides: CalibrationOverrides = {}
): {forward: number; backward: number} {
  const inv = layerInvariants(KORTHIKANTI_22B, gpu, "bf16-master-fp32", overrides);
  const c = layerCost(inv, 8, 1, 1, 4, row.sequenceParallel, false, new Float64Array(LAYER_SLOTS));
  const at = (s: Slot): number => c[s] as number;
  const forward = at(Slot.GemmF) + at(Slot.AttnF) + at(Slot.EltF) + at(Slot.TpF);
  const rec = row.recompute === "full" ? forward : row.recompute === "selective" ? at(Slot.Selective) : 0;
  const backward = at(Slot.GemmB) + at(Slot.AttnB) + at(Slot.EltB) + at(Slot.TpB) + rec;
  return {forward, backward};
}

/**
 * The matmul efficiency (fraction of peak) and HBM efficiency at which the modelled forward and
 * backward times of Table 4's "Baseline no recompute" row equal the published 7.7 ms and 11.9 ms:
 * least squares of the relative errors over a grid of step 0.001 (the two equations are solved
 * exactly where a solution exists).
 */
export function fitLayerEfficiencies(a100: GpuSpec): {matmulEfficiency: number; hbmEfficiency: number; forwardMs: number; backwardMs: number} {
  const row = KORTHIKANTI_TABLE4[0];
  // One matmul rate for the whole layer, as fitted before the wave model (GEMM_WAVE_SMS) existed:
  // it stays the fraction the chips without a wave model use (TRAINING_MATMUL_FRACTION).
  const err = (mm: number, hbm: number): number => {
    const t = korthikantiLayerSeconds(a100, row, {matmulEfficiency: mm, hbmEfficiency: hbm, gemmWaveSms: 0});
    return (t.forward * 1e3 / row.forwardMs - 1) ** 2 + (t.backward * 1e3 / row.backwardMs - 1) ** 2;
  };
  let best = {mm: 0, hbm: 0, e: Infinity};
  const search = (mm0: number, mm1: number, h0: number, h1: number, step: number): void => {
    for (let mm = mm0; mm <= mm1 + 1e-12; mm += step) {
      for (let hbm = h0; hbm <= h1 + 1e-12; hbm += step) {
        const e = err(mm, hbm);
        if (e < best.e) best = {mm, hbm, e};
      }
    }
  };
  search(0.3, 1, 0.3, 1, 0.01);
  const {mm, hbm} = best;
  search(Math.max(0.01, mm - 0.01), mm + 0.01, Math.max(0.01, hbm - 0.01), hbm + 0.01, 0.001);
  const t = korthikantiLayerSeconds(a100, row, {matmulEfficiency: best.mm, hbmEfficiency: best.hbm, gemmWaveSms: 0});
  return {matmulEfficiency: best.mm, hbmEfficiency: best.hbm, forwardMs: t.forward * 1e3, backwardMs: t.backward * 1e3};
}

/**
 * The same row with each weight GEMM under the A100's tile and wave quantization (gemm.ts
 * waveEfficiency, calibration.ts GEMM_WAVE_SMS): the full-wave matmul rate (fraction of peak) at
 * which the modelled layer takes 7.7 ms forward and 11.9 ms backward, least squares of the two
 * relative errors over a grid of step 0.0005, with the HBM efficiency held at `hbmEfficiency`
 * (the two-constant fit above: with the wave model the two equations barely tell the matmul and
 * HBM rates apart, 0.77–0.84 fit alike, so the HBM rate every chip uses is kept).
 */
export function fitFullWaveMatmulEfficiency(a100: GpuSpec, hbmEfficiency = HBM_EFFICIENCY): {matmulEfficiency: number; forwardMs: number; backwardMs: number} {
  const row = KORTHIKANTI_TABLE4[0];
  const sms = GEMM_WAVE_SMS[a100.id];
  if (sms === undefined) throw new RangeError(`fitFullWaveMatmulEfficiency: no wave model for ${a100.id}`);
  const at = (mm: number): {forward: number; backward: number} => korthikantiLayerSeconds(a100, row, {matmulEfficiency: mm, hbmEfficiency, gemmWaveSms: sms});
  let best = {mm: NaN, e: Infinity};
  for (let i = 600; i <= 2000; i++) {
    const mm = i * 0.0005;
    const t = at(mm);
    const e = (t.forward * 1e3 / row.forwardMs - 1) ** 2 + (t.backward * 1e3 / row.backwardMs - 1) ** 2;
    if (e < best.e) best = {mm, e};
  }
  const t = at(best.mm);
  return {matmulEfficiency: best.mm, forwardMs: t.forward * 1e3, backwardMs: t.backward * 1e3};
}

/**
 * FLOP-weighted tile and wave efficiency (total FLOPs ÷ Σ FLOPs/efficiency) of the Table 4 layer's
 * weight GEMMs (QKV, projection, MLP up and down; forward, input and weight gradients) on `sms`
 * SMs: how far below its full-wave rate the fitted layer ran.
 */
export function fitLayerWaveEfficiency(sms: number): number {
  const {dModel: h} = KORTHIKANTI_22B;
  const tp = 8;
  const T = 4 * KORTHIKANTI_22B.seqLen;
  let flops = 0;
  let weighted = 0;
  for (const [m, n, k] of [[T, (3 * h) / tp, h], [T, h, h / tp], [T, (4 * h) / tp, h], [T, h, (4 * h) / tp]] as const) {
    for (const [a, b, c] of [[m, n, k], [m, k, n], [k, n, m]] as const) {
      const f = 2 * a * b * c;
      flops += f;
      weighted += f / waveEfficiency(a, b, sms);
    }
  }
  return flops / weighted;
}
