// Step time of plain, eager PyTorch (the "pytorch" stack, stack.ts) on one host: what the
// project's own measurements show (data/gpu_training_steps.csv and gpu_kernel_breakdown.csv on
// the lent H100; data/gpu_multi_steps.csv and gpu_nccl.csv on the lent 2 × H200). The fused-stack
// model (stepTime.ts predictStep, the "megatron" stack) is left as it is; this module reuses its
// layer costs with eager kernel efficiencies and adds what eager code spends on the host.
//
//   GPU seconds  G = the layer-cost model with eager efficiencies (EAGER_KERNELS: matmuls at the
//                    best-shape MAMF, SDPA attention and unfused element-wise kernels as profiled)
//                    + AdamW over this GPU's shard at its measured rate (adamwSeconds, ADAMW_RATE)
//                    + the share of gradient / parameter collectives that the GPUs do not hide
//                    + FSDP2's copies around its collectives (fsdpCopySeconds)
//                    + autocast's per-step casts of the weights to bf16 and of their gradients
//                      back to fp32 (autocastCastSeconds, measured: bench/gpu/op_breakdown.csv)
//                    + tensor parallelism's all-reduces, none hidden (eagerTensorParallelSeconds),
//                      and the whole output layer, loss and their AdamW on every tensor-parallel
//                      rank (wholeVocabularyHeadSeconds, wholeVocabularyParams)
//   host seconds H = Python, autograd and kernel-launch work per layer (EAGER_HOST_SECONDS_PER_LAYER)
//                    + DDP hooks per parameter tensor, FSDP2 work per sharded unit, or DTensor
//                    dispatch per tensor-parallel layer
//   step         = (G^p + H^p)^(1/p): the host queues kernels ahead of the GPU, so the slower of
//                  the two sets the pace, and p (EAGER_FIT.overlapPower) says how much of the faster
//                  one still shows where both are close (p → ∞: max(G, H); p = 1: G + H).
//
// Every FITTED constant names its rows. The LLaMA-family rows of gpu_multi_steps.csv are held out
// from every fit (measuredMulti.ts MULTI_HELD_OUT_MODELS) and tested.
import type {GpuSpec, Recompute, TrainingSpec} from "../types.js";
import {HBM_EFFICIENCY, TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION, mamfEfficiency, tunedMatmulEfficiency} from "./calibration.js";
import {measuredAttentionEfficiency} from "./attentionKernel.js";
import {headDimOf} from "../architecture.js";
import {allGatherSeconds, allReduceSeconds, groupBusBytesPerSecond, reduceScatterSeconds} from "./collectives.js";
import {LAYER_SLOTS, Slot, layerCost} from "./layerCost.js";
import type {CalibrationOverrides} from "./layerCost.js";
import {stackMemoryOptions} from "../stack.js";
import {microbatchesOf, predictStep, stepContext} from "./stepTime.js";
import type {StepPrediction} from "./stepTime.js";
import {expectedStragglerFraction, hostsOf} from "./scale.js";
import {stageParameters} from "../parallelism.js";
import {parameterCount} from "../parameters.js";

/** How the eager code splits the work over GPUs, as PyTorch names it. */
export type EagerParallelMode = "single" | "ddp" | "fsdp2-reshard" | "fsdp2-no-reshard" | "tp";

/** The eager mode a layout means: DDP for plain data parallelism, FSDP2 for ZeRO-3 (resharding after forward) or ZeRO-1/2 (not), DTensor tensor parallelism for tp > 1. */
export function eagerParallelMode(p: TrainingSpec["parallelism"]): EagerParallelMode {
  if (p.tp > 1) return "tp";
  if (p.dp <= 1) return "single";
  if (p.zeroStage === 3) return "fsdp2-reshard";
  if (p.zeroStage >= 1) return "fsdp2-no-reshard";
  return "ddp";
}

/**
 * Eager kernels beside the fused-stack model's, from the profiled H100 steps
 * (data/gpu_kernel_breakdown.csv, bench/gpu/kernel_breakdown.py, PyTorch 2.11, the 8 bf16 rows
 * without recomputation; tests/engine/perf/eagerStep.test.ts recomputes each figure from the file):
 * - matmuls run at the best-shape MAMF (calibration.ts MATMUL_EFFICIENCY, Bekman): measured GEMM
 *   time ÷ the model's at MAMF is 0.98–1.06 on every row, no fitting;
 * - SDPA attention takes 1.39 × the model's FlashAttention time (mean of the 8 rows, 1.33–1.44);
 * - element-wise kernels (layer norms in fp32, autocast's casts of activations, bias, residual and
 *   activation passes, the loss) take `elementwiseOverhead` × the fused count, once autocast's
 *   per-step casts of the weights and their gradients (autocastCastSeconds, a per-parameter cost)
 *   are taken out of the measured time: 3.08 for GPT-2-shaped blocks (LayerNorm, GELU; mean of 6
 *   rows, 2.96–3.26) and 4.93 for LLaMA-shaped ones (RMSNorm, SwiGLU, rotary embeddings, whose
 *   extra cat/neg/mul passes the fused count lacks; mean of 2 rows, 4.89–4.94). With the weight
 *   casts left in they were 3.26 (3.05–3.56) and 5.18: a per-step cost spread over the tokens of
 *   8k–16k-token steps, which made every 1,024-token step's GPU time come out short.
 */
export const EAGER_KERNELS = {
  attentionTimeFactor: 1.39,
  elementwiseOverhead: {gelu: 3.08, swiglu: 4.93}
} as const;

/**
 * The HBM bandwidth (bytes/s) eager memory-bound kernels of the forward and backward passes are
 * modelled against: the GPU's, but no more than the H100 SXM's 3.35 TB/s (the optimizer has its own
 * measured rate, ADAMW_RATE). Eager element-wise kernels reach about a quarter of the
 * H100's bandwidth (EAGER_KERNELS), so they are bound by occupancy and launch gaps, not by HBM: the
 * H200's 4.8 TB/s did not speed them up (GPU-bound GPT-2 steps: GPT-2 XL s=2048 b=4 0.230 s on the
 * H100, 0.231 s on one H200; GPT-2 large 0.128 s and 0.127 s).
 */
export const EAGER_HBM_CAP_BYTES_PER_SECOND = 3.35e12;

/**
 * HBM bytes one parameter costs in PyTorch's default (foreach) AdamW step, counted from
 * torch/optim/adam.py `_multi_tensor_adam` (PyTorch 2.x; AdamW shares it), fp32 parameters,
 * gradients and moments: weight decay mul_ (8), lerp_ of the first moment (12), mul_ and addcmul_
 * of the second (8 + 16), sqrt, div_ and add_ of its root (3 × 8), addcdiv_ into the weights (16).
 * bench/gpu/multi_gpu.py uses it (foreach=True); calibrate.py's fused AdamW is one kernel.
 */
export const FOREACH_ADAMW_BYTES_PER_PARAM = 84;

