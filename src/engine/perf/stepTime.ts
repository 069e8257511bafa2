// Step time of a training layout, and from it MFU and HFU: the model that lets the atlas predict
// utilisation instead of asking the reader to guess it.
//
// One optimizer step on the slowest pipeline stage =
//     (m + (pp − 1)/v) · tμ          1F1B pipeline of m micro-batches (pipeline.ts)
//   + pipeline sends on the critical path
//   + exposed data-parallel / ZeRO communication
//   + the optimizer update (memory-bound)
// where tμ is one micro-batch's forward + backward (+ recomputation) through the slowest stage:
// the last (its layers plus the output projection and loss) or, when pp does not divide the
// layers, a middle stage with ceil(layers/pp) layers if that takes longer (parallelism.ts
// pipelineSplit). Every stage runs at that pace, so the lighter stages of an uneven split idle. MFU = model FLOPs per step (flops.ts,
// no recomputation) ÷ (GPUs × peak × step time); HFU counts the recomputed FLOPs too
// (Chowdhery et al. 2022, PaLM, Appendix B; Korthikanti et al. 2022 Sec 6.3).
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, Recompute, Stack, TrainingSpec} from "../types.js";
import {flopsPerToken, perOpRecomputeDerived} from "../flops.js";
import {stageLayout} from "../parallelism.js";
import type {StageLayout, StageShare} from "../parallelism.js";
import {PRECISION_BYTES, computeWeightBytes} from "../precision.js";
import {peakFlopsForPrecision, tunedStackMatmulEfficiency} from "./calibration.js";
import {isMegatronStack} from "../stack.js";
import {tpSplitsKvHeads} from "../architecture.js";
import {allGatherSeconds, allReduceSeconds, groupBusBytesPerSecond, reduceScatterSeconds} from "./collectives.js";
import {LAYER_SLOTS, Slot, layerCost, layerInvariants} from "./layerCost.js";
import {expectedStragglerFraction, hostsOf} from "./scale.js";
import {parameterCount} from "../parameters.js";
import type {CalibrationOverrides, LayerInvariants} from "./layerCost.js";

/** Switches of the software stack that the layout alone does not say. */
export interface PerfOptions {
  /**
   * Overlap the data-parallel gradient reduction with the backward pass and the ZeRO parameter
   * all-gather with the forward pass. Default true (PyTorch DDP and FSDP, Megatron-Core
   * --overlap-grad-reduce/--overlap-param-gather). Megatron-LM as published in 2021–2022 did not
   * (Korthikanti et al. 2022 Sec 6.3: "we do not use any overlapping of gradient all-reduces").
   */
  overlapGradReduce?: boolean;
  /**
   * Overlap the tensor-parallel collectives with the matmuls they feed (forward and backward):
   * the collective is split into chunks pipelined with chunks of the GEMM, so only the part
   * longer than the GEMM is exposed. Default false. NeMo's performance recipes turn it on
   * (NVIDIA/NeMo nemo/collections/llm/recipes/nemotron4_340b.py, MegatronCommOverlapCallback
   * tp_comm_overlap=True, Transformer Engine userbuffers); MegaScale does the same (Jiang et al.
   * 2024, Sec 3.2 and Figure 3c). Without it only the backward collectives hide behind the
   * weight-gradient matmuls (layerCost.ts).
   */
  tpCommOverlap?: boolean;
  /**
   * Bytes per parameter of the data-parallel gradient reduction (all-reduce or reduce-scatter).
   * Default: Megatron-LM reduces bf16 gradients in fp32, 4 bytes (megatron/training/arguments.py:
   * "bfloat16 requires gradient accumulation and all-reduce to be done in fp32", which sets
   * accumulate_allreduce_grads_in_fp32 unless --grad-reduce-in-bf16 is given; the same in the
   * 2021–2023 megatron/arguments.py), so a Megatron stack (stack.ts isMegatronStack) with
   * bf16-master-fp32 moves 4; otherwise the precision's gradient bytes (precision.ts).
   */
  gradReduceBytesPerParam?: number;
  /**
   * Overlap the pipeline's point-to-point sends with the compute of the next model chunk
   * (Megatron-Core overlap_p2p_comm, interleaved schedule only; NeMo's MegatronCommOverlapCallback
   * turns it on whenever virtual stages > 1). A send then hides behind a chunk's compute, except
   * on the pipeline's fill and drain, where the next stage waits for it: 2 · (pp · v − 1) sends
   * stay exposed of the 2 · m · v. Default false; no effect without interleaving.
   */
  ppCommOverlap?: boolean;
  /**
   * Seconds per step the GPUs wait for the host outside the kernel stream: data loading at the
   * start of a step, Python work such as garbage collection. Default 0 (a fused stack loads data
   * asynchronously and queues kernels ahead); a system whose paper measures it sets it
   * (validation.ts SYSTEM_SETTINGS; scale.ts MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP).
   */
  hostSecondsPerStep?: number;
  /** Replace calibration constants (fitting and sensitivity studies); defaults from calibration.ts. */
  calibration?: CalibrationOverrides;
}

