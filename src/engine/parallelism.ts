// How a model is laid out over tensor (tp), pipeline (pp), data (dp), context (cp) and expert (ep)
// parallel ranks: the share of weights and layers each GPU holds, and pipeline micro-batches.
import type {ModelSpec, ParallelismSpec} from "./types.js";
import {parameterCount} from "./parameters.js";

/** One pipeline stage: its layers and the parameters one of its GPUs holds before ZeRO sharding. */
export interface StageShare {
  layers: number;
  /** Non-expert parameters (split over tp), with the embedding on the first stage and the output layer on the last. */
  dense: number;
  /** Expert FFN parameters (split over ep·tp). */
  expert: number;
}

/** Parameters held by one GPU on the most loaded pipeline stage, before ZeRO sharding. */
export interface StageParameters {
  /** Non-expert parameters on this GPU (split over tp). */
  dense: number;
  /** Expert FFN parameters on this GPU (split over ep·tp); 0 for dense models. */
  expert: number;
  /** Transformer layers on the most loaded stage: ceil(layers / pp) (see `pipelineSplit`). */
  layers: number;
  /** Transformer layers on the last stage, which also computes the output layer and the loss. */
  lastLayers: number;
}

/** `StageParameters` plus each kind of stage's own share (`stageLayout`), for the step-time model. */
export interface StageLayout extends StageParameters {
  /**
   * The kinds of stage whose data-parallel traffic can set the step (stepTime.ts): of the first,
   * a middle stage with ceil(layers/pp) layers (pp > 2) and the last, those not dominated by
   * another with at least as many parameters over no more layers (more parameters mean more
   * traffic, more layers more compute to hide it behind). With an even split this is the one
   * with the larger end (embedding or output layer). `dense` and `expert` above are the largest
   * of all stages'.
   */
  stages: StageShare[];
}

/** Transformer layers per pipeline stage under the split the engine assumes (`pipelineSplit`). */
export interface PipelineSplit {
  /** Layers on the most loaded stage: ceil(layers / pp). */
  heaviest: number;
  /** Layers on the first stage (which also holds the input embedding). */
  first: number;
  /** Layers on the last stage (which also holds the output layer and computes the loss). */
  last: number;
}

/**
 * How `layers` Transformer layers are split over `pp` pipeline stages. When pp divides layers
 * every stage holds layers/pp. Otherwise the r = layers mod pp extra layers go to middle stages
 * and the first and last stages keep floor(layers/pp), as Llama 3 does: "To balance the
 * pipeline, we reduce one Transformer layer each from the first and the last stages,
 * respectively" (Llama Team 2024, "The Llama 3 Herd of Models", arXiv 2407.21783, Sec 3.3.2,
 * "Pipeline parallelism improvements"; 126 layers on pp 16 = 7 + 14 × 8 + 7). Megatron-LM sets
 * such splits with --decoder-first-pipeline-num-layers / --decoder-last-pipeline-num-layers
 * ("The number of transformer layers on the first [last] pipeline stage of the decoder",
 * megatron/training/arguments.py). When only one stage can be lighter (pp − r = 1), it is the
 * last: it also computes the output layer and the loss, the first only an embedding lookup.
 * The step runs at the pace of the heaviest stage, so an uneven split leaves the lighter stages
 * idle for part of every micro-batch (stepTime.ts).
 */
export function pipelineSplit(layers: number, pp: number): PipelineSplit {
  if (!(Number.isInteger(layers) && Number.isInteger(pp) && pp >= 1 && layers >= pp)) {
    throw new RangeError(`pipelineSplit: needs whole numbers with layers ≥ pp ≥ 1 (every stage holds a layer), got layers ${layers}, pp ${pp}`);
  }
  const q = Math.floor(layers / pp);
  const extra = layers - q * pp;
  if (extra === 0) return {heaviest: q, first: q, last: q};
  return {heaviest: q + 1, first: pp - extra >= 2 ? q : q + 1, last: q};
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
 * "word embeddings on the last stage"); layers per stage follow `pipelineSplit`.
 * `dense` is the largest of the stages' dense shares (a middle stage with ceil(layers/pp)
 * layers, the first with its layers and the embedding, the last with its layers and the output
 * layer); `expert` is the expert share of ceil(layers/pp) layers. With an even split both are
 * those of the first or last stage, as before uneven splits were allowed. For an uneven split the
 * memory model (memory.ts) adds these largest shares to the heaviest stage's activations, an
 * upper bound when they sit on different stages.
 */
