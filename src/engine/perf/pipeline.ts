// Pipeline-parallel schedule arithmetic.

/**
 * Bubble time as a fraction of the ideal (bubble-free) pipeline time for 1F1B with `stages`
 * pipeline stages, `microbatches` micro-batches per pipeline per step and `virtualStages` model
 * chunks per GPU (interleaved 1F1B): (p − 1) / (m · v).
 * Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using
 * Megatron-LM" (arXiv 2104.04473), Sec 2.2.1 (bubble fraction (p−1)/m) and Sec 2.2.2
 * (interleaved schedule reduces it by the number of chunks v).
 */
export function bubbleFraction(stages: number, microbatches: number, virtualStages = 1): number {
  if (!(stages >= 1 && microbatches >= 1 && virtualStages >= 1)) {
    throw new RangeError(`bubbleFraction needs stages, microbatches, virtualStages ≥ 1 (got ${stages}, ${microbatches}, ${virtualStages})`);
  }
  return (stages - 1) / (microbatches * virtualStages);
}

/**
 * Point-to-point sends on one stage's critical path per step: each micro-batch's activation goes
 * forward and its gradient backward across each of the v chunk boundaries, and in interleaved
 * 1F1B there are v times as many of them (Narayanan et al. 2021, Sec 2.2.2: "the amount of
 * communication also increases by v"). Zero with one stage.
 */
export function pipelineSendsPerStep(stages: number, microbatches: number, virtualStages = 1): number {
  return stages <= 1 ? 0 : 2 * microbatches * virtualStages;
}
