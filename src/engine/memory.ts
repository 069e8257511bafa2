// Memory per GPU of a training job: model states (weights, gradients, optimizer) under ZeRO/FSDP
// and 3D/4D/5D parallelism, activations (Korthikanti et al. 2022), and temporary buffers.
import type {MemoryBreakdown, ModelSpec, ParallelismSpec, Precision, Recompute, Stack} from "./types.js";
import {activeFfnWidthOf, attentionWidthOf, ffnDimOf, headDimOf, kvHeadsPerRank, qkHeadDimOf, vHeadDimOf} from "./architecture.js";
import {requirePerOpDerived} from "./flops.js";
import {PRECISION_BYTES, computeWeightBytes} from "./precision.js";
import {microbatchesInFlight, stageParameters} from "./parallelism.js";
import {parameterCount} from "./parameters.js";
import {stackMemoryOptions} from "./stack.js";

export interface MemoryInput {
  model: ModelSpec;
  parallelism: ParallelismSpec;
  precision: Precision;
  /** The training software; sets the default MemoryOptions (stack.ts). Default "megatron". */
  stack?: Stack;
}

/** Options of the activation formula; defaults follow `ParallelismSpec`'s documented defaults. */
export interface ActivationLayout {
  seqLen: number;
  microBatch: number;
  tp: number;
  sequenceParallel: boolean;
  flashAttention: boolean;
  recompute: Recompute;
  /**
   * The blocks run under torch.compile (stack "pytorch-compile"): per-op recomputation then keeps
   * one h-wide tensor fewer (perOpLayerActivationBytes). Default false.
   */
  compiled?: boolean;
}

/** Activation bytes of one transformer layer, split into the parts Korthikanti et al. 2022 Sec 4.1 names. */
export interface LayerActivationBytes {
  /** Parts inside tensor-parallel regions (divided by t). */
  tensorParallel: number;
  /** Parts outside them (layer norms, dropout, block inputs): divided by t only with sequence parallelism. */
  replicated: number;
  /** The a·s² terms: softmax output, its dropout mask and output (absent with selective recomputation or flash attention). */
  scores: number;
  total: number;
}

/**
 * Activation memory of one layer for one micro-batch, bytes, with 16-bit activations and 1-byte
 * dropout masks, as derived in Korthikanti et al. 2022 ("Reducing Activation Recomputation in
 * Large Transformer Models", arXiv 2205.05198) Sec 4.1 and Table 2:
 *
 *   no parallelism            s·b·h·(34 + 5·a·s/h)
 *   tensor parallel           s·b·h·(10 + 24/t + 5·a·s/(h·t))
 *   tensor + sequence par.    s·b·h·(34/t + 5·a·s/(h·t))
 *   + selective recompute     drops the 5·a·s/h term
 *   full recompute            2·s·b·h (the layer input only)
 *   per-op recompute          see perOpLayerActivationBytes (torchtitan's policy, tensor by tensor)
 *
 * Generalised term by term for GQA (K and V are kvHeads·headDim wide), FFN width f and SwiGLU
 * (gate output, up output and their product are each saved: 6·s·b·f instead of GELU's 4·s·b·f);
 * for MHA, GELU and f = 4h every term equals the paper's. Without dropout (ModelSpec.dropout
 * false) its masks and output are not stored: 8·s·b·h outside the attention core and 2·a·s²·b of
 * scores instead of 10 and 5. With flash attention no s×s matrix is
 * stored (Dao et al. 2022, "FlashAttention", Sec 3.1), only the fp32 log-sum-exp statistics,
 * 4·a·s·b bytes. MoE: the FFN terms scale with the experts a token passes through (routed and
 * shared), averaged with the leading dense layers (architecture.ts activeFfnWidthOf). Latent
 * attention (ModelSpec.latentAttention): Q and K are heads·qkHeadDim wide and V and the attention
 * output heads·vHeadDim, split over t; the query and key-value latents (qLoraRank, kvLoraRank +
 * rope wide), inputs of the up-projections, are whole on every rank, as DeepSeek-V3's
 * inference/model.py computes them with plain (not column-parallel) Linear layers. Selective
 * recomputation re-runs the up-projections with the core (architecture.ts
 * latentUpProjectionWeightsOf), so Q, K and V are not kept: the latents and the attention output are.
 */
