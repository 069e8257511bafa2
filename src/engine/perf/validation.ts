// Predicted versus published utilisation, row by row (data/system_mfu.csv): the table the
// methodology page shows. Nothing in the model was fitted to these rows (calibration.ts lists
// what was fitted, and on what).
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, Recompute, Stack, TrainingSpec} from "../types.js";
import {predictStep} from "./stepTime.js";
import {predictEagerStep} from "./eagerStep.js";
import type {FsdpMixedPrecision} from "./eagerStep.js";
import {ampereFlashAttentionEfficiency} from "./attentionKernel.js";
import type {AmpereFlashAttention} from "./attentionKernel.js";
import {headDimOf} from "../architecture.js";
import type {PerfOptions, StepPrediction} from "./stepTime.js";
import type {CalibrationOverrides} from "./layerCost.js";
import {splitOf} from "./heldOut.js";
import {MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP} from "./scale.js";
import type {ValidationSplit} from "./heldOut.js";

/** The columns of data/system_mfu.csv this module reads (nulls where the source is silent). */
export interface SystemMfuRow {
  id: string;
  model: string;
  source_system: string;
  params: number | null;
  gpu_id: string | null;
  num_gpus: number | null;
  tp: number | null;
  pp: number | null;
  dp: number | null;
  cp: number | null;
  ep: number | null;
  seq_len: number | null;
  global_batch_sequences: number | null;
  mfu: number | null;
  hfu: number | null;
  recompute: string | null;
  layers: number | null;
  d_model: number | null;
  heads: number | null;
  vocab: number | null;
  /** The software the source says ran (stack.ts names); null when none of them. */
  stack?: Stack | null;
}

/**
 * What each system's paper says about the software switches the layout columns do not carry.
 * Rows of systems not listed here are reported as incomplete rather than guessed.
 */
export interface SystemSettings {
  /** Matches the row's source_system. */
  sourceSystem: RegExp;
  flashAttention: boolean;
  sequenceParallel: boolean;
  /** Virtual pipeline stages by row id (interleaved 1F1B); 1 when absent. */
  virtualStages?: Readonly<Record<string, number>>;
  /** Micro-batch per GPU; rows may give their own in PUBLISHED_INPUTS. */
  microBatch?: number | ((row: SystemMfuRow) => number);
  zeroStage: 0 | 1 | 2 | 3;
  ffnKind: "gelu" | "swiglu";
  tiedEmbeddings: boolean;
  positionEmbedding: "learned" | "rotary";
  options: PerfOptions;
  /**
   * For rows whose stack is a PyTorch one (data/system_mfu.csv stack "pytorch" / "pytorch-compile"),
   * which the plain-PyTorch step model times (eagerStep.ts predictEagerStep): the FSDP
   * implementation, and the attention kernel where the code ran one written for Ampere instead of
   * PyTorch's own (attentionKernel.ts ampereFlashAttentionEfficiency).
   */
  pytorch?: {fsdpVersion: 1 | 2; attentionKernel?: AmpereFlashAttention};
  /** Why these settings: the sentence of the paper each comes from. */
  basis: string;
}

/**
 * NeMo 24.07's published H100 FP8 pre-training table (NVIDIA/NeMo
 * docs/source/performance/performance_summary.md at 8e3d65dc): per row, what the table prints
 * (micro-batch, virtual stages) and what the NeMo-Framework-Launcher training yaml of that model
 * at tag 24.07 sets (launcher_scripts/conf/training/<file>: ub_tp_comm_overlap, key/value groups,
 * FFN width, recomputation). The table's layouts are NVIDIA's tuned ones, not the yamls' (the
 * yamls' GPU counts and batches differ); the switches the table does not print are taken from
 * the yaml, an assumption named in each row's basis.
 */
const NEMO2407_ROWS: Readonly<Record<string, {family: "GPT-3" | "Llama" | "Nemotron"; yaml: string; microBatch: number; virtualStages: number; tpCommOverlap: boolean; kvHeads?: number; ffnDim: number; recompute: "none" | "selective"}>> = {
  "nemo2407-gpt3-5b-h100-fp8-64gpu": {family: "GPT-3", yaml: "gpt3/5b.yaml", microBatch: 4, virtualStages: 1, tpCommOverlap: false, ffnDim: 16384, recompute: "none"},
  "nemo2407-gpt3-20b-h100-fp8-64gpu": {family: "GPT-3", yaml: "gpt3/20b.yaml", microBatch: 2, virtualStages: 1, tpCommOverlap: true, ffnDim: 24576, recompute: "none"},
  "nemo2407-gpt3-175b-h100-fp8-128gpu": {family: "GPT-3", yaml: "gpt3/175b.yaml", microBatch: 1, virtualStages: 6, tpCommOverlap: false, ffnDim: 49152, recompute: "none"},
  "nemo2407-gpt3-175b-h100-fp8-512gpu": {family: "GPT-3", yaml: "gpt3/175b.yaml", microBatch: 2, virtualStages: 6, tpCommOverlap: false, ffnDim: 49152, recompute: "none"},
  "nemo2407-llama2-7b-h100-fp8-8gpu": {family: "Llama", yaml: "llama/llama2_7b.yaml", microBatch: 1, virtualStages: 1, tpCommOverlap: false, ffnDim: 11008, recompute: "none"},
  "nemo2407-llama2-13b-h100-fp8-16gpu": {family: "Llama", yaml: "llama/llama2_13b.yaml", microBatch: 1, virtualStages: 10, tpCommOverlap: false, ffnDim: 13824, recompute: "none"},
  "nemo2407-llama2-70b-h100-fp8-64gpu": {family: "Llama", yaml: "llama/llama2_70b.yaml", microBatch: 1, virtualStages: 20, tpCommOverlap: true, kvHeads: 8, ffnDim: 28672, recompute: "none"},
  "nemo2407-llama3-8b-h100-fp8-8gpu": {family: "Llama", yaml: "llama/llama3_8b.yaml", microBatch: 1, virtualStages: 1, tpCommOverlap: false, kvHeads: 8, ffnDim: 14336, recompute: "none"},
  "nemo2407-llama3-70b-h100-fp8-64gpu": {family: "Llama", yaml: "llama/llama3_70b.yaml", microBatch: 1, virtualStages: 5, tpCommOverlap: true, kvHeads: 8, ffnDim: 28672, recompute: "none"},
  "nemo2407-nemotron-8b-h100-fp8-64gpu": {family: "Nemotron", yaml: "nemotron/nemotron_8b.yaml", microBatch: 4, virtualStages: 1, tpCommOverlap: true, ffnDim: 16384, recompute: "none"},
  "nemo2407-nemotron-22b-h100-fp8-64gpu": {family: "Nemotron", yaml: "nemotron/nemotron_22b.yaml", microBatch: 2, virtualStages: 10, tpCommOverlap: true, ffnDim: 24576, recompute: "none"},
  "nemo2407-nemotron-340b-h100-fp8-128gpu": {family: "Nemotron", yaml: "nemotron/nemotron_340b.yaml", microBatch: 1, virtualStages: 12, tpCommOverlap: false, kvHeads: 8, ffnDim: 73728, recompute: "selective"}
};

