// Whole-run GPU-hours predicted WITHOUT the run's reported MFU: the step-time model's MFU for the
// run's layout (the degrees its paper publishes, the planner's fastest choice for the rest, on the
// reported number of accelerators and, for TPUs, pods), summed over the batch-size ramp-up phases,
// divided by an explicit, cited goodput factor for interruptions (runGoodput.ts). Set beside the
// reported GPU-hours, the residuals (reported ÷ predicted) are the engine's own track record, from
// which the calculator's empirical range is taken.
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, Recompute, Stack, ZeroStage} from "./types.js";
import {flopsPerToken} from "./flops.js";
import {peakTrainingFlopsPerSecond} from "./gpu.js";
import {defaultPlanSpace, planLayouts} from "./perf/planner.js";
import type {PlanSpace} from "./perf/planner.js";
import {predictStep} from "./perf/stepTime.js";
import type {PerfOptions} from "./perf/stepTime.js";
import {predictEagerStep} from "./perf/eagerStep.js";
import type {LayerElementwiseExtra} from "./perf/layerCost.js";
import {memoryPerGpu} from "./memory.js";
import {isMegatronStack} from "./stack.js";
import {forwardShareOfStep, runGoodput} from "./runGoodput.js";
import type {RunGoodput, RunGoodputInput} from "./runGoodput.js";
import {SECONDS_PER_HOUR} from "./units.js";

/** The degrees of a run's layout its paper publishes; absent ones are left to the planner. */
export interface PublishedLayoutPins {
  tp?: number;
  pp?: number;
  dp?: number;
  cp?: number;
  ep?: number;
  zeroStage?: ZeroStage;
  microBatch?: number;
  recompute?: Recompute;
  virtualStages?: number;
  /**
   * The paper says tensor (model) parallelism was used but not its degree: the planner then
   * chooses among tp > 1 only (LLaMA: "model and sequence parallelism", Touvron et al. 2023 Sec 2.4).
   */
  tensorParallel?: boolean;
  /** Megatron sequence parallelism with tp > 1 (default on); read only where the whole layout is published. */
  sequenceParallel?: boolean;
  /**
   * Attention by a FlashAttention-style fused kernel (default on). Off where the run's code
   * materialised the scores (BLOOM, OPT-175B, BloombergGPT: data/run_layouts.csv
   * attention_source); the planner then searches the unpublished degrees with it off too.
   */
  flashAttention?: boolean;
  /** TPU pods (ICI domains) joined over the data-center network; the pod is the accelerator's scale-up domain. */
  pods?: number;
  /**
   * Whether the run's framework overlaps its data-parallel collectives with compute (default on,
   * PerfOptions.overlapGradReduce). Off where the framework runs them between the backward pass
   * and the next forward: DeepSpeed's pipeline engine reduces the gradients in a ReduceGrads
   * instruction after the last micro-batch's backward and its ZeRO-1 optimizers all-gather the
   * updated weights inside step() (data/run_layouts.csv framework column cites each run).
   */
  dpOverlap?: boolean;
  /**
   * Bytes per second per accelerator, one direction, between the nodes of the cluster the run
   * used, where its instance type or fabric is cited (data/run_layouts.csv scale_out_gbps);
   * replaces the reference node's figure of data/gpus.csv.
   */
  scaleOutBytesPerSecond?: number;
  /** The loss kernel the run's code runs, where it is read (data/run_layouts.csv loss); default the fused count of layerCost.ts. */
  loss?: RunLossKernel;
  /** The attention kernel the run's code runs, where it is read (data/run_layouts.csv attention_kernel); default FlashAttention-2's rate (calibration.ts). */
  attentionKernel?: RunAttentionKernel;
  /** The layer code the run ran, where it is read (data/run_layouts.csv layer_kernels); default the fused, serial Megatron layer of layerCost.ts. */
  layerKernels?: RunLayerKernels;
}

/** Layer codes a run may run instead of the fused Megatron layer the step model counts. */
export type RunLayerKernels = "gpt-neox-v1";