export function layerActivationBytes(model: ModelSpec, layout: ActivationLayout): LayerActivationBytes {
  const {seqLen: s, microBatch: b, tp: t} = layout;
  const h = model.dModel;
  const a = model.heads;
  // K and V width before the tensor-parallel split (kvHeadsPerRank·tp: replicated KV heads count once per rank).
  const mla = model.latentAttention;
  // Q and K widths for the scores, V and attention-output widths (standard attention: heads·headDim,
  // kv, kv, heads·headDim; heads·headDim = h unless ModelSpec.headDim sets it apart).
  const qWidth = mla ? a * qkHeadDimOf(model) : attentionWidthOf(model);
  const kWidth = mla ? qWidth : kvHeadsPerRank(model, t) * t * headDimOf(model);
  const vWidth = mla ? a * vHeadDimOf(model) : kWidth;
  const outWidth = mla ? vWidth : qWidth;
  const latent = mla ? 2 * s * b * (mla.qLoraRank + mla.kvLoraRank + mla.qkRopeHeadDim) : 0;
  const f = activeFfnWidthOf(model);
  const sb = s * b;
  if (layout.recompute === "per-op") return perOpLayerActivationBytes(model, layout);
  if (layout.recompute === "full") {
    // Only each layer's input is kept (Table 2, last row). With sequence parallelism Megatron
    // stores it sharded over t (Korthikanti Sec 4.2.2 keeps the layer input in SP regions).
    const input = 2 * sb * h;
    const stored = layout.sequenceParallel ? input / t : input;
    return {tensorParallel: 0, replicated: stored, scores: 0, total: stored};
  }
  const swiglu = (model.ffnKind ?? "gelu") === "swiglu";
  // Inside tensor-parallel regions: Q (2sbh) and K (2sb·kv) for Q·Kᵀ, V (2sb·kv), the attention
  // output that feeds the output projection (2sbh), and the FFN's hidden activations.
  const upProjectionsRecomputed = mla !== undefined && layout.recompute === "selective";
  const attentionTp = (upProjectionsRecomputed ? 0 : 2 * sb * qWidth + 2 * sb * kWidth + 2 * sb * vWidth) + 2 * sb * outWidth;
  const ffnTp = (swiglu ? 6 : 4) * sb * f;
  // Outside: QKV input 2sbh, attention dropout mask sbh, FFN input 2sbh, FFN dropout mask sbh,
  // two layer-norm inputs 4sbh (= 10sbh; 8sbh without dropout).
  const dropout = model.dropout ?? true;
  const replicatedFull = (dropout ? 10 : 8) * sb * h;
  // Scores: softmax output 2as²b, dropout mask as²b, dropout output 2as²b (= 5as²b; the softmax
  // output alone, 2as²b, without dropout).
  const keepsScores = layout.recompute === "none" && !layout.flashAttention;
  const scoresFull = keepsScores ? (dropout ? 5 : 2) * a * s * s * b : 0;
  // Flash attention saves the softmax log-sum-exp per row in fp32 (Dao et al. 2022, Alg. 2).
  const flashStats = layout.flashAttention ? 4 * a * s * b : 0;
  const tensorParallel = (attentionTp + ffnTp + flashStats) / t;
  const replicated = (layout.sequenceParallel ? replicatedFull / t : replicatedFull) + latent;
  const scores = scoresFull / t;
  return {tensorParallel, replicated, scores, total: tensorParallel + replicated + scores};
}