const NEMO2407_BASIS =
  "NVIDIA/NeMo docs/source/performance/performance_summary.md at 8e3d65dc (NeMo 24.07 container, DGX-H100, FP8: GBS, MBS, TP, PP, CP, VP per row); the software switches from NVIDIA/NeMo-Framework-Launcher launcher_scripts/conf/training/*.yaml at tag 24.07 (commit 8325688d): mcore_gpt and transformer_engine True, FlashAttention (use_flash_attention / TE fused attention), sequence_parallel True wherever TP > 1, distributed_fused_adam with overlap_grad_sync and overlap_param_sync (zero stage 1: Megatron's distributed optimizer), ub_tp_comm_overlap per yaml (off for GPT3-175B and Nemotron-340B), overlap_p2p_comm with interleaving, no recomputation except Nemotron-340B (selective), fp8_hybrid (E4M3 forward, E5M2 backward). Assumption: the table's runs kept the yaml's switches (the yamls' own layouts and batches differ from the table's). Hence the stack megatron-tuned (stack.ts).";

function nemo2407Settings(): SystemSettings[] {
  const family = (f: "GPT-3" | "Llama" | "Nemotron", arch: Pick<SystemSettings, "ffnKind" | "tiedEmbeddings" | "positionEmbedding">, why: string): SystemSettings => ({
    sourceSystem: new RegExp(`^NeMo 24\\.07 performance summary, ${f} \\(DGX H100, FP8\\)$`),
    flashAttention: true,
    sequenceParallel: true,
    virtualStages: Object.fromEntries(Object.entries(NEMO2407_ROWS).filter(([, r]) => r.family === f).map(([id, r]) => [id, r.virtualStages] as const)),
    zeroStage: 1,
    ...arch,
    options: {overlapGradReduce: true},
    basis: `${NEMO2407_BASIS} ${why}`
  });
  return [
    family("GPT-3", {ffnKind: "gelu", tiedEmbeddings: true, positionEmbedding: "learned"}, "GPT-3 family: 4h GELU MLP (ffn_hidden_size 4 × hidden), no position_embedding_type or share_embeddings_and_output_weights in the yaml, so NeMo's defaults (nemo/collections/nlp/models/language_modeling/megatron_gpt_model.py: 'learned_absolute', tied True)."),
    family("Llama", {ffnKind: "swiglu", tiedEmbeddings: false, positionEmbedding: "rotary"}, "Llama 2 / 3: fast-swiglu, RoPE, untied output layer (yaml)."),
    family("Nemotron", {ffnKind: "gelu", tiedEmbeddings: false, positionEmbedding: "rotary"}, "Nemotron: squared-ReLU MLP (two matrices, as a GELU MLP), RoPE, untied output layer (yaml).")
  ];
}

/**
 * What NeMo's and Megatron-Bridge's Llama 3 / 3.1 performance recipes share (the bases below cite
 * each): micro-batch 1, the distributed optimizer (ZeRO-1) with overlapped gradient reduction,
 * SwiGLU, RoPE, an untied output layer. The rows' stack, "megatron-tuned", adds tensor-parallel and
 * pipeline overlap and bf16 gradient reduction (stepTime.ts stackPerfOptions).
 */
const LLAMA_ON_NEMO_RECIPE = {
  microBatch: 1,
  zeroStage: 1,
  ffnKind: "swiglu",
  tiedEmbeddings: false,
  positionEmbedding: "rotary",
  options: {overlapGradReduce: true}
} as const satisfies Partial<SystemSettings>;