/** Where the seconds of one step go; the fields sum to `secondsPerStep`. */
export interface StepBreakdown {
  /** Matmuls and attention, forward and backward, all micro-batches. */
  compute: number;
  /** Extra forward work of activation recomputation. */
  recompute: number;
  /** Element-wise kernels (norms, residuals, activations, softmax, loss) and the optimizer update. */
  memoryBound: number;
  /** Exposed tensor-parallel collectives. */
  tpComm: number;
  /** Exposed context-parallel (ring attention) transfers. */
  cpComm: number;
  /** Expert-parallel all-to-all. */
  epComm: number;
  /** Pipeline fill and drain. */
  ppBubble: number;
  /** Pipeline sends on the critical path. */
  ppComm: number;
  /** Data-parallel / ZeRO communication left exposed after overlap. */
  dpComm: number;
  /** Waiting for the slowest machine: the expected straggler delay of the compute timeline (scale.ts). */
  straggler: number;
  /**
   * The GPU waiting for the host (Python, autograd, kernel launches): plain PyTorch only
   * (eagerStep.ts); 0 in the fused-stack model, whose kernels are queued far enough ahead.
   */
  hostWait: number;
}

export interface StepPrediction {
  secondsPerStep: number;
  /** Model FLOPs utilisation in (0, 1]. */
  mfu: number;
  /** Hardware FLOPs utilisation (recomputation counted). */
  hfu: number;
  tokensPerSecond: number;
  tokensPerStep: number;
  /** Micro-batches per pipeline per step. */
  microbatches: number;
  gpus: number;
  modelFlopsPerStep: number;
  hardwareFlopsPerStep: number;
  breakdown: StepBreakdown;
  /**
   * Data-parallel / ZeRO communication that runs behind the compute (overlapped), seconds per step
   * on the same stage as `breakdown.dpComm`: not part of the step time. 0 without overlap.
   */
  dpCommOverlapped: number;
}

/** Slots of the step vector written by `assembleStep`. */
export enum StepSlot {
  Seconds = 0, Compute, Recompute, MemoryBound, TpComm, CpComm, EpComm, PpBubble, PpComm, DpComm,
  /** Data-parallel / ZeRO communication hidden behind compute: not in Seconds. */
  DpOverlapped,
  Straggler,
  HostWait
}
export const STEP_SLOTS = 13;

