// Time of one transformer layer for one micro-batch on one GPU, split by kind of work.
//
// Everything is counted from the layer's operations; the only constants are the efficiencies in
// calibration.ts and the ring costs in collectives.ts. Results go into a caller-owned
// Float64Array (LAYER_SLOTS long) so the planner can call this in a tight loop without allocating.
//
// Operations per layer (Megatron-style tensor parallelism, Shoeybi et al. 2019 Sec 3; Korthikanti
// et al. 2022 Fig 4–5 for sequence parallelism):
//   matmuls  QKV (h → (h + 2·kvDim)/t), output projection (h/t → h), FFN up (h → g·f/t, g = 2 for
//            SwiGLU's gate and up matrices) and down (f/t → h); MoE layers run the FFN of each
//            local expert on the tokens routed to it. Backward = dgrad + wgrad, each as many FLOPs
//            as the forward matmul (Narayanan et al. 2021 Sec 5.1: backward = 2 × forward) but with
//            different shapes (the roofline's memory term can differ).
//   attention core  FlashAttention: 4·s·h/t FLOPs per token forward over the full matrix, half of
//            it done under a causal mask; backward 5 matmuls to forward's 2 (Dao et al. 2022,
//            FlashAttention, Algorithms 1–2) = 2.5 × forward. Without FlashAttention: two batched
//            matmuls per head over the full matrix plus the softmax's traffic over the s×s scores.
//   memory-bound  each element-wise kernel reads its inputs and writes its outputs once:
//            forward  2 norms (read x, write y: 2h each), 2 residual adds (3h each), activation
//                     (GELU: read/write f; SwiGLU: read 2f, write f);
//            backward 2 norms (read dy, x; write dx: 3h each), 2 residual gradient sums (3h each),
//                     activation (GELU 3f; SwiGLU 5f).
//            Norms and residuals act on s/t tokens with sequence parallelism, on all s without.
//   tensor-parallel communication  2 all-reduces forward and 2 backward of the b·s·h activation
//            (Shoeybi et al. 2019 Sec 3, the f and g operators); with sequence parallelism each
//            becomes an all-gather plus a reduce-scatter of the same total volume (Korthikanti et
//            al. 2022 Sec 4.2.2). The backward ones overlap with the weight-gradient matmuls
//            (Korthikanti et al. 2022 Sec 6.2: "we overlap all-reduce communication with the
//            linear weight's gradient computation").
//   expert-parallel communication  all-to-all dispatch and combine forward, the same backward
//            (Lepikhin et al. 2020, GShard, Sec 2.2), of the tokens × top-k × h routed.
//   context parallelism  ring attention: each rank passes its K,V block cp−1 times forward and
//            K,V plus their gradients backward, overlapped with the attention of the block it
//            holds (Liu et al. 2023, "Ring Attention with Blockwise Transformers", Sec 3;
//            Megatron-Core context parallelism). Exposed time = max(0, transfer − attention).
import type {GpuSpec, ModelSpec, Precision} from "../types.js";
import {activeFfnWidthOf, attentionWidthOf, expertFfnDimOf, ffnDimOf, headDimOf, kvHeadsOf, kvHeadsPerRank, moeLayersOf, qkHeadDimOf, sharedExpertsOf, vHeadDimOf} from "../architecture.js";
import {FLASH_ATTENTION_EFFICIENCY, GEMM_WAVE_SMS, HBM_EFFICIENCY, matmulEfficiency, peakFlopsForPrecision} from "./calibration.js";
import {NCCL_BUS_EFFICIENCY, allReduceSeconds, allToAllSeconds, crossNodeRingLatencySeconds, groupBusBytesPerSecond} from "./collectives.js";
import {matmulSeconds, waveEfficiency} from "./gemm.js";
import {perOpRecomputeDerived} from "../flops.js";