/**
 * Fused AdamW (one multi-tensor kernel, `torch.optim.AdamW(fused=True)`, calibrate.py) takes 1.2 ×
 * the minimum traffic the fused model counts (stepTime.ts optimizerBytesPerParam) at
 * HBM_EFFICIENCY on the H100: the mean measured ÷ modelled optimizer time of the 8 profiled H100
 * steps (data/gpu_kernel_breakdown.csv, 1.07–1.25). ADAMW_RATE_BY_GPU turns it into the H100's
 * share of HBM bandwidth.
 */
export const FUSED_ADAMW_TIME_FACTOR = 1.2;

/** PyTorch's two CUDA AdamW implementations: "foreach" (the default) and "fused" (fused=True). */
export type AdamwImplementation = "foreach" | "fused";

/** How fast one AdamW step runs alone on a GPU. */
export interface AdamwRate {
  /** Share of the GPU's datasheet HBM bandwidth at which the step moves its bytes per parameter. */
  hbmShare: number;
  /** GPU seconds per parameter tensor beyond its bytes (multi_tensor_apply's per-tensor chunk tails). */
  secondsPerTensor: number;
}

/**
 * FITTED on the GPT-2 rows of data/gpu_optimizer.csv (one H200, the AdamW step alone,
 * bench/gpu/calibrate.py --parts optimizer, PyTorch 2.11, 2026-12-01; 124M–1.56B parameters,
 * 148–580 tensors): least squares of (predicted ÷ measured − 1) for seconds = params × bytes per
 * param ÷ (hbmShare × 4.8 TB/s) + tensors × secondsPerTensor, with FOREACH_ADAMW_BYTES_PER_PARAM
 * (foreach) or stepTime.ts optimizerBytesPerParam (fused: 28 under autocast) per parameter. The
 * file's LLaMA rows (TinyLlama, Llama 3 8B ×8 layers, 70B ×2: 15–135 larger tensors) are held out
 * and predicted within +2–6% (tests/engine/perf/optimizerStep.test.ts). The optimizer is a few
 * long, regular passes over HBM: it is not held to EAGER_HBM_CAP_BYTES_PER_SECOND, which bounds the
 * small element-wise kernels of the forward and backward passes (at the cap it took 24–40% longer
 * than measured). Other GPUs get these shares of their own HBM bandwidth unless
 * ADAMW_RATE_BY_GPU has a measurement of theirs.
 */
export const ADAMW_RATE: Readonly<Record<AdamwImplementation, AdamwRate>> = {
  foreach: {hbmShare: 0.784, secondsPerTensor: 1.26e-6},
  fused: {hbmShare: 0.697, secondsPerTensor: 0.72e-6}
};

/**
 * AdamW measured on a GPU's own: the H100's fused step from the profiled H100 steps
 * (FUSED_ADAMW_TIME_FACTOR: HBM_EFFICIENCY ÷ 1.2 = 0.70 of 3.35 TB/s, all of the step's
 * optimizer kernels, so no separate per-tensor term). Its foreach step was not measured.
 */
export const ADAMW_RATE_BY_GPU: Readonly<Record<string, Partial<Record<AdamwImplementation, AdamwRate>>>> = {
  "h100-sxm5-80gb": {fused: {hbmShare: HBM_EFFICIENCY / FUSED_ADAMW_TIME_FACTOR, secondsPerTensor: 0}}
};

/**
 * GPU seconds of one AdamW step over `params` parameters held in `tensors` tensors on `gpu`
 * (ADAMW_RATE, or the GPU's own ADAMW_RATE_BY_GPU). `fusedBytesPerParam`: the fused step's traffic
 * per parameter for the precision (stepTime.ts optimizerBytesPerParam).
 */
export function adamwSeconds(params: number, tensors: number, gpu: GpuSpec, implementation: AdamwImplementation, fusedBytesPerParam: number): number {
  const rate = ADAMW_RATE_BY_GPU[gpu.id]?.[implementation] ?? ADAMW_RATE[implementation];
  const bytesPerParam = implementation === "foreach" ? FOREACH_ADAMW_BYTES_PER_PARAM : fusedBytesPerParam;
  return (params * bytesPerParam) / (rate.hbmShare * gpu.hbmBytesPerSecond) + tensors * rate.secondsPerTensor;
}

/**
 * FITTED host seconds per transformer layer per step of eager autocast training (forward in
 * Python, autograd backward, the optimizer's share), by the machine measured (keyed by its GPU),
 * by scripts/fit-eager.ts:
 * - "h200-sxm-141gb": the lent 2 × H200 host, least squares of log(predicted / measured) over the
 *   12 GPT-2 "single" rows of data/gpu_multi_steps.csv, jointly with the overlap power (EAGER_FIT);
 * - "h100-sxm5-80gb": the lent H100 host, the same fit over its 30 bf16 rows without
 *   recomputation (data/gpu_training_steps.csv, fused AdamW), with the power held.
 * Held out of both: the eager rows of data/gpu_stack_steps.csv (one H200, calibrate.py).
 * Host-bound wall-clock times are noisy: two runs of the same step on the same H200 differ by
 * 0.67–1.65× where kernel time reproduces within 2% (bench/gpu/stack_steps_repeat.csv).
 * The host, not the GPU, sets these: the two machines' CPUs differ, so the H100 host's figure is
 * ~30% larger than the H200 host's. Other GPUs get the H100 host's (the slower, so the larger).
 */
export const EAGER_HOST_SECONDS_PER_LAYER: Readonly<Record<string, number>> = {
  "h200-sxm-141gb": 2.2e-3,
  "h100-sxm5-80gb": 2.85e-3
};
export const DEFAULT_EAGER_HOST_SECONDS_PER_LAYER = 2.85e-3;