/** Everything about (model, GPU, precision) that does not depend on the layout. */
export interface StepContext {
  inv: LayerInvariants;
  model: ModelSpec;
  gpu: GpuSpec;
  precision: Precision;
  peakFlopsPerSecond: number;
  /** Model FLOPs per token and hardware FLOPs per token by recomputation mode. */
  modelFlopsPerToken: number;
  /** By recomputation mode; per-op with flash attention, and null for mixture-of-experts models (hardwareFlopsPerTokenOf). */
  hardwareFlopsPerToken: Readonly<Record<Exclude<Recompute, "per-op">, number>> & {readonly "per-op": number | null};
  gradBytesPerParam: number;
  weightBytesPerParam: number;
  /** HBM bytes the AdamW update moves per parameter (read master/moments/gradient, write them back). */
  optimizerBytesPerParam: number;
  overlapGradReduce: boolean;
  tpCommOverlap: boolean;
  ppCommOverlap: boolean;
  hostSecondsPerStep: number;
  /** HBM bytes per transformer-layer weight of the per-step FP8 weight casts (FP8_WEIGHT_CAST_BYTES_PER_PARAM); 0 outside FP8. */
  weightCastBytesPerParam: number;
  /** Dense parameters of one transformer layer (attention, norms, and the FFN unless it is a mixture of experts), before tensor parallelism. */
  denseParamsPerLayer: number;
}

/**
 * HBM bytes per transformer-layer weight that FP8 training moves once per step to cast the weights:
 * Transformer Engine casts a Linear's bf16 weight to FP8 with a transposed FP8 copy for the
 * backward pass (read 2 bytes, write 1 + 1) when `is_first_microbatch` is True or None and reuses
 * the cached copies otherwise (TransformerEngine transformer_engine/pytorch/module/linear.py,
 * v1.x: `update_fp8_weights = is_first_microbatch is None or is_first_microbatch`), and
 * Megatron-Core sets the flag at each step's first micro-batch ("When this flag is set, TE modules
 * will update their fp8 parameter cache": megatron/core/transformer/module.py
 * set_is_first_microbatch, called from pipeline_parallel/schedules.py). The output layer stays
 * bf16 (layerCost.ts) and is not cast. The amax reduction and scale update that run with it are a
 * few small kernels and one all-reduce of a few kilobytes per step: not counted.
 */
export const FP8_WEIGHT_CAST_BYTES_PER_PARAM = 4;

/** Reads the time breakdown out of a step-slot array filled by assembleStep. */
export function breakdownFromSlots(out: ArrayLike<number>): StepBreakdown {
  return {
    compute: out[StepSlot.Compute] as number,
    recompute: out[StepSlot.Recompute] as number,
    memoryBound: out[StepSlot.MemoryBound] as number,
    tpComm: out[StepSlot.TpComm] as number,
    cpComm: out[StepSlot.CpComm] as number,
    epComm: out[StepSlot.EpComm] as number,
    ppBubble: out[StepSlot.PpBubble] as number,
    ppComm: out[StepSlot.PpComm] as number,
    dpComm: out[StepSlot.DpComm] as number,
    straggler: out[StepSlot.Straggler] as number,
    hostWait: out[StepSlot.HostWait] as number
  };
}

/**
 * What the stack (stack.ts) sets where `options` leaves a switch unset. "megatron" reduces bf16
 * gradients in fp32 (PerfOptions.gradReduceBytesPerParam). "megatron-tuned" is NeMo's performance
 * recipe (NVIDIA/NeMo nemo/collections/llm/recipes/nemotron4_340b.py
 * pretrain_performance_optimizations and lightning/pytorch/callbacks/megatron_comm_overlap.py):
 * tensor-parallel overlap (tp_comm_overlap=True), overlapped gradient reduce-scatter and parameter
 * all-gather, pipeline sends overlapped when interleaved (overlap_p2p_comm when vp > 1), gradients
 * reduced in bf16 (grad_reduce_in_fp32 = False); its matmuls run at the production rate, as NVIDIA's
 * published tuned benchmarks say (calibration.ts tunedStackMatmulEfficiency). Explicit options and
 * calibration win.
 */