/** Slots of the layer-cost vector (seconds per layer per micro-batch on one GPU). */
export enum Slot {
  GemmF = 0, AttnF, EltF, TpF, EpF, CpF,
  GemmB, AttnB, EltB, TpB, EpB, CpB,
  /** Extra forward work of selective recomputation (the attention core again). */
  Selective,
  /** Output projection onto the vocabulary (matmuls, forward + backward) and the fp32 cross-entropy (last stage only). */
  HeadGemm, HeadElt,
  /** Point-to-point bytes of one pipeline send (activation of one micro-batch). */
  P2pBytes,
  /**
   * Extra forward work of per-op recomputation (torchtitan's per-operation checkpointing; memory.ts
   * perOpLayerActivationBytes): the K, output and third MLP matmuls (w3, or a GELU MLP's second),
   * every element-wise kernel of the forward pass, the attention core where it is not one fused
   * kernel, and the tensor-parallel collectives whose outputs the policy does not keep (without
   * sequence parallelism both all-reduces; with it the two all-gathers, the reduce-scatters' outputs
   * being kept). Dense layers only (0 for mixture-of-experts layers: validateSpec refuses the pair).
   */
  PerOp
}
export const LAYER_SLOTS = 17;

/** Per-model, per-GPU invariants, computed once and reused for every layout. */
export interface LayerInvariants {
  gpu: GpuSpec;
  model: ModelSpec;
  h: number;
  heads: number;
  kvDim: number;
  headDim: number;
  /** Width of the queries and of the attention output, standard attention (attentionWidthOf: heads·headDim). */
  qWidth: number;
  /** FFN hidden width of a dense layer (all layers of a dense model, the leading dense layers of a MoE one). */
  ffn: number;
  /** Hidden width of one expert's FFN (expertFfnDimOf). */
  expertFfn: number;
  /** Shared experts each MoE layer runs on every token (sharedExpertsOf). */
  sharedExperts: number;
  /** Share of the layers that are MoE layers (1 unless the model leads with dense layers). */
  moeShare: number;
  /** FFN hidden width a token passes through, averaged over the layers (activeFfnWidthOf). */
  activeFfn: number;
  /** Width per head of the scores (qkHeadDimOf) and of the values (vHeadDimOf). */
  qkHeadDim: number;
  vHeadDim: number;
  gated: boolean;
  seqLen: number;
  vocab: number;
  topK: number;
  experts: number;
  /** Bytes per activation element and per matmul operand element. */
  actBytes: number;
  /** FP8 matmuls: their inputs and output gradients are cast to FP8 first (see layerCost's memory-bound part). */
  fp8: boolean;
  /** Achievable matmul FLOP/s (peak × MAMF efficiency) of a weight GEMM that fills its last wave. */
  matmulFlops: number;
  /**
   * The same for the output projection onto the vocabulary: `matmulFlops` except in FP8, where it
   * stays a 16-bit matmul (see layerInvariants).
   */
  headMatmulFlops: number;
  /** SMs of the wave-quantization model (gemm.ts waveEfficiency) for weight GEMMs; 0 = no wave model. */
  waveSms: number;
  /** Achievable attention FLOP/s (half-precision peak × FlashAttention efficiency). */
  attnFlops: number;
  /** Achievable HBM bytes/s. */
  hbm: number;
  /** HBM bytes/s the element-wise kernels reach: `hbm` ÷ the memory-bound overhead (1 unless calibrated). */
  eltHbm: number;
  /** Fraction of link line rate that collectives deliver as bus bandwidth (collectives.ts). */
  busEfficiency: number;
  /** HBM bytes the loss moves per logit, forward and backward (CalibrationOverrides.lossBytesPerLogit). */
  lossBytesPerLogit: number;
  /** Element-wise traffic beyond the fused count (CalibrationOverrides.layerElementwiseExtra); null = none. */
  eltExtra: LayerElementwiseExtra | null;
  /** Tensor-parallel collectives in the forward pass (CalibrationOverrides.tensorParallelForwardCollectives). */
  tpForwardCollectives: number;
}

/**
 * HBM bytes per logit of a fused fp32 cross-entropy: write the fp32 logits, read them for the
 * softmax and write the probabilities (forward); read them and write the gradient (backward):
 * 5 passes of 4 bytes.
 */
