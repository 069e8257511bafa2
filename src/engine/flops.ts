// Training FLOPs of a decoder-only transformer, counted from its architecture.
//
// Conventions (stated once, used everywhere):
// - A multiply-accumulate is 2 FLOPs; only matrix multiplications are counted (softmax, norms,
//   activations and the optimizer step are O(N) or O(s·h) and below 1% at LLM scale;
//   Kaplan et al. 2020, Sec 2.1, Table 1 makes the same choice).
// - The backward pass costs twice the forward pass (gradients with respect to activations and
//   to weights; Kaplan et al. 2020 Sec 2.1; Narayanan et al. 2021 Sec 5.1).
// - Attention scores (Q·Kᵀ) and attention over values are counted for the FULL s×s matrix by
//   default, as Narayanan et al. 2021 Eq (3) and PaLM (Chowdhery et al. 2022, Appendix B:
//   6N + 12·L·H·Q·T) do. `causalAttention: true` halves them (the work a causal FlashAttention
//   kernel actually does); reported MFUs use the full-matrix convention.
// - Logits (the output projection onto the vocabulary) are computed once per token and are never
//   recomputed (Narayanan et al. 2021 Eq (3): the V/16lh term carries a factor 3, not 4).
import type {ModelSpec, Recompute} from "./types.js";
import {parameterCount} from "./parameters.js";
import {activeFfnWidthOf, attentionWeightsOf, attentionWidthOf, ffnDimOf, headDimOf, kvHeadsOf, latentUpProjectionWeightsOf, moeLayersOf, qkHeadDimOf, vHeadDimOf} from "./architecture.js";

export {parameterCount} from "./parameters.js";
export type {ParameterCount} from "./parameters.js";

/**
 * The 6·N·D approximation of training compute: 2 FLOPs per parameter per token in the forward
 * pass and 4 in the backward pass. Kaplan et al. 2020, "Scaling Laws for Neural Language Models"
 * (arXiv 2001.08361), Sec 2.1, Eq 2.1 (C ≈ 6NBS); Hoffmann et al. 2022 (arXiv 2203.15556) Sec 3.
 */
export const FLOPS_PER_PARAM_PER_TOKEN = 6;

/** Backward pass ÷ forward pass FLOPs (Kaplan et al. 2020 Sec 2.1; Narayanan et al. 2021 Sec 5.1). */
export const BACKWARD_TO_FORWARD_RATIO = 2;

/** Training FLOPs ≈ 6 · params · tokens. */
export function approxTrainingFlops(params: number, tokens: number): number {
  return FLOPS_PER_PARAM_PER_TOKEN * params * tokens;
}

export interface FlopsOptions {
  /** Activation recomputation; adds forward FLOPs to the hardware count. Default "none". */
  recompute?: Recompute;
  /** Count only the causal half of the attention matrix. Default false (full matrix, as PaLM and Megatron count). */
  causalAttention?: boolean;
  /** Attention runs as a fused kernel (per-op recomputation keeps its output then). Default true. */
  flashAttention?: boolean;
}

/** Forward-pass FLOPs per token of one transformer layer, split by where they are spent. */
export interface LayerForwardFlops {
  /** Q, K, V and output projections. */
  attentionProjections: number;
  /** Q·Kᵀ scores and attention-weighted values: 4·s·dModel per token for the full matrix. */
  attentionCore: number;
  /** Feed-forward matmuls of the experts a token is routed to (all of it for dense models), plus the router. */
  ffn: number;
}

/** Training FLOPs per token, every part in FLOP/token. */
export interface FlopsPerToken {
  /** Forward pass, layers plus logits. */
  forward: number;
  /** Backward pass, 2 × forward. */
  backward: number;
  /** Extra forward work of activation recomputation (0 without recomputation). */
  recomputeExtra: number;
  /** forward + backward: the numerator of MFU (no recomputation; PaLM Appendix B). */
  modelFlops: number;
  /** modelFlops + recomputeExtra: the numerator of hardware FLOPs utilisation (HFU). */
  hardwareFlops: number;
  /** 6 · active parameters: the usual shortcut, for comparison. */
  approx6N: number;
  /** Forward FLOPs of the vocabulary projection. */
  logitsForward: number;
  /** Per-layer forward FLOPs (one layer). */
  layer: LayerForwardFlops;
}

/**
 * Forward FLOPs per token of one layer (see the conventions at the top of this file). On a MoE
 * model with leading dense layers or shared experts the FFN term is the average over the layers
 * (parameters.ts parameterCount), so layers × it is exact.
 */