export function stackPerfOptions(stack: Stack | undefined, gpu: GpuSpec, precision: Precision, options: PerfOptions = {}): PerfOptions {
  const megatron = isMegatronStack(stack);
  const tuned = stack === "megatron-tuned";
  // The performance recipes reduce in bf16 (recipe.trainer.plugins.grad_reduce_in_fp32 = False).
  const gradReduceBytesPerParam = options.gradReduceBytesPerParam ?? (megatron && !tuned && precision === "bf16-master-fp32" ? 4 : undefined);
  // The tuned stack's matmuls run at the production rate (calibration.ts tunedStackMatmulEfficiency);
  // a share of the isolated rate is set only to check that choice (perf/tunedFit.ts).
  const share = tuned ? options.calibration?.tunedStackFraction : undefined;
  const matmulEfficiency = options.calibration?.matmulEfficiency ?? (share !== undefined ? tunedStackMatmulEfficiency(gpu, precision, share) : undefined);
  // FP8 keeps the output projection in bf16 (layerCost.ts layerInvariants), at the same rate's bf16 figure.
  const headMatmulEfficiency = options.calibration?.headMatmulEfficiency ?? (share !== undefined && precision === "fp8" ? tunedStackMatmulEfficiency(gpu, "bf16-master-fp32", share) : undefined);
  const calibration = {
    ...options.calibration,
    ...(matmulEfficiency !== undefined ? {matmulEfficiency} : {}),
    ...(headMatmulEfficiency !== undefined ? {headMatmulEfficiency} : {})
  };
  return {
    ...options,
    ...(tuned ? {tpCommOverlap: options.tpCommOverlap ?? true, overlapGradReduce: options.overlapGradReduce ?? true, ppCommOverlap: options.ppCommOverlap ?? true} : {}),
    ...(gradReduceBytesPerParam !== undefined ? {gradReduceBytesPerParam} : {}),
    ...(matmulEfficiency !== undefined || headMatmulEfficiency !== undefined ? {calibration} : {})
  };
}

/**
 * Hardware FLOPs per token of `recompute` (the HFU numerator). Per-op recomputation without flash
 * attention recomputes the attention core too (flops.ts perOpRecomputeFlops); with experts it is
 * not derived, and asking is an error (validateSpec refuses the pair before this).
 */
export function hardwareFlopsPerTokenOf(ctx: StepContext, recompute: Recompute, flashAttention: boolean): number {
  if (recompute !== "per-op") return ctx.hardwareFlopsPerToken[recompute];
  const perOp = ctx.hardwareFlopsPerToken["per-op"];
  if (perOp === null) throw new RangeError("per-op recomputation is derived for dense transformer blocks with standard attention only; this model has experts or latent attention (use selective or full)");
  return flashAttention ? perOp : flopsPerToken(ctx.model, {recompute: "per-op", flashAttention: false}).hardwareFlops;
}

/** `options` are taken as given; pass them through stackPerfOptions first to apply a stack's defaults. */
export function stepContext(model: ModelSpec, gpu: GpuSpec, precision: Precision, options: PerfOptions = {}): StepContext {
  const pb = PRECISION_BYTES[precision];
  const masterIsWeights = pb.weightBytesPerParam === 4;
  const count = parameterCount(model);
  return {
    inv: layerInvariants(model, gpu, precision, options.calibration ?? {}),
    model,
    gpu,
    precision,
    peakFlopsPerSecond: peakFlopsForPrecision(gpu, precision),
    modelFlopsPerToken: flopsPerToken(model).modelFlops,
    hardwareFlopsPerToken: {
      none: flopsPerToken(model, {recompute: "none"}).hardwareFlops,
      selective: flopsPerToken(model, {recompute: "selective"}).hardwareFlops,
      full: flopsPerToken(model, {recompute: "full"}).hardwareFlops,
      "per-op": perOpRecomputeDerived(model) ? flopsPerToken(model, {recompute: "per-op"}).hardwareFlops : null
    },
    gradBytesPerParam: options.gradReduceBytesPerParam ?? pb.gradientBytesPerParam,
    weightBytesPerParam: computeWeightBytes(precision),
    // AdamW (Loshchilov & Hutter 2019, Algorithm 2) reads the moments, the gradient and the fp32
    // weights, and writes the moments and the weights (plus the low-precision copy).
    optimizerBytesPerParam: 2 * pb.optimizerBytesPerParam + pb.gradientBytesPerParam + (masterIsWeights ? 4 : 0) + pb.weightBytesPerParam,
    overlapGradReduce: options.overlapGradReduce ?? true,
    tpCommOverlap: options.tpCommOverlap ?? false,
    ppCommOverlap: options.ppCommOverlap ?? false,
    hostSecondsPerStep: options.hostSecondsPerStep ?? 0,
    weightCastBytesPerParam: precision === "fp8" ? FP8_WEIGHT_CAST_BYTES_PER_PARAM : 0,
    denseParamsPerLayer: ((count.perLayerShared + (model.experts ? 0 : count.perLayerFfn)) * model.params) / count.total
  };
}