/**
 * FITTED on the GPT-2 rows of data/gpu_multi_steps.csv (2 × H200; LLaMA rows held out):
 * - `overlapPower`: the power p of the host–GPU overlap rule, jointly with
 *   EAGER_HOST_SECONDS_PER_LAYER["h200-sxm-141gb"] on the 12 GPT-2 "single" rows (grid 1.5–48;
 *   the fit is flat above 8: the step is close to max(G, H), the slower side alone);
 * then one mode at a time, with the constants before it held:
 * - `ddpHostSecondsPerTensor`: DDP's autograd hook per parameter tensor (copy into its bucket, the
 *   bucket's bookkeeping), 24 GPT-2 DDP rows (both bucket modes);
 * - `ddpExposedCommFraction`: the share of the bucketed fp32 gradient all-reduce (25 MiB buckets,
 *   PyTorch DDP's default bucket_cap_mb) that lengthens the step: it runs beside the backward pass,
 *   but NCCL's kernels share the SMs and HBM with it; same rows;
 * - `fsdpHostSecondsPerUnit`: FSDP2's pre/post-forward and backward hooks, all-gather copy-in and
 *   copy-out and the DTensor bookkeeping per fully_shard unit (one per block, plus the root), 24
 *   GPT-2 FSDP2 rows; the exposed share of its collectives is taken as DDP's;
 * - `tpHostSecondsPerLayer`: eager DTensor dispatch of the four parallelised linears of a layer
 *   (torch.distributed.tensor.parallel), 8 GPT-2 tp2 rows.
 * Grid searches of least squares of log(predicted / measured) (scripts/fit-eager.ts); tests/engine/perf/eagerStep.test.ts
 * checks each constant is a minimum on its rows. Refitted on 2026-12-01 when attention moved to the
 * measured Hopper SDPA rate (stackKernelCalibration), on the same GPT-2 rows, LLaMA rows still held
 * out: ddpHostSecondsPerTensor 36 → 35 µs, ddpExposedCommFraction 0.5 → 0.37 (the fit is flat
 * there: 0.37–0.5 change the GPT-2 DDP rows' squared log error by 5%); the rest did not move.
 * Refitted again on 2026-12-01 (scripts/fit-eager.ts, same rows and splits) when AdamW moved from
 * the capped element-wise bandwidth to its measured rate (ADAMW_RATE; it had been timed 30–40% too
 * slow on the H200): overlapPower 16 → 8 (the fit is flat from 6 to 24: within 5% of squared log
 * error), ddpHostSecondsPerTensor 35 → 34 µs, ddpExposedCommFraction 0.37 → 0.63 (the over-timed
 * optimizer had stood in for the exposed all-reduce on GPU-bound DDP steps); the H100 host 2.85 →
 * 2.8 ms a layer and recomputeHostFactor 1.51 / 1.96 → 1.53 / 1.99 with the new power; the H200
 * host, FSDP2 and DTensor constants did not move. Splits within ±10% before → after: 2 × H200 all
 * 84 → 81 of 110, fit 50 → 48 of 68, held out 34 → 33 of 42; wide-layer test set 17 → 22 of 36;
 * one H200 eager wall clock 37 → 35 of 51, compiled 28 → 29 of 51.
 * Refitted again on 2026-12-01 (same script, rows and splits) when autocast's per-step weight and
 * gradient casts were counted (autocastCastSeconds) and the element-wise factors refitted without
 * them (EAGER_KERNELS): overlapPower 8 → 12 (the fit is flat from 6 to 24, as before),
 * ddpHostSecondsPerTensor 34 → 35 µs, ddpExposedCommFraction 0.63 → 0.64, the H100 host 2.8 →
 * 2.85 ms a layer, recomputeHostFactor 1.53 / 1.99 → 1.51 / 1.96; the H200 host, FSDP2 and
 * DTensor constants did not move. 2 × H200 all 82 → 84 of 110, fit 48 → 48 of 68, held out 34 →
 * 36 of 42; wide-layer test set 34 → 35 of 36; one H200 eager wall clock 35 → 38 of 51, compiled
 * 29 → 35 of 51.
 *
 * FITTED on the lent H100 (data/gpu_training_steps.csv, amp-bf16, fused AdamW), GPT-2 rows only,
 * the 6 TinyLlama rows of each mode held out:
 * - `recomputeHostFactor`: the host's seconds per layer with recomputation, as a multiple of those
 *   without (torch.utils.checkpoint re-runs the checkpointed forward in Python and adds its own
 *   bookkeeping): "selective" (the script's "attention-core", the engine's selective) 1.51 over
 *   24 rows, "full" 1.96 over 24 rows (grid step 0.01 over 1–3, the H100 host's 2.85 ms a layer
 *   held). GPU time needs nothing new: the layer-cost model already counts the recomputed kernels.
 *   "per-op" (torchtitan's per-operation checkpointing) 4.2, fitted on one H200 (see EAGER_FIT).
 */
export interface EagerFit {
  overlapPower: number;
  ddpHostSecondsPerTensor: number;
  ddpExposedCommFraction: number;
  fsdpHostSecondsPerUnit: number;
  tpHostSecondsPerLayer: number;
  recomputeHostFactor: Readonly<Record<Exclude<Recompute, "none">, number>>;
}
export const EAGER_FIT: Readonly<EagerFit> = {
  overlapPower: 12,
  ddpHostSecondsPerTensor: 35e-6,
  ddpExposedCommFraction: 0.64,
  fsdpHostSecondsPerUnit: 3.35e-3,
  tpHostSecondsPerLayer: 6.65e-3,
  // per-op: FITTED on one H200 (bench/gpu/sac_memory.py → sac_memory.csv, 2026-12-02, eager bf16
  // Llama 3.2 1B / 3B and Llama 3 8B blocks, 4 layers, torchtitan's policy): the least-squares
  // minimum (grid step 0.05) of log(predicted ÷ measured) of each step's time with per-op over
  // the same step without recomputation, on the 9 micro-batch-1 rows; the 9 micro-batch-2 rows are
  // held out (tests/engine/perf/sacMemory.test.ts). Above full's 1.96: the per-op policy re-runs
  // the whole block's forward code in Python as full checkpointing does and, besides, is called
  // from a Python dispatch mode for every op of both passes.
  recomputeHostFactor: {selective: 1.51, full: 1.96, "per-op": 4.2}
};

/** PyTorch DDP's default gradient bucket, 25 MiB (torch.nn.parallel.DistributedDataParallel, bucket_cap_mb=25). */
export const DDP_BUCKET_BYTES = 25 * 2 ** 20;

export type EagerCollective = "all_reduce" | "all_gather" | "reduce_scatter";

/**
 * Bus bandwidth (bytes/s) of one collective of `bytes` (whole buffer, as nccl-tests counts it) over
 * the job's GPUs; when absent the datasheet link × NCCL's efficiency is used (collectives.ts).
 */
export type BusBandwidth = (collective: EagerCollective, bytes: number) => number;

/** Measured NCCL rows (data/gpu_nccl.csv) for one machine. */
export interface NcclRow {
  collective: string;
  bytes: number;
  busbw_gbps: number;
}

/**
 * Bus bandwidth by message size from measured rows: log–log interpolation between the measured
 * sizes, held flat beyond the smallest and largest.
 */
export function busBandwidthFromRows(rows: readonly NcclRow[]): BusBandwidth {
  const by = new Map<string, {bytes: number; bps: number}[]>();
  for (const r of rows) {
    const list = by.get(r.collective) ?? [];
    list.push({bytes: r.bytes, bps: r.busbw_gbps * 1e9});
    by.set(r.collective, list);
  }
  for (const list of by.values()) list.sort((a, b) => a.bytes - b.bytes);
  return (collective, bytes) => {
    const pts = by.get(collective);
    if (!pts || pts.length === 0) throw new RangeError(`busBandwidthFromRows: no measured ${collective} rows`);
    const first = pts[0]!;
    const last = pts[pts.length - 1]!;
    if (bytes <= first.bytes) return first.bps;
    if (bytes >= last.bytes) return last.bps;
    let i = 1;
    while (pts[i]!.bytes < bytes) i++;
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const t = Math.log(bytes / a.bytes) / Math.log(b.bytes / a.bytes);
    return Math.exp(Math.log(a.bps) + t * Math.log(b.bps / a.bps));
  };
}

