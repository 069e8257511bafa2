// Parameter count of a decoder-only transformer from its architecture.
import type {ModelSpec} from "./types.js";
import {ffnDimOf, headDimOf, kvHeadsOf} from "./architecture.js";

/** Parameters by where they live. `total` counts every expert; `active` those a token uses. */
export interface ParameterCount {
  total: number;
  active: number;
  /** Input token embedding, vocab × dModel. */
  embedding: number;
  /** Output (unembedding) matrix; 0 when tied to the input embedding. */
  output: number;
  /** Per layer: attention projections, norms and router (everything but the FFN experts). */
  perLayerShared: number;
  /** Per layer: FFN weights of all experts (the whole FFN for a dense model). */
  perLayerFfn: number;
  /** Per layer: FFN weights of the experts one token is routed to. */
  perLayerFfnActive: number;
  /** Final norm. */
  finalNorm: number;
}

/**
 * Counts weights from the architecture: Q and output projections d×d, K and V d×(kvHeads·headDim)
 * (GQA, Ainslie et al. 2023), FFN 2·d·f (GELU) or 3·d·f (SwiGLU, Shazeer 2020) per expert, a
 * d×E router per MoE layer (Fedus et al. 2021 Sec 2.1), two norm weight vectors per layer
 * (RMSNorm scale; LayerNorm biases and linear biases are ignored: < 0.01% at these sizes),
 * a final norm, the token embedding, and an untied output matrix unless `tiedEmbeddings`.
 * Learned absolute position embeddings (GPT-2/3: seqLen × dModel) are counted when
 * `positionEmbedding` is "learned". Reproduces Llama 2 7B's 6.74B and Mixtral 8x7B's 46.7B/12.9B
 * (tests/engine/flops.test.ts).
 */
export function parameterCount(model: ModelSpec): ParameterCount {
  const d = model.dModel;
  const kvDim = kvHeadsOf(model) * headDimOf(model);
  const f = ffnDimOf(model);
  const matrices = (model.ffnKind ?? "gelu") === "swiglu" ? 3 : 2;
  const perExpert = matrices * d * f;
  const expertsTotal = model.experts?.total ?? 1;
  const expertsActive = model.experts?.active ?? 1;
  const router = model.experts ? d * model.experts.total : 0;
  const perLayerShared = 2 * d * d + 2 * d * kvDim + 2 * d + router;
  const perLayerFfn = expertsTotal * perExpert;
  const perLayerFfnActive = expertsActive * perExpert;
  const positions = model.positionEmbedding === "learned" ? model.seqLen * d : 0;
  const embedding = model.vocab * d + positions;
  const output = model.tiedEmbeddings ? 0 : model.vocab * d;
  const finalNorm = d;
  const outside = embedding + output + finalNorm;
  return {
    total: outside + model.layers * (perLayerShared + perLayerFfn),
    active: outside + model.layers * (perLayerShared + perLayerFfnActive),
    embedding,
    output,
    perLayerShared,
    perLayerFfn,
    perLayerFfnActive,
    finalNorm
  };
}