/**
 * Element-wise traffic of GPT-NeoX v1.0's transformer layer as the Pythia configs run it, beyond
 * layerCost.ts's fused count, in activation elements per token (LayerElementwiseExtra), counted
 * from the code (EleutherAI/gpt-neox tag v1.0 = 71df4d50, 2023-03-07, the commit the Pythia
 * README's training recipe checks out; megatron/model/transformer.py, positional_embeddings.py,
 * norms.py, mpu/layers.py) with the configs' switches (EleutherAI/pythia models/*: gpt-j-residual
 * true, rotary-pct 0.25, attention-config flash, bias-gelu-fusion true, bias-dropout-fusion unset =
 * False, hidden-dropout 0, norm layernorm = torch.nn.LayerNorm), and PyTorch's autograd for the
 * backward pass. Where a copy or a fusion is uncertain the smaller count is taken, so these are
 * lower bounds. a = this rank's attention width (heads / tp × head dimension), r = 0.25 a (rotary_pct).
 *
 * Forward, beyond the fused count (2 norms, 2 residual adds, the activation):
 *   residual +4: the attention output's and the MLP output's bias adds run as their own kernels
 *     (skip_bias_add, then x + bias with dropout 0: read 1, write 1 each) before the two adds of
 *     the parallel block (attention + MLP, then + the input).
 *   attention +19: q and k re-assembled from their rotary and pass-through parts (torch.cat:
 *     read a, write a, each: 4); q, k and v copied to [b·s, 1, heads, head dim] (transpose then
 *     reshape of a tensor that is not viewable so: 2 each, 6) and concatenated into FlashAttention's
 *     packed qkv (torch.concat: 6); the output permuted back to [s, b, …] (.contiguous(): 2); the
 *     rotary embedding on q and k's rotary part (TorchScript's apply_rotary_pos_emb, taken as one
 *     fused pass: read 2r, write 2r = 1).
 * Backward, beyond the fused count (2 norm backwards of 3, 2 gradient sums of 3, the activation's 3):
 *   residual +6: the two skipped biases' gradients (sum over the tokens: read 1 each) and each
 *     torch.nn.LayerNorm's weight and bias gradients (a second read of dy and x: 2 each).
 *   attention +26: the QKV bias gradient (read 3a); the context's view-backward (a reshape of a
 *     permuted gradient: 2); q's and k's slice backwards (PyTorch slice_backward allocates zeros of
 *     the whole width and copies the slice in: a + 2r for the rotary part, a + 2(a − r) for the rest)
 *     and the sum of the two (3): 7 each, 14; the split backward's torch.cat of dq, dk, dv (6); the
 *     rotary backward, one fused pass (1).
 *   FFN +1: the fused bias-GeLU's bias gradient (sum over the tokens of its gradient: read f).
 * Not counted: partition-activations' copy and all-gather of each checkpointed input (tp > 1), the
 * per-layer synchronisations, and whatever the fusers did not fuse. Read after the Pythia runs'
 * residuals had been seen (neox11n, 2026-12-02); counted from the code, not fitted to any run.
 */
export const GPT_NEOX_V1_LAYER_ELEMENTWISE: LayerElementwiseExtra = {
  residualForward: 2 + 2,
  residualBackward: 1 + 1 + 2 * 2,
  attentionForward: 4 + 6 + 6 + 2 + 1,
  attentionBackward: 3 + 2 + 2 * 7 + 6 + 1,
  ffnForward: 0,
  ffnBackward: 1
};

/**
 * Tensor-parallel all-reduces in the forward pass of GPT-NeoX's parallel (gpt-j-residual) block:
 * one, after the attention and MLP outputs are added ("we can avoid doing the allreduce in the
 * attn / mlp outputs to save communication time (we can do a single allreduce after we add mlp /
 * attn outputs)", megatron/model/transformer.py ParallelTransformerLayer.forward at v1.0); the
 * backward keeps two (the untied norms' outputs enter the QKV and FFN projections separately).
 */
export const GPT_NEOX_V1_TP_FORWARD_COLLECTIVES = 1;

const LAYER_KERNELS: Readonly<Record<RunLayerKernels, {layerElementwiseExtra: LayerElementwiseExtra; tensorParallelForwardCollectives: 1 | 2}>> = {
  "gpt-neox-v1": {layerElementwiseExtra: GPT_NEOX_V1_LAYER_ELEMENTWISE, tensorParallelForwardCollectives: GPT_NEOX_V1_TP_FORWARD_COLLECTIVES}
};