/**
 * Activation bytes one layer keeps under torchtitan's per-operation selective activation
 * checkpointing (`activation_checkpoint.mode = "selective"`, `selective_ac_option = "op"`), derived
 * tensor by tensor from its policy: pytorch/torchtitan torchtitan/parallelisms/parallelize_llama.py
 * `_save_list` and `_custom_policy` at commit 9dec370ad2 (2024-12; the same in
 * torchtitan/models/llama3/parallelize_llama.py at 820504e20d, 2025-06). The block runs under
 * `torch.utils.checkpoint` with `create_selective_checkpoint_contexts`: the checkpoint keeps the
 * block's input, and the policy keeps (MUST_SAVE) the outputs of `aten.mm` except every second
 * call, of the flash and memory-efficient SDPA ops and of `reduce_scatter_tensor` (and `max`, a
 * scalar); every other op is recomputed in the backward pass. In a Llama block
 * (torchtitan/models/llama/model.py) the matmuls run wq, wk, wv, wo, w1, w3, w2, so the 1st, 3rd,
 * 5th and 7th are kept: with 16-bit activations, per token,
 *   block input                      2h   (÷ t with sequence parallelism)
 *   wq output (Q)                    2h   ÷ t
 *   wv output (V)                    2·kv ÷ t
 *   attention output + log-sum-exp   2h + 4a (fp32 per head) ÷ t, with flash attention only: the
 *                                    math path's batched matmuls and softmax are not on the list
 *   w1 output (gate)                 2f   ÷ t
 *   w2 output                        2h   — with tensor parallelism the row-parallel matmul's
 *                                    output is the partial sum before its reduction, whole on
 *                                    every rank (DTensor's Partial placement)
 *   reduce-scatter outputs           2h ÷ t each after wo and w2, with sequence parallelism only.
 * Under torch.compile (layout.compiled) the partitioner keeps a MUST_SAVE output only where the
 * backward graph reads it, and the w2 output is read by nothing but the residual add, whose gradient
 * passes through: measured on one H200, compiled blocks kept 2h bytes a token a layer fewer than
 * eager ones under the same policy (Llama 3 8B 55,424 against 63,616, Llama 3.2 1B 29,824
 * against 33,920; bench/gpu/sac_memory_compile_perop.csv), which the engine takes to be the w2
 * output, the one kept tensor h wide that no backward op reads.
 * (A GELU MLP in the same layout, separate Q, K, V projections: six matmuls, so its second is not
 * kept and its 2h is not counted. Code with one fused QKV matmul, as GPT-2's, would count
 * differently; the engine assumes torchtitan's layout.)
 * So without tensor parallelism s·b·(8h + 2kv + 2f + 4a·[flash]) bytes; for Llama 3 8B (h 4,096,
 * kv 1,024, f 14,336) 63.6 KB a token against the 139.4 KB the engine's selective keeps without
 * dropout. Measured on one H200 by bench/gpu/sac_memory.py (the policy, blocks of torchtitan's
 * model; tests/engine/perf/sacMemory.test.ts). Dense blocks only: the policy's matmul count is not
 * derived here for mixture-of-experts layers (validateSpec refuses the pair).
 */
export function perOpLayerActivationBytes(model: ModelSpec, layout: ActivationLayout): LayerActivationBytes {
  requirePerOpDerived(model);
  const {seqLen: s, microBatch: b, tp: t} = layout;
  const h = model.dModel;
  const kv = kvHeadsPerRank(model, t) * t * headDimOf(model);
  // Q and the attention output are heads·headDim wide (h unless ModelSpec.headDim sets it apart).
  const q = attentionWidthOf(model);
  const f = ffnDimOf(model);
  const sb = s * b;
  const sp = layout.sequenceParallel && t > 1;
  const attention = layout.flashAttention ? 2 * sb * q + 4 * model.heads * sb : 0;
  const tensorParallel = (2 * sb * q + 2 * sb * kv + attention + 2 * sb * f) / t;
  const input = sp ? (2 * sb * h) / t : 2 * sb * h;
  // A GELU MLP has six matmuls, so the 6th, its second, is recomputed and its output not kept.
  const w2Output = (model.ffnKind ?? "gelu") === "swiglu" && !(layout.compiled ?? false) ? 2 * sb * h : 0;
  const reduceScattered = sp ? (2 * 2 * sb * h) / t : 0;
  const replicated = input + w2Output + reduceScattered;
  return {tensorParallel, replicated, scores: 0, total: tensorParallel + replicated};
}

/**
 * Bytes per logit (per token per vocabulary entry) held at the loss's peak:
 * - fused: 4, the fp32 logits a fused (vocab-parallel) cross-entropy keeps, as Megatron-LM does
 *   (Korthikanti et al. 2022 Sec 4.3: "4sbv/t").
 * - unfused: 14, PyTorch's `F.cross_entropy(logits.float(), …)` under autocast: the bf16 logits
 *   (2) and their fp32 copy (4) stay referenced, log-softmax saves its fp32 output (4), and its
 *   backward adds an fp32 gradient (4) before the earlier tensors are freed. Measured on an H100
 *   (tests/engine/perf/measured.test.ts, data/gpu_training_steps.csv), this term explains the gap between model states plus
 *   activations and the peak of GPT-2-shaped steps.
 */