export const FUSED_LOSS_BYTES_PER_LOGIT = 5 * 4;

/**
 * Activation elements per token a layer's element-wise kernels read and write beyond the fused
 * count of layerCost, forward and backward: on the residual stream (× d_model, on the
 * sequence-parallel shard where there is one), on this rank's attention width (× heads / tp ×
 * head dimension) and on its FFN width (× ffn / tp, per routed token). Each element moves
 * `actBytes` bytes at the element-wise HBM rate; a recomputed forward pass moves its forward share again.
 */
export interface LayerElementwiseExtra {
  residualForward: number;
  residualBackward: number;
  attentionForward: number;
  attentionBackward: number;
  ffnForward: number;
  ffnBackward: number;
}

/** Overrides of calibration.ts constants, for fitting them (fit.ts) and for sensitivity studies. */
export interface CalibrationOverrides {
  hbmEfficiency?: number;
  flashAttentionEfficiency?: number;
  matmulEfficiency?: number;
  /**
   * Multiplier on the element-wise kernels' time (norms, activations, residuals, softmax, loss):
   * 1 is the fused, Megatron-style count below; eager code that runs more, unfused kernels is
   * slower (a reader's calibration fits it, src/engine/calibration/).
   */
  memoryBoundOverhead?: number;
  /** Replaces NCCL_BUS_EFFICIENCY (collectives.ts) for every collective and pipeline send. */
  communicationEfficiency?: number;
  /**
   * HBM bytes the loss moves per logit, replacing FUSED_LOSS_BYTES_PER_LOGIT where a run's code
   * is known to run an unfused loss (runPrediction.ts VOCAB_PARALLEL_FP32_LOSS_BYTES_PER_LOGIT).
   */
  lossBytesPerLogit?: number;
  /**
   * Element-wise traffic a run's layer code moves beyond the fused count of layerCost (its norms,
   * residual adds and activation), where that code is read (runPrediction.ts
   * GPT_NEOX_V1_LAYER_ELEMENTWISE); absent = none beyond the fused count.
   */
  layerElementwiseExtra?: LayerElementwiseExtra;
  /**
   * Tensor-parallel all-reduces (or all-gather + reduce-scatter pairs) in a layer's forward pass:
   * 2 in a serial block (Shoeybi et al. 2019 Sec 3, default); 1 where the run's code adds the
   * attention and MLP outputs of a parallel block before one all-reduce (runPrediction.ts).
   */
  tensorParallelForwardCollectives?: 1 | 2;
  /**
   * Replaces calibration.ts GEMM_WAVE_SMS for this GPU (0 turns the wave model off). Without it the
   * wave model runs only where `matmulEfficiency` is not given and the precision is not fp32.
   */
  gemmWaveSms?: number;
  /**
   * Fraction of the 16-bit peak the output projection reaches in an FP8 run (it runs in BF16, see
   * layerInvariants); matmulEfficiency(gpu, bf16) when absent. stepTime.ts stackPerfOptions sets
   * the tuned stack's measured bf16 rate.
   */
  headMatmulEfficiency?: number;
  /**
   * Runs the "megatron-tuned" stack's matmuls at this share of their isolated measured rate
   * (calibration.ts tunedMatmulEfficiency) instead of the production rate: for the fit that checks
   * that choice (perf/tunedFit.ts), not for predictions.
   */
  tunedStackFraction?: number;
}