export const SYSTEM_SETTINGS: readonly SystemSettings[] = [
  {
    sourceSystem: /MosaicML LLM Foundry/,
    flashAttention: true,
    sequenceParallel: false,
    zeroStage: 3,
    ffnKind: "gelu",
    tiedEmbeddings: true,
    // The benchmark models carry a learned position table, not ALiBi: the README's NumParams grows
    // with the sequence by exactly seq × d_model (MPT-7B: 6,658,859,008 at 2048, 6,684,024,832 at
    // 8192, a difference of 6144 × 4096), and one embedding matrix is counted (tied output layer).
    positionEmbedding: "learned",
    options: {overlapGradReduce: true},
    // Composer 0.16 (llm-foundry v0.3.0 requires mosaicml>=0.16.3,<0.17; the May 2023 rows ran
    // torch 1.13) wraps the model in torch's FullyShardedDataParallel (composer/trainer/
    // dist_strategy.py prepare_fsdp_module): FSDP1. attn_impl "triton" runs the Triton port of the
    // first FlashAttention (calibration.ts FLASH_ATTENTION_V1_SHARE_OF_V2).
    pytorch: {fsdpVersion: 1, attentionKernel: "flash-v1"},
    basis:
      "mosaicml/llm-foundry scripts/train/benchmarking/README.md (tables: FSDP FULL_SHARD = ZeRO-3, micro-batch, gradient accumulation, global batch, activation checkpointing, NumParams) and the yamls the sweep ran (d_model, n_heads, n_layers, expansion_ratio 4 = GELU 4h, vocab 50368); scripts/train/benchmarking/submit_benchmarks.py sets attn_impl 'triton' by default (MosaicML's Triton FlashAttention, setup.py: triton-pre-mlir, sm90 branch) and limit_all_gathers; learned positions and tied embeddings (NumParams, see positionEmbedding); FSDP prefetches the next all-gather (overlap on). Two software eras: the H100 tables and the A100 80GB 30B/13B/7B rows were run in October 2023 with image mosaicml/pytorch:2.1.0_cu121 (sweep.sh at commit b2a43a147, 'Update_pretrain_benchmarks'); the A100 80GB 70B row and the A100 40GB rows were already in the README in May 2023 (commit 300cc5c58), whose sweep.sh ran mosaicml/pytorch:1.13.1_cu117."
  },
  {
    sourceSystem: /Narayanan et al\. 2021/,
    flashAttention: false,
    sequenceParallel: false,
    // Sec 5.1: "we use the interleaved pipeline schedule with the scatter/gather optimization
    // enabled"; the degree is not printed. Taken as the least interleaving the layout allows, the
    // smallest divisor above 1 of the layers per stage, which for the two largest models is the
    // only one (1T: 128 layers on pp 64 = 2; 529.6B: 105 on pp 35 = 3).
    virtualStages: {
      "megatron-2021-gpt-39-1b": 2,
      "megatron-2021-gpt-76-1b": 3,
      "megatron-2021-gpt-145-6b": 2,
      "megatron-2021-gpt-310-1b": 2,
      "megatron-2021-gpt-529-6b": 3,
      "megatron-2021-gpt-1008b": 2
    },
    microBatch: 1,
    zeroStage: 0,
    ffnKind: "gelu",
    tiedEmbeddings: true,
    positionEmbedding: "learned",
    options: {overlapGradReduce: false},
    basis:
      "Narayanan et al. 2021 (arXiv 2104.04473): GPT with 4h MLP and tied embeddings (Sec 3.2), the interleaved pipeline schedule (Sec 5.1; its degree not printed: the least the layout allows, see virtualStages), FlashAttention (2022) and sequence parallelism (Korthikanti 2022) postdate it, no gradient all-reduce overlap (Korthikanti 2022 Sec 6.3 says Megatron still had none); micro-batch 1 is an assumption (Table 1 does not print it); full recomputation (Sec 5.1 FLOP formula)."
  },
  {
    sourceSystem: /Korthikanti et al\. 2022\)$/,
    flashAttention: false,
    sequenceParallel: true,
    virtualStages: {"korthikanti-2022-gpt-175b": 3, "korthikanti-2022-gpt-530b": 3, "korthikanti-2022-gpt-530b-dp8": 3},
    microBatch: (row) => (row.id === "korthikanti-2022-gpt-22b" ? 4 : 1),
    zeroStage: 0,
    ffnKind: "gelu",
    tiedEmbeddings: true,
    positionEmbedding: "learned",
    options: {overlapGradReduce: false},
    basis:
      "Korthikanti et al. 2022 (arXiv 2205.05198) Table 3 (micro-batch 4 for 22B, 1 otherwise), Sec 6 (interleaved schedule with 3 stages for 175B and 530B; vocabulary 51,200; sequence 2048), Sec 3 (GELU 4h MLP, learned positions, shared embedding and output weights); no FlashAttention (not used in the paper)."
  },
  {
    sourceSystem: /^Megatron-LM baseline in MegaScale \(Jiang et al\. 2024\)$/,
    flashAttention: false,
    sequenceParallel: true,
    virtualStages: Object.fromEntries([
      ...[256, 512, 768, 1024, 3072, 6144, 8192, 12288].map((g) => [`megascale-2024-megatron-175b-${g}gpu`, 6] as const),
      ["megascale-2024-megatron-175b-256gpu-batch256", 6] as const,
      ...[2240, 4480, 11200].map((g) => [`megascale-2024-megatron-530b-${g}gpu`, 3] as const)
    ]),
    microBatch: 1,
    zeroStage: 1,
    ffnKind: "gelu",
    tiedEmbeddings: true,
    positionEmbedding: "learned",
    options: {overlapGradReduce: false, hostSecondsPerStep: MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP},
    basis:
      "Jiang et al. 2024, MegaScale (arXiv 2402.15627): the baseline is open-source Megatron-LM (commit 285068c8) on the same cluster, Sec 6.1 'interleaved pipeline-parallel schedule with six and three interleaving stages for the 175B and 530B models', sequence 2048, vocabulary 64,000, Table 1 layouts (TP 8; PP 8 or 35). What MegaScale adds, and so what the baseline lacks (Secs 3.2–3.3): data-, pipeline- and tensor-parallel communication overlap (overlap off) and FlashAttention-2 (off); Figure 1 shows ZeRO-2-style sharded gradients and optimizer for data parallelism (zero stage 1 here: Megatron's distributed optimizer, same traffic). Assumptions (not printed): GPT-3 architecture (4h GELU MLP, learned positions, tied embeddings, as Narayanan et al. 2021), micro-batch 1, sequence parallelism with selective recomputation as Korthikanti et al. 2022 ran the same 175B layout (full recomputation would put the 256-GPU row at 71% HFU, above any A100 matmul rate). The GPUs wait 0.20 s per step for the host (data loading, garbage collection): what Table 3's data-pipeline and code fixes gained (scale.ts MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP)."
  },
  {
    sourceSystem: /^NeMo \/ Megatron-Core \(Nemotron-4 340B pre-training\)$/,
    flashAttention: true,
    sequenceParallel: true,
    virtualStages: {"nemotron4-340b-1536gpu": 8, "nemotron4-340b-3072gpu": 8, "nemotron4-340b-6144gpu": 8},
    microBatch: 1,
    zeroStage: 1,
    ffnKind: "gelu",
    tiedEmbeddings: false,
    positionEmbedding: "rotary",
    options: {overlapGradReduce: true},
    basis:
      "NVIDIA 2024, Nemotron-4 340B Technical Report (arXiv 2406.11704) Sec 2.2–2.3: squared-ReLU MLP of 4h (two matrices, as a GELU MLP), RoPE, untied embeddings, 8 KV heads, 'distributed optimizer', TP 8 and PP 12 'with interleaving'. The interleaving degree, micro-batch and recomputation are not printed: taken from NeMo's published recipe for this model (NVIDIA/NeMo nemo/collections/llm/recipes/nemotron4_340b.py: virtual_pipeline_parallelism 8, micro_batch_size 1, global batch 2304 on 768 nodes, no recomputation set), with NeMo's default overlapped gradient reduce-scatter and parameter all-gather and fused attention."
  },
  {
    sourceSystem: /^NeMo performance recipe \(NVIDIA DGX Cloud benchmarking, Nemotron-4 340B\)$/,
    flashAttention: true,
    sequenceParallel: true,
    virtualStages: {"dgxc-nemotron4-340b-h100-bf16-256gpu": 12},
    microBatch: 1,
    zeroStage: 1,
    ffnKind: "gelu",
    tiedEmbeddings: false,
    positionEmbedding: "rotary",
    // The row's stack, "megatron-tuned" (data/system_mfu.csv), sets the tensor-parallel overlap and the measured matmul rate.
    options: {overlapGradReduce: true},
    basis:
      "NVIDIA/dgxc-benchmarking nemotron4-340b/README.md: the H100 table gives TP 8, PP 8, VP 12, MBS 1, GBS 64 on 256 GPUs; the recipe is NeMo's performance recipe for this model (NVIDIA/NeMo nemo/collections/llm/recipes/nemotron4_340b.py pretrain_performance_optimizations: tensor-parallel communication overlap, distributed optimizer with overlapped reduce-scatter and all-gather). Hence the stack megatron-tuned (stack.ts): matmuls at the rate measured in isolation on H100 (calibration.ts TUNED_STACK_MATMUL_EFFICIENCY) and tensor-parallel collectives inside the GEMMs (PerfOptions.tpCommOverlap). Architecture as the Nemotron-4 340B report. Assumption (not printed): no recomputation."
  },
  ...nemo2407Settings(),
  {
    sourceSystem: /^Megatron-Bridge performance summary, Llama 3 \(DGX H100, FP8 current scaling\)$/,
    flashAttention: true,
    sequenceParallel: true,
    virtualStages: {
      "mbridge2511-llama3-70b-h100-fp8cs-64gpu": 5,
      "mbridge260401-llama3-70b-h100-fp8-64gpu-gbs256": 5,
      "mbridge2511-llama31-405b-h100-fp8cs-1024gpu": 8,
      "mbridge2606-llama31-405b-h100-fp8-1024gpu-gbs1536": 8
    },
    ...LLAMA_ON_NEMO_RECIPE,
    basis:
      "NVIDIA-NeMo/Megatron-Bridge docs/performance-summary-archive.md (H100 rows: FSDP 0, TP, PP, CP, VP, MBS 1, GBS) and the recipes it names (scripts/performance/configs/llama/llama3_workload_base_configs.py and llama31_workload_base_configs.py H100 FP8_CS presets; llama3_llm_pretrain.py and llama31_llm_pretrain.py set the H100 fp8 userbuffer presets for tensor-parallel overlap; set_llama3_common_configs: grad_reduce_in_fp32 False; src/megatron/bridge/recipes/llama/llama3.py: sequence_parallel True, tp_comm_overlap True, distributed optimizer with overlap_grad_reduce and overlap_param_gather, TE fused attention, no recomputation set; at commits 5776a6d90 and 21d102f5e). FP8 with current (per-tensor) scaling, Transformer Engine. Hence the stack megatron-tuned. Architecture: Llama 3 / 3.1 (data/models.csv llama3-70b, llama3.1-405b)."
  },
  {
    sourceSystem: /^NeMo performance recipe \(NVIDIA DGX Cloud benchmarking, Llama 3\.1\)$/,
    flashAttention: true,
    sequenceParallel: true,
    virtualStages: Object.fromEntries(
      ["bf16", "fp8"].flatMap((p) => [
        [`dgxc2502-llama31-70b-h100-${p}-64gpu`, 5],
        [`dgxc2502-llama31-70b-h100-${p}-2048gpu`, 5],
        [`dgxc2502-llama31-405b-h100-${p}-576gpu`, 7],
        [`dgxc2502-llama31-405b-h100-${p}-2304gpu`, 7]
      ] as const)
    ),
    ...LLAMA_ON_NEMO_RECIPE,
    basis:
      "NVIDIA/dgxc-benchmarking llama3.1/README_8b.md, README_70b.md, README_405b.md at 8f5cbb3 (v25.02, NeMo 24.12 container): the tables give TP, PP, CP, VP, MBS 1, GA, GBS and the step time in BF16 and FP8 for the same layout; llama3.1/configure.sh sets model.fp8 and fp8_hybrid for FP8 and TE fused attention (NVTE_FUSED_ATTN=1) and otherwise runs the NeMo launcher's training yaml (NVIDIA/NeMo-Framework-Launcher launcher_scripts/conf/training/llama/llama3_1_{8b,70b,405b}.yaml at tag 24.12: no recomputation, sequence_parallel True for 70B and 405B, ub_tp_comm_overlap True for 70B and 405B, overlap_p2p_comm, distributed_fused_adam with overlap_grad_sync and overlap_param_sync, fast-swiglu, RoPE, untied output layer; 405B: num_query_groups 16). The 70B yaml says virtual_pipeline_model_parallel_size 10; the README's table and its 'maintain these values' list say 5, used here. Hence the stack megatron-tuned."
  },
  {
    sourceSystem: /Meta Llama 3 pre-training/,
    flashAttention: true,
    sequenceParallel: true,
    // 126 layers on pp 16 in one-layer chunks: "we reduce one Transformer layer each from the
    // first and the last stages, respectively. This means that the first model chunk on the first
    // stage has only the embedding" (so 128 chunk slots of one layer: 8 per pipeline rank).
    virtualStages: {"llama3-405b-8k-8192gpu": 8, "llama3-405b-8k-16384gpu": 8},
    microBatch: 1,
    zeroStage: 2,
    ffnKind: "swiglu",
    tiedEmbeddings: false,
    positionEmbedding: "rotary",
    options: {overlapGradReduce: true, gradReduceBytesPerParam: 4},
    basis:
      "Llama Team 2024 'The Llama 3 Herd of Models' (arXiv 2407.21783) Sec 3.3.2: FSDP that 'shards optimizer states and gradients, but for model shards we do not reshard after forward computation' (ZeRO-2 memory, one parameter all-gather per step), DP 'asynchronously prefetching sharded model weights and reducing gradients' (overlap on), 'reduce-scatter gradients in FP32 across data parallel workers in FSDP' (Sec 3.3.2, Numerical stability: 4 bytes per parameter), 'To balance the pipeline, we reduce one Transformer layer each from the first and the last stages' with an interleaved schedule whose first chunk 'has only the embedding' (one-layer chunks: 8 virtual stages on pp 16), 'pre-train Llama 3 on sequences of 8K tokens without activation checkpointing'; tensor parallelism cites Korthikanti et al. (sequence parallelism on). Assumptions (not printed): micro-batch of one 8,192-token sequence (Table 4 gives 32 or 16 sequences per DP group per step) and FlashAttention. Architecture from Table 3 and data/models.csv llama3.1-405b (SwiGLU, RoPE, untied output layer)."
  }
];