/** Attention kernels a run may run instead of the FlashAttention-2-class kernel the step model assumes. */
export type RunAttentionKernel = "flash-v1";

/**
 * Fraction of the 16-bit peak the first FlashAttention reaches: "FlashAttention is still not
 * nearly as fast as optimized matrix-multiply (GEMM) operations, reaching only 25-40% of the
 * theoretical maximum FLOPs/s" (Dao 2023, "FlashAttention-2", arXiv 2307.08691, abstract; the same
 * abstract puts FlashAttention-2 "around 2x" faster at 50-73%). The low end, 25%, as calibration.ts
 * takes the low end (50%) of FlashAttention-2's range for causal masking and the backward pass.
 * Applies to runs whose code ran FlashAttention v1 (flash-attn 0.x, head dimensions up to 128):
 * data/run_layouts.csv attention_kernel cites each. Not fitted to any run.
 */
export const FLASH_ATTENTION_V1_EFFICIENCY = 0.25;

const ATTENTION_EFFICIENCY: Readonly<Record<RunAttentionKernel, number>> = {
  "flash-v1": FLASH_ATTENTION_V1_EFFICIENCY
};

/** Loss kernels a run's code may run instead of the fused cross-entropy the step model assumes. */
export type RunLossKernel = "vocab-parallel-fp32";

/**
 * HBM bytes per logit of Megatron's _VocabParallelCrossEntropy on logits cast to fp32, counted
 * from the code Pythia and BLOOM ran: GPT-NeoX megatron/model/gpt2_model.py cross_entropy
 * (output.float() unless fp16_lm_cross_entropy, default False; EleutherAI/gpt-neox at 91e2820e,
 * 2022-12-28) and bigscience-workshop/Megatron-DeepSpeed megatron/model/gpt_model.py CrossEntropy
 * (output.contiguous().float()), both into megatron/mpu/cross_entropy.py. Forward: the cast reads
 * 2 and writes 4 bytes (6); torch.max reads 4; sub_ reads and writes 4 (8); torch.exp(out=) (8);
 * sum reads 4; div_ (8): 38. Backward: grad_input.mul_ (8), and the cast's backward reads 4 and
 * writes 2 (6): 14. In all 52, against the fused count's 20 (layerCost.ts FUSED_LOSS_BYTES_PER_LOGIT).
 * The one-element gathers and scatters at the targets are left out (one element per token).
 */
export const VOCAB_PARALLEL_FP32_LOSS_BYTES_PER_LOGIT = 6 + 4 + 8 + 8 + 4 + 8 + 8 + 6;

const LOSS_BYTES_PER_LOGIT: Readonly<Record<RunLossKernel, number>> = {
  "vocab-parallel-fp32": VOCAB_PARALLEL_FP32_LOSS_BYTES_PER_LOGIT
};

/** A phase of the batch-size ramp-up: `tokens` trained at `globalBatchTokens` per step. */
export interface BatchPhase {
  tokens: number;
  globalBatchTokens: number;
}

export interface RunPredictionInput {
  id: string;
  model: ModelSpec;
  gpu: GpuSpec;
  accelerators: number;
  tokens: number;
  /** Tokens per optimizer step in the main (final) phase; needed when the layout is not fully published. */
  globalBatchTokens: number | null;
  precision: Precision;
  /**
   * The engine stack the run's framework maps to (data/run_layouts.csv stack, by the rule its
   * column description states): the fused-stack model (stepTime.ts) for "megatron" and absent; the
   * plain-PyTorch model (eagerStep.ts predictEagerStep) for "pytorch" / "pytorch-compile", on the
   * published degrees (plainPyTorchStep).
   */
  stack?: Stack;
  /** Published layout degrees (data/run_layouts.csv). */
  layout?: PublishedLayoutPins;
  /** Earlier, smaller-batch phases (data/run_layouts.csv batch_ramp); the rest of the tokens run at globalBatchTokens. */
  ramp?: readonly BatchPhase[];
  /** Interruptions, checkpoint pauses and evaluation the run reports (data/run_layouts.csv); the step time and forward share come from the step model. */
  goodput?: Omit<RunGoodputInput, "accelerators" | "stepSeconds" | "forwardShareOfStep">;
  /**
   * Main-phase steps trained and then thrown away by rollbacks the run reports (PaLM: about 20
   * loss spikes, each restarted from a checkpoint before the spike and 200–500 batches skipped,
   * Chowdhery et al. 2022 Sec 5.1); timed as main-phase steps and added before the goodput.
   */
  repeatedSteps?: number | null;
  /**
   * Wall-clock hours the whole job stood still, itemised by the run's own logbook and not among
   * the interruptions it counts (BLOOM's hangs at evaluation); × accelerators, added after the goodput.
   */
  downtimeHours?: number | null;
}

