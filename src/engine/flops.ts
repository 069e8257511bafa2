/**
 * The 6·N·D approximation of training compute: 2 FLOPs per parameter per token in the forward
 * pass and 4 in the backward pass. Kaplan et al. 2020, "Scaling Laws for Neural Language Models"
 * (arXiv 2001.08361), Sec 2.1, Eq 2.1 (C ≈ 6NBS); Hoffmann et al. 2022 (arXiv 2203.15556) Sec 3.
 */
export const FLOPS_PER_PARAM_PER_TOKEN = 6;

/** Training FLOPs ≈ 6 · params · tokens. */
export function approxTrainingFlops(params: number, tokens: number): number {
  return FLOPS_PER_PARAM_PER_TOKEN * params * tokens;
}