/**
 * Assembles one step from a layer-cost vector (layerCost.ts) and the stages' layers and per-GPU
 * parameters before ZeRO sharding (parallelism.ts stageLayout: the heaviest stage, the last,
 * which also computes the output projection and loss, and each distinct stage's share). Writes
 * STEP_SLOTS values into `out` and returns the step seconds.
 */
export function assembleStep(
  ctx: StepContext,
  layer: Float64Array,
  tp: number,
  pp: number,
  dp: number,
  cp: number,
  ep: number,
  zeroStage: number,
  recompute: Recompute,
  virtualStages: number,
  microbatches: number,
  stage: StageLayout,
  out: Float64Array
): number {
  const gpu = ctx.gpu;
  const m = microbatches;
  const L = stage.layers;
  const lastStageLayers = stage.lastLayers;
  const denseParams = stage.dense;
  const expertParams = stage.expert;
  const gemm = (layer[Slot.GemmF] as number) + (layer[Slot.GemmB] as number);
  const attn = (layer[Slot.AttnF] as number) + (layer[Slot.AttnB] as number);
  const elt = (layer[Slot.EltF] as number) + (layer[Slot.EltB] as number);
  const [tpF, tpB] = exposedTpSeconds(ctx, layer);
  const tpc = tpF + tpB;
  const epc = (layer[Slot.EpF] as number) + (layer[Slot.EpB] as number);
  const cpc = (layer[Slot.CpF] as number) + (layer[Slot.CpB] as number);
  const fwd =
    (layer[Slot.GemmF] as number) + (layer[Slot.AttnF] as number) + (layer[Slot.EltF] as number) +
    tpF + (layer[Slot.EpF] as number) + (layer[Slot.CpF] as number);
  const bwd = gemm + attn + elt + tpc + epc + cpc - fwd;
  const rec = recompute === "full" ? fwd : recompute === "selective" ? (layer[Slot.Selective] as number) : recompute === "per-op" ? (layer[Slot.PerOp] as number) : 0;
  const headGemm = layer[Slot.HeadGemm] as number;
  const headElt = layer[Slot.HeadElt] as number;
  const head = headGemm + headElt;
  // One micro-batch through the slowest stage: the last (its layers plus the output projection
  // and loss) or a middle stage with more layers. With an even split the last stage's time is
  // never shorter, and this is exactly L·(fwd + bwd + rec) + head.
  const lastStage = lastStageLayers * (fwd + bwd + rec) + head;
  const middleStage = L * (fwd + bwd + rec);
  const lastIsSlowest = lastStage >= middleStage;
  const tMicro = lastIsSlowest ? lastStage : middleStage;
  // Layers and head on the critical stage, for the breakdown.
  const Lc = lastIsSlowest ? lastStageLayers : L;
  const headGemmC = lastIsSlowest ? headGemm : 0;
  const headEltC = lastIsSlowest ? headElt : 0;

  // Pipeline: m micro-batches plus the (pp−1)/v fill-and-drain.
  const bubble = pp > 1 ? ((pp - 1) / virtualStages) * tMicro : 0;
  let ppComm = 0;
  if (pp > 1) {
    const stride = tp * cp * dp;
    const perNode = gpu.gpusPerNode ?? 1;
    const bw = stride >= perNode ? groupBusBytesPerSecond(gpu, 2, perNode, ctx.inv.busEfficiency) : groupBusBytesPerSecond(gpu, 2, stride, ctx.inv.busEfficiency);
    const sends = ctx.ppCommOverlap && virtualStages > 1 ? Math.min(m * virtualStages, pp * virtualStages - 1) : m * virtualStages;
    ppComm = (2 * sends * (layer[Slot.P2pBytes] as number)) / bw;
  }

  // Data parallelism and ZeRO: each stage reduces (and with ZeRO gathers) its own parameters
  // over its data-parallel group; the step waits for the stage whose exposed share is longest.
  // With an even split that is the stage with the most parameters (the exposure grows with them).
  const nDense = dp * cp;
  const nExpert = Math.max(1, (dp * cp) / ep);
  let dpComm = 0;
  let dpTotal = 0;
  if (nDense > 1 || nExpert > 1) {
    const bwDense = nDense > 1 ? groupBusBytesPerSecond(gpu, nDense, tp, ctx.inv.busEfficiency) : 1;
    const bwExpert = nExpert > 1 && expertParams > 0 ? groupBusBytesPerSecond(gpu, nExpert, tp * ep, ctx.inv.busEfficiency) : 1;
    const stages = stage.stages;
    for (let i = 0; i < stages.length; i++) {
      const s = stages[i] as StageShare;
      const exposed = dpExposedSeconds(ctx, zeroStage, m, s.dense, s.expert, s.layers, nDense, nExpert, bwDense, bwExpert, fwd, bwd, rec, out);
      if (exposed > dpComm) {
        dpComm = exposed;
        // The same stage's traffic with nothing overlapped (written by dpExposedSeconds).
        dpTotal = out[StepSlot.DpOverlapped] as number;
      }
    }
  }

  // Optimizer update over this GPU's shard.
  const optParams = zeroStage >= 1 ? denseParams / nDense + expertParams / nExpert : denseParams + expertParams;
  const optimizer = (optParams * ctx.optimizerBytesPerParam) / ctx.inv.hbm;
  // FP8: once a step, the critical stage's layer weights (whole, not sharded: every rank computes
  // with all of its stage's) are cast to FP8 (FP8_WEIGHT_CAST_BYTES_PER_PARAM).
  const weightCasts = ctx.weightCastBytesPerParam > 0 ? ((Lc * ctx.denseParamsPerLayer) / tp + expertParams * (Lc / L)) * ctx.weightCastBytesPerParam / ctx.inv.hbm : 0;

  // The step waits for its slowest machine: the expected straggler delay of the compute timeline.
  const straggler = (m * tMicro + bubble) * expectedStragglerFraction(hostsOf(tp * pp * dp * cp, gpu.gpusPerNode ?? 1));
  const host = ctx.hostSecondsPerStep;
  const seconds = m * tMicro + bubble + ppComm + dpComm + optimizer + weightCasts + straggler + host;
  out[StepSlot.Seconds] = seconds;
  out[StepSlot.Compute] = m * (Lc * (gemm + attn) + headGemmC);
  out[StepSlot.Recompute] = m * Lc * rec;
  out[StepSlot.MemoryBound] = m * (Lc * elt + headEltC) + optimizer + weightCasts;
  out[StepSlot.TpComm] = m * Lc * tpc;
  out[StepSlot.CpComm] = m * Lc * cpc;
  out[StepSlot.EpComm] = m * Lc * epc;
  out[StepSlot.PpBubble] = bubble;
  out[StepSlot.PpComm] = ppComm;
  out[StepSlot.DpComm] = dpComm;
  out[StepSlot.DpOverlapped] = dpTotal - dpComm;
  out[StepSlot.Straggler] = straggler;
  out[StepSlot.HostWait] = host;
  return seconds;
}

