import {z} from "zod";
import {column} from "../schema.js";
import {fraction, idColumn, intColumn, numberColumn, positive, positiveInt, textColumn} from "./columns.js";
import type {ColumnSpec, DatasetSpec} from "../schema.js";
import {STACK_NAMES} from "../../src/engine/stack.js";
import {recomputeSchema} from "../../src/engine/specSchema.js";

/**
 * Check sets: published scaling tables the engine was never fitted to and never tuned on
 * (src/engine/perf/checkSets.ts reports the engine on them; tests/engine/perf/*Tables.test.ts
 * hold it to the level reached). Every row carries the whole layout the engine needs, each cell
 * either printed by the source or named in `assumptions`, so a row is predicted without any
 * per-system settings table.
 */
const required = (name: string, unit: string | null, description: string, check: z.ZodType<number> = positiveInt): ColumnSpec<"int"> =>
  column({name, kind: "int", unit, required: true, description, check});
const flag = (name: string, description: string): ColumnSpec<"bool"> => column({name, kind: "bool", unit: null, required: true, description});
const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T, description: string, isRequired = true): ColumnSpec<"string"> =>
  column({name, kind: "string", unit: null, required: isRequired, description, check: z.enum(values, {errorMap: () => ({message: `expected one of ${values.join(", ")}`})})});

const CHECK_SET_COLUMNS: ColumnSpec[] = [
  idColumn("Stable identifier of the row (set, model, layout)."),
  textColumn("model", "The model as the source names it.", true),
  column({name: "gpu_id", kind: "string", unit: null, required: true, description: "Accelerator (id in gpus).", check: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {message: "expected lower-case letters, digits and hyphens"})}),
  required("accelerators", "accelerators", "Accelerators (GPUs or TPU chips) of the measurement: tp · pp · dp · cp."),
  intColumn("pods", "pods", "TPU slices (ICI domains) joined over the data-center network; blank for one slice or GPUs."),
  required("tp", null, "Tensor-parallel degree."),
  required("pp", null, "Pipeline stages."),
  required("dp", null, "Data-parallel degree (FSDP / ZeRO shards included)."),
  required("cp", null, "Context-parallel degree."),
  required("zero_stage", null, "ZeRO stage: 0 plain data parallel, 1 distributed optimizer, 3 fully sharded (FSDP).", z.number().int().min(0, {message: "expected a ZeRO stage 0–3"}).max(3, {message: "expected a ZeRO stage 0–3"})),
  required("micro_batch", "sequences", "Sequences per micro-batch per data-parallel rank."),
  required("virtual_stages", null, "Interleaved pipeline chunks per GPU (1 = no interleaving)."),
  required("global_batch_sequences", "sequences", "Sequences per optimizer step."),
  required("seq_len", "tokens", "Sequence length."),
  required("layers", "layers", "Transformer layers."),
  required("d_model", null, "Hidden size."),
  required("heads", null, "Attention (query) heads."),
  intColumn("kv_heads", null, "Key/value heads (grouped-query attention); blank = heads."),
  intColumn("ffn_dim", null, "Feed-forward hidden width; blank = 4 × d_model (GELU) or the SwiGLU default."),
  oneOf("ffn_kind", ["gelu", "swiglu"], "Feed-forward kind: gelu (two matrices) or swiglu (three)."),
  flag("tied_embeddings", "Input embedding and output layer share one matrix."),
  oneOf("position_embedding", ["learned", "rotary"], "Position embedding: learned table or rotary."),
  required("vocab", "tokens", "Vocabulary size."),
  column({name: "params", kind: "float", unit: "parameters", required: true, description: "Parameters as the source prints them (the engine counts its own from the shape).", check: positive}),
  oneOf("precision", ["amp-bf16", "bf16-master-fp32", "fp16-master-fp32", "fp8"], "Number format of the matmuls and master weights (engine precision names)."),
  oneOf("recompute", recomputeSchema.options, "Activation recomputation: none, selective (the attention core), per-op (torchtitan's per-operation checkpointing, selective_ac_option op) or full."),
  flag("sequence_parallel", "Megatron sequence parallelism with tensor parallelism."),
  flag("flash_attention", "Attention by a fused kernel that never stores the s×s scores."),
  oneOf("stack", STACK_NAMES, "The engine stack that times the row (stack.ts), chosen by the software the source names; blank = megatron.", false),
  oneOf(
    "loss",
    ["vocab-parallel-fp32", "fp32-eager"],
    "The loss kernel where the row's software runs one other than the fused cross-entropy the step model assumes: vocab-parallel-fp32 = Megatron's unfused vocab-parallel cross-entropy on logits cast to fp32 (52 HBM bytes per logit, runPrediction.ts); fp32-eager = PyTorch's cross-entropy on an fp32 copy of the logits run outside the compiled code (memory.ts: 14 bytes per logit at the loss's peak, the unfused figure); blank = fused.",
    false
  ),
  numberColumn("grad_reduce_bytes_per_param", "bytes", "Bytes per parameter of the data-parallel gradient reduction where the software fixes it; blank = the stack's default.", positive),
  column({name: "mfu", kind: "float", unit: "fraction", required: true, description: "Model FLOPs utilisation as the source prints it (0.43 = 43%).", check: fraction}),
  numberColumn("tflops_per_gpu", "TFLOP/s", "Achieved TFLOP/s per accelerator as the source prints it.", positive),
  textColumn("reported_text", "The row's cells as the source prints them.", true),
  textColumn("source", "Repository, file and commit (or paper and table) the row is copied from.", true),
  textColumn("source_location", "Table, line or figure within the source.", true),
  textColumn("assumptions", "Inputs the source does not print, what was taken for them and why (blank = none).")
];