/** Inputs a row of data/system_mfu.csv leaves blank, copied from the row's own primary source. */
export interface PublishedInputs {
  gpu_id?: string;
  tp?: number;
  pp?: number;
  dp?: number;
  global_batch_sequences?: number;
  layers?: number;
  d_model?: number;
  heads?: number;
  /** Key/value heads (grouped-query attention); the row's heads when absent. */
  kvHeads?: number;
  /** FFN hidden width; 4 × d_model (GELU) or the SwiGLU default when absent. */
  ffnDim?: number;
  vocab?: number;
  recompute?: "none" | "selective" | "full";
  microBatch?: number;
  precision?: Precision;
  /** Software switches of this row that differ from its system's (SYSTEM_SETTINGS options). */
  options?: PerfOptions;
  /** FSDP's mixed-precision policy of a PyTorch-stack row (eagerStep.ts FsdpMixedPrecision). */
  fsdpMixedPrecision?: FsdpMixedPrecision;
  /** Where these values were read. */
  source: string;
}

/**
 * Composer's named FSDP mixed-precision modes as byte widths (mosaicml/composer
 * composer/trainer/mosaic_fsdp_utils.py get_mixed_precision at v0.16.4): "DEFAULT" sets
 * param_dtype to the autocast precision (bf16), reduce_dtype float32; "PURE" all three bf16. The
 * llm-foundry tables print the mode of each row (column "MP Mode").
 */
export const COMPOSER_FSDP_MIXED_PRECISION: Readonly<Record<"DEFAULT" | "PURE", FsdpMixedPrecision>> = {
  DEFAULT: {gatherBytesPerParam: 2, reduceBytesPerParam: 4},
  PURE: {gatherBytesPerParam: 2, reduceBytesPerParam: 2}
};