export const LOGITS_BYTES_PER_ELEMENT = {fused: 4, unfused: 14} as const;

export interface MemoryOptions {
  /** How the loss is computed. Default "fused" (Megatron-style); plain PyTorch code is "unfused". */
  crossEntropy?: keyof typeof LOGITS_BYTES_PER_ELEMENT;
  /**
   * Gradients exist only during backward (PyTorch `zero_grad(set_to_none=True)` without DDP
   * buckets): they are allocated layer by layer as activations are freed, so the peak is
   * weights + optimizer + max(gradients, activations + buffers). Default false: Megatron-LM,
   * DeepSpeed and DDP keep persistent gradient buffers, and every part adds up.
   */
  gradientsFreedBetweenSteps?: boolean;
  /**
   * Which AdamW runs. "fused": one kernel with no working memory (Apex / Transformer Engine in
   * Megatron, `torch.optim.AdamW(fused=True)`). "foreach": PyTorch's default on CUDA
   * (`_multi_tensor_adam`, torch/optim/adam.py), whose step allocates `exp_avg_sq_sqrt =
   * torch._foreach_sqrt(exp_avg_sqs)`, one fp32 temporary per parameter it updates, while the
   * gradients are still held: the step's peak is then weights + gradients + optimizer states +
   * 4 bytes per updated parameter (+ DDP's buckets). Measured on 2 × H200 with foreach AdamW
   * (data/gpu_multi_steps.csv): one GPU alone peaks at 20.1–20.5 bytes per parameter on one
   * 1,024-token sequence, 4 + 4 + 8 + 4. Default "fused".
   */
  adamw?: "fused" | "foreach";
  /**
   * Tensor parallelism also splits the embedding, the output layer and the loss over the ranks
   * (Megatron's vocabulary-parallel layers and loss). False: only the blocks are split
   * (`parallelize_module` over attention and MLP, as bench/gpu/multi_gpu.py does), so each rank
   * holds the whole embedding and output layer with their gradients and optimizer states, and the
   * loss runs on the whole vocabulary's logits. Default true.
   */
  vocabularyParallel?: boolean;
  /**
   * ZeRO stages 1 and 2 run as FSDP2 without resharding after forward (`fully_shard(...,
   * reshard_after_forward=False)`): each rank keeps its own shard of the parameters allocated
   * beside the whole parameters it gathered for forward and holds until backward, weight bytes ÷
   * shards more than ZeRO-2's whole weights. Default false (Megatron's distributed optimizer).
   */
  fsdp2KeepsShard?: boolean;
  /**
   * How a SwiGLU MLP keeps its activations. "fused": gate output, up output and their product,
   * 6·s·b·f bytes a layer (layerActivationBytes; Megatron's fused SwiGLU, and Inductor's).
   * "eager": `F.silu(gate) * up` over a fused gate-and-up projection (bench/gpu/calibrate.py
   * Block): the projection's output (4·s·b·f) stays referenced through both chunks, SiLU's output
   * (2·s·b·f) is saved for the product and the product (2·s·b·f) for the down projection, 8·s·b·f.
   * Default "fused".
   */
  swiglu?: "fused" | "eager";
  /**
   * ZeRO-3 as PyTorch's FSDP2 runs it (`fully_shard` per block and on the root, no
   * MixedPrecisionPolicy, as bench/gpu/multi_gpu.py): the parameters are gathered in their fp32
   * storage, the next block's all-gather is prefetched while one block computes (two gathered
   * blocks), and the root unit (embedding, final norm, output layer) is not resharded after
   * forward, so it stays gathered from the start of forward to the end of backward (FSDP2's
   * root reshard_after_forward behaviour). Default false: one gathered layer in the compute
   * format (Megatron / DeepSpeed ZeRO-3). On the 2 × H200 FSDP2 steps with resharding it moves
   * the GPT-2 and LLaMA rows from −8 to +4% to −5 to +6% (data/gpu_multi_steps.csv; GPT-2 medium
   * on one sequence, a listed miss, from +13 to +21%) and the wide
   * 8B / 70B-layer rows, whose root unit is up to 55% of the parameters, from −24 to −6% to −3 to
   * +8% (bench/gpu/multi_steps_wide.csv: the mechanism was added after those rows showed the gap;
   * nothing in it is fitted).
   */
  fsdp2Gathers?: boolean;
  /**
   * Plain PyTorch DDP (ddpHoldsBuckets) rebuilds its gradient buckets once, at the start of the
   * second step's forward (DistributedDataParallel._pre_forward → Reducer::rebuild_buckets, in the
   * order the first backward produced the gradients), and the buckets made at construction
   * (_ddp_init_helper) can still be allocated through that step's backward peak: since PyTorch 2.11
   * ProcessGroupNCCL keeps each collective's input tensors stashed in its work object until the
   * work is waited on or the process group's watchdog thread finds it complete, and DDP never waits
   * on the work itself. Measured on one H200 (bench/gpu/ddp_memory.py, allocator trace of the
   * 11-step protocol, bench/gpu/ddp_memory_sites.csv): at TinyLlama's (1,024 × 4) and GPT-2
   * medium's (1,024 × 1) second-step peak both sets are alive (4 bytes per parameter each, one
   * allocation from _ddp_init_helper and the rebuilt ones from _pre_forward), and every later step
   * holds one; in GPT-2 XL's run the old set was gone in time, and synchronising and waiting 0.5 s
   * after the first step removes it from TinyLlama's and GPT-2 medium's second step
   * (bench/gpu/ddp_memory_pause0.csv against ddp_memory_pause05.csv). Whether it is gone is a race, so the
   * same configuration on 2 × H200 peaked one gradient copy apart in two runs
   * (bench/gpu/multi_steps_repeat.csv). True (default): count the second set at the backward peak,
   * the peak a run must fit; false: the steady state of every later step. Not counted at the
   * optimizer step, later in the step: plain DDP on one 1,024-token sequence, whose peak is the
   * optimizer step, held one set beside the gradients in 8 of its 10 runs on 2 × H200 (five models,
   * two runs; GPT-2 medium and large held part of a second in one run each).
   */
  ddpFirstStepBuckets?: boolean;
  /**
   * DDP with `gradient_as_bucket_view=True`: the gradients are views into the buckets, so they are
   * not a second copy at the optimizer step (PyTorch docs, torch.nn.parallel.DistributedDataParallel).
   * Measured on one H200 (bench/gpu/ddp_memory_phases.csv): at the optimizer step it holds what one
   * GPU alone holds (GPT-2 XL, 1,024 × 1: 20.56 against 20.38 bytes per parameter), at the backward
   * peak one bucket set more, as plain DDP does. Default false (PyTorch's default).
   */
  ddpGradientAsBucketView?: boolean;
  /**
   * Under "amp-bf16", torch.autocast's cache of bf16 weight copies (2 bytes a local parameter, see
   * memoryPerGpu). False where the weights reach the matmuls in bf16 already, so autocast casts and
   * caches nothing: FSDP2 with a MixedPrecisionPolicy of param_dtype bfloat16 hands each block its
   * gathered weights in bf16 (eagerStep.ts makes the same call for the casts' time), and torchtitan,
   * which trains that way, runs no autocast at all (no torch.autocast anywhere in
   * pytorch/torchtitan at 9dec370ad2, 820504e20d or e7c0cae934, the commits of its benchmark rows).
   * Default true.
   */
  autocastCache?: boolean;
}