export interface RunPrediction {
  /** MFU of the main phase. */
  mfu: number;
  layout: ParallelismSpec;
  layoutSource: "published" | "partly published" | "planned";
  layoutNote: string;
  /** Steady-state GPU-hours if every token ran at the main phase's MFU. */
  steadyGpuHours: number;
  /** Steady-state hours ÷ hours with the ramp-up phases at their own MFU (1 without a ramp). */
  rampFactor: number;
  goodput: RunGoodput;
  /** Main-phase GPU-hours of the steps the run repeated after rollbacks (0 without). */
  repeatedGpuHours: number;
  /** GPU-hours of the downtime the run itemises (0 without). */
  downtimeGpuHours: number;
  /** (Steady hours ÷ ramp factor + repeated hours) ÷ effective training time + downtime hours. */
  gpuHours: number;
  effectiveTrainingTime: number;
}

const FULL_KEYS = ["tp", "pp", "dp", "zeroStage", "microBatch", "recompute"] as const;

/** Parses a batch_ramp cell ("until_tokens:batch_tokens;…", cumulative) into phases; throws on a malformed or decreasing one. */
export function parseBatchRamp(text: string): BatchPhase[] {
  let done = 0;
  return text.split(";").map((part) => {
    const [until, batch] = part.split(":").map(Number);
    if (!(Number.isFinite(until) && Number.isFinite(batch) && (until as number) > done && (batch as number) > 0)) throw new RangeError(`batch ramp "${text}": expected increasing 'until_tokens:batch_tokens' phases`);
    const phase = {tokens: (until as number) - done, globalBatchTokens: batch as number};
    done = until as number;
    return phase;
  });
}

/**
 * One step's MFU and layout at `globalBatchTokens`: the published layout when complete, else the
 * planner's best within the published degrees. A ramp phase's batch is an average over the many
 * batches the run stepped through, so with `ramp` it is timed at the nearest batch that splits into
 * dp × micro-batch; the main phase's batch must split exactly.
 */
