import {z} from "zod";
import {column} from "../schema.js";
import type {ColumnSpec, DatasetSpec} from "../schema.js";
import {numberColumn, positive, textColumn} from "./columns.js";
import {STAMP_SOURCES, measured, requiredInt, stampColumns} from "./gpuCalibration.js";

// The project's own measurements on several GPUs of one host, written by bench/gpu/multi_gpu.py
// on the lent 2 × H200 machine (bench/gpu/README.md). Each row carries the device, the GPU count,
// the date, the PyTorch and NCCL versions and the script; the files are its output, unchanged.

const multiStamp: ColumnSpec[] = [
  ...stampColumns,
  requiredInt("gpus", "GPUs", "GPUs in the job (torchrun processes, one per GPU)."),
  textColumn("nccl", "NCCL version PyTorch was built with.", true)
];
const MULTI_SOURCES = [...STAMP_SOURCES, "nccl"];

/** The parallel modes multi_gpu.py measures (see the script's docstring). */
export const MULTI_GPU_MODES = z.enum(["single", "ddp", "ddp-bucket-view", "fsdp2-reshard", "fsdp2-no-reshard", "tp2"]);

/** NCCL collective bandwidth by message size (multi_gpu.py measure_nccl). */
export const gpuNccl: DatasetSpec = {
  name: "gpu_nccl",
  title: "Measured NCCL collectives (2 × H200, NVLink)",
  description: "torch.distributed all-reduce, all-gather and reduce-scatter of bf16 buffers from 1 KiB to 1 GiB on the project's lent 2 × H200 machine: seconds per call (slowest rank's median of 5 trials), algorithm bandwidth (bytes / seconds) and bus bandwidth as nccl-tests defines it (all-reduce × 2(n−1)/n, all-gather and reduce-scatter × (n−1)/n).",
  key: ["collective", "bytes"],
  sourceColumns: MULTI_SOURCES,
  columns: [
    ...multiStamp,
    column({name: "collective", kind: "string", unit: null, required: true, description: "all_reduce, all_gather (into one tensor) or reduce_scatter (from one tensor).", check: z.enum(["all_reduce", "all_gather", "reduce_scatter"])}),
    column({name: "dtype", kind: "string", unit: null, required: true, description: "Element type of the buffer.", check: z.enum(["bf16"])}),
    column({name: "bytes", kind: "float", unit: "bytes", required: true, description: "Size of the whole buffer (all-gather's output, reduce-scatter's input), as nccl-tests counts it.", check: positive}),
    measured("seconds", "s", "Seconds per call."),
    measured("algbw_gbps", "GB/s", "bytes / seconds / 10⁹."),
    measured("busbw_gbps", "GB/s", "Algorithm bandwidth × the collective's bus factor: comparable with the link's peak.")
  ]
};

/** Peak memory and step time of data- and tensor-parallel steps (multi_gpu.py measure_training). */
export const gpuMultiSteps: DatasetSpec = {
  name: "gpu_multi_steps",
  title: "Measured multi-GPU training steps (2 × H200)",
  description: "One optimizer step of GPT-2-, TinyLlama- and Llama-3.2-3B-shaped models in plain PyTorch (eager autocast bf16, AdamW, SDPA attention) on the lent 2 × H200 machine, per parallel mode: each GPU alone, DDP (default buckets, and gradient_as_bucket_view), FSDP2 with and without resharding after forward, and 2-way tensor parallel (torch.distributed.tensor.parallel). Peak allocated memory and wall-clock step time, the largest over ranks.",
  key: ["model", "seq_len", "micro_batch", "mode"],
  sourceColumns: MULTI_SOURCES,
  columns: [
    ...multiStamp,
    textColumn("model", "Model shape: gpt2-medium/large/xl (Radford et al. 2019), tinyllama-1.1b (Zhang et al. 2024) or llama-3.2-3b (meta-llama/Llama-3.2-3B config.json).", true),
    column({name: "family", kind: "string", unit: null, required: true, description: "gpt2 or llama, as in gpu_training_steps.", check: z.enum(["gpt2", "llama"])}),
    requiredInt("layers", "layers", "Transformer layers."),
    requiredInt("d_model", null, "Hidden size."),
    requiredInt("heads", null, "Attention heads."),
    requiredInt("kv_heads", null, "Key/value heads."),
    requiredInt("ffn", null, "MLP hidden size (SwiGLU: each of gate and up)."),
    requiredInt("seq_len", "tokens", "Sequence length."),
    requiredInt("micro_batch", "sequences", "Sequences per GPU per step (tensor parallel: per pair of GPUs)."),
    requiredInt("vocab", "tokens", "Vocabulary."),
    column({name: "tied_embeddings", kind: "bool", unit: null, required: true, description: "Output projection shares the embedding matrix."}),
    column({name: "precision", kind: "string", unit: null, required: true, description: "amp-bf16: fp32 weights, gradients and AdamW states, bf16 autocast compute.", check: z.enum(["amp-bf16"])}),
    column({name: "mode", kind: "string", unit: null, required: true, description: "single, ddp, ddp-bucket-view, fsdp2-reshard, fsdp2-no-reshard or tp2 (bench/gpu/multi_gpu.py).", check: MULTI_GPU_MODES}),
    column({name: "params", kind: "float", unit: "parameters", required: true, description: "Parameters of the whole model (tied embeddings counted once).", check: positive}),
    numberColumn("peak_memory_bytes", "bytes", "Largest torch.cuda.max_memory_allocated over ranks, less what was allocated before the configuration was built (nothing, after gc.collect); blank when the step failed.", positive),
    numberColumn("peak_reserved_bytes", "bytes", "Largest torch.cuda.max_memory_reserved over ranks; blank when the step failed.", positive),
    numberColumn("step_seconds", "s", "Wall-clock seconds per step, the slowest rank's median of 3 trials of 3 steps after 2 warm-up steps; blank when the step failed.", positive),
    numberColumn("model_tflops_per_gpu", "TFLOP/s", "(6·params + 12·layers·d_model·seq_len) · tokens per GPU / step_seconds / 10¹² (PaLM Appendix B).", positive),
    column({name: "status", kind: "string", unit: null, required: true, description: "ok, oom or error.", check: z.enum(["ok", "oom", "error"])})
  ]
};