/** Model-state bytes per GPU (ZeRO stages shard over `zeroShards` data-parallel ranks). */
export interface ModelStateBytes {
  weights: number;
  gradients: number;
  optimizer: number;
}

/**
 * ZeRO (Rajbhandari et al. 2020, Sec 5, Table 1): stage 1 shards optimizer states, stage 2 also
 * gradients, stage 3 (= FSDP FULL_SHARD) also the weights, each over the `shards` data-parallel
 * ranks: Pos = 4Ψ + 12Ψ/Nd, Pos+g = 2Ψ + 14Ψ/Nd, Pos+g+p = 16Ψ/Nd for K = 12.
 */
export function zeroModelStateBytes(params: number, precision: Precision, zeroStage: 0 | 1 | 2 | 3, shards: number): ModelStateBytes {
  const p = PRECISION_BYTES[precision];
  return {
    weights: (params * p.weightBytesPerParam) / (zeroStage >= 3 ? shards : 1),
    gradients: (params * p.gradientBytesPerParam) / (zeroStage >= 2 ? shards : 1),
    optimizer: (params * p.optimizerBytesPerParam) / (zeroStage >= 1 ? shards : 1)
  };
}

/** Documented defaults of the optional layout switches (see ParallelismSpec). */
export function activationLayout(model: ModelSpec, parallelism: ParallelismSpec, stack?: Stack): ActivationLayout {
  // One object literal with every field (compiled included): memoryPerGpu spreads it again, and a
  // field added by a second spread made memoryPerGpu 8–10 times slower in V8 (bench "memoryPerGpu").
  return {
    seqLen: model.seqLen,
    microBatch: parallelism.microBatch,
    tp: parallelism.tp,
    sequenceParallel: parallelism.sequenceParallel ?? parallelism.tp > 1,
    flashAttention: parallelism.flashAttention ?? true,
    recompute: parallelism.recompute,
    compiled: stack === "pytorch-compile"
  };
}