export interface EagerStepOptions {
  /** Measured collective bandwidth of this machine (busBandwidthFromRows); default: datasheet × NCCL efficiency. */
  busBandwidth?: BusBandwidth;
  /** Host seconds per layer; default EAGER_HOST_SECONDS_PER_LAYER of the GPU's machine. */
  hostSecondsPerLayer?: number;
  /** AdamW implementation: "foreach" (PyTorch's default on CUDA; multi_gpu.py) or "fused" (calibrate.py). Default "foreach". */
  optimizer?: AdamwImplementation;
  /** Cap eager memory-bound kernels at the H100's HBM bandwidth (EAGER_HBM_CAP_BYTES_PER_SECOND). Default true. */
  capHbm?: boolean;
  /**
   * The GPU kernels: "eager" (EAGER_KERNELS, the "pytorch" stack) or "compiled" (the fused-stack
   * model's kernels, the "pytorch-compile" stack: Inductor fuses the element-wise work, and its
   * compiled GPU time is within ±10% of the fused model's, tests/engine/perf/measuredStack.test.ts).
   * Default "eager".
   */
  kernels?: "eager" | "compiled";
  /** Calibration overrides of the GPU kernels (a reader's calibration; applies to "compiled" kernels, and over EAGER_KERNELS for "eager"). */
  calibration?: CalibrationOverrides;
  /** Replace fitted constants (for fitting them and for sensitivity studies). */
  fit?: Partial<EagerFit>;
  /** Count autocast's per-step weight and gradient casts (autocastCastSeconds). Default true; false shows what they add. */
  autocastCasts?: boolean;
  /** Count FSDP2's copies around its collectives (fsdpCopySeconds). Default true; false shows what they add. */
  fsdpCopies?: boolean;
  /**
   * FSDP's mixed-precision policy (torch.distributed.fsdp MixedPrecision / MixedPrecisionPolicy):
   * bytes per parameter its all-gathers move (param_dtype) and its reduce-scatters (reduce_dtype).
   * Default none: fp32 both ways, as bench/gpu/multi_gpu.py runs FSDP2. With a bf16 param_dtype the
   * gathered weights are already bf16, so autocast casts none of them (autocastCastSeconds does not
   * apply); FSDP casts instead (fsdpMixedPrecisionCastSeconds).
   */
  fsdpMixedPrecision?: FsdpMixedPrecision;
  /**
   * 1: FullyShardedDataParallel of PyTorch 1.12–2.x (FlatParameter): it all-gathers straight into
   * the flat unsharded parameter, whose views the modules use, and reduce-scatters the flat
   * gradient, so FSDP2's copy-in / copy-out (fsdpCopySeconds) does not happen. Default 2 (fully_shard,
   * what the project measured).
   */
  fsdpVersion?: 1 | 2;
  /**
   * Tensor parallelism splits the output layer and the loss over the vocabulary, as torchtitan
   * does (pytorch/torchtitan parallelize_llama.py apply_tp: the output layer ColwiseParallel with
   * its logits sharded on the vocabulary under loss_parallel, on whenever tp > 1 unless
   * --training.disable_loss_parallel; at 9dec370ad2 and 820504e20d). Default: the stack's
   * (stack.ts: the PyTorch stacks keep the vocabulary whole, as bench/gpu/multi_gpu.py
   * parallelizes the blocks alone).
   */
  vocabularyParallel?: boolean;
}

/** Bytes per parameter of FSDP's all-gathers (param_dtype) and reduce-scatters (reduce_dtype). */
export interface FsdpMixedPrecision {
  gatherBytesPerParam: 2 | 4;
  reduceBytesPerParam: 2 | 4;
}

/**
 * GPU seconds of the casts an FSDP mixed-precision policy with a bf16 param_dtype runs in one
 * micro-batch over `params` parameters (this rank's, unsharded) on `dp` ranks, `gathers` all-gathers
 * of each: before each all-gather FSDP copies the fp32 local shard into its bf16 copy (FSDP1
 * `_use_low_precision_shard`; FSDP2 the same cast before its copy-in: read 4 B, write 2 B of 1/dp);
 * after backward the unsharded bf16 gradient is cast to reduce_dtype when that is wider
 * (`flat_param.grad.to(handle._reduce_dtype)` in `_post_backward_hook`, pytorch/pytorch
 * torch/distributed/fsdp/_runtime_utils.py: read 2 B, write 4 B of the whole unit), and the reduced
 * shard back to the fp32 parameter's dtype when it is narrower (`_cast_grad_to_param_dtype`: read
 * 2 B, write 4 B of 1/dp). At the eager element-wise rate (as autocastCastSeconds). Nothing fitted.
 */
export function fsdpMixedPrecisionCastSeconds(params: number, dp: number, gathers: number, policy: FsdpMixedPrecision, gpu: GpuSpec): number {
  if (policy.gatherBytesPerParam === 4) return 0;
  const castBytes = 4 + 2;
  const bytes = castBytes * ((gathers * params) / dp + (policy.reduceBytesPerParam === 4 ? params : params / dp));
  return bytes / (HBM_EFFICIENCY * Math.min(gpu.hbmBytesPerSecond, EAGER_HBM_CAP_BYTES_PER_SECOND));
}

export interface EagerStepPrediction {
  secondsPerStep: number;
  /** GPU kernel seconds, collectives' exposed share included. */
  gpuSeconds: number;
  /** Host seconds: Python, autograd, launches and the parallel wrapper's own work. */
  hostSeconds: number;
  /** Collective seconds of the step with nothing hidden (for the reader; not all of it is in gpuSeconds). */
  commSeconds: number;
  mode: EagerParallelMode;
  /**
   * The step as the fused-stack model reports one (stepTime.ts StepPrediction): the GPU's parts
   * (compute, recomputation, memory-bound kernels and the optimizer, exposed collectives) and
   * `hostWait`, the seconds the GPU waits for the host; they sum to secondsPerStep.
   */
  step: StepPrediction;
}

/** Calibration overrides that turn the fused-stack layer costs into eager PyTorch's (EAGER_KERNELS). */
export function eagerCalibration(spec: TrainingSpec, gpu: GpuSpec, capHbm = true): CalibrationOverrides {
  return {
    matmulEfficiency: mamfEfficiency(gpu, spec.precision),
    flashAttentionEfficiency: 0.5 / EAGER_KERNELS.attentionTimeFactor,
    memoryBoundOverhead: EAGER_KERNELS.elementwiseOverhead[(spec.model.ffnKind ?? "gelu") === "swiglu" ? "swiglu" : "gelu"],
    hbmEfficiency: HBM_EFFICIENCY * (capHbm ? Math.min(1, EAGER_HBM_CAP_BYTES_PER_SECOND / gpu.hbmBytesPerSecond) : 1)
  };
}

/**
 * The narrowest model width whose matmuls the project measured at training shapes on Hopper:
 * data/gpu_gemm.csv's non-square shapes with m, n and k all ≥ 2,048 (behind the H100's
 * TUNED_STACK_MATMUL_EFFICIENCY) and data/gpu_layer_gemm.csv's layers (4,096 and wider, behind the
 * H200's). Narrower layers keep the fused model's matmul fraction.
 */
export const MEASURED_MATMUL_MIN_WIDTH = 2048;