const FOUNDRY_README = "mosaicml/llm-foundry scripts/train/benchmarking/README.md";
const A100_40GB_TABLE = "A100 40GB with 1600 Gbps node-node interconnect (RoCE)";
const mpt = (d_model: number, heads: number, layers: number, yaml: string) => ({d_model, heads, layers, vocab: 50368, yaml});
const MPT = {
  "70b": mpt(8192, 64, 80, "mpt-70b.yaml"),
  "30b": mpt(7168, 56, 48, "mpt-30b.yaml"),
  "13b": mpt(5120, 40, 40, "mpt-13b.yaml"),
  "7b": mpt(4096, 32, 32, "mpt-7b.yaml"),
  "3b": mpt(2560, 20, 32, "mpt-3b.yaml"),
  "1b": mpt(2048, 16, 24, "mpt-1b.yaml")
} as const;
/** The README version a row's numbers first appear in (they are unchanged up to 8c8dd48f7, 2025). */
const FOUNDRY_OCT_2023 = "commit b2a43a147 (2023-10-19)";
const FOUNDRY_MAY_2023 = "commit 300cc5c58 (2023-05-03)";
function foundry(size: keyof typeof MPT, table: string, gpu_id: string, gpus: number, microBatch: number, globalBatch: number, checkpointing: boolean, precision: Precision, version = FOUNDRY_OCT_2023): PublishedInputs {
  const a = MPT[size];
  // The tables' "MP Mode": DEFAULT on every amp_bf16 / amp_fp8 row, PURE on every bf16 row.
  const mpMode = precision === "bf16-master-fp32" ? "PURE" : "DEFAULT";
  return {
    gpu_id, tp: 1, pp: 1, dp: gpus, global_batch_sequences: globalBatch, layers: a.layers, d_model: a.d_model, heads: a.heads, vocab: a.vocab,
    recompute: checkpointing ? "full" : "none", microBatch, precision, fsdpMixedPrecision: COMPOSER_FSDP_MIXED_PRECISION[mpMode],
    source: `${FOUNDRY_README} at ${version}, table "${table}" (MicroBatchSize ${microBatch}, GlobalBatchSize ${globalBatch}, ${gpus} GPUs, FULL_SHARD, MP Mode ${mpMode}, activation checkpointing ${checkpointing}); scripts/train/yamls/pretrain/${a.yaml}; A100 form factor not printed: taken as SXM (8-GPU nodes with 1600 Gb/s of NICs, the HGX A100 layout; composer's 'a100' peak, 312 TFLOP/s, is the same for both); H100 MFU against composer speed_monitor GPU_AVAILABLE_FLOPS['h100-sxm'] (989 TFLOP/s BF16, 1979 FP8: SXM, and FP8 MFU against the FP8 peak)`
  };
}

/**
 * Llama 3 405B (Llama Team 2024, arXiv 2407.21783): Table 3 (126 layers, model dimension 16,384,
 * FFN 53,248, 128 heads, 8 key/value heads), vocabulary 128,256 (data/models.csv llama3.1-405b,
 * from the released config); Table 4 and Sec 3.3.2: 16M tokens per step = 2,048 sequences of
 * 8,192 tokens (Table 4: 32 per DP group × DP 64, 16 × DP 128) or 128 of 131,072.
 */
function llama3(seqLen: number): PublishedInputs {
  return {
    layers: 126, d_model: 16384, heads: 128, kvHeads: 8, ffnDim: 53248, vocab: 128256, global_batch_sequences: (16 * 1024 * 1024) / seqLen,
    precision: "bf16-master-fp32",
    source: "Llama Team 2024 (arXiv 2407.21783) Table 3 (architecture), Table 4 (16M tokens per batch, batch size per DP group), Sec 3.3.2; vocabulary from data/models.csv llama3.1-405b"
  };
}

/**
 * MegaScale's Megatron-LM baseline (Jiang et al. 2024): the paper says "NVIDIA Ampere GPUs"; the
 * MFU column agrees with the throughput column only at the A100's 312 TFLOP/s, and the servers
 * have eight 200 Gb/s NICs (Sec 3.6), the DGX A100 network of data/gpus.csv a100-sxm4-80gb. 80 GB
 * versus 40 GB is not printed: the 80 GB part's HBM bandwidth is used. Recomputation is not
 * printed: selective (see the system's basis).
 */
const MEGASCALE_BASELINE: PublishedInputs = {
  gpu_id: "a100-sxm4-80gb",
  recompute: "selective",
  precision: "bf16-master-fp32",
  source: "Jiang et al. 2024 (arXiv 2402.15627) Table 1, Table 2, Table 3 (baseline row), Figure 9, Secs 3.6 and 6.1"
};

/** Nemotron-4 340B (arXiv 2406.11704 Table 1): FFN 4 × 18,432, 8 KV heads; no recomputation (NeMo recipe). */
const NEMOTRON4_340B: PublishedInputs = {
  kvHeads: 8,
  ffnDim: 73728,
  recompute: "none",
  precision: "bf16-master-fp32",
  source: "NVIDIA 2024 (arXiv 2406.11704) Table 1, Sec 2.3, Table 2; NVIDIA/NeMo nemo/collections/llm/recipes/nemotron4_340b.py (recompute not set)"
};

