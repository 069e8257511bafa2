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
  ffn_dim: number;
  ffn_kind: "gelu" | "swiglu";
  vocab: number;
  seq_len: number;
  tied_embeddings: boolean | null;
  position_embedding: "learned" | "rotary" | "relative";
  experts_total: number | null;
  experts_active: number | null;
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
  if (r.tied_embeddings !== null) spec.tiedEmbeddings = r.tied_embeddings;
  // Relative position encodings carry no seq_len × d_model table; the engine's "rotary" means "none".
  spec.positionEmbedding = r.position_embedding === "learned" ? "learned" : "rotary";
  if (r.active_params_billions !== null) spec.activeParams = r.active_params_billions * BILLION;
  if (r.experts_total !== null && r.experts_active !== null) spec.experts = {total: r.experts_total, active: r.experts_active};
  return spec;
}

/** Reported training tokens of a row, or null when undisclosed. */
export function trainingTokens(r: ModelRecord): number | null {
  return r.training_tokens_billions === null ? null : r.training_tokens_billions * BILLION;
}