/**
 * The GPU kernels of a PyTorch stack as calibration overrides of the layer-cost model:
 * - "eager": EAGER_KERNELS (eagerCalibration);
 * - "compiled": the fused model's kernels, but on a chip and format whose training-shape matmuls
 *   the project measured (calibration.ts TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION: the H100's
 *   gpu_gemm.csv shapes, the H200's gpu_layer_gemm.csv layers) at their measured rate for layers at
 *   least MEASURED_MATMUL_MIN_WIDTH wide: torch.compile leaves the matmuls to cuBLAS, which runs
 *   them as in isolation, where the fused model's fraction (0.688 of MAMF, Megatron 2022 on A100)
 *   also holds what a 2022 stack lost between them;
 * - both: attention at the rate measured for PyTorch's default SDPA kernel on Hopper where the head
 *   size and sequence length were measured (attentionKernel.ts measuredAttentionEfficiency, the
 *   lead's data/gpu_attention.csv), in place of EAGER_KERNELS.attentionTimeFactor (eager) and
 *   FlashAttention-2's published 0.5 (compiled).
 * Judged on the H200 stack steps (data/gpu_stack_steps.csv), which no constant here was fitted to.
 */
export function stackKernelCalibration(spec: TrainingSpec, gpu: GpuSpec, kernels: "eager" | "compiled", capHbm = true): CalibrationOverrides {
  const attention = spec.precision === "fp32" || spec.precision === "fp16-master-fp32" ? null : measuredAttentionEfficiency(gpu, headDimOf(spec.model), spec.model.seqLen / (spec.parallelism.cp ?? 1));
  const withAttention = (c: CalibrationOverrides): CalibrationOverrides => (attention === null ? c : {...c, flashAttentionEfficiency: attention});
  if (kernels === "eager") return withAttention(eagerCalibration(spec, gpu, capHbm));
  const format = spec.precision === "fp8" ? "fp8" : spec.precision === "amp-bf16" || spec.precision === "bf16-master-fp32" ? "bf16" : null;
  const measured = format !== null && TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION[gpu.id]?.[format] !== undefined && spec.model.dModel >= MEASURED_MATMUL_MIN_WIDTH;
  return withAttention(measured ? {matmulEfficiency: tunedMatmulEfficiency(gpu, spec.precision)} : {});
}

/**
 * Parameter tensors of a dense decoder as PyTorch holds them (weights, and biases in GPT-2-shaped
 * blocks), with `layers` of its blocks (a pipeline stage's) and everything outside the blocks.
 */
function parameterTensors(spec: TrainingSpec, layers = spec.model.layers): number {
  const m = spec.model;
  const gpt2Like = (m.ffnKind ?? "gelu") !== "swiglu";
  // GPT-2 block: two LayerNorms (weight, bias), QKV, output, FC1, FC2 (weight, bias) = 12;
  // LLaMA block: two RMSNorms, QKV, output, fused gate-up, down = 6 (calibrate.py Block).
  const perLayer = gpt2Like ? 12 : 6;
  // Outside the blocks: token embedding and final norm (GPT-2: positions and the norm's bias too),
  // and the output projection unless tied.
  const outside = (gpt2Like ? 4 : 2) + (m.tiedEmbeddings ? 0 : 1);
  return perLayer * layers + outside;
}

/** Parameters outside the blocks (token and position embeddings, final norm, output layer), scaled to `params` as stageParameters does. */
function outsideBlocksParams(spec: TrainingSpec): number {
  const count = parameterCount(spec.model);
  return ((count.embedding + count.output + count.finalNorm) * spec.model.params) / count.total;
}

/**
 * FSDP2 does not reshard the root unit after forward: `FSDPState._lazy_init` sets the root's
 * `post_forward_mesh_info` to None ("for the root, do not reshard after forward since for
 * training, the parameters would be freed and all-gathered immediately",
 * torch/distributed/fsdp/_fully_shard/_fsdp_state.py, PyTorch 2.4–2.11), so with resharding the
 * blocks are gathered twice a step and the root once (memory.ts MemoryOptions.fsdp2Gathers counts
 * the same root held for the whole step).
 */
export const FSDP_ROOT_STAYS_GATHERED = true;

/**
 * GPU seconds of FSDP2's copies around its collectives in one micro-batch
 * (torch/distributed/fsdp/_fully_shard/_fsdp_collectives.py, PyTorch 2.11):
 * - before each all-gather, `all_gather_copy_in` copies the rank's shards into the flat input
 *   buffer (read and write of 1/dp of the unit);
 * - after it, `foreach_all_gather_copy_out` (`split_with_sizes_copy`) copies the gathered buffer
 *   into the unsharded parameters (read and write of the whole unit);
 * - before each reduce-scatter, `foreach_reduce` copies the unsharded gradients into the flat
 *   input with `_chunk_cat` (read and write of the whole unit; NCCL averages in place, so no
 *   divide follows for fp32).
 * `gatheredBytes`: fp32 bytes of every gather of the micro-batch; `reducedBytes`: of every
 * reduce-scatter. Large contiguous copies at HBM_EFFICIENCY of the GPU's bandwidth, uncapped (the
 * H200 copies 512 MiB–8 GiB at 0.86–0.89 of its 4.8 TB/s, data/gpu_hbm.csv). Nothing fitted: the
 * term was added after the wide-layer 2 × H200 FSDP2 steps showed the gap
 * (bench/gpu/multi_steps_wide.csv), whose known-miss reason named these kernels.
 */
export function fsdpCopySeconds(gatheredBytes: number, reducedBytes: number, dp: number, gpu: GpuSpec): number {
  const bytes = 2 * gatheredBytes * (1 + 1 / dp) + 2 * reducedBytes;
  return bytes / (HBM_EFFICIENCY * gpu.hbmBytesPerSecond);
}

/** Whether the layout is one the plain-PyTorch measurements cover in kind: data and tensor parallelism (pp = cp = ep = 1). */
export function eagerLayoutMeasured(p: TrainingSpec["parallelism"]): boolean {
  return p.pp === 1 && (p.cp ?? 1) === 1 && (p.ep ?? 1) === 1;
}

/**
 * Predicted wall-clock seconds of one plain-PyTorch step of `spec` on `gpu`: eager kernels (or
 * compiled ones, `options.kernels`), the host's work and the parallel wrapper's. Layouts: one GPU,
 * DDP, FSDP2 (ZeRO-3 reshards after forward; ZeRO-1/2 does not), DTensor tensor parallelism, and
 * tensor parallelism inside data parallelism; any micro-batch count (gradient accumulation: DDP
 * reduces once per step under no_sync, FSDP2 gathers and reduce-scatters every micro-batch) and
 * recomputation (on the GPU as the fused model counts it). What was measured: one micro-batch per
 * step, no recomputation, DDP / FSDP2 / tp on 2 GPUs (data/gpu_multi_steps.csv) and one GPU
 * (gpu_training_steps.csv, gpu_stack_steps.csv); the rest is the same terms carried further.
 * Pipeline, context and expert parallelism were never measured in plain PyTorch: for them
 * (eagerStepBeyondMeasured) the fused model's layout arithmetic runs with these kernels, and the
 * host's work is added by the same rule.
 */