/** Keyed by data/system_mfu.csv id. */
export const PUBLISHED_INPUTS: Readonly<Record<string, PublishedInputs>> = {
  ...Object.fromEntries(
    (
      [
        ["8b", 8, 14336, [8, 128]],
        ["70b", 8, 28672, [64, 2048]],
        ["405b", 16, 53248, [576, 2304]]
      ] as const
    ).flatMap(([size, kvHeads, ffnDim, counts]) =>
      (["bf16", "fp8"] as const).flatMap((p) =>
        counts.map((g) => [
          `dgxc2502-llama31-${size}-h100-${p}-${g}gpu`,
          {
            kvHeads,
            ffnDim,
            microBatch: 1,
            precision: p === "fp8" ? "fp8" : "bf16-master-fp32",
            source: `NVIDIA/dgxc-benchmarking llama3.1/README_${size}.md at 8f5cbb3 (MBS 1, ${p.toUpperCase()} table); NVIDIA/NeMo-Framework-Launcher launcher_scripts/conf/training/llama/llama3_1_${size}.yaml at tag 24.12 (num_query_groups ${kvHeads}, ffn_hidden_size ${ffnDim})`
          } satisfies PublishedInputs
        ] as const)
      )
    )
  ),
  ...Object.fromEntries(
    Object.entries(NEMO2407_ROWS).map(([id, r]) => [
      id,
      {
        ...(r.kvHeads !== undefined ? {kvHeads: r.kvHeads} : {}),
        ffnDim: r.ffnDim,
        recompute: r.recompute,
        microBatch: r.microBatch,
        precision: "fp8",
        options: {tpCommOverlap: r.tpCommOverlap},
        source: `NVIDIA/NeMo performance_summary.md at 8e3d65dc (NeMo 24.07 pre-training table); NVIDIA/NeMo-Framework-Launcher launcher_scripts/conf/training/${r.yaml} at tag 24.07 (ffn_hidden_size, num_query_groups, activations_checkpoint_granularity, ub_tp_comm_overlap ${r.tpCommOverlap})`
      } satisfies PublishedInputs
    ] as const)
  ),
  ...Object.fromEntries(
    (
      [
        ["mbridge2511-llama3-70b-h100-fp8cs-64gpu", 28672],
        ["mbridge260401-llama3-70b-h100-fp8-64gpu-gbs256", 28672],
        ["mbridge2511-llama31-405b-h100-fp8cs-1024gpu", 53248],
        ["mbridge2606-llama31-405b-h100-fp8-1024gpu-gbs1536", 53248]
      ] as const
    ).map(([id, ffnDim]) => [
      id,
      {
        kvHeads: 8,
        ffnDim,
        precision: "fp8",
        source: "NVIDIA-NeMo/Megatron-Bridge docs/performance-summary-archive.md (H100 rows); architecture as data/models.csv llama3-70b / llama3.1-405b (Llama Team 2024, arXiv 2407.21783 Table 3: 8 key/value heads)"
      } satisfies PublishedInputs
    ] as const)
  ),
  ...Object.fromEntries(
    [
      ...[256, 512, 768, 1024, 3072, 6144, 8192, 12288].map((g) => `megascale-2024-megatron-175b-${g}gpu`),
      "megascale-2024-megatron-175b-256gpu-batch256",
      ...[2240, 4480, 11200].map((g) => `megascale-2024-megatron-530b-${g}gpu`)
    ].map((id) => [id, MEGASCALE_BASELINE] as const)
  ),
  "nemotron4-340b-1536gpu": NEMOTRON4_340B,
  "nemotron4-340b-3072gpu": NEMOTRON4_340B,
  "nemotron4-340b-6144gpu": NEMOTRON4_340B,
  "dgxc-nemotron4-340b-h100-bf16-256gpu": {...NEMOTRON4_340B, source: "NVIDIA/dgxc-benchmarking nemotron4-340b/README.md (H100 table); architecture from arXiv 2406.11704 Table 1"},
  "llama3-405b-8k-8192gpu": llama3(8192),
  "llama3-405b-8k-16384gpu": llama3(8192),
  "llama3-405b-128k-16384gpu": llama3(131072),
  "llm-foundry-h100-bf16-mpt-70b": foundry("70b", "H100 80GB BF16", "h100-sxm5-80gb", 64, 8, 2048, true, "amp-bf16"),
  "llm-foundry-h100-bf16-mpt-30b": foundry("30b", "H100 80GB BF16", "h100-sxm5-80gb", 32, 14, 1344, true, "amp-bf16"),
  "llm-foundry-h100-bf16-mpt-13b": foundry("13b", "H100 80GB BF16", "h100-sxm5-80gb", 64, 2, 128, false, "amp-bf16"),
  "llm-foundry-h100-bf16-mpt-7b": foundry("7b", "H100 80GB BF16", "h100-sxm5-80gb", 8, 6, 48, false, "amp-bf16"),
  "llm-foundry-h100-bf16-mpt-7b-8k": foundry("7b", "H100 80GB BF16", "h100-sxm5-80gb", 8, 8, 128, true, "amp-bf16"),
  "llm-foundry-h100-bf16-mpt-1b": foundry("1b", "H100 80GB BF16", "h100-sxm5-80gb", 64, 20, 1280, false, "amp-bf16"),
  "llm-foundry-h100-fp8-mpt-3b": foundry("3b", "H100 80GB FP8", "h100-sxm5-80gb", 8, 10, 480, false, "fp8"),
  "llm-foundry-a100-80gb-mpt-70b": foundry("70b", "A100 80GB with 1600 Gbps node-node interconnect (RoCE)", "a100-sxm4-80gb", 64, 8, 2048, true, "bf16-master-fp32", FOUNDRY_MAY_2023),
  "llm-foundry-a100-80gb-mpt-30b": foundry("30b", "A100 80GB with 1600 Gbps node-node interconnect (RoCE)", "a100-sxm4-80gb", 8, 3, 504, true, "amp-bf16"),
  "llm-foundry-a100-80gb-mpt-13b": foundry("13b", "A100 80GB with 1600 Gbps node-node interconnect (RoCE)", "a100-sxm4-80gb", 8, 2, 48, false, "amp-bf16"),
  "llm-foundry-a100-80gb-mpt-7b": foundry("7b", "A100 80GB with 1600 Gbps node-node interconnect (RoCE)", "a100-sxm4-80gb", 8, 6, 96, false, "amp-bf16"),
  "llm-foundry-a100-40gb-mpt-70b": foundry("70b", A100_40GB_TABLE, "a100-sxm4-40gb", 128, 4, 512, true, "bf16-master-fp32", FOUNDRY_MAY_2023),
  "llm-foundry-a100-40gb-mpt-30b": foundry("30b", A100_40GB_TABLE, "a100-sxm4-40gb", 128, 6, 768, true, "bf16-master-fp32", FOUNDRY_MAY_2023),
  "llm-foundry-a100-40gb-mpt-13b": foundry("13b", A100_40GB_TABLE, "a100-sxm4-40gb", 128, 16, 2048, true, "bf16-master-fp32", FOUNDRY_MAY_2023),
  "llm-foundry-a100-40gb-mpt-7b": foundry("7b", A100_40GB_TABLE, "a100-sxm4-40gb", 128, 18, 2304, true, "bf16-master-fp32", FOUNDRY_MAY_2023)
};

export interface MfuValidationRow {
  id: string;
  model: string;
  sourceSystem: string;
  /** The software the source says ran (data/system_mfu.csv stack); null when none of the engine's stacks. */
  stack: Stack | null;
  gpus: number | null;
  /** Which published figure the row is compared on: MFU where given, else HFU. */
  metric: "mfu" | "hfu" | null;
  reported: number | null;
  predicted: number | null;
  /** predicted − reported, in percentage points. */
  errorPoints: number | null;
  prediction: StepPrediction | null;
  /** "compared" when every input is known; otherwise what is missing. */
  status: "compared" | "incomplete";
  missing: string[];
  /** Why the model misses this row by more than 5 points (KNOWN_MISSES), else null. */
  note: string | null;
  /** "held-out" rows are never fitted to (heldOut.ts decides by a hash of the id). */
  split: ValidationSplit;
}

function settingsFor(row: SystemMfuRow): SystemSettings | undefined {
  return SYSTEM_SETTINGS.find((s) => s.sourceSystem.test(row.source_system));
}