/**
 * Tensor-parallel seconds per layer left on the critical path, forward and backward: the layer
 * cost's (layerCost.ts) without `tpCommOverlap`, else only what outlasts the matmuls of the same
 * direction (PerfOptions.tpCommOverlap).
 */
function exposedTpSeconds(ctx: StepContext, layer: Float64Array): [number, number] {
  const f = layer[Slot.TpF] as number;
  const b = layer[Slot.TpB] as number;
  if (!ctx.tpCommOverlap) return [f, b];
  return [Math.max(0, f - (layer[Slot.GemmF] as number)), Math.max(0, b - (layer[Slot.GemmB] as number))];
}

/**
 * Data-parallel / ZeRO seconds one pipeline stage leaves exposed per step: `denseParams` and
 * `expertParams` on this GPU (before ZeRO sharding) over `layers` layers, whose forward, backward
 * and recomputation take `fwd`, `bwd` and `rec` seconds per micro-batch. Writes the stage's
 * traffic with nothing overlapped into `out[StepSlot.DpOverlapped]` (assembleStep then turns it
 * into the hidden part), so the collectives are timed once.
 */
function dpExposedSeconds(
  ctx: StepContext,
  zeroStage: number,
  m: number,
  denseParams: number,
  expertParams: number,
  layers: number,
  nDense: number,
  nExpert: number,
  bwDense: number,
  bwExpert: number,
  fwd: number,
  bwd: number,
  rec: number,
  out: Float64Array
): number {
  const L = layers;
  const overlap = ctx.overlapGradReduce;
  const g = ctx.gradBytesPerParam;
  const w = ctx.weightBytesPerParam;
  // With overlap, a layer's collective hides behind the compute of the other layers, except
  // the one nothing precedes or follows: the first layer's gather before the forward pass and
  // the last layer's gradient reduction after the backward pass (1/L of each, L = stage layers).
  if (zeroStage === 3) {
    const gather = allGatherSeconds(denseParams * w, nDense, bwDense) + allGatherSeconds(expertParams * w, nExpert, bwExpert);
    const reduce = reduceScatterSeconds(denseParams * g, nDense, bwDense) + reduceScatterSeconds(expertParams * g, nExpert, bwExpert);
    const perMicro = 2 * gather + reduce; // gather for forward and again for backward, reduce gradients
    const window = L * (fwd + bwd + rec);
    out[StepSlot.DpOverlapped] = m * perMicro;
    return m * (overlap ? Math.max(perMicro - window, (gather + reduce) / L) : perMicro);
  }
  let grads: number;
  let params = 0;
  if (zeroStage === 0) {
    grads = allReduceSeconds(denseParams * g, nDense, bwDense) + allReduceSeconds(expertParams * g, nExpert, bwExpert);
  } else {
    grads = reduceScatterSeconds(denseParams * g, nDense, bwDense) + reduceScatterSeconds(expertParams * g, nExpert, bwExpert);
    params = allGatherSeconds(denseParams * w, nDense, bwDense) + allGatherSeconds(expertParams * w, nExpert, bwExpert);
  }
  // Gradients are reduced once per step, during the last micro-batch's backward; the
  // parameter all-gather overlaps the next step's first forward.
  out[StepSlot.DpOverlapped] = grads + params;
  return overlap ? Math.max(grads - L * (bwd + rec), grads / L) + Math.max(params - L * fwd, params / L) : grads + params;
}