function stepAt(input: RunPredictionInput, gpu: GpuSpec, globalBatchTokens: number, ramp = false): {mfu: number; layout: ParallelismSpec; complete: boolean; batchTokens: number} {
  const pins = input.layout ?? {};
  const options: PerfOptions = {
    ...(pins.dpOverlap !== undefined ? {overlapGradReduce: pins.dpOverlap} : {}),
    ...(pins.loss !== undefined || pins.attentionKernel !== undefined || pins.layerKernels !== undefined
      ? {calibration: {
        ...(pins.loss !== undefined ? {lossBytesPerLogit: LOSS_BYTES_PER_LOGIT[pins.loss]} : {}),
        ...(pins.attentionKernel !== undefined ? {flashAttentionEfficiency: ATTENTION_EFFICIENCY[pins.attentionKernel]} : {}),
        ...(pins.layerKernels !== undefined ? LAYER_KERNELS[pins.layerKernels] : {})
      }}
      : {})
  };
  if (pins.layerKernels === "gpt-neox-v1" && pins.flashAttention === false) throw new RangeError("GPT-NeoX's layer count is that of its FlashAttention path, but attention without FlashAttention is published: one of the two is wrong");
  if (pins.attentionKernel !== undefined && pins.flashAttention === false) throw new RangeError(`attention kernel ${pins.attentionKernel} is published, but so is attention without FlashAttention: one of the two is wrong`);
  if (pins.tensorParallel !== undefined && pins.tp !== undefined && (pins.tp > 1) !== pins.tensorParallel) throw new RangeError(`tensor parallelism is published as ${pins.tensorParallel ? "used" : "unused"}, but so is tp ${pins.tp}: one of the two is wrong`);
  if (!isMegatronStack(input.stack)) return plainPyTorchStep(input, gpu, globalBatchTokens, ramp, options);
  const complete = FULL_KEYS.every((k) => pins[k] !== undefined);
  const split = complete ? pins.dp! * pins.microBatch! : 1;
  const exact = Math.max(1, Math.round(globalBatchTokens / input.model.seqLen));
  const seqs = ramp ? Math.max(split, Math.round(exact / split) * split) : exact;
  const batch = seqs * input.model.seqLen;
  if (complete) {
    if (seqs % split !== 0) throw new RangeError(`${seqs} sequences per step do not split into dp ${pins.dp} × micro-batch ${pins.microBatch}`);
    const layout: ParallelismSpec = {
      tp: pins.tp!, pp: pins.pp!, dp: pins.dp!, cp: pins.cp ?? 1, ep: pins.ep ?? 1, zeroStage: pins.zeroStage!, microBatch: pins.microBatch!,
      recompute: pins.recompute!, globalBatchTokens: batch, sequenceParallel: pins.tp! > 1 && (pins.sequenceParallel ?? true), virtualStages: pins.virtualStages ?? 1,
      flashAttention: pins.flashAttention ?? true
    };
    const mfu = predictStep({model: input.model, tokens: input.tokens, hardware: {gpu: gpu.id, count: input.accelerators}, parallelism: layout, precision: input.precision, stack: input.stack}, gpu, options).mfu;
    return {mfu, layout, complete, batchTokens: batch};
  }
  if (pins.sequenceParallel === false) throw new RangeError("sequence parallelism is published as off, but the planner (which fills the unpublished degrees) always uses it with tp > 1: publish the whole layout or leave sequence_parallel blank");
  const space: PlanSpace = {
    ...(pins.tp !== undefined ? {tp: [pins.tp]} : pins.tensorParallel === true ? {tp: defaultPlanSpace(input.model).tp.filter((t) => t > 1)} : {}),
    ...(pins.pp !== undefined ? {pp: [pins.pp]} : {}),
    ...(pins.cp !== undefined ? {cp: [pins.cp]} : {}),
    ...(pins.ep !== undefined ? {ep: [pins.ep]} : {}),
    ...(pins.zeroStage !== undefined ? {zeroStages: [pins.zeroStage]} : {}),
    ...(pins.microBatch !== undefined ? {microBatches: [pins.microBatch]} : {}),
    ...(pins.recompute !== undefined ? {recompute: [pins.recompute]} : {}),
    virtualStages: pins.virtualStages !== undefined ? [pins.virtualStages] : [1]
  };
  const plan = planLayouts({model: input.model, gpu, gpus: input.accelerators, precision: input.precision, globalBatchTokens: batch, useAllGpus: true, limit: 1, space, options, ...(pins.flashAttention === false ? {flashAttention: false} : {}), ...(input.stack ? {stack: input.stack} : {})});
  const best = plan.layouts[0];
  if (!best) throw new RangeError(`no layout of ${input.accelerators} accelerators${Object.keys(pins).length > 0 ? " within the published degrees" : ""} fits this model in memory at ${seqs} sequences per step`);
  if (pins.dp !== undefined && best.parallelism.dp !== pins.dp) throw new RangeError(`the published layout (dp ${pins.dp}) does not fit in memory in the engine's model; the planner's best uses dp ${best.parallelism.dp}`);
  return {mfu: best.mfu, layout: best.parallelism, complete, batchTokens: batch};
}

/** The degrees the plain-PyTorch model needs published; only the micro-batch may be left to it. */
const PLAIN_PYTORCH_KEYS = ["tp", "pp", "dp", "zeroStage", "recompute"] as const;

