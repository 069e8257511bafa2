// Fitting the step-time model's one free constant (calibration.ts HBM_EFFICIENCY) to the
// published per-layer timing it is fitted on, so the fit is reproducible and tested.
import type {GpuSpec, ModelSpec} from "../types.js";
import {LAYER_SLOTS, Slot, layerCost, layerInvariants} from "./layerCost.js";

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
  hbmEfficiency?: number
): {forward: number; backward: number} {
  const inv = layerInvariants(KORTHIKANTI_22B, gpu, "bf16-master-fp32", hbmEfficiency === undefined ? {} : {hbmEfficiency});
  const c = layerCost(inv, 8, 1, 1, 4, row.sequenceParallel, false, new Float64Array(LAYER_SLOTS));
  const at = (s: Slot): number => c[s] as number;
  const forward = at(Slot.GemmF) + at(Slot.AttnF) + at(Slot.EltF) + at(Slot.TpF);
  const rec = row.recompute === "full" ? forward : row.recompute === "selective" ? at(Slot.Selective) : 0;
  const backward = at(Slot.GemmB) + at(Slot.AttnB) + at(Slot.EltB) + at(Slot.TpB) + rec;
  return {forward, backward};
}

/**
 * HBM efficiency at which the modelled forward time of Table 4's "Baseline no recompute" row
 * equals the published 7.7 ms (bisection; the forward time falls monotonically with it).
 */
export function fitHbmEfficiency(a100: GpuSpec): number {
  const row = KORTHIKANTI_TABLE4[0];
  const target = row.forwardMs / 1000;
  let lo = 0.05;
  let hi = 1;
  if (korthikantiLayerSeconds(a100, row, hi).forward > target) return hi;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (korthikantiLayerSeconds(a100, row, mid).forward > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