/** Micro-batches per pipeline per step implied by the layout (see predictStep for the default). */
export function microbatchesOf(parallelism: ParallelismSpec, seqLen: number): number {
  const gbt = parallelism.globalBatchTokens;
  if (gbt === undefined) return parallelism.pp;
  return gbt / (seqLen * parallelism.microBatch * parallelism.dp);
}

function checkLayout(model: ModelSpec, p: ParallelismSpec): void {
  const fail = (msg: string): never => {
    throw new RangeError(`predictStep: ${msg}`);
  };
  for (const [name, v] of [["tp", p.tp], ["pp", p.pp], ["dp", p.dp], ["cp", p.cp ?? 1], ["ep", p.ep ?? 1], ["microBatch", p.microBatch], ["virtualStages", p.virtualStages ?? 1]] as const) {
    if (!(Number.isInteger(v) && v >= 1)) fail(`${name} must be a whole number ≥ 1, got ${v}`);
  }
  if (model.heads % p.tp !== 0) fail(`heads (${model.heads}) must be divisible by tp (${p.tp})`);
  if (!tpSplitsKvHeads(model, p.tp)) fail(`kvHeads (${model.kvHeads}) must divide by tp (${p.tp}) or divide it (replicated KV heads)`);
  // pp need not divide the layers (uneven stages, parallelism.ts pipelineSplit), but every stage needs one.
  if (model.layers < p.pp) fail(`layers (${model.layers}) must be at least pp (${p.pp}): every pipeline stage holds a layer`);
  if (model.experts && model.experts.total % (p.ep ?? 1) !== 0) fail(`experts (${model.experts.total}) must be divisible by ep (${p.ep})`);
  if ((p.ep ?? 1) > 1 && !model.experts) fail(`ep = ${p.ep} needs a mixture-of-experts model`);
  if (((p.dp * (p.cp ?? 1)) % (p.ep ?? 1)) !== 0) fail(`ep (${p.ep}) must divide dp·cp (${p.dp * (p.cp ?? 1)})`);
  if (model.seqLen % (p.cp ?? 1) !== 0) fail(`seqLen (${model.seqLen}) must be divisible by cp (${p.cp})`);
}

