// Derived architecture quantities with their documented defaults.
import type {ModelSpec} from "./types.js";

/** Key/value heads: `kvHeads`, or `heads` (multi-head attention) when absent. */
export function kvHeadsOf(model: ModelSpec): number {
  return model.kvHeads ?? model.heads;
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
