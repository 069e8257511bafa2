// How a model is laid out over tensor (tp), pipeline (pp), data (dp), context (cp) and expert (ep)
// parallel ranks: the share of weights and layers each GPU holds, and pipeline micro-batches.
import type {ModelSpec, ParallelismSpec} from "./types.js";
import {parameterCount} from "./parameters.js";

/** Parameters held by one GPU on the most loaded pipeline stage, before ZeRO sharding. */
export interface StageParameters {
  /** Non-expert parameters on this GPU (split over tp). */
  dense: number;
  /** Expert FFN parameters on this GPU (split over ep·tp); 0 for dense models. */
  expert: number;
  /** Transformer layers on this stage (layers / pp). */
  layers: number;
}

/** Total GPUs of a layout: tp·pp·dp·cp (ep is carved out of the dp·cp ranks, as in Megatron-Core). */
export function gpuCountOf(parallelism: ParallelismSpec): number {
  return parallelism.tp * parallelism.pp * parallelism.dp * (parallelism.cp ?? 1);
}

/**
 * The per-GPU parameter share of the heaviest pipeline stage. The architecture gives the split
 * (embedding, per-layer, experts); the totals are scaled to `model.params` so a reported
 * parameter count wins over the architecture's when they differ slightly (e.g. biases).
 * The first stage holds the input embedding and the last the output matrix (a copy of the
 * embedding when tied; Narayanan et al. 2021, Megatron-LM, Sec 2.2 and the code's
 * "word embeddings on the last stage"); both hold layers/pp layers.
 */
export function stageParameters(model: ModelSpec, parallelism: ParallelismSpec): StageParameters {
  const count = parameterCount(model);
  const scale = model.params / count.total;
  const pp = parallelism.pp;
  const layers = Math.ceil(model.layers / pp);
  const moe = model.experts !== undefined;
  const ends =
    pp === 1
      ? count.embedding + count.output + count.finalNorm
      : Math.max(count.embedding, (model.tiedEmbeddings ? count.embedding : count.output) + count.finalNorm);
  const denseLayer = count.perLayerShared + (moe ? 0 : count.perLayerFfn);
  const dense = ((layers * denseLayer + ends) * scale) / parallelism.tp;
  const expert = moe ? (layers * count.perLayerFfn * scale) / (parallelism.tp * (parallelism.ep ?? 1)) : 0;
  return {dense, expert, layers};
}

/** Micro-batches per data-parallel rank per optimizer step, or null when the global batch is not given. */
export function microbatchesPerStep(parallelism: ParallelismSpec, seqLen: number): number | null {
  if (parallelism.globalBatchTokens === undefined) return null;
  return parallelism.globalBatchTokens / (seqLen * parallelism.microBatch * parallelism.dp);
}

/**
 * Micro-batches whose activations the first pipeline stage holds at its peak, counted in units
 * of "this stage's layers": pp under 1F1B (Narayanan et al. 2021 Sec 2.2; Korthikanti et al.
 * 2022 Sec 4.2.3), fewer when the step has fewer micro-batches, and × (1 + (p−1)/(p·m)) under the
 * interleaved schedule with m virtual stages per GPU (Korthikanti et al. 2022 Sec 4.2.3).
 */
export function microbatchesInFlight(parallelism: ParallelismSpec, seqLen: number): number {
  const pp = parallelism.pp;
  if (pp === 1) return 1;
  const perStep = microbatchesPerStep(parallelism, seqLen);
  const inFlight = perStep === null ? pp : Math.min(pp, Math.max(1, Math.ceil(perStep)));
  const m = parallelism.virtualStages ?? 1;
  return m > 1 ? inFlight * (1 + (pp - 1) / (pp * m)) : inFlight;
}