/**
 * Peak memory per GPU on the most loaded pipeline stage, bytes. How the loss and gradients are
 * held follows `stack` (stack.ts STACK_MEMORY); fields given in `explicit` override it.
 *
 * Weights: the stage's share of the model (`stageParameters`): dense weights split over tp·pp,
 * expert weights over ep·tp·pp (expert parallelism carves ep out of the dp·cp ranks, as in
 * Megatron-Core). ZeRO shards dense states over dp·cp (Megatron's distributed optimizer and
 * FSDP include context-parallel ranks in the data-parallel group) and expert states over dp·cp/ep.
 *
 * Activations: `layerActivationBytes` × layers per stage × micro-batches in flight. Under 1F1B
 * the first stage holds pp micro-batches (Narayanan et al. 2021 Sec 2.2; Korthikanti et al. 2022
 * Sec 4.2.3: "the first stage must store activations for p micro-batches", i.e. L layers' worth),
 * × (1 + (p−1)/(p·m)) with m interleaved virtual stages. Context parallelism splits the sequence
 * over cp ranks, dividing activations by cp. Full recomputation also needs one layer's working
 * activations during its backward pass. When pp does not divide the layers (parallelism.ts
 * pipelineSplit) this counts the heaviest stage's ceil(layers/pp) layers with the first stage's
 * micro-batches in flight and the largest stage's parameters: an upper bound, since with Llama 3's
 * split the first stage holds one layer less (Llama 3 405B on pp 16: 8 × 16 layer-micro-batches
 * counted where under 1F1B no stage holds more than 8 × 15, on the second stage).
 *
 * Buffers: the logits of one micro-batch on the last stage (see `LOGITS_BYTES_PER_ELEMENT`), with
 * ZeRO-3 over more than one rank one gathered layer of compute-precision weights, and under
 * PyTorch AMP the autocast cache of bf16 weight copies.
 */
/**
 * Whether plain PyTorch's DistributedDataParallel holds gradient buckets for this layout: code that
 * frees gradients between steps (the "pytorch" stacks), no ZeRO sharding, more than one
 * data-parallel rank. DDP then keeps its all-reduce buckets, one more copy of the gradients
 * ("gradient_as_bucket_view … the saved memory size will be equal to the total gradients size",
 * PyTorch docs, torch.nn.parallel.DistributedDataParallel), allocated for the whole run, and in
 * the second step the set made at construction as well (MemoryOptions.ddpFirstStepBuckets).
 * Checked against the project's 2 × H200 steps (data/gpu_multi_steps.csv, mode "ddp";
 * tests/engine/perf/measuredMulti.test.ts): measured DDP holds 4 or 8 bytes per parameter more
 * than one GPU alone, and an allocator trace on one H200 (bench/gpu/ddp_memory_sites.csv) names
 * the two sets; nothing fitted.
 */
export function ddpHoldsBuckets(gradientsFreedBetweenSteps: boolean, zeroStage: number, dataParallelShards: number): boolean {
  return gradientsFreedBetweenSteps && zeroStage === 0 && dataParallelShards > 1;
}

