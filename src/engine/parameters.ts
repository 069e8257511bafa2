// Parameter count of a decoder-only transformer from its architecture.
import type {ModelSpec} from "./types.js";
import {attentionWeightsOf, denseLayersOf, expertFfnDimOf, ffnDimOf, moeLayersOf, sharedExpertsOf} from "./architecture.js";

/** Parameters by where they live. `total` counts every expert; `active` those a token uses. */
export interface ParameterCount {
  total: number;
  active: number;
  /** Input token embedding, vocab × dModel. */
  embedding: number;
  /** Output (unembedding) matrix; 0 when tied to the input embedding. */
  output: number;
  /**
   * Per layer: everything expert parallelism does not split: attention, norms, and on a MoE model
   * the router, shared experts and leading dense layers' FFNs (averaged over the layers).
   */
  perLayerShared: number;
  /** Per layer: FFN weights of all routed experts (averaged over the layers; the whole FFN for a dense model). */
  perLayerFfn: number;
  /** Per layer: FFN weights of the routed experts one token uses (averaged as perLayerFfn). */
  perLayerFfnActive: number;
  /** Final norm. */
  finalNorm: number;
}

/**
 * Counts weights from the architecture: attention (architecture.ts attentionWeightsOf: Q and output
 * projections d×d, K and V d×(kvHeads·headDim), GQA, Ainslie et al. 2023; or multi-head latent
 * attention), FFN 2·d·f (GELU) or 3·d·f (SwiGLU, Shazeer 2020) per expert, a d×E router per MoE
 * layer (Fedus et al. 2021 Sec 2.1), two norm weight vectors per layer (RMSNorm scale; LayerNorm
 * biases and linear biases are ignored: < 0.01% at these sizes), a final norm, the token
 * embedding, and an untied output matrix unless `tiedEmbeddings`. Learned absolute position
 * embeddings (GPT-2/3: seqLen × dModel) are counted when `positionEmbedding` is "learned".
 *
 * A MoE model's leading `denseLayers` hold one dense FFN ffnDim wide; its other layers hold the
 * router, `sharedExperts` experts every token uses, and the routed experts, each expertFfnDim
 * wide (DeepSeek-V3 inference/model.py: Block uses MLP(dim, inter_dim) for layer_id <
 * n_dense_layers, else MoE with a Gate of n_routed_experts × dim and shared_experts =
 * MLP(dim, n_shared_experts · moe_inter_dim)). The per-layer fields are then averages over the
 * layers (layers × each is exact). Shared experts, the router and dense FFNs sit in
 * perLayerShared: they are replicated over expert parallelism, as Megatron-Core holds them.
 *
 * Reproduces Llama 2 7B's 6.74B, Mixtral 8x7B's 46.7B/12.9B and DeepSeek-V3's 671B/37B
 * (tests/engine/flops.test.ts, tests/engine/parameters.test.ts).
 */
export function parameterCount(model: ModelSpec): ParameterCount {
  const d = model.dModel;
  const matrices = (model.ffnKind ?? "gelu") === "swiglu" ? 3 : 2;
  const attention = attentionWeightsOf(model);
  const attentionAndNorms = attention.matmul + attention.norms + 2 * d;
  const denseFfn = matrices * d * ffnDimOf(model);
  let perLayerShared: number;
  let perLayerFfn: number;
  let perLayerFfnActive: number;
  if (model.experts) {
    const perExpert = matrices * d * expertFfnDimOf(model);
    const moeShare = moeLayersOf(model) / model.layers;
    const denseShare = denseLayersOf(model) / model.layers;
    const router = d * model.experts.total;
    perLayerShared = attentionAndNorms + denseShare * denseFfn + moeShare * (router + sharedExpertsOf(model) * perExpert);
    perLayerFfn = moeShare * model.experts.total * perExpert;
    perLayerFfnActive = moeShare * model.experts.active * perExpert;
  } else {
    perLayerShared = attentionAndNorms;
    perLayerFfn = denseFfn;
    perLayerFfnActive = denseFfn;
  }
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
