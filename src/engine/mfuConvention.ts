// Which attention FLOPs an MFU counts. The engine, like PaLM (Chowdhery et al. 2022, Appendix B:
// 6N + 12·L·H·Q·T) and Megatron-LM (Narayanan et al. 2021, Eq 3), counts the full s × s
// attention matrix, and so do the published MFUs it is validated on (data/system_mfu.csv; flops.ts
// states the convention). A causal model computes only half of that matrix (FlashAttention skips
// the masked blocks), so at long sequences, where the attention core is most of the work, the
// full-matrix MFU runs far above the share of peak the matmuls actually deliver.
import type {ModelSpec} from "./types.js";
import {flopsPerToken} from "./flops.js";

/** Model FLOPs per token (MFU's numerator) counted over the causal half of the attention matrix ÷ over the full one. */
export function causalToFullFlopsRatio(model: ModelSpec): number {
  return flopsPerToken(model, {causalAttention: true}).modelFlops / flopsPerToken(model).modelFlops;
}

/**
 * The gap, in MFU points, at which a page says which attention FLOPs its MFU counts: 5 points, the
 * band the engine's own MFU predictions are held to (the share of published rows within ±5 points,
 * `engine validate-mfu`). A convention that moves the figure by more than the engine's error must
 * be stated where the figure is shown.
 */
export const MFU_CONVENTION_NOTE_POINTS = 0.05;

/**
 * One sentence for where an MFU is shown, or null when the full and causal counts differ by less
 * than MFU_CONVENTION_NOTE_POINTS. `mfu` counts the full matrix; `causalMfu` the causal half.
 */
export function mfuConventionNote(mfu: number, causalMfu: number): string | null {
  // Compared in whole hundredths of a point, so 0.50 − 0.45 (0.0499… in binary) counts as 5 points.
  if (!(Math.round((mfu - causalMfu) * 1e4) >= Math.round(MFU_CONVENTION_NOTE_POINTS * 1e4))) return null;
  const percent = (x: number) => `${Number((x * 100).toPrecision(2))}%`;
  return `counts the full attention matrix, as published MFUs do; the causal half this model computes is ${percent(causalMfu)} of peak`;
}