/**
 * Weight bytes of the shard FSDP2 keeps beside the gathered parameters (MemoryOptions.fsdp2KeepsShard)
 * for `params` sharded over `shards` ranks; 0 when unsharded. A module-level function, not a closure
 * inside memoryPerGpu: the planner calls memoryPerGpu in its inner loop, and under tsx (which the
 * CLI and bench/run.ts run on) esbuild's keepNames wraps every closure created in a `__name` helper,
 * an Object.defineProperty call, that cost most of the call (bench/run.ts engine section: 4.69 M/s
 * before the closure, 0.94 M/s with it; tests/engine/memoryFastPath.test.ts holds the results equal).
 */
function keptShardBytes(params: number, shards: number, precision: Precision): number {
  return shards > 1 ? (params * PRECISION_BYTES[precision].weightBytesPerParam) / shards : 0;
}

export function memoryPerGpu({model, parallelism, precision, stack}: MemoryInput, explicit: MemoryOptions = {}): MemoryBreakdown {
  const options = stackMemoryOptions(stack, explicit);
  const cp = parallelism.cp ?? 1;
  const ep = parallelism.ep ?? 1;
  const tp = parallelism.tp;
  const stage = stageParameters(model, parallelism);
  // Blocks alone split over tp: the embedding, output layer and final norm stay whole on each
  // rank (an upper bound with pp > 1, where only the end stages hold them).
  const count = parameterCount(model);
  const wholeOutside = !(options.vocabularyParallel ?? true) && tp > 1 ? (1 - 1 / tp) * (count.embedding + count.output + count.finalNorm) * (model.params / count.total) : 0;
  const denseParams = stage.dense + wholeOutside;
  const denseShards = parallelism.dp * cp;
  const expertShards = Math.max(1, denseShards / ep);
  const dense = zeroModelStateBytes(denseParams, precision, parallelism.zeroStage, denseShards);
  const expert = zeroModelStateBytes(stage.expert, precision, parallelism.zeroStage, expertShards);

  const layout = activationLayout(model, parallelism, stack);
  const perLayer = layerActivationBytes(model, {...layout, seqLen: model.seqLen / cp});
  const scale = PRECISION_BYTES[precision].activationScale;
  const inFlight = microbatchesInFlight(parallelism, model.seqLen);
  let activations = perLayer.total * stage.layers * inFlight * scale;
  // Eager SwiGLU keeps 2·s·b·f bytes a layer more than the fused count (MemoryOptions.swiglu),
  // wherever the MLP's activations are stored (not under full recomputation).
  const eagerSwiglu = (options.swiglu ?? "fused") === "eager" && (model.ffnKind ?? "gelu") === "swiglu";
  const swigluExtra = eagerSwiglu ? (2 * (model.seqLen / cp) * parallelism.microBatch * activeFfnWidthOf(model)) / tp : 0;
  // Under per-op recomputation the element-wise outputs are recomputed, not kept.
  if (parallelism.recompute === "none" || parallelism.recompute === "selective") activations += swigluExtra * stage.layers * inFlight * scale;
  if (parallelism.recompute === "full") {
    const working = layerActivationBytes(model, {...layout, seqLen: model.seqLen / cp, recompute: "none"});
    activations += (working.total + swigluExtra) * scale;
  } else if (parallelism.recompute === "per-op") {
    // The layer being backpropagated holds what its recomputation rebuilt beside what it kept.
    const working = layerActivationBytes(model, {...layout, seqLen: model.seqLen / cp, recompute: "none"});
    activations += Math.max(0, working.total + swigluExtra - perLayer.total) * scale;
  }

  const logitsBytes = LOGITS_BYTES_PER_ELEMENT[options.crossEntropy ?? "fused"];
  const logits = (logitsBytes * (model.seqLen / cp) * parallelism.microBatch * model.vocab) / ((options.vocabularyParallel ?? true) ? tp : 1);
  // ZeRO-3 gathers one layer's sharded weights at a time; unsharded groups need no gather.
  const gatheredParams = (denseShards > 1 ? stage.dense : 0) + (expertShards > 1 ? stage.expert : 0);
  let gathered = parallelism.zeroStage === 3 ? (gatheredParams / Math.max(1, stage.layers)) * computeWeightBytes(precision) : 0;
  if ((options.fsdp2Gathers ?? false) && parallelism.zeroStage === 3 && denseShards > 1) {
    // FSDP2 (MemoryOptions.fsdp2Gathers): the root unit whole in fp32 for the step, and the block
    // being computed plus the one prefetched, in fp32.
    const outside = ((count.embedding + count.output + count.finalNorm) * (model.params / count.total)) / tp;
    const perBlock = (stage.dense + stage.expert - outside) / Math.max(1, stage.layers);
    gathered = 4 * outside + 2 * 4 * perBlock;
  }
  // torch.autocast caches the bf16 casts of the fp32 weights for the whole forward pass
  // (PyTorch docs, torch.autocast `cache_enabled`, default True): 2 bytes per local parameter.
  const autocastCache = precision === "amp-bf16" && (options.autocastCache ?? true) ? 2 * (denseParams + stage.expert) : 0;
  const ddp = ddpHoldsBuckets(options.gradientsFreedBetweenSteps ?? false, parallelism.zeroStage, denseShards);
  // DDP's bucket set, allocated for the whole run; at the second step's backward peak also the set
  // made at construction (MemoryOptions.ddpFirstStepBuckets).
  const bucketSet = ddp ? dense.gradients + expert.gradients : 0;
  const ddpBuckets = bucketSet * ((options.ddpFirstStepBuckets ?? true) ? 2 : 1);
  const buffers = logits + gathered + autocastCache + ddpBuckets;

  // FSDP2 without resharding (ZeRO-1/2 as PyTorch runs them) keeps each rank's shard beside the
  // gathered whole parameters.
  const keepsShard = (options.fsdp2KeepsShard ?? false) && (parallelism.zeroStage === 1 || parallelism.zeroStage === 2);
  const keptDense = keepsShard ? keptShardBytes(denseParams, denseShards, precision) : 0;
  const keptExpert = keepsShard ? keptShardBytes(stage.expert, expertShards, precision) : 0;
  const weights = dense.weights + expert.weights + keptDense + keptExpert;
  const gradients = dense.gradients + expert.gradients;
  const optimizer = dense.optimizer + expert.optimizer;
  // Gradients freed between steps grow as the activations are freed during backward: they add to
  // the peak only where they outgrow activations + buffers, and only that part is reported, so the
  // parts still sum to the total. Under DDP too (zero_grad(set_to_none=True) frees them; the
  // buckets are counted in the buffers).
  const freed = options.gradientsFreedBetweenSteps ?? false;
  const gradientsAtPeak = freed ? Math.max(0, gradients - (activations + buffers)) : gradients;
  const backwardPeak = weights + gradientsAtPeak + optimizer + activations + buffers;

  // The optimizer step: activations, logits and casts are gone; the gradients (and DDP's bucket
  // set, unless the gradients are views into it) are all held, and foreach AdamW allocates its
  // fp32 temporary over the parameters this rank updates. FSDP2 has resharded by then: the
  // gathered whole parameters are freed.
  const updated = (parallelism.zeroStage >= 1 ? denseParams / denseShards : denseParams) + (parallelism.zeroStage >= 1 ? stage.expert / expertShards : stage.expert);
  const temporary = (options.adamw ?? "fused") === "foreach" ? 4 * updated : 0;
  const weightsAtStep = keepsShard ? keptDense + keptExpert : weights;
  const bucketsAtStep = (options.ddpGradientAsBucketView ?? false) ? 0 : bucketSet;
  const stepPeak = weightsAtStep + gradients + optimizer + temporary + bucketsAtStep;
  if (stepPeak > backwardPeak) {
    return {weights: weightsAtStep, gradients, optimizer: optimizer + temporary, activations: 0, buffers: bucketsAtStep, total: stepPeak};
  }
  return {weights, gradients: gradientsAtPeak, optimizer, activations, buffers, total: backwardPeak};
}

/**
 * Largest model whose model states fit in `hbmBytes` per GPU, ignoring activations and buffers:
 * the "theoretical maximum" of Rajbhandari et al. 2020 (ZeRO) Table 2. Weights are split over
 * `modelParallel` GPUs (tensor/pipeline) and ZeRO shards over `dataParallel` ranks.
 */
export function maxTrainableParams({hbmBytes, precision, zeroStage, dataParallel, modelParallel}: {
  hbmBytes: number;
  precision: Precision;
  zeroStage: 0 | 1 | 2 | 3;
  dataParallel: number;
  modelParallel: number;
}): number {
  const perParam = zeroModelStateBytes(1, precision, zeroStage, dataParallel);
  return (hbmBytes * modelParallel) / (perParam.weights + perParam.gradients + perParam.optimizer);
}