export function layerForwardFlops(model: ModelSpec, options: FlopsOptions = {}): LayerForwardFlops {
  const d = model.dModel;
  // Q, K, V and output projections (or latent attention's down and up projections): 2 FLOPs a weight.
  const attentionProjections = 2 * attentionWeightsOf(model).matmul;
  // Scores: s keys × qkHeadDim per head; values: s × vHeadDim per head. 2 FLOPs per MAC. For
  // standard attention heads·headDim (= d unless headDim is set apart), so 2·2·s·d.
  const fullCore = 2 * model.seqLen * model.heads * (qkHeadDimOf(model) + vHeadDimOf(model));
  const attentionCore = options.causalAttention ? fullCore / 2 : fullCore;
  // GELU MLP has two d×f matrices; SwiGLU three (Shazeer 2020, "GLU Variants Improve Transformer", Eq 6).
  const matrices = (model.ffnKind ?? "gelu") === "swiglu" ? 3 : 2;
  // Router: one d×E matmul per token in each MoE layer (Fedus et al. 2021, Switch Transformer, Sec 2.1).
  const router = model.experts ? (2 * d * model.experts.total * moeLayersOf(model)) / model.layers : 0;
  return {attentionProjections, attentionCore, ffn: 2 * matrices * d * activeFfnWidthOf(model) + router};
}

/**
 * Exact (matmul) training FLOPs per token from the architecture, dense or MoE.
 *
 * Reduces to Narayanan et al. 2021 Eq (3) for a GPT (MHA, GELU, ffn = 4h) with full
 * recomputation: 96·B·s·l·h²·(1 + s/6h + V/16lh) per batch of B sequences; and to PaLM
 * Appendix B (6N + 12·L·H·Q·T) without recomputation.
 *
 * Recomputation (Korthikanti et al. 2022, Sec 5): full re-runs each layer's forward pass
 * (+1 forward of the layers); selective re-runs only the attention core (Q·Kᵀ, softmax, ·V), and
 * under latent attention the up-projections that feed it;
 * per-op (torchtitan's per-operation checkpointing, memory.ts perOpLayerActivationBytes) re-runs
 * the matmuls whose outputs its policy does not keep, the K, output and up (w3) projections
 * (2·h·kv + 2·h·h + 2·h·f a token a layer; with a GELU MLP its second matmul in place of w3), and, where attention does not run as a fused SDPA
 * kernel (no flash attention), the attention core too; its element-wise work is not counted here,
 * as no element-wise work is.
 */
export function flopsPerToken(model: ModelSpec, options: FlopsOptions = {}): FlopsPerToken {
  const layer = layerForwardFlops(model, options);
  const perLayer = layer.attentionProjections + layer.attentionCore + layer.ffn;
  const logitsForward = 2 * model.dModel * model.vocab;
  const forward = model.layers * perLayer + logitsForward;
  const backward = BACKWARD_TO_FORWARD_RATIO * forward;
  const recompute = options.recompute ?? "none";
  // Selective recomputation of a latent-attention model also re-runs the up-projections (architecture.ts latentUpProjectionWeightsOf).
  const selective = layer.attentionCore + 2 * latentUpProjectionWeightsOf(model);
  const recomputeExtra =
    recompute === "full"
      ? model.layers * perLayer
      : recompute === "selective"
        ? model.layers * selective
        : recompute === "per-op"
          ? model.layers * perOpRecomputeFlops(model, layer, options.flashAttention ?? true)
          : 0;
  const modelFlops = forward + backward;
  const activeParams = model.activeParams ?? (model.experts ? parameterCount(model).active : model.params);
  return {
    forward,
    backward,
    recomputeExtra,
    modelFlops,
    hardwareFlops: modelFlops + recomputeExtra,
    approx6N: FLOPS_PER_PARAM_PER_TOKEN * activeParams,
    logitsForward,
    layer
  };
}

/**
 * Whether per-op recomputation is worked out for this model: dense blocks with standard attention
 * (Q, K, V and output projections), the layout torchtitan's policy was read on (memory.ts
 * perOpLayerActivationBytes). validateSpec refuses the mode otherwise; the planners do not offer it.
 */
export function perOpRecomputeDerived(model: ModelSpec): boolean {
  return !model.experts && !model.latentAttention;
}

/** Throws, naming what the model has, where per-op recomputation is not worked out (perOpRecomputeDerived). */
export function requirePerOpDerived(model: ModelSpec): void {
  if (model.experts) throw new RangeError("per-op recomputation is derived for dense transformer blocks only; this model has experts (use selective or full)");
  if (model.latentAttention) throw new RangeError("per-op recomputation is derived for standard attention only; this model has latent attention (use selective or full)");
}

/**
 * Forward FLOPs per token of one layer that per-op recomputation runs again (flopsPerToken): the
 * wk, wo and w3 matmuls, every second one of the block's seven (memory.ts
 * perOpLayerActivationBytes says which are kept), plus the attention core without a fused kernel.
 * Dense blocks only.
 */
export function perOpRecomputeFlops(model: ModelSpec, layer: LayerForwardFlops, flashAttention: boolean): number {
  requirePerOpDerived(model);
  const d = model.dModel;
  const kvDim = kvHeadsOf(model) * headDimOf(model);
  // SwiGLU: w3 (the 6th matmul, d→f); GELU's two-matrix MLP: its second (the 6th, f→d). The same FLOPs.
  return 2 * d * kvDim + 2 * attentionWidthOf(model) * d + 2 * d * ffnDimOf(model) + (flashAttention ? 0 : layer.attentionCore);
}

/** Training FLOPs for `tokens` tokens: the model-FLOPs count (MFU convention). */
export function trainingFlops(model: ModelSpec, tokens: number, options: FlopsOptions = {}): number {
  return flopsPerToken(model, options).modelFlops * tokens;
}
