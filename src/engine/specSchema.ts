// The training spec's one definition: a zod schema that validates any JSON (validateSpec.ts, the
// CLI) and from which types.ts derives the TypeScript types (z.infer), so the two cannot drift.
// Shape and ranges only; the layout rules between fields are in validateSpec.ts.
import {z} from "zod";
import {STACK_EXPECTED, STACK_NAMES} from "./stack.js";

const finite = z.number({invalid_type_error: "expected a number"}).finite({message: "expected a finite number"});
const positive = finite.positive({message: "expected a number > 0"});
const positiveInt = finite.int({message: "expected a whole number"}).positive({message: "expected a whole number ≥ 1"});
const nonnegativeInt = finite.int({message: "expected a whole number"}).nonnegative({message: "expected a whole number ≥ 0"});

/** Numeric precision regime of training (see memory.ts for bytes per parameter in each). */
export const precisionSchema = z.enum(["fp32", "amp-bf16", "bf16-master-fp32", "fp16-master-fp32", "fp8"]);

/**
 * Activation recomputation: none; selective (the attention core, Korthikanti et al. 2022);
 * per-op (torchtitan's per-operation selective checkpointing, `activation_checkpoint.mode =
 * "selective"`, `selective_ac_option = "op"`: keep the outputs of every other matmul and of
 * attention, recompute the rest; memory.ts layerActivationBytes); or full (each layer's input only).
 */
export const recomputeSchema = z.enum(["none", "selective", "per-op", "full"]);

export const zeroStageSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {errorMap: () => ({message: "expected 0, 1, 2 or 3"})});

/** Feed-forward block: classic two-matrix (GELU) or gated three-matrix (SwiGLU). */
export const ffnKindSchema = z.enum(["gelu", "swiglu"]);

/**
 * The training software (stack.ts says what each means to memory and step time):
 * - "megatron": NeMo / Megatron-LM class: fused loss and kernels, persistent gradient buffers,
 *   distributed optimizer, overlapped collectives. The default.
 * - "megatron-tuned": the same, run as NVIDIA's performance recipes run it (tensor-parallel
 *   communication inside the matmuls, matmuls at their measured isolated rate).
 * - "pytorch": eager PyTorch with autocast, unfused cross-entropy, gradients freed between steps,
 *   DDP buckets or FSDP2.
 * - "pytorch-compile": the same code under torch.compile.
 */
export const stackSchema = z.enum(STACK_NAMES, {errorMap: () => ({message: STACK_EXPECTED})});

/** A decoder-only transformer, dense or mixture-of-experts. */
export const modelSchema = z
  .object({
    /** Total parameters (all experts). */
    params: positive,
    /** Parameters used per token (MoE); defaults to `params`. */
    activeParams: positive.optional(),
    layers: positiveInt,
    dModel: positiveInt,
    heads: positiveInt,
    /** Key/value heads (GQA/MQA); defaults to `heads`. */
    kvHeads: positiveInt.optional(),
    /**
     * Width of each attention head (queries, keys and values) where the model sets it apart from
     * dModel / heads: Gemma's 256 (google/gemma_pytorch gemma/config.py head_dim), Qwen3's and
     * Mistral NeMo's 128 (their config.json head_dim). Q and the attention output are then
     * heads·headDim wide. Defaults to dModel / heads; not with latentAttention, which has its own.
     */
    headDim: positiveInt.optional(),
    /** FFN hidden size; defaults to 4·dModel (GELU) or 8/3·dModel (SwiGLU). */
    ffnDim: positiveInt.optional(),
    ffnKind: ffnKindSchema.optional(),
    vocab: positiveInt,
    seqLen: positiveInt,
    /** Experts per MoE layer, and how many are routed per token. Absent for dense models. */
    experts: z.object({total: positiveInt, active: positiveInt}).strict().optional(),
    /**
     * MoE: experts every token passes through besides the routed ones, each `expertFfnDim` wide
     * (DeepSeekMoE's shared experts; DeepSeek-V3 inference/configs n_shared_experts). Default 0.
     */
    sharedExperts: nonnegativeInt.optional(),
    /**
     * MoE: leading layers with one dense FFN `ffnDim` wide instead of experts (DeepSeek-V3
     * n_dense_layers, first_k_dense_replace in the Hugging Face configs). Default 0.
     */
    denseLayers: nonnegativeInt.optional(),
    /** MoE: hidden width of one routed or shared expert's FFN (moe_inter_dim); default `ffnDim`. */
    expertFfnDim: positiveInt.optional(),
    /**
     * Multi-head latent attention (DeepSeek-V2, arXiv 2405.04434 Sec 2.1): queries through a
     * `qLoraRank` bottleneck (0: one full-rank projection), keys and values through a shared
     * `kvLoraRank` latent, heads of qkNopeHeadDim + qkRopeHeadDim for scores and vHeadDim for
     * values. Absent: standard multi-head / grouped-query attention with headDim (dModel / heads) per head.
     */
    latentAttention: z
      .object({qLoraRank: nonnegativeInt, kvLoraRank: positiveInt, qkNopeHeadDim: positiveInt, qkRopeHeadDim: positiveInt, vHeadDim: positiveInt})
      .strict()
      .optional(),
    /** Output matrix shares the input embedding's weights (GPT-2/3). Default false (LLaMA-style untied). */
    tiedEmbeddings: z.boolean().optional(),
    /** "learned" absolute position embeddings (GPT-2/3) add seqLen·dModel parameters; default "rotary" (none). */
    positionEmbedding: z.enum(["learned", "rotary"]).optional(),
    /**
     * Trained with dropout, whose masks are stored for the backward pass (Korthikanti et al. 2022's
     * activation formula assumes it). Default true; LLaMA-style pre-training and the project's GPU
     * measurements use none.
     */
    dropout: z.boolean().optional()
  })
  .strict();

export const hardwareSchema = z
  .object({
    /** Id from data/gpus.csv. */
    gpu: z.string().min(1, {message: "expected a GPU id from data/gpus.csv"}),
    count: positiveInt,
    usdPerGpuHour: finite.nonnegative({message: "expected a price ≥ 0"}).optional(),
    /** Model FLOPs utilisation in (0, 1]; predicted by the step-time model when absent. */
    mfu: finite.gt(0, {message: "expected an MFU in (0, 1]"}).lte(1, {message: "expected an MFU in (0, 1]"}).optional()
  })
  .strict();

export const parallelismSchema = z
  .object({
    tp: positiveInt,
    pp: positiveInt,
    dp: positiveInt,
    cp: positiveInt.optional(),
    ep: positiveInt.optional(),
    zeroStage: zeroStageSchema,
    /** Sequences per micro-batch per GPU. */
    microBatch: positiveInt,
    globalBatchTokens: positive.optional(),
    recompute: recomputeSchema,
    /** Megatron sequence parallelism (shards LayerNorm/dropout activations over tp). Default true when tp > 1. */
    sequenceParallel: z.boolean().optional(),
    /** Flash attention (no s² score matrix stored). Default true. */
    flashAttention: z.boolean().optional(),
    /** Pipeline virtual stages per GPU (interleaved 1F1B). Default 1. */
    virtualStages: positiveInt.optional()
  })
  .strict();

/** The whole question: train this model on these tokens with this hardware, layout and software. */
export const trainingSpecSchema = z
  .object({
    model: modelSchema,
    tokens: positive,
    hardware: hardwareSchema,
    parallelism: parallelismSchema,
    precision: precisionSchema,
    /** The training software; default "megatron" (stack.ts). */
    stack: stackSchema.optional()
  })
  .strict();