/** Builds the TrainingSpec of a row, or lists what the row lacks. */
export function specFromRow(csvRow: SystemMfuRow, gpus: ReadonlyMap<string, GpuSpec>): {spec: TrainingSpec; gpu: GpuSpec; options: PerfOptions; settings: SystemSettings; fsdpMixedPrecision?: FsdpMixedPrecision} | {missing: string[]} {
  const missing: string[] = [];
  const extra = PUBLISHED_INPUTS[csvRow.id];
  // Published inputs only fill blanks; where the CSV has a value it wins.
  const row: SystemMfuRow = {...csvRow};
  if (extra) {
    for (const k of ["gpu_id", "tp", "pp", "dp", "global_batch_sequences", "layers", "d_model", "heads", "vocab", "recompute"] as const) {
      if ((row[k] === null || row[k] === undefined) && extra[k] !== undefined) (row as unknown as Record<string, unknown>)[k] = extra[k];
    }
  }
  const need = <K extends keyof SystemMfuRow>(k: K): NonNullable<SystemMfuRow[K]> => {
    const v = row[k];
    if (v === null || v === undefined) missing.push(String(k));
    return v as NonNullable<SystemMfuRow[K]>;
  };
  const gpuId = need("gpu_id");
  const fields = {
    tp: need("tp"), pp: need("pp"), dp: need("dp"), seq: need("seq_len"), batch: need("global_batch_sequences"),
    layers: need("layers"), d: need("d_model"), heads: need("heads"), vocab: need("vocab"), params: need("params"), recompute: need("recompute")
  };
  if (row.mfu === null && row.hfu === null) missing.push("mfu or hfu");
  const settings = settingsFor(row);
  if (!settings) missing.push("software settings of this system (SYSTEM_SETTINGS)");
  const gpu = gpuId ? gpus.get(gpuId) : undefined;
  if (gpuId && !gpu) missing.push(`gpu ${gpuId} in data/gpus.csv`);
  if (missing.length > 0 || !settings || !gpu) return {missing};
  const model: ModelSpec = {
    params: fields.params,
    layers: fields.layers,
    dModel: fields.d,
    heads: fields.heads,
    vocab: fields.vocab,
    seqLen: fields.seq,
    ...(extra?.kvHeads !== undefined ? {kvHeads: extra.kvHeads} : {}),
    ...(extra?.ffnDim !== undefined ? {ffnDim: extra.ffnDim} : {}),
    ffnKind: settings.ffnKind,
    tiedEmbeddings: settings.tiedEmbeddings,
    positionEmbedding: settings.positionEmbedding
  };
  const microBatch = extra?.microBatch ?? (typeof settings.microBatch === "function" ? settings.microBatch(row) : settings.microBatch);
  if (microBatch === undefined) return {missing: ["micro-batch size"]};
  const parallelism: ParallelismSpec = {
    tp: fields.tp,
    pp: fields.pp,
    dp: fields.dp,
    cp: row.cp ?? 1,
    ep: row.ep ?? 1,
    zeroStage: settings.zeroStage,
    microBatch,
    globalBatchTokens: fields.batch * fields.seq,
    recompute: fields.recompute as Recompute,
    sequenceParallel: settings.sequenceParallel,
    flashAttention: settings.flashAttention,
    virtualStages: settings.virtualStages?.[row.id] ?? 1
  };
  const spec: TrainingSpec = {
    model,
    tokens: fields.batch * fields.seq,
    hardware: {gpu: gpu.id, count: fields.tp * fields.pp * fields.dp * (row.cp ?? 1)},
    parallelism,
    precision: extra?.precision ?? "bf16-master-fp32",
    ...(row.stack ? {stack: row.stack} : {})
  };
  return {
    spec, gpu, settings,
    options: extra?.options ? {...settings.options, ...extra.options} : settings.options,
    ...(extra?.fsdpMixedPrecision ? {fsdpMixedPrecision: extra.fsdpMixedPrecision} : {})
  };
}

/**
 * The step of a row by the model of the software it names: the fused-stack model (stepTime.ts) for
 * the Megatron stacks and rows with no stack; for "pytorch" and "pytorch-compile" the plain-PyTorch
 * model (eagerStep.ts), with the row's FSDP mixed-precision policy, its system's FSDP version and,
 * where its code ran one, the Ampere-era attention kernel's rate.
 */
export function predictRow(
  built: {spec: TrainingSpec; gpu: GpuSpec; options: PerfOptions; settings: Pick<SystemSettings, "pytorch">; fsdpMixedPrecision?: FsdpMixedPrecision; vocabularyParallel?: boolean},
  calibration?: CalibrationOverrides
): StepPrediction {
  const {spec, gpu, settings} = built;
  const stack = spec.stack;
  if (stack !== "pytorch" && stack !== "pytorch-compile") return predictStep(spec, gpu, calibration ? {...built.options, calibration} : built.options);
  const kernel = settings.pytorch?.attentionKernel;
  const attention = kernel ? {flashAttentionEfficiency: ampereFlashAttentionEfficiency(gpu, kernel, headDimOf(spec.model), spec.model.seqLen)} : {};
  return predictEagerStep(spec, gpu, {
    kernels: stack === "pytorch-compile" ? "compiled" : "eager",
    calibration: {...attention, ...calibration},
    ...(settings.pytorch ? {fsdpVersion: settings.pytorch.fsdpVersion} : {}),
    ...(built.fsdpMixedPrecision ? {fsdpMixedPrecision: built.fsdpMixedPrecision} : {}),
    ...(built.vocabularyParallel !== undefined ? {vocabularyParallel: built.vocabularyParallel} : {})
  }).step;
}

/** Predicted vs reported MFU (or HFU where only that is published) for every row. */
export function validateSystemMfu(rows: readonly SystemMfuRow[], gpus: readonly GpuSpec[], calibration?: CalibrationOverrides): MfuValidationRow[] {
  const byId = new Map(gpus.map((g) => [g.id, g] as const));
  return rows.map((row) => {
    const base = {id: row.id, model: row.model, sourceSystem: row.source_system, stack: row.stack ?? null, gpus: row.num_gpus, split: splitOf(row.id)};
    const built = specFromRow(row, byId);
    const metric = row.mfu !== null ? "mfu" : row.hfu !== null ? "hfu" : null;
    const reported = metric === null ? null : (row[metric] as number);
    if ("missing" in built) {
      return {...base, metric, reported, predicted: null, errorPoints: null, prediction: null, status: "incomplete" as const, missing: built.missing, note: null};
    }
    const prediction = predictRow(built, calibration);
    const predicted = metric === "hfu" ? prediction.hfu : prediction.mfu;
    return {
      ...base,
      metric,
      reported,
      predicted,
      errorPoints: reported === null ? null : 100 * (predicted - reported),
      prediction,
      status: "compared" as const,
      missing: [],
      note: KNOWN_MISSES[row.id] ?? null
    };
  });
}

/**
 * Rows of NVIDIA's own published tuned-stack benchmarks on H100 (NeMo 24.07's FP8 table,
 * Megatron-Bridge 25.11 to 26.06, the DGX Cloud Llama 3.1 tables in BF16 and FP8, the DGX Cloud
 * Nemotron-4 340B row) still beyond ±5 points with the tuned stack's matmuls at the production
 * rate (calibration.ts tunedStackMatmulEfficiency): 3 of 29. One reason covers them (TUNED_STACK_MISS).
 */
const TUNED_STACK_MISSES = ["nemo2407-gpt3-20b-h100-fp8-64gpu", "nemo2407-nemotron-8b-h100-fp8-64gpu", "nemo2407-llama3-8b-h100-fp8-8gpu"] as const;