export function predictEagerStep(spec: TrainingSpec, gpu: GpuSpec, options: EagerStepOptions = {}): EagerStepPrediction {
  const p = spec.parallelism;
  const mode = eagerParallelMode(p);
  const k: EagerFit = {...EAGER_FIT, ...options.fit};
  const compiled = (options.kernels ?? "eager") === "compiled";
  const calibration: CalibrationOverrides = {...stackKernelCalibration(spec, gpu, compiled ? "compiled" : "eager", options.capHbm ?? true), ...options.calibration};
  if (!eagerLayoutMeasured(p)) return eagerStepBeyondMeasured(spec, gpu, options, k, calibration);
  const dp = p.dp;
  const tp = p.tp;
  const m = microbatchesOf(p, spec.model.seqLen);
  if (!(m > 0) || !Number.isFinite(m)) throw new RangeError(`predictEagerStep: global batch gives ${m} micro-batches per step`);
  // GPU work of one data-parallel rank's micro-batches (its tensor-parallel group), without the
  // fused model's optimizer and data-parallel collectives.
  const alone: TrainingSpec = {
    ...spec,
    hardware: {...spec.hardware, count: tp},
    parallelism: {...p, dp: 1, zeroStage: 0, globalBatchTokens: m * p.microBatch * spec.model.seqLen}
  };
  const fused = predictStep(alone, gpu, {calibration});
  const ctx = stepContext(spec.model, gpu, spec.precision, {calibration});
  const fusedOptimizer = (spec.model.params / tp) * ctx.optimizerBytesPerParam / ctx.inv.hbm;
  const sharded = dp > 1 && p.zeroStage >= 1;
  const reshard = sharded && p.zeroStage === 3;
  // This rank's parameters: its 1/tp of the blocks, and everything outside them whole where the
  // stack keeps the vocabulary whole (wholeVocabularyParams), as memory.ts counts them.
  const vocabularyParallel = options.vocabularyParallel ?? stackVocabularyParallel(spec);
  const localParams = spec.model.params / tp + wholeVocabularyParams(spec, vocabularyParallel);
  const optimizer = adamwSeconds(sharded ? localParams / dp : localParams, parameterTensors(spec), gpu, options.optimizer ?? "foreach", ctx.optimizerBytesPerParam);
  const head = wholeVocabularyHeadSeconds(spec, gpu, calibration, vocabularyParallel) * m;
  // Tensor-parallel collectives as eager DTensor runs them, none hidden (eagerTensorParallelSeconds),
  // in place of the fused model's (part of the backward's hidden behind the weight gradients).
  const tpBw: BusBandwidth = options.busBandwidth ?? (() => groupBusBytesPerSecond(gpu, tp, 1));
  const tpComm = m * spec.model.layers * eagerTensorParallelSeconds(spec, tpBw);
  const policy = options.fsdpMixedPrecision;
  // A bf16 param_dtype hands autocast bf16 weights: it casts none (fsdpMixedPrecisionCastSeconds instead).
  const fsdpBf16Params = policy !== undefined && policy.gatherBytesPerParam === 2 && dp > 1 && p.zeroStage >= 1;
  let casts = (options.autocastCasts ?? true) && !fsdpBf16Params ? autocastCastSeconds(autocastWeightParams(spec, vocabularyParallel), spec.precision, gpu, compiled ? "compiled" : "eager") : 0;
  const kernels = fused.secondsPerStep - fusedOptimizer + head - fused.breakdown.tpComm + tpComm;
  let gpuSeconds = kernels + optimizer + casts;

  const L = spec.model.layers;
  const hostPerLayer = options.hostSecondsPerLayer ?? EAGER_HOST_SECONDS_PER_LAYER[gpu.id] ?? DEFAULT_EAGER_HOST_SECONDS_PER_LAYER;
  const recomputeFactor = p.recompute === "none" ? 1 : k.recomputeHostFactor[p.recompute];
  let hostSeconds = m * L * (hostPerLayer * recomputeFactor + (tp > 1 ? k.tpHostSecondsPerLayer : 0));
  const bw: BusBandwidth = options.busBandwidth ?? (() => groupBusBytesPerSecond(gpu, dp, tp));
  // Gradients and master weights are fp32 under autocast; FSDP2 without a mixed-precision policy
  // gathers the fp32 parameters (bench/gpu/multi_gpu.py passes none).
  const fp32Bytes = 4 * localParams;
  let dpCommSeconds = 0;
  let fsdpCopies = 0;
  if (dp > 1 && !sharded) {
    const buckets = Math.ceil(fp32Bytes / DDP_BUCKET_BYTES);
    const perBucket = fp32Bytes / buckets;
    dpCommSeconds = buckets * allReduceSeconds(perBucket, dp, bw("all_reduce", perBucket));
    hostSeconds += k.ddpHostSecondsPerTensor * parameterTensors(spec);
  } else if (sharded) {
    // One fully_shard unit per block, and the root (embeddings, final norm, output layer), each
    // gathered and reduce-scattered whole: FSDP2 without a mixed-precision policy moves the fp32
    // parameters and gradients.
    const units = L + 1;
    const rootBytes = 4 * (outsideBlocksParams(spec) / tp + wholeVocabularyParams(spec, vocabularyParallel));
    const blockBytes = (fp32Bytes - rootBytes) / L;
    // A mixed-precision policy moves its own widths (FsdpMixedPrecision); fp32 without one.
    const gatherShare = (policy?.gatherBytesPerParam ?? 4) / 4;
    const reduceShare = (policy?.reduceBytesPerParam ?? 4) / 4;
    const gather = (bytes: number) => allGatherSeconds(bytes * gatherShare, dp, bw("all_gather", bytes * gatherShare));
    const reduce = (bytes: number) => reduceScatterSeconds(bytes * reduceShare, dp, bw("reduce_scatter", bytes * reduceShare));
    // With resharding every block is gathered again for backward, but not the root: FSDP2 keeps
    // the root unit gathered from forward to backward (FSDP_ROOT_STAYS_GATHERED).
    const blockGathers = reshard ? 2 : 1;
    const rootGathers = FSDP_ROOT_STAYS_GATHERED ? 1 : blockGathers;
    dpCommSeconds = m * (rootGathers * gather(rootBytes) + L * blockGathers * gather(blockBytes) + reduce(rootBytes) + L * reduce(blockBytes));
    fsdpCopies = (options.fsdpCopies ?? true) && (options.fsdpVersion ?? 2) === 2 ? m * fsdpCopySeconds(rootBytes * rootGathers + blockBytes * L * blockGathers, fp32Bytes, dp, gpu) : 0;
    gpuSeconds += fsdpCopies;
    if (fsdpBf16Params && policy) {
      const mpCasts = m * fsdpMixedPrecisionCastSeconds(localParams, dp, blockGathers, policy, gpu);
      casts += mpCasts;
      gpuSeconds += mpCasts;
    }
    hostSeconds += m * k.fsdpHostSecondsPerUnit * units;
  }
  const dpExposed = k.ddpExposedCommFraction * dpCommSeconds;
  gpuSeconds += dpExposed;
  // More than one machine: the step waits for the slowest (scale.ts), as in the fused model.
  const straggler = kernels * expectedStragglerFraction(hostsOf(tp * dp, gpu.gpusPerNode ?? 1));
  gpuSeconds += straggler;
  const commSeconds = dpCommSeconds + tpComm;
  const q = k.overlapPower;
  const secondsPerStep = (gpuSeconds ** q + hostSeconds ** q) ** (1 / q);

  const b = fused.breakdown;
  const tokensPerStep = m * dp * p.microBatch * spec.model.seqLen;
  const gpus = tp * dp;
  const denominator = gpus * ctx.peakFlopsPerSecond * secondsPerStep;
  const step: StepPrediction = {
    secondsPerStep,
    mfu: (fused.modelFlopsPerStep * dp) / denominator,
    hfu: (fused.hardwareFlopsPerStep * dp) / denominator,
    tokensPerSecond: tokensPerStep / secondsPerStep,
    tokensPerStep,
    microbatches: m,
    gpus,
    modelFlopsPerStep: fused.modelFlopsPerStep * dp,
    hardwareFlopsPerStep: fused.hardwareFlopsPerStep * dp,
    breakdown: {
      ...b,
      compute: b.compute + head,
      memoryBound: b.memoryBound - fusedOptimizer + optimizer + fsdpCopies + casts,
      tpComm,
      dpComm: dpExposed,
      straggler: b.straggler + straggler,
      hostWait: hostWaitSeconds(secondsPerStep, gpuSeconds)
    },
    dpCommOverlapped: dpCommSeconds - dpExposed
  };
  return {secondsPerStep, gpuSeconds, hostSeconds, commSeconds, mode, step};
}

