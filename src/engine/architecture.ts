// Derived architecture quantities with their documented defaults.
import type {ModelSpec} from "./types.js";

/** Key/value heads: `kvHeads`, or `heads` (multi-head attention) when absent. */
export function kvHeadsOf(model: ModelSpec): number {
  return model.kvHeads ?? model.heads;
}

/**
 * Whether tensor parallelism of degree `tp` can split the key/value heads: evenly (kvHeads % tp = 0)
 * or by replicating them, each rank holding one KV head when tp is a multiple of kvHeads. PaLM
 * trained multi-query attention (one KV head) with 12-way model parallelism (Chowdhery et al.
 * 2022, arXiv 2204.02311, Sec 2 "Multi-Query Attention" and Sec 4), which replicates the shared
 * K/V projection on every rank.
 */
export function tpSplitsKvHeads(model: ModelSpec, tp: number): boolean {
  const kv = kvHeadsOf(model);
  return kv % tp === 0 || tp % kv === 0;
}

/** KV heads each tensor-parallel rank computes: kvHeads/tp, or 1 where they are replicated (tpSplitsKvHeads). */
export function kvHeadsPerRank(model: ModelSpec, tp: number): number {
  return Math.max(1, kvHeadsOf(model) / tp);
}

/**
 * Width per attention head: `headDim` where the model sets it apart from the residual width (Gemma:
 * 256 with dModel 3072 and 16 heads; Qwen3 and Mistral NeMo: 128), else dModel / heads (Vaswani et
 * al. 2017, Sec 3.2.2).
 */
export function headDimOf(model: ModelSpec): number {
  return model.headDim ?? model.dModel / model.heads;
}

/**
 * Width of the queries and of the attention output that feeds the output projection, standard
 * attention: heads · headDim (= dModel unless `headDim` is set apart from it). Latent attention's
 * widths are qkHeadDimOf and vHeadDimOf per head.
 */
export function attentionWidthOf(model: ModelSpec): number {
  return model.heads * headDimOf(model);
}

/**
 * Feed-forward hidden size: `ffnDim`, else 4·dModel for GELU (Vaswani et al. 2017 Sec 3.3;
 * Radford et al. 2019) or 8/3·dModel for SwiGLU, which keeps the parameter count of the
 * 4·dModel GELU block (Shazeer 2020, "GLU Variants Improve Transformer", Sec 2; Touvron et al.
 * 2023, LLaMA, Sec 2.2: "2/3·4d").
 */
export function ffnDimOf(model: ModelSpec): number {
  if (model.ffnDim !== undefined) return model.ffnDim;
  return (model.ffnKind ?? "gelu") === "swiglu" ? (8 / 3) * model.dModel : 4 * model.dModel;
}

/** Shared experts of each MoE layer: `sharedExperts`, 0 when absent and on a dense model. */
export function sharedExpertsOf(model: ModelSpec): number {
  return model.experts ? (model.sharedExperts ?? 0) : 0;
}

/**
 * Layers whose FFN is one dense block `ffnDim` wide: the leading `denseLayers` of a MoE model
 * (default 0), every layer of a dense model.
 */
export function denseLayersOf(model: ModelSpec): number {
  return model.experts ? (model.denseLayers ?? 0) : model.layers;
}

/** Layers whose FFN is a mixture of experts: layers − denseLayersOf. */
export function moeLayersOf(model: ModelSpec): number {
  return model.layers - denseLayersOf(model);
}

/** Hidden width of one expert's FFN: `expertFfnDim`, else ffnDimOf (Mixtral, DBRX: one width). */
export function expertFfnDimOf(model: ModelSpec): number {
  return model.expertFfnDim ?? ffnDimOf(model);
}

/**
 * FFN hidden width a token passes through, averaged over the layers: ffnDim in a dense layer,
 * (routed per token + shared) × expertFfnDim in a MoE layer. Layers × this is exact; a pipeline
 * stage is charged its share of the layers at this average (the dense layers lead, so the first
 * stage of a DeepSeek-style model holds more of them than its share).
 */