/**
 * One step of a run whose framework is plain PyTorch (stack "pytorch" / "pytorch-compile"), by the
 * plain-PyTorch model (eagerStep.ts predictEagerStep) on the published degrees. The engine's
 * plain-PyTorch planner searches with its own kernels only, so the degrees must be published; an
 * unpublished micro-batch is the fastest of defaultPlanSpace's that splits the batch and fits in
 * memory under the stack's memory model (memory.ts, stack.ts STACK_MEMORY). The run's attention
 * and loss kernels reach the eager kernels as calibration overrides; unoverlapped data-parallel
 * collectives (dp_overlap false) are a Megatron-stack switch and are refused here.
 */
function plainPyTorchStep(input: RunPredictionInput, gpu: GpuSpec, globalBatchTokens: number, ramp: boolean, options: PerfOptions): {mfu: number; layout: ParallelismSpec; complete: boolean; batchTokens: number} {
  const pins = input.layout ?? {};
  const stack = input.stack as Stack;
  const missing = PLAIN_PYTORCH_KEYS.filter((k) => pins[k] === undefined);
  if (missing.length > 0) throw new RangeError(`the plain-PyTorch model times a run on its published layout only, and ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not published`);
  if (pins.dpOverlap === false) throw new RangeError("unoverlapped data-parallel collectives (dp_overlap false) are a switch of the Megatron-stack model; the plain-PyTorch model has its own exposed share");
  if (pins.layerKernels !== undefined) throw new RangeError(`layer kernels ${pins.layerKernels} are counted against the fused Megatron layer; the plain-PyTorch model counts its own eager kernels`);
  const exact = Math.max(1, Math.round(globalBatchTokens / input.model.seqLen));
  const microBatches = pins.microBatch !== undefined ? [pins.microBatch] : defaultPlanSpace(input.model).microBatches;
  let best: {mfu: number; layout: ParallelismSpec; batchTokens: number} | null = null;
  for (const microBatch of microBatches) {
    const split = pins.dp! * microBatch;
    const seqs = ramp ? Math.max(split, Math.round(exact / split) * split) : exact;
    if (seqs % split !== 0) continue;
    const layout: ParallelismSpec = {
      tp: pins.tp!, pp: pins.pp!, dp: pins.dp!, cp: pins.cp ?? 1, ep: pins.ep ?? 1, zeroStage: pins.zeroStage!, microBatch,
      recompute: pins.recompute!, globalBatchTokens: seqs * input.model.seqLen, sequenceParallel: false, virtualStages: pins.virtualStages ?? 1,
      flashAttention: pins.flashAttention ?? true
    };
    const spec = {model: input.model, tokens: input.tokens, hardware: {gpu: gpu.id, count: input.accelerators}, parallelism: layout, precision: input.precision, stack};
    if (memoryPerGpu(spec).total > gpu.hbmBytes) continue;
    const step = predictEagerStep(spec, gpu, {kernels: stack === "pytorch-compile" ? "compiled" : "eager", ...(options.calibration ? {calibration: options.calibration} : {})}).step;
    if (best === null || step.mfu > best.mfu) best = {mfu: step.mfu, layout, batchTokens: layout.globalBatchTokens as number};
  }
  if (best === null) throw new RangeError(`no micro-batch of the published layout (dp ${pins.dp}) splits ${exact} sequences per step and fits this model in memory under the ${stack} stack`);
  return {...best, complete: pins.microBatch !== undefined};
}

/**
 * The accelerator as the run saw it: with `pods`, each pod (accelerators ÷ pods chips) is the
 * scale-up domain, and traffic between pods crosses the data-center network at the per-chip
 * scale-out bandwidth of data/gpus.csv (collectives.ts groupBusBytesPerSecond).
 */
/** The accelerator with the run's own cluster network, where one is cited (PublishedLayoutPins.scaleOutBytesPerSecond). */
export function clusterShapedAccelerator(gpu: GpuSpec, scaleOutBytesPerSecond: number | undefined): GpuSpec {
  if (scaleOutBytesPerSecond === undefined) return gpu;
  if (!(scaleOutBytesPerSecond > 0)) throw new RangeError(`the cluster's inter-node bandwidth must be positive, got ${scaleOutBytesPerSecond} B/s`);
  return {...gpu, scaleOutBytesPerSecond};
}