/**
 * Predicted step time, MFU, HFU and time breakdown of `spec` on `gpu`.
 * Without `parallelism.globalBatchTokens` the step is taken to hold pp micro-batches per pipeline
 * (the fewest that fill a 1F1B pipeline); give the global batch for a real prediction.
 */
export function predictStep(spec: TrainingSpec, gpu: GpuSpec, options: PerfOptions = {}): StepPrediction {
  const {model, parallelism: p, precision} = spec;
  checkLayout(model, p);
  const ctx = stepContext(model, gpu, precision, stackPerfOptions(spec.stack, gpu, precision, options));
  const cp = p.cp ?? 1;
  const ep = p.ep ?? 1;
  const sp = p.sequenceParallel ?? p.tp > 1;
  const flash = p.flashAttention ?? true;
  const vs = p.virtualStages ?? 1;
  const layer = layerCost(ctx.inv, p.tp, cp, ep, p.microBatch, sp, flash, new Float64Array(LAYER_SLOTS));
  const stage = stageLayout(model, p);
  const m = microbatchesOf(p, model.seqLen);
  if (!(m > 0) || !Number.isFinite(m)) throw new RangeError(`predictStep: global batch gives ${m} micro-batches per pipeline`);
  const out = new Float64Array(STEP_SLOTS);
  const seconds = assembleStep(ctx, layer, p.tp, p.pp, p.dp, cp, ep, p.zeroStage, p.recompute, vs, m, stage, out);
  const gpus = p.tp * p.pp * p.dp * cp;
  const tokensPerStep = m * p.dp * p.microBatch * model.seqLen;
  const modelFlopsPerStep = ctx.modelFlopsPerToken * tokensPerStep;
  const hardwareFlopsPerStep = hardwareFlopsPerTokenOf(ctx, p.recompute, flash) * tokensPerStep;
  const denominator = gpus * ctx.peakFlopsPerSecond * seconds;
  return {
    secondsPerStep: seconds,
    mfu: modelFlopsPerStep / denominator,
    hfu: hardwareFlopsPerStep / denominator,
    tokensPerSecond: tokensPerStep / seconds,
    tokensPerStep,
    microbatches: m,
    gpus,
    modelFlopsPerStep,
    hardwareFlopsPerStep,
    breakdown: breakdownFromSlots(out),
    dpCommOverlapped: out[StepSlot.DpOverlapped] as number
  };
}