/**
 * The seconds a step waits for the host: the step (the overlap rule's power mean of GPU and host
 * time) less the GPU's own time. It is ≥ 0 by that rule, but the subtraction of two nearly equal
 * floats on a GPU-bound step leaves rounding residue of either sign (−1e-14 s, or +1.4e-17 s on a
 * 0.12 s step: one unit in the last place), which a chart would draw as a part of the step; a
 * difference under a trillionth of the step (10⁴ units in the last place) is that residue, and is
 * none. A real wait that small (the power mean's tail on a GPU-bound step) is none to a reader too.
 */
export function hostWaitSeconds(secondsPerStep: number, gpuSeconds: number): number {
  const wait = secondsPerStep - gpuSeconds;
  return wait > 1e-12 * secondsPerStep ? wait : 0;
}

/**
 * HBM bytes per matmul weight that autocast moves every step (torch.autocast, the "amp-bf16"
 * precision: fp32 parameters): in forward each weight is cast to bf16 for its matmul (`_to_copy`,
 * read 4 B, write 2 B; autocast's cast cache holds it only within the forward, and autograd keeps
 * it for the backward, so it is not cast again), and in backward its bf16 gradient is cast back to
 * the fp32 parameter's dtype (`ToCopyBackward0`: read 2 B, write 4 B). Counted from PyTorch's
 * autocast semantics (torch/csrc/autograd/autocast_mode, PyTorch 2.x), and measured: the profiled
 * eager steps of bench/gpu/op_breakdown.csv (one H200) spend exactly 12.0 bytes a cast weight a
 * step in `copy_` ops on weight-shaped tensors, at 1,024 and 8,192 tokens alike (autocastCastSeconds
 * for their rate). Nothing fitted. These copies run once a step whatever the number of tokens, so
 * they are a large share of short steps: without the term the eager and compiled GPU time of one
 * 1,024-token sequence came out 10–30% short on one H200 (data/gpu_stack_steps.csv), and the
 * element-wise factors fitted at 8k–16k tokens (EAGER_KERNELS) had absorbed them.
 */
export const AUTOCAST_CAST_BYTES_PER_PARAM = 12;

/**
 * Matmul weights one rank casts each step under autocast: its share of the blocks (1/tp) and of the
 * output layer (whole where the stack keeps the vocabulary whole, wholeVocabularyParams), and the
 * token embedding only when it is tied to the output layer (a lookup of an untied table, or of
 * learned positions, reads the fp32 table and casts nothing). Norm weights, counted with the
 * blocks, are a negligible excess. Under DDP and FSDP2 every rank casts the whole (gathered) model.
 */
export function autocastWeightParams(spec: TrainingSpec, vocabularyParallel = stackVocabularyParallel(spec)): number {
  const m = spec.model;
  const count = parameterCount(m);
  const scale = m.params / count.total;
  const positions = m.positionEmbedding === "learned" ? m.seqLen * m.dModel : 0;
  const notCast = (m.tiedEmbeddings ? positions : count.embedding) * scale;
  const tp = spec.parallelism.tp;
  const outside = outsideBlocksParams(spec);
  const outsideShare = wholeVocabularyParams(spec, vocabularyParallel) > 0 ? 1 : 1 / tp;
  return (m.params - outside) / tp + (outside - notCast) * outsideShare;
}

/**
 * GPU seconds of autocast's casts of `weightParams` matmul weights in one step
 * (AUTOCAST_CAST_BYTES_PER_PARAM) at the stack's element-wise HBM rate: eager code's
 * (`kernels` "eager": HBM_EFFICIENCY of the GPU's bandwidth, no more than
 * EAGER_HBM_CAP_BYTES_PER_SECOND) or the fused model's (`kernels` "compiled": HBM_EFFICIENCY of
 * the GPU's own). Measured on one H200 (bench/gpu/op_breakdown.py, bench/gpu/op_breakdown.csv:
 * the `copy_` ops on weight-shaped tensors of 12 eager steps, GPT-2 medium to the Llama 3 70B
 * layer shape at 1,024 and 8,192 tokens): 12.0 bytes a cast weight a step (8.7–11.3 a parameter
 * where an untied embedding table is not cast), the same at 1,024 and 8,192 tokens (1.6–14 ms a
 * step, 9–11% of one 1,024-token step's GPU time), moved at 2.4–2.8 TB/s: the eager rate's 2.81,
 * not the 4.0 TB/s of large copies. The compiled casts were not measured. 0 for precisions
 * without autocast's fp32 weights: Megatron-style mixed precision keeps bf16 weights, and its
 * AdamW writes them (stepTime.ts optimizerBytesPerParam).
 */
export function autocastCastSeconds(weightParams: number, precision: TrainingSpec["precision"], gpu: GpuSpec, kernels: "eager" | "compiled" = "eager"): number {
  if (precision !== "amp-bf16") return 0;
  const bandwidth = kernels === "eager" ? Math.min(gpu.hbmBytesPerSecond, EAGER_HBM_CAP_BYTES_PER_SECOND) : gpu.hbmBytesPerSecond;
  return (weightParams * AUTOCAST_CAST_BYTES_PER_PARAM) / (HBM_EFFICIENCY * bandwidth);
}

/** Whether the spec's stack splits the output layer and loss over tensor-parallel ranks (stack.ts; Megatron's do, the PyTorch stacks' do not). */
function stackVocabularyParallel(spec: TrainingSpec): boolean {
  return stackMemoryOptions(spec.stack).vocabularyParallel ?? true;
}

/**
 * Parameters a tensor-parallel rank holds beyond its 1/tp share where the stack keeps the
 * vocabulary whole (memory.ts MemoryOptions.vocabularyParallel false: `parallelize_module` over
 * the blocks alone, as bench/gpu/multi_gpu.py does): the embedding, final norm and output layer
 * stay whole on every rank, so each rank's AdamW steps over all of them and its data-parallel
 * collectives carry their gradients whole (memory.ts counts the same parameters). 0 without tensor
 * parallelism or with Megatron's vocabulary-parallel layers.
 *
 * On the wide 2 × H200 tp2 steps this is 0.52 B parameters a rank for the Llama 3 8B cut and
 * 1.05 B for the 70B cut; the AdamW step measured alone on one H200 takes 21.7 ns a parameter at
 * these shapes (data/gpu_optimizer.csv, foreach, both cuts), so 11–23 ms a step, 12–25% of those
 * steps, which the model had left out (bench/gpu/multi_steps_wide.csv: tp2 13–32% under before).
 */
