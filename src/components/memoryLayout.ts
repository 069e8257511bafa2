// /memory's controls made into the engine's question: the model, its batch, and the layout the
// reader set (adjusted where the model cannot take it), and the same layout at each ZeRO stage for
// the chart "Where the memory goes". Pure: the page (src/memory.md) and its first view drawn at
// build time (scripts/firstViews/pages/memory.ts) both call it, so they cannot disagree.
import {memoryPerGpu} from "../engine/memory.js";
import type {ModelSpec, ParallelismSpec, Precision, Recompute, Stack, ZeroStage} from "../engine/types.js";
import type {MemoryBar} from "./memoryBreakdownChart.js";
import {pipelineStages} from "./memoryAdvice.js";
import {modelSpecFromRecord} from "./models.js";
import type {ModelRecord} from "./models.js";
import {DEFAULT_RUN, recomputeRefusal} from "./runOptions.js";

/** The layout controls of /memory, as numbers. */
export interface MemoryLayoutChoice {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  cp: number;
  zeroStage: ZeroStage;
  microBatch: number;
  recompute: Recompute;
  flashAttention: boolean;
}

/**
 * The layout /memory opens on: DEFAULT_RUN's (tensor 8 × pipeline 4, ZeRO-1, selective
 * recomputation, micro-batch 1) on 32 data-parallel ranks (1,024 GPUs), no expert or context
 * parallelism, flash attention on (Dao et al. 2022: what every current training stack runs).
 */
export const MEMORY_DEFAULT_LAYOUT: Readonly<MemoryLayoutChoice> = {
  tp: DEFAULT_RUN.tp,
  pp: DEFAULT_RUN.pp,
  dp: 32,
  ep: 1,
  cp: 1,
  zeroStage: DEFAULT_RUN.zeroStage,
  microBatch: DEFAULT_RUN.microBatch,
  recompute: DEFAULT_RUN.recompute,
  flashAttention: true
};

/**
 * Tokens per step when a model's batch is not published: 4M, Llama 2's (Touvron et al. 2023,
 * Sec 2.2), as on the calculator.
 */
const ASSUMED_BATCH_TOKENS = 4e6;

export interface MemoryLayout {
  model: ModelSpec;
  /** Tokens per step: the model's published batch (else 4M), in whole sequences. */
  batchTokens: number;
  /** The pipeline degree the model can take, and the sentence saying so when it was lowered. */
  stages: {pp: number; note: string | null};
  /** Why the chosen recomputation cannot be counted for this model (then selective is counted); null when it can. */
  recomputeNote: string | null;
  parallelism: ParallelismSpec;
}

/** The engine's layout for `record` with the reader's `choice`, adjusted where the model needs it. */
export function memoryLayout(record: ModelRecord, choice: MemoryLayoutChoice): MemoryLayout {
  const model = modelSpecFromRecord(record);
  const givenBatchTokens = record.batch_tokens_millions === null ? ASSUMED_BATCH_TOKENS : record.batch_tokens_millions * 1e6;
  const batchTokens = Math.max(1, Math.round(givenBatchTokens / model.seqLen)) * model.seqLen;
  const stages = pipelineStages(choice.pp, model.layers, record.name);
  // A mode the engine cannot count for this model (per-op on experts or latent attention) is shown as selective, and said so.
  const recomputeNote = recomputeRefusal(model, choice.recompute, record.name);
  const parallelism: ParallelismSpec = {
    tp: choice.tp,
    pp: stages.pp,
    dp: choice.dp,
    cp: choice.cp,
    // Expert parallelism only for a model with experts, and over no more ranks than it has experts.
    ep: record.experts_total === null ? 1 : Math.min(choice.ep, record.experts_total),
    zeroStage: choice.zeroStage,
    microBatch: choice.microBatch,
    recompute: recomputeNote === null ? choice.recompute : "selective",
    flashAttention: choice.flashAttention,
    globalBatchTokens: batchTokens
  };
  return {model, batchTokens, stages, recomputeNote, parallelism};
}

/** The chart's row for ZeRO stage `stage`: "ZeRO-1". */
export const zeroStageLabel = (stage: number): string => `ZeRO-${stage}`;

/** The same layout at each ZeRO stage, 0 to 3: the bars of /memory's "Where the memory goes". */
export function zeroStageBars(layout: Pick<MemoryLayout, "model" | "parallelism">, precision: Precision, stack: Stack): MemoryBar[] {
  return ([0, 1, 2, 3] as const).map((stage) => ({
    label: zeroStageLabel(stage),
    breakdown: memoryPerGpu({model: layout.model, parallelism: {...layout.parallelism, zeroStage: stage}, precision, stack})
  }));
}