function checkSet(name: string, title: string, description: string, extraColumns: readonly ColumnSpec[] = []): DatasetSpec {
  return {
    name,
    title,
    description,
    key: ["id"],
    sourceColumns: ["source", "source_location"],
    references: [{column: "gpu_id", dataset: "gpus"}],
    columns: [...CHECK_SET_COLUMNS, ...extraColumns],
    rowRules: [
      {column: "accelerators", expected: "tp · pp · dp · cp accelerators", holds: (r) => (r.tp as number) * (r.pp as number) * (r.dp as number) * (r.cp as number) === r.accelerators},
      {column: "global_batch_sequences", expected: "a whole number of micro-batches per data-parallel rank", holds: (r) => (r.global_batch_sequences as number) % ((r.dp as number) * (r.micro_batch as number)) === 0}
    ]
  };
}

export const checkMegatronReadme = checkSet(
  "check_megatron_readme",
  "Check set: Megatron-LM README weak scaling (H100)",
  "NVIDIA/Megatron-LM README's H100 weak-scaling table (Megatron-Core r0.8.0, GPT 1.7B–462B on 48–6,144 GPUs): layouts, batch and MFU as printed, never fitted to."
);

export const checkMaxtextV5p = checkSet(
  "check_maxtext_v5p",
  "Check set: MaxText README TPU v5p",
  "AI-Hypercomputer/maxtext README's TPU v5p table (JAX/XLA, 32B–512B on one slice of 64 or 512 chips): the rows whose shape the engine can state, with the run config of the same commit, never fitted to."
);

export const checkDgxcMaxtextH100 = checkSet(
  "check_dgxc_maxtext_h100",
  "Check set: MaxText Llama 3 70B on H100 (NVIDIA DGX Cloud benchmarks)",
  "NVIDIA/dgxc-benchmarking's MaxText (JAX/XLA on GPUs) Llama 3 70B recipe, release v25.02: BF16 and FP8 on 128 and 256 H100s with FSDP over every GPU, step time and MFU as printed, never fitted to."
);

/**
 * Columns of the torchtitan set beyond every check set's: the source prints throughput and memory,
 * not MFU, and some of its rows use what the engine has no model of (the known-miss reason).
 */
const TORCHTITAN_COLUMNS: ColumnSpec[] = [
  column({name: "fsdp_gather_bytes_per_param", kind: "int", unit: "bytes", required: true, description: "Bytes per parameter of FSDP's all-gathers (MixedPrecisionPolicy param_dtype: 2 for bf16).", check: z.number().refine((bytes) => bytes === 2 || bytes === 4, {message: "expected 2 or 4"})}),
  column({name: "tokens_per_second_per_gpu", kind: "float", unit: "tokens/s", required: true, description: "Tokens per second per GPU as the source prints it (the job's tokens per step ÷ step time ÷ GPUs).", check: positive}),
  numberColumn("memory_gib", "GiB", "Peak reserved GPU memory as the source prints it (torch.cuda max reserved, GiB; the largest over GPUs); blank where not printed.", positive),
  column({name: "loss_parallel", kind: "bool", unit: null, required: true, description: "Tensor parallelism splits the output layer and the loss over the vocabulary (torchtitan's loss_parallel, on whenever TP > 1 unless disabled); false without tensor parallelism."}),
  oneOf("attention_kernel", ["flash-v2"], "The attention kernel where the software's PyTorch picks one other than the default the engine measured on Hopper (cuDNN's): flash-v2 = FlashAttention-2, timed at the rate measured for it on Hopper (attentionKernel.ts); blank = the measured default.", false),
  textColumn("known_miss", "Why the engine cannot state this row as it ran, in words (blank = compared in the headline figures).")
];

export const checkTorchtitan = checkSet(
  "check_torchtitan",
  "Check set: torchtitan Llama 3.1 on H100 and H200 (FSDP2, tensor, pipeline and context parallel, torch.compile, float8)",
  "pytorch/torchtitan's published benchmarks (benchmarks/*.md: the torchtitan team's Llama 3.1 8B–405B tables of December 2024 on 8–512 H100s, its async tensor-parallel tables of June 2025, Trainy's 8B on 32 and 64 H200s): tokens per second and memory per GPU as printed, never fitted to.",
  TORCHTITAN_COLUMNS
);

export const checkTpuRecipesV6e = checkSet(
  "check_tpu_recipes_v6e",
  "Check set: Google's TPU recipes for MaxText on Trillium (TPU v6e)",
  "AI-Hypercomputer/tpu-recipes' Trillium (TPU v6e) training recipes for MaxText (JAX/XLA): Llama 3.1 8B on 8–256 chips, Llama 3.1 70B on 32–256, GPT-3 175B and Mistral 7B, one slice, FSDP over every chip, each recipe's logged step with the run config of the MaxText tag it names, never fitted to."
);