export function activeFfnWidthOf(model: ModelSpec): number {
  if (!model.experts) return ffnDimOf(model);
  const moeWidth = (model.experts.active + sharedExpertsOf(model)) * expertFfnDimOf(model);
  return (denseLayersOf(model) * ffnDimOf(model) + moeLayersOf(model) * moeWidth) / model.layers;
}

/** Width per head of the query–key product: qkNopeHeadDim + qkRopeHeadDim under latent attention, else headDimOf. */
export function qkHeadDimOf(model: ModelSpec): number {
  const mla = model.latentAttention;
  return mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : headDimOf(model);
}

/** Width per head of the values (and the attention output): vHeadDim under latent attention, else headDimOf. */
export function vHeadDimOf(model: ModelSpec): number {
  return model.latentAttention?.vHeadDim ?? headDimOf(model);
}

/** Weights of one layer's attention, by kind. */
export interface AttentionWeights {
  /** Matrix weights (2 FLOPs each per token forward). */
  matmul: number;
  /** Norm scale vectors inside the attention (latent attention's q and kv norms); 0 otherwise. */
  norms: number;
}

/**
 * Weights of one layer's attention. Standard: Q and output projections dModel × heads·headDim
 * (dModel² unless headDim is set apart), K and V dModel × kvHeads·headDim (GQA, Ainslie et al. 2023). Latent attention, as DeepSeek-V3's
 * inference/model.py class MLA builds it (github.com/deepseek-ai/DeepSeek-V3, 2024-12-26):
 * wq_a dModel×qLoraRank, q_norm, wq_b qLoraRank × heads·(nope+rope) (or one wq dModel × heads·(nope+rope)
 * when qLoraRank is 0), wkv_a dModel × (kvLoraRank+rope), kv_norm, wkv_b kvLoraRank ×
 * heads·(nope+v), wo heads·v × dModel. DeepSeek-V3's config gives 187.1 M a layer where
 * 4·dModel² would give 205.5 M; DeepSeek-V2's 149.2 M where 4·dModel² gives 104.9 M.
 */
export function attentionWeightsOf(model: ModelSpec): AttentionWeights {
  const d = model.dModel;
  const mla = model.latentAttention;
  if (!mla) return {matmul: 2 * d * attentionWidthOf(model) + 2 * d * kvHeadsOf(model) * headDimOf(model), norms: 0};
  const h = model.heads;
  const qk = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  const query = mla.qLoraRank > 0 ? d * mla.qLoraRank + mla.qLoraRank * h * qk : d * h * qk;
  const keyValue = d * (mla.kvLoraRank + mla.qkRopeHeadDim) + mla.kvLoraRank * h * (mla.qkNopeHeadDim + mla.vHeadDim);
  return {matmul: query + keyValue + h * mla.vHeadDim * d, norms: mla.qLoraRank + mla.kvLoraRank};
}

/**
 * Latent attention's up-projection weights (wq_b, or nothing when queries are full-rank, and
 * wkv_b), 0 for standard attention. Under selective recomputation the engine recomputes them with
 * the attention core (memory.ts layerActivationBytes), as DeepSeek-V3 trained ("we recompute all
 * RMSNorm operations and MLA up-projections during back-propagation", DeepSeek-V3 Technical
 * Report, arXiv 2412.19437, Sec 3.2.3) and as Megatron-Core's selective granularity does with
 * recompute_modules "mla_up_proj" (megatron/core/transformer/transformer_config.py: "recompute the
 * MLA up projection and RoPE applying parts"; NVIDIA's Megatron-Bridge DeepSeek-V3 recipes set it).
 */
export function latentUpProjectionWeightsOf(model: ModelSpec): number {
  const mla = model.latentAttention;
  if (!mla) return 0;
  const query = mla.qLoraRank > 0 ? mla.qLoraRank * model.heads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim) : 0;
  return query + mla.kvLoraRank * model.heads * (mla.qkNopeHeadDim + mla.vHeadDim);
}