export function layerInvariants(model: ModelSpec, gpu: GpuSpec, precision: Precision, overrides: CalibrationOverrides = {}): LayerInvariants {
  const hbm = gpu.hbmBytesPerSecond * (overrides.hbmEfficiency ?? HBM_EFFICIENCY);
  const peak = peakFlopsForPrecision(gpu, precision);
  // FP8 runs keep attention in 16 bits (Transformer Engine): BF16, else FP16 on a chip without it.
  const attnPeak = precision === "fp8" ? (gpu.peakFlopsPerSecond.bf16 ?? gpu.peakFlopsPerSecond.fp16 ?? peak) : peak;
  const matmulFlops = peak * (overrides.matmulEfficiency ?? matmulEfficiency(gpu, precision));
  // FP8 runs also keep the output projection onto the vocabulary in 16 bits: Megatron-Core enters
  // Transformer Engine's fp8_autocast inside TransformerBlock.forward only, around the layers
  // (NVIDIA/Megatron-LM megatron/core/transformer/transformer_block.py), and the output layer is a
  // plain tensor_parallel.ColumnParallelLinear called after the block (megatron/core/models/gpt/
  // gpt_model.py, both at commit cf1d4d12, July 2024); MosaicML's FP8 runs swap in te.Linear in the
  // blocks only and project onto the tied embedding with a 16-bit matmul. Its rate is the 16-bit one.
  const headMatmulFlops =
    precision === "fp8" ? attnPeak * (overrides.headMatmulEfficiency ?? matmulEfficiency(gpu, gpu.peakFlopsPerSecond.bf16 ? "bf16-master-fp32" : "fp16-master-fp32")) : matmulFlops;
  return {
    gpu,
    model,
    h: model.dModel,
    heads: model.heads,
    kvDim: kvHeadsOf(model) * headDimOf(model),
    headDim: headDimOf(model),
    qWidth: attentionWidthOf(model),
    ffn: ffnDimOf(model),
    expertFfn: expertFfnDimOf(model),
    sharedExperts: sharedExpertsOf(model),
    moeShare: moeLayersOf(model) / model.layers,
    activeFfn: activeFfnWidthOf(model),
    qkHeadDim: qkHeadDimOf(model),
    vHeadDim: vHeadDimOf(model),
    gated: (model.ffnKind ?? "gelu") === "swiglu",
    seqLen: model.seqLen,
    vocab: model.vocab,
    topK: model.experts?.active ?? 1,
    experts: model.experts?.total ?? 1,
    actBytes: precision === "fp32" ? 4 : 2,
    fp8: precision === "fp8",
    matmulFlops,
    headMatmulFlops,
    // A given matmul efficiency (a reader's calibration, a stack's measured rate) is a rate averaged
    // over shapes already: no wave model on top, unless asked for (fit.ts).
    waveSms: overrides.gemmWaveSms ?? (overrides.matmulEfficiency !== undefined || precision === "fp32" ? 0 : GEMM_WAVE_SMS[gpu.id] ?? 0),
    attnFlops: attnPeak * (overrides.flashAttentionEfficiency ?? FLASH_ATTENTION_EFFICIENCY),
    hbm,
    eltHbm: hbm / (overrides.memoryBoundOverhead ?? 1),
    busEfficiency: overrides.communicationEfficiency ?? NCCL_BUS_EFFICIENCY,
    lossBytesPerLogit: overrides.lossBytesPerLogit ?? FUSED_LOSS_BYTES_PER_LOGIT,
    eltExtra: overrides.layerElementwiseExtra ?? null,
    tpForwardCollectives: overrides.tensorParallelForwardCollectives ?? 2
  };
}

/** Layer-level layout: what changes a layer's cost. */
export interface LayerLayout {
  tp: number;
  cp: number;
  ep: number;
  microBatch: number;
  sequenceParallel: boolean;
  flashAttention: boolean;
}

/**
 * Fills `out` (LAYER_SLOTS long) with the per-layer, per-micro-batch times of `layout`.
 * Returns `out`.
 */