export function wholeVocabularyParams(spec: TrainingSpec, vocabularyParallel = stackVocabularyParallel(spec)): number {
  const tp = spec.parallelism.tp;
  if (tp <= 1 || vocabularyParallel) return 0;
  return (1 - 1 / tp) * outsideBlocksParams(spec);
}

/**
 * Seconds per layer per micro-batch of eager tensor parallelism's collectives, none hidden. DTensor's
 * ColwiseParallel / RowwiseParallel (torch.distributed.tensor.parallel.style, PyTorch 2.4–2.11)
 * all-reduce the row-parallel output in forward (attention output and MLP down projection: 2) and
 * the column-parallel input's gradient in backward (`_FromTorchTensor.backward` redistributes the
 * Partial gradient to Replicate after the matmul's backward node has computed both the input and
 * the weight gradient: 2), each of the micro-batch's activations (tokens × width at the activation
 * width; with sequence parallelism an all-gather and a reduce-scatter of the same buffer in its
 * place). The functional collective's result is waited on by the very next op (the norm or the
 * residual add), so unlike Megatron's asynchronous gradient all-reduce (layerCost.ts: the
 * backward's overlapped with the weight-gradient matmuls) nothing runs beside it on the GPU:
 * exposed whole, at the bus bandwidth `bw` measured for that message size (data/gpu_nccl.csv:
 * 225 GB/s at 16 MiB, 273 GB/s at 64 MiB on the 2 × H200), and no SM contention with the matmuls.
 */
export function eagerTensorParallelSeconds(spec: TrainingSpec, bw: BusBandwidth): number {
  const p = spec.parallelism;
  if (p.tp <= 1) return 0;
  const e = spec.precision === "fp32" ? 4 : 2;
  const bytes = p.microBatch * (spec.model.seqLen / (p.cp ?? 1)) * spec.model.dModel * e;
  const one = (p.sequenceParallel ?? false)
    ? allGatherSeconds(bytes, p.tp, bw("all_gather", bytes)) + reduceScatterSeconds(bytes, p.tp, bw("reduce_scatter", bytes))
    : allReduceSeconds(bytes, p.tp, bw("all_reduce", bytes));
  return 4 * one;
}

/**
 * Seconds per micro-batch that a tensor-parallel rank spends on the output layer and loss beyond
 * its 1/tp share, where the stack keeps the vocabulary whole on each rank (memory.ts
 * MemoryOptions.vocabularyParallel false: `parallelize_module` over the blocks alone, as
 * bench/gpu/multi_gpu.py does): every rank then computes the whole output projection and loss.
 * 0 without tensor parallelism or with Megatron's vocabulary-parallel layers.
 */
export function wholeVocabularyHeadSeconds(spec: TrainingSpec, gpu: GpuSpec, calibration: CalibrationOverrides, vocabularyParallel = stackVocabularyParallel(spec)): number {
  const p = spec.parallelism;
  if (p.tp <= 1 || vocabularyParallel) return 0;
  const inv = stepContext(spec.model, gpu, spec.precision, {calibration}).inv;
  const sp = p.sequenceParallel ?? false;
  const flash = p.flashAttention ?? true;
  const whole = layerCost(inv, 1, 1, 1, p.microBatch, false, flash, new Float64Array(LAYER_SLOTS));
  const split = layerCost(inv, p.tp, p.cp ?? 1, p.ep ?? 1, p.microBatch, sp, flash, new Float64Array(LAYER_SLOTS));
  const headOf = (c: Float64Array) => (c[Slot.HeadGemm] as number) + (c[Slot.HeadElt] as number);
  return headOf(whole) - headOf(split);
}

/**
 * A plain-PyTorch step in a layout never measured in plain PyTorch (pp, cp or ep > 1): the fused
 * model (stepTime.ts predictStep: pipeline bubble, sends, context and expert collectives,
 * overlapped data-parallel traffic) with this stack's kernels and AdamW, and the host's work on
 * the heaviest stage, m micro-batches of its layers, combined by the same overlap rule.
 */
function eagerStepBeyondMeasured(spec: TrainingSpec, gpu: GpuSpec, options: EagerStepOptions, k: EagerFit, calibration: CalibrationOverrides): EagerStepPrediction {
  const p = spec.parallelism;
  const fused = predictStep(spec, gpu, {calibration});
  const ctx = stepContext(spec.model, gpu, spec.precision, {calibration});
  const stage = stageParameters(spec.model, p);
  const sharded = p.zeroStage >= 1 ? p.dp * (p.cp ?? 1) : 1;
  const fusedOptimizer = ((stage.dense + stage.expert) / sharded) * ctx.optimizerBytesPerParam / ctx.inv.hbm;
  const optimizer = adamwSeconds((stage.dense + stage.expert) / sharded, parameterTensors(spec, stage.layers), gpu, options.optimizer ?? "foreach", ctx.optimizerBytesPerParam);
  const head = wholeVocabularyHeadSeconds(spec, gpu, calibration, options.vocabularyParallel ?? stackVocabularyParallel(spec)) * fused.microbatches;
  // the heaviest stage's weights, before ZeRO sharding (every rank casts what it computes with)
  const casts = (options.autocastCasts ?? true) ? autocastCastSeconds(stage.dense + stage.expert, spec.precision, gpu, (options.kernels ?? "eager")) : 0;
  const gpuSeconds = fused.secondsPerStep - fusedOptimizer + optimizer + head + casts;
  const hostPerLayer = options.hostSecondsPerLayer ?? EAGER_HOST_SECONDS_PER_LAYER[gpu.id] ?? DEFAULT_EAGER_HOST_SECONDS_PER_LAYER;
  const recomputeFactor = p.recompute === "none" ? 1 : k.recomputeHostFactor[p.recompute];
  const hostSeconds = fused.microbatches * stage.layers * (hostPerLayer * recomputeFactor + (p.tp > 1 ? k.tpHostSecondsPerLayer : 0));
  const q = k.overlapPower;
  const secondsPerStep = (gpuSeconds ** q + hostSeconds ** q) ** (1 / q);
  const scale = fused.secondsPerStep / secondsPerStep;
  const b = fused.breakdown;
  const step: StepPrediction = {
    ...fused,
    secondsPerStep,
    mfu: fused.mfu * scale,
    hfu: fused.hfu * scale,
    tokensPerSecond: fused.tokensPerSecond * scale,
    breakdown: {...b, compute: b.compute + head, memoryBound: b.memoryBound - fusedOptimizer + optimizer + casts, hostWait: hostWaitSeconds(secondsPerStep, gpuSeconds)}
  };
  return {secondsPerStep, gpuSeconds, hostSeconds, commSeconds: b.tpComm + b.cpComm + b.epComm + b.ppComm + b.dpComm + fused.dpCommOverlapped, mode: eagerParallelMode(p), step};
}