export function stageParameters(model: ModelSpec, parallelism: ParallelismSpec): StageParameters {
  const n = stageNumbers(model, parallelism);
  return {dense: n.dense, expert: n.expert, layers: n.layers, lastLayers: n.lastLayers};
}

/**
 * `stageParameters` and the share of each kind of stage: the only one when pp = 1, first and
 * last when pp = 2, first, a middle stage with ceil(layers/pp) layers and last otherwise, less
 * those another dominates (StageLayout.stages).
 */
export function stageLayout(model: ModelSpec, parallelism: ParallelismSpec): StageLayout {
  const n = stageNumbers(model, parallelism);
  let candidates: StageShare[];
  if (parallelism.pp === 1) candidates = [{layers: n.layers, dense: n.dense, expert: n.expert}];
  else {
    const first: StageShare = {layers: n.firstLayers, dense: n.firstDense, expert: n.firstExpert};
    const last: StageShare = {layers: n.lastLayers, dense: n.lastDense, expert: n.lastExpert};
    candidates = parallelism.pp === 2 ? [first, last] : [first, {layers: n.layers, dense: n.middleDense, expert: n.expert}, last];
  }
  return {dense: n.dense, expert: n.expert, layers: n.layers, lastLayers: n.lastLayers, stages: undominatedStages(candidates)};
}

/** The arithmetic behind stageParameters and stageLayout, done once. */
function stageNumbers(model: ModelSpec, parallelism: ParallelismSpec) {
  const count = parameterCount(model);
  const scale = model.params / count.total;
  const pp = parallelism.pp;
  const tp = parallelism.tp;
  const split = pipelineSplit(model.layers, pp);
  const layers = split.heaviest;
  const moe = model.experts !== undefined;
  const denseLayer = count.perLayerShared + (moe ? 0 : count.perLayerFfn);
  const expertDivisor = tp * (parallelism.ep ?? 1);
  const expert = moe ? (layers * count.perLayerFfn * scale) / expertDivisor : 0;
  if (pp === 1) {
    const dense = ((layers * denseLayer + (count.embedding + count.output + count.finalNorm)) * scale) / tp;
    return {dense, expert, layers, lastLayers: layers, firstLayers: layers, firstDense: dense, middleDense: dense, lastDense: dense, firstExpert: expert, lastExpert: expert};
  }
  const outputEnd = (model.tiedEmbeddings ? count.embedding : count.output) + count.finalNorm;
  const firstDense = ((split.first * denseLayer + count.embedding) * scale) / tp;
  const lastDense = ((split.last * denseLayer + outputEnd) * scale) / tp;
  const middleDense = (layers * denseLayer * scale) / tp;
  // The largest dense share. With an even split it is layers·denseLayer + max(embedding, output
  // layer), as before uneven splits were allowed (rounding is monotonic, so the maximum of the
  // per-stage values is bit for bit the value computed from the larger end).
  const dense = Math.max(firstDense, middleDense, lastDense);
  return {
    dense, expert, layers, lastLayers: split.last, firstLayers: split.first, firstDense, middleDense, lastDense,
    firstExpert: moe ? (split.first * count.perLayerFfn * scale) / expertDivisor : 0,
    lastExpert: moe ? (split.last * count.perLayerFfn * scale) / expertDivisor : 0
  };
}

/** Stages whose data-parallel traffic can be the longest: those no other stage dominates (see StageLayout.stages). */
function undominatedStages(candidates: StageShare[]): StageShare[] {
  const kept: StageShare[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const s = candidates[i] as StageShare;
    let dominated = false;
    for (let j = 0; j < candidates.length && !dominated; j++) {
      if (j === i) continue;
      const o = candidates[j] as StageShare;
      const oCoversS = o.dense >= s.dense && o.expert >= s.expert && o.layers <= s.layers;
      const sCoversO = s.dense >= o.dense && s.expert >= o.expert && s.layers <= o.layers;
      // Of two equal stages keep the first.
      dominated = oCoversS && (!sCoversO || j < i);
    }
    if (!dominated) kept.push(s);
  }
  return kept;
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
