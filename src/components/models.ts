// Turns a row of data/models.csv (human units: billions) into the engine's SI ModelSpec.
import type {ModelSpec} from "../engine/types.js";

/** A row of data/models.csv as the loaders produce it (nulls for blanks). */
export interface ModelRecord {
  id: string;
  name: string;
  org: string;
  year: number;
  params_billions: number;
  active_params_billions: number | null;
  layers: number;
  d_model: number;
  heads: number;
  kv_heads: number;
  head_dim: number | null;
  ffn_dim: number;
  ffn_kind: "gelu" | "swiglu";
  vocab: number;
  seq_len: number;
  tied_embeddings: boolean | null;
  position_embedding: "learned" | "rotary" | "relative";
  experts_total: number | null;
  experts_active: number | null;
  shared_experts: number | null;
  dense_layers: number | null;
  expert_ffn_dim: number | null;
  q_lora_rank: number | null;
  kv_lora_rank: number | null;
  qk_nope_head_dim: number | null;
  qk_rope_head_dim: number | null;
  v_head_dim: number | null;
  training_tokens_billions: number | null;
  batch_tokens_millions: number | null;
  training_run_id: string | null;
  source: string;
  source_date: string;
  notes: string | null;
}

const BILLION = 1e9;

export function modelSpecFromRecord(r: ModelRecord): ModelSpec {
  const spec: ModelSpec = {
    params: r.params_billions * BILLION,
    layers: r.layers,
    dModel: r.d_model,
    heads: r.heads,
    kvHeads: r.kv_heads,
    ffnDim: r.ffn_dim,
    ffnKind: r.ffn_kind,
    vocab: r.vocab,
    seqLen: r.seq_len
  };
  if (r.head_dim !== null) spec.headDim = r.head_dim;
  if (r.tied_embeddings !== null) spec.tiedEmbeddings = r.tied_embeddings;
  // Relative position encodings carry no seq_len × d_model table; the engine's "rotary" means "none".
  spec.positionEmbedding = r.position_embedding === "learned" ? "learned" : "rotary";
  if (r.active_params_billions !== null) spec.activeParams = r.active_params_billions * BILLION;
  if (r.experts_total !== null && r.experts_active !== null) {
    spec.experts = {total: r.experts_total, active: r.experts_active};
    if (r.shared_experts !== null) spec.sharedExperts = r.shared_experts;
    if (r.dense_layers !== null) spec.denseLayers = r.dense_layers;
    if (r.expert_ffn_dim !== null) spec.expertFfnDim = r.expert_ffn_dim;
  }
  if (r.kv_lora_rank !== null && r.q_lora_rank !== null && r.qk_nope_head_dim !== null && r.qk_rope_head_dim !== null && r.v_head_dim !== null) {
    spec.latentAttention = {qLoraRank: r.q_lora_rank, kvLoraRank: r.kv_lora_rank, qkNopeHeadDim: r.qk_nope_head_dim, qkRopeHeadDim: r.qk_rope_head_dim, vHeadDim: r.v_head_dim};
  }
  return spec;
}

/** Reported training tokens of a row, or null when undisclosed. */
export function trainingTokens(r: ModelRecord): number | null {
  return r.training_tokens_billions === null ? null : r.training_tokens_billions * BILLION;
}