export function layerCost(inv: LayerInvariants, tp: number, cp: number, ep: number, microBatch: number, sequenceParallel: boolean, flashAttention: boolean, out: Float64Array): Float64Array {
  const {h, ffn, actBytes: e, matmulFlops: P, hbm: B, eltHbm: Be, waveSms} = inv;
  const sLocal = inv.seqLen / cp;
  const T = microBatch * sLocal; // tokens this GPU processes per micro-batch
  const g = inv.gated ? 2 : 1;

  // Weight matmuls: forward Y = X·W (reduction over the input width), and backward dX = dY·Wᵀ
  // (reduction over the output width) and dW = Xᵀ·dY (reduction over the tokens). Each runs at P
  // times the tile and wave quantization of its m×n output where the chip has a wave model.
  const mm = (m: number, n: number, k: number): number => matmulSeconds(m, n, k, e, P * waveEfficiency(m, n, waveSms), B);
  let gemmF = 0;
  let dgrad = 0;
  let wgrad = 0;
  const linear = (m: number, n: number, k: number, times: number): void => {
    gemmF += times * mm(m, n, k);
    dgrad += times * mm(m, k, n);
    wgrad += times * mm(k, n, m);
  };
  // Q for this rank's heads, K and V for its KV heads (replicated when kvHeads < tp).
  const kvDimRank = kvHeadsPerRank(inv.model, tp) * inv.headDim;
  const mla = inv.model.latentAttention;
  // Forward seconds of latent attention's up-projections, which selective recomputation re-runs (architecture.ts latentUpProjectionWeightsOf).
  let upProjectionF = 0;
  if (mla) {
    // Latent attention as DeepSeek-V3's inference/model.py splits it over tensor ranks: the
    // down-projections wq_a and wkv_a are plain Linear (whole on every rank), wq_b and wkv_b
    // column-parallel, wo row-parallel (or wq column-parallel when qLoraRank is 0).
    const headsRank = inv.heads / tp;
    let beforeUp: number;
    if (mla.qLoraRank > 0) {
      linear(T, mla.qLoraRank + mla.kvLoraRank + mla.qkRopeHeadDim, h, 1);
      beforeUp = gemmF;
      linear(T, headsRank * inv.qkHeadDim, mla.qLoraRank, 1);
    } else {
      linear(T, mla.kvLoraRank + mla.qkRopeHeadDim, h, 1);
      linear(T, headsRank * inv.qkHeadDim, h, 1);
      beforeUp = gemmF;
    }
    linear(T, headsRank * (mla.qkNopeHeadDim + inv.vHeadDim), mla.kvLoraRank, 1);
    upProjectionF = gemmF - beforeUp;
    linear(T, h, headsRank * inv.vHeadDim, 1);
  } else {
    linear(T, inv.qWidth / tp + 2 * kvDimRank, h, 1);
    linear(T, h, inv.qWidth / tp, 1);
  }
  // The forward matmuls per-op recomputation runs again: wk, wo, and w3 (SwiGLU) or the GELU MLP's second.
  // (Refused for MoE and latent-attention models, specLayout.ts: dense standard blocks only.)
  const perOpGemmF = !perOpRecomputeDerived(inv.model) ? 0 : mm(T, kvDimRank, h) + mm(T, h, inv.qWidth / tp) + (inv.gated ? mm(T, ffn / tp, h) : mm(T, h, ffn / tp));
  if (inv.experts > 1) {
    // Averaged over the layers: the MoE layers' share runs the routed experts, the shared
    // experts as one dense FFN sharedExperts × expertFfn wide, and the router; the leading dense
    // layers' share one FFN ffn wide.
    const moe = inv.moeShare;
    const fe = inv.expertFfn;
    const localExperts = inv.experts / ep;
    const tokensPerExpert = (T * inv.topK * ep) / inv.experts;
    linear(tokensPerExpert, (g * fe) / tp, h, localExperts * moe);
    linear(tokensPerExpert, h, fe / tp, localExperts * moe);
    linear(T, inv.experts, h, moe); // router
    if (inv.sharedExperts > 0) {
      linear(T, (g * inv.sharedExperts * fe) / tp, h, moe);
      linear(T, h, (inv.sharedExperts * fe) / tp, moe);
    }
    if (moe < 1) {
      linear(T, (g * ffn) / tp, h, 1 - moe);
      linear(T, h, ffn / tp, 1 - moe);
    }
  } else {
    linear(T, (g * ffn) / tp, h, 1);
    linear(T, h, ffn / tp, 1);
  }
  out[Slot.GemmF] = gemmF;
  out[Slot.GemmB] = dgrad + wgrad;

  // Attention core.
  const headsLocal = inv.heads / tp;
  let attnF: number;
  let attnB: number;
  let scoresF = 0;
  let scoresB = 0;
  if (flashAttention) {
    // Scores and values: 2·s·s·heads·(qkHeadDim + vHeadDim) FLOPs, half of it causal (= 4·s·s·h for standard heads).
    attnF = (0.5 * 2 * microBatch * sLocal * inv.seqLen * headsLocal * (inv.qkHeadDim + inv.vHeadDim)) / inv.attnFlops;
    attnB = 2.5 * attnF;
  } else {
    const batch = microBatch * headsLocal;
    attnF = batch * (matmulSeconds(sLocal, inv.seqLen, inv.qkHeadDim, e, P, B) + matmulSeconds(sLocal, inv.vHeadDim, inv.seqLen, e, P, B));
    attnB = 2 * attnF;
    const scores = batch * sLocal * inv.seqLen * e;
    scoresF = (2 * scores) / Be; // softmax reads and writes the scores
    scoresB = (3 * scores) / Be; // softmax backward reads P and dP, writes dS
  }
  out[Slot.AttnF] = attnF;
  out[Slot.AttnB] = attnB;
  out[Slot.Selective] = attnF + scoresF + upProjectionF;

  // Memory-bound element-wise kernels.
  const Trep = sequenceParallel && tp > 1 ? T / tp : T;
  // FFN activation elements a micro-batch's tokens produce (routed and shared experts, dense layers, averaged).
  const ffnElements = T * inv.activeFfn;
  const actF = inv.gated ? 3 : 2;
  const actB = inv.gated ? 5 : 3;
  out[Slot.EltF] = ((10 * h * Trep + (actF * ffnElements) / tp) * e) / Be + scoresF;
  out[Slot.EltB] = ((12 * h * Trep + (actB * ffnElements) / tp) * e) / Be + scoresB;
  const extra = inv.eltExtra;
  if (extra !== null) {
    const attnWidth = headsLocal * inv.headDim;
    out[Slot.EltF] = (out[Slot.EltF] as number) + ((extra.residualForward * h * Trep + extra.attentionForward * attnWidth * T + (extra.ffnForward * ffnElements) / tp) * e) / Be;
    out[Slot.EltB] = (out[Slot.EltB] as number) + ((extra.residualBackward * h * Trep + extra.attentionBackward * attnWidth * T + (extra.ffnBackward * ffnElements) / tp) * e) / Be;
  }
  if (inv.fp8) {
    // FP8 casts, as Transformer Engine runs them (NVIDIA/TransformerEngine v1.8,
    // transformer_engine/pytorch/module/linear.py, layernorm_linear.py, base.py
    // grad_output_preprocess): each FP8 matmul needs its input and, in the backward pass, its
    // output gradient in FP8, plus transposed FP8 copies for the weight-gradient matmul (Hopper's
    // FP8 matmuls take one layout). Bytes per element: a fused cast + transpose reads 2 and writes
    // 1 + 1; a transpose of an FP8 tensor reads 1 and writes 1; the norm before QKV and FC1 and the
    // activation before FC2 write FP8 (1 byte, not 2) and their outputs are transposed later.
    //   forward: norm outputs −1 each (2 norms, on the sequence-parallel shard); the projection's
    //            input (attention output) cast + transposed, 4; FC2's input written in FP8, −1;
    //   backward: the gathered norm outputs transposed, 2 each; FC2's input transposed, 2; the output
    //            gradients of FC2 and the projection cast (3, on the shard) and, once gathered,
    //            transposed (2), or cast + transposed at once without sequence parallelism (4);
    //            QKV's output gradient cast + transposed, 4; FC1's is written in FP8 by the fused
    //            activation backward (no extra bytes).
    // The weights' casts (once per step) and the scaling-factor updates are left out (per
    // parameter, not per token).
    const gathered = sequenceParallel && tp > 1;
    const rowGradBytes = gathered ? 3 * Trep * h + 2 * T * h : 4 * T * h;
    const castF = -2 * Trep * h + (4 * T * inv.qWidth) / tp - ffnElements / tp;
    const castB = 2 * 2 * T * h + (2 * ffnElements) / tp + 2 * rowGradBytes + 4 * T * (inv.qWidth / tp + 2 * kvDimRank);
    out[Slot.EltF] = (out[Slot.EltF] as number) + castF / Be;
    out[Slot.EltB] = (out[Slot.EltB] as number) + castB / Be;
  }

  // Tensor-parallel communication: two all-reduce-sized collectives each way (one forward where a
  // run's parallel block reduces once, LayerInvariants.tpForwardCollectives); a group spanning
  // nodes also pays NCCL's network latency per ring step (collectives.ts crossNodeRingLatencySeconds).
  const actBytes = T * h * e;
  if (tp > 1) {
    const bw = groupBusBytesPerSecond(inv.gpu, tp, 1, inv.busEfficiency);
    const tpOne = allReduceSeconds(actBytes, tp, bw) + crossNodeRingLatencySeconds(inv.gpu, tp, 1);
    out[Slot.TpF] = inv.tpForwardCollectives * tpOne;
    out[Slot.TpB] = Math.max(0, 2 * tpOne - wgrad);
  } else {
    out[Slot.TpF] = 0;
    out[Slot.TpB] = 0;
  }

  // Expert-parallel all-to-all: dispatch + combine.
  if (inv.experts > 1 && ep > 1) {
    const bw = groupBusBytesPerSecond(inv.gpu, ep, tp * cp, inv.busEfficiency);
    // Only the MoE layers (moeShare of them) dispatch and combine.
    const routed = Trep * inv.topK * h * e * inv.moeShare;
    const a2a = allToAllSeconds(routed, ep, bw);
    out[Slot.EpF] = 2 * a2a;
    out[Slot.EpB] = 2 * a2a;
  } else {
    out[Slot.EpF] = 0;
    out[Slot.EpB] = 0;
  }

  // Context-parallel ring attention, overlapped with the attention of the resident block.
  if (cp > 1) {
    const bw = groupBusBytesPerSecond(inv.gpu, cp, tp, inv.busEfficiency);
    const kvBlock = 2 * microBatch * sLocal * kvDimRank * e;
    const fwd = ((cp - 1) * kvBlock) / bw;
    out[Slot.CpF] = Math.max(0, fwd - attnF);
    out[Slot.CpB] = Math.max(0, 2 * fwd - attnB);
  } else {
    out[Slot.CpF] = 0;
    out[Slot.CpB] = 0;
  }

  // Output projection and fp32 cross-entropy on the last stage.
  const logits = T * (inv.vocab / tp);
  const head = inv.headMatmulFlops === P ? mm : (m: number, n: number, k: number): number => matmulSeconds(m, n, k, e, inv.headMatmulFlops * waveEfficiency(m, n, waveSms), B);
  out[Slot.HeadGemm] = head(T, inv.vocab / tp, h) + head(T, h, inv.vocab / tp) + head(h, inv.vocab / tp, T);
  // Loss: FUSED_LOSS_BYTES_PER_LOGIT unless a run's code says otherwise.
  out[Slot.HeadElt] = (inv.lossBytesPerLogit * logits) / Be;

  // Pipeline sends: with tp > 1 each rank sends 1/t of the activation (Narayanan et al. 2021
  // Sec 4.1, the scatter/gather optimisation; sequence parallelism shards it the same way).
  out[Slot.P2pBytes] = actBytes / tp;
  out[Slot.PerOp] =
    !perOpRecomputeDerived(inv.model)
      ? 0
      : perOpGemmF + (out[Slot.EltF] as number) + (flashAttention ? 0 : attnF) + (sequenceParallel && tp > 1 ? 0.5 : 1) * (out[Slot.TpF] as number);
  return out;
}
