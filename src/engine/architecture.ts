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

/** Per-head dimension dModel / heads (Vaswani et al. 2017, Sec 3.2.2). */
export function headDimOf(model: ModelSpec): number {
  return model.dModel / model.heads;
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