export function podShapedAccelerator(gpu: GpuSpec, accelerators: number, pods: number | undefined): GpuSpec {
  if (pods === undefined || pods <= 1) return gpu;
  if (accelerators % pods !== 0) throw new RangeError(`${accelerators} accelerators do not split into ${pods} equal pods`);
  return {...gpu, gpusPerNode: accelerators / pods};
}

/** Predicts a run's GPU-hours from its architecture, accelerator, count, tokens and published layout alone. Throws RangeError when it cannot. */
export function predictRunGpuHours(input: RunPredictionInput): RunPrediction {
  const pins = input.layout ?? {};
  const gpu = podShapedAccelerator(clusterShapedAccelerator(input.gpu, pins.scaleOutBytesPerSecond), input.accelerators, pins.pods);
  const finalBatch = input.globalBatchTokens;
  if (finalBatch === null) throw new RangeError("the global batch is not published, so the step cannot be timed");
  const main = stepAt(input, gpu, finalBatch);
  const flopsPerTok = flopsPerToken(input.model).modelFlops;
  const peak = peakTrainingFlopsPerSecond(input.gpu, input.precision);
  const hoursAt = (tokens: number, mfu: number): number => (flopsPerTok * tokens) / (peak * mfu) / SECONDS_PER_HOUR;
  const steadyGpuHours = hoursAt(input.tokens, main.mfu);
  let rampedHours = 0;
  let rampTokens = 0;
  for (const phase of input.ramp ?? []) {
    const tokens = Math.min(phase.tokens, input.tokens - rampTokens);
    if (tokens <= 0) break;
    rampedHours += hoursAt(tokens, stepAt(input, gpu, phase.globalBatchTokens, true).mfu);
    rampTokens += tokens;
  }
  rampedHours += hoursAt(input.tokens - rampTokens, main.mfu);
  const repeatedSteps = input.repeatedSteps ?? 0;
  if (!(repeatedSteps >= 0 && Number.isFinite(repeatedSteps))) throw new RangeError(`repeated steps must be ≥ 0, got ${repeatedSteps}`);
  const downtimeHours = input.downtimeHours ?? 0;
  if (!(downtimeHours >= 0 && Number.isFinite(downtimeHours))) throw new RangeError(`downtime hours must be ≥ 0, got ${downtimeHours}`);
  if (input.goodput?.reportedHoursSteadyState === true && (repeatedSteps > 0 || downtimeHours > 0)) throw new RangeError("steady-state reported hours count no repeated steps or downtime; give none of them");
  const repeatedGpuHours = hoursAt(repeatedSteps * main.batchTokens, main.mfu);
  const stepSeconds = (hoursAt(main.batchTokens, main.mfu) * SECONDS_PER_HOUR) / input.accelerators;
  const goodput = runGoodput({accelerators: input.accelerators, ...input.goodput, stepSeconds, forwardShareOfStep: forwardShareOfStep(main.layout.recompute === "full")});
  if (!(goodput.effectiveTrainingTime > 0)) throw new RangeError(`interruptions on ${input.accelerators} accelerators leave no time to train`);
  const anyPin = (["tp", "tensorParallel", "pp", "dp", "cp", "ep", "zeroStage", "microBatch", "recompute", "virtualStages"] as const).some((k) => pins[k] !== undefined);
  const layoutSource: RunPrediction["layoutSource"] = main.complete ? "published" : anyPin ? "partly published" : "planned";
  const layoutNote =
    layoutSource === "published" ? "the published layout" :
    layoutSource === "partly published" ? "the published degrees; the planner's fastest choice for the rest" :
    "not published: the planner's fastest layout that fits on the reported accelerators";
  return {
    mfu: main.mfu,
    layout: main.layout,
    layoutSource,
    layoutNote: pins.pods && pins.pods > 1 ? `${layoutNote}, on ${pins.pods} pods of ${input.accelerators / pins.pods} chips` : layoutNote,
    steadyGpuHours,
    rampFactor: steadyGpuHours / rampedHours,
    goodput,
    repeatedGpuHours,
    downtimeGpuHours: downtimeHours * input.accelerators,
    gpuHours: (rampedHours + repeatedGpuHours) / goodput.effectiveTrainingTime + downtimeHours * input.accelerators,
    effectiveTrainingTime: goodput.effectiveTrainingTime
  };
}