const TUNED_STACK_MISS =
  "Over-predicted by 5.2 to 6.1 points: three of the 29 tuned-stack rows of NVIDIA's own H100 benchmarks, all from NeMo 24.07's FP8 table and all at 8B–20B. Not by the per-step FP8 bookkeeping: Transformer Engine casts each layer weight to FP8 (with a transposed copy) once a step and reuses it for every micro-batch (stepTime.ts FP8_WEIGHT_CAST_BYTES_PER_PARAM, now counted), 0.1–1.2% of these steps (GPT-3 20B: +5.7 → +5.2 points, Llama 3 8B unchanged), and the amax reduction is one all-reduce of a few kilobytes. By the software version: the same Llama 3 8B layout (8 H100s, TP 1, CP 2, global batch 128 of 8,192 tokens, FP8) is reported at 35.9% MFU in NeMo 24.07's table and at 40.6% in NVIDIA's DGX Cloud benchmark on NeMo 24.12 (Llama 3.1 8B, the same architecture), 13% faster, and the model predicts that row within 0.5 points. NeMo 24.07's FP8 rows are over-predicted by +2.3 points on average (12 rows), the DGX Cloud NeMo 24.12 FP8 rows by +1.4 (6 rows); what changed between the two versions is not published row by row.";

/**
 * Rows the model misses by more than 5 MFU points, and the reason as far as we can tell. The
 * methodology page prints these beside the table; tests/engine/perf/validation.test.ts holds every
 * other compared row to ±5 points and these to ±15.
 */
export const KNOWN_MISSES: Readonly<Record<string, string>> = {
  "korthikanti-2022-gpt-22b":
    "A 1.1 s step of one micro-batch (global batch 4): per-step work the model omits (gradient-norm clipping, loss-scale checks, fp16/fp32 copies) weighs more than in long steps.",
  ...Object.fromEntries(TUNED_STACK_MISSES.map((id) => [id, TUNED_STACK_MISS] as const)),
  "korthikanti-2022-gpt-1t":
    "Under-predicted by 6.5 points (9.5 before the A100's GEMMs ran through the tile- and wave-quantization model in gemm.ts): the 25,600-wide layer's tp-8 GEMMs fill the A100's waves better than the fitted 22B layer's (0.97 against 0.91 of the full-wave rate), which brings the 530B rows of the same table within 3 points, but the reported 56.3% needs more. The 11% pipeline bubble (pp 64, 512 micro-batches, no interleaving stated) is in the model; what else the 1T run gained is not published."
};

/**
 * How far a known miss may land (points) before the tests fail: 15, except NVIDIA's tuned-stack
 * benchmark rows (TUNED_STACK_MISS), where GPT3-20B in FP8 lands 15.8 points over; 20 for those.
 */
export function knownMissLimitPoints(id: string): number {
  return (TUNED_STACK_MISSES as readonly string[]).includes(id) ? 20 : 15;
}

export interface MfuValidationSummary {
  compared: number;
  incomplete: number;
  within5Points: number;
  meanAbsErrorPoints: number;
  medianAbsErrorPoints: number;
  worst: {id: string; errorPoints: number} | null;
  /** Range of predicted ÷ reported over the compared rows (for MFU bands in relative terms). */
  ratioRange: [number, number] | null;
}

/** Headline figures of a validation table, for the methodology page. */
export function summarizeValidation(rows: readonly Pick<MfuValidationRow, "id" | "status" | "errorPoints" | "predicted" | "reported">[]): MfuValidationSummary {
  const errors = rows.filter((r) => r.status === "compared" && r.errorPoints !== null).map((r) => ({id: r.id, e: r.errorPoints as number}));
  const abs = errors.map((x) => Math.abs(x.e)).sort((a, b) => a - b);
  const ratios = rows.filter((r) => r.status === "compared" && r.predicted !== null && r.reported !== null).map((r) => (r.predicted as number) / (r.reported as number));
  const worst = errors.reduce<{id: string; e: number} | null>((w, x) => (w === null || Math.abs(x.e) > Math.abs(w.e) ? x : w), null);
  return {
    compared: errors.length,
    incomplete: rows.filter((r) => r.status === "incomplete").length,
    within5Points: abs.filter((a) => a <= 5).length,
    meanAbsErrorPoints: abs.length ? abs.reduce((a, b) => a + b, 0) / abs.length : NaN,
    medianAbsErrorPoints: abs.length ? (abs[Math.floor((abs.length - 1) / 2)]! + abs[Math.ceil((abs.length - 1) / 2)]!) / 2 : NaN,
    worst: worst ? {id: worst.id, errorPoints: worst.e} : null,
    ratioRange: ratios.length ? [Math.min(...ratios), Math.max(...ratios)] : null
  };
}

/** Headline figures over all compared rows, the rows constants may be fitted to, and the held-out rows. */
export interface MfuSplitSummary {
  all: MfuValidationSummary;
  fit: MfuValidationSummary;
  heldOut: MfuValidationSummary;
}

export function summarizeSplits(rows: readonly MfuValidationRow[]): MfuSplitSummary {
  return {
    all: summarizeValidation(rows),
    fit: summarizeValidation(rows.filter((r) => r.split === "fit")),
    heldOut: summarizeValidation(rows.filter((r) => r.split === "held-out"))
  };
}

/**
 * Published series in which the GPU count grows and the rest of the layout stays: the rows the
 * methodology page draws as MFU against GPUs (issue 11, "Scale").
 */
export const SCALING_SERIES: readonly {label: string; ids: readonly string[]}[] = [
  {label: "MegaScale's Megatron-LM, 175B, batch 768 (Table 2)", ids: [256, 512, 768, 1024].map((g) => `megascale-2024-megatron-175b-${g}gpu`)},
  {label: "MegaScale's Megatron-LM, 175B, batch 6,144 (Table 2)", ids: [3072, 6144, 8192, 12288].map((g) => `megascale-2024-megatron-175b-${g}gpu`)},
  {label: "MegaScale's Megatron-LM, 530B, batch = GPUs (Figure 9)", ids: [2240, 4480, 11200].map((g) => `megascale-2024-megatron-530b-${g}gpu`)},
  {label: "Korthikanti 2022, 530B, data parallel 1 → 8 (Table 5, Sec 6.3)", ids: ["korthikanti-2022-gpt-530b", "korthikanti-2022-gpt-530b-dp8"]},
  {label: "Nemotron-4 340B batch ramp (Table 2)", ids: [1536, 3072, 6144].map((g) => `nemotron4-340b-${g}gpu`)}
];

export interface ScalingPoint {
  series: string;
  id: string;
  gpus: number;
  reported: number;
  predicted: number;
  split: ValidationSplit;
}

/** The compared rows of SCALING_SERIES, in series order (rows not compared are left out). */
export function scalingPoints(rows: readonly MfuValidationRow[]): ScalingPoint[] {
  const byId = new Map(rows.map((r) => [r.id, r] as const));
  return SCALING_SERIES.flatMap((s) =>
    s.ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r || r.status !== "compared" || r.predicted === null || r.reported === null || r.prediction === null) return [];
      return [{series: s.label, id, gpus: r.prediction.gpus, reported: r.reported, predicted: r.predicted, split: r.split}];
    })
  );
}
