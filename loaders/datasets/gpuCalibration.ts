import {z} from "zod";
import {column} from "../schema.js";
import type {ColumnSpec, DatasetSpec} from "../schema.js";
import {numberColumn, positive, positiveInt, textColumn} from "./columns.js";

// The project's own measurements of one accelerator, written by bench/gpu/calibrate.py on the
// lent GPU (bench/gpu/README.md). Each row carries the device, the date, the PyTorch version and
// the script that measured it; the files are the script's output, unchanged.

export const stampColumns: ColumnSpec[] = [
  textColumn("device", "Accelerator as PyTorch names it (torch.cuda.get_device_name).", true),
  column({name: "date", kind: "date", unit: null, required: true, description: "Day of the measurement (UTC)."}),
  textColumn("torch", "PyTorch version that ran the measurement.", true),
  textColumn("source", "Script that measured the row.", true)
];
export const STAMP_SOURCES = ["device", "date", "torch", "source"];

/** The training-step settings calibrate.py measures; gpu_kernel_breakdown uses the same values. */
const PRECISIONS = z.enum(["amp-bf16", "fp32"]);
const RECOMPUTE_MODES = z.enum(["none", "attention-core", "selective", "full"]);

/** A required number; measured cells are never blank. */
export function measured(name: string, unit: string, description: string, check: z.ZodType<number> = positive): ColumnSpec<"float"> {
  return column({name, kind: "float", unit, required: true, description, check});
}

export function requiredInt(name: string, unit: string | null, description: string): ColumnSpec<"int"> {
  return column({name, kind: "int", unit, required: true, description, check: positiveInt});
}

/** Matmul throughput by shape and dtype (calibrate.py measure_gemm). */
export const gpuGemm: DatasetSpec = {
  name: "gpu_gemm",
  title: "Measured matmul throughput (H100, H200)",
  description: "torch.matmul of an m×k by a k×n matrix on the project's lent GPUs (an H100 on 2026-11-23, an H200 on 2026-12-01): seconds per product (median of 5 trials) and TFLOP/s, by shape and dtype. Square shapes and transformer-shaped ones (tokens × d × 3d, d, 4d).",
  // The grid measures a few shapes twice (2048³ and 8192³ are both square and transformer-shaped):
  // two independent timings of one shape, so the timing is part of the key.
  key: ["device", "dtype", "m", "n", "k", "seconds"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    column({name: "dtype", kind: "string", unit: null, required: true, description: "Operand type: bf16, fp16, tf32 (fp32 storage, TF32 tensor cores), fp32 (TF32 off) or fp8 (E4M3 operands with per-tensor scales, bf16 result, torch._scaled_mm).", check: z.enum(["bf16", "fp16", "tf32", "fp32", "fp8"])}),
    requiredInt("m", "elements", "Rows of the left matrix (tokens)."),
    requiredInt("n", "elements", "Columns of the right matrix."),
    requiredInt("k", "elements", "Inner dimension."),
    measured("seconds", "s", "Seconds per product."),
    measured("tflops", "TFLOP/s", "2·m·n·k / seconds / 10¹².")
  ]
};

/** Memory bandwidth of copies and element-wise ops (calibrate.py measure_hbm). */
export const gpuHbm: DatasetSpec = {
  name: "gpu_hbm",
  title: "Measured memory bandwidth (H100, H200)",
  description: "Bytes read plus written per second by a bf16 copy, an add and a GELU over buffers of 64 MiB to 4 GiB on the project's lent GPUs (an H100, an H200).",
  key: ["device", "op", "bytes"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    column({name: "op", kind: "string", unit: null, required: true, description: "Operation: copy, add_scalar or gelu.", check: z.enum(["copy", "add_scalar", "gelu"])}),
    column({name: "bytes", kind: "float", unit: "bytes", required: true, description: "Bytes moved per call (read + write).", check: positive}),
    measured("seconds", "s", "Seconds per call (median of 5 trials of 20 calls)."),
    measured("gbps", "GB/s", "bytes / seconds / 10⁹.")
  ]
};

/** Peak memory, step time and GPU kernel time of training steps (calibrate.py measure_training). */
export const gpuTrainingSteps: DatasetSpec = {
  name: "gpu_training_steps",
  title: "Measured training steps (H100)",
  description: "One optimizer step of GPT-2-shaped and TinyLlama-shaped models in eager PyTorch (AdamW fused, SDPA attention) on the project's lent GPU: peak allocated memory, wall-clock step time and GPU kernel time, over model size, sequence length, micro-batch, precision and recompute mode.",
  key: ["model", "seq_len", "micro_batch", "precision", "recompute"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    textColumn("model", "Model shape: gpt2-small/medium/large/xl (Radford et al. 2019) or tinyllama-1.1b (Zhang et al. 2024).", true),
    column({name: "family", kind: "string", unit: null, required: true, description: "gpt2: LayerNorm, biases, GELU MLP, learned positions, tied embeddings. llama: RMSNorm, no biases, SwiGLU, rotary positions, grouped-query attention, untied embeddings.", check: z.enum(["gpt2", "llama"])}),
    requiredInt("layers", "layers", "Transformer layers."),
    requiredInt("d_model", null, "Hidden size."),
    requiredInt("heads", null, "Attention heads."),
    requiredInt("kv_heads", null, "Key/value heads (grouped-query attention when fewer than heads)."),
    requiredInt("ffn", null, "MLP hidden size (SwiGLU: size of each of the gate and up projections)."),
    requiredInt("seq_len", "tokens", "Sequence length."),
    requiredInt("micro_batch", "sequences", "Sequences per step."),
    requiredInt("vocab", "tokens", "Vocabulary (GPT-2's 50257 padded to 50304)."),
    column({name: "tied_embeddings", kind: "bool", unit: null, required: true, description: "Output projection shares the embedding matrix."}),
    column({name: "precision", kind: "string", unit: null, required: true, description: "amp-bf16: fp32 weights, gradients and AdamW states, bf16 autocast compute. fp32: everything fp32, TF32 off.", check: PRECISIONS}),
    column({name: "recompute", kind: "string", unit: null, required: true, description: "none; attention-core: checkpoint SDPA only (Korthikanti et al. 2022's selective recomputation); selective: checkpoint the whole attention block, projections included; full: checkpoint every layer.", check: RECOMPUTE_MODES}),
    column({name: "flash_attention", kind: "bool", unit: null, required: true, description: "Whether SDPA had a fused (flash, memory-efficient or cuDNN) kernel for this attention shape; false means the math kernel, which stores the s×s scores (fp32 with grouped-query attention). Probed on the device: bench/gpu/attention_probe.csv."}),
    requiredInt("params", "parameters", "Parameters of the model as built (tied embeddings counted once)."),
    numberColumn("peak_memory_bytes", "bytes", "torch.cuda.max_memory_allocated over the timed steps; blank when the step ran out of memory.", positive),
    numberColumn("peak_reserved_bytes", "bytes", "torch.cuda.max_memory_reserved (the caching allocator's high-water mark); blank on OOM.", positive),
    numberColumn("step_seconds", "s", "Wall-clock seconds per step (CUDA events, median of 3 trials of 3 steps after 2 warm-up steps); blank on OOM.", positive),
    numberColumn("kernel_seconds", "s", "GPU-busy seconds of one further step: the self time of every CUDA kernel and memory operation under torch.profiler. step_seconds − kernel_seconds is host-side launch overhead.", positive),
    numberColumn("model_tflops", "TFLOP/s", "(6·params + 12·layers·d_model·seq_len) · tokens / step_seconds / 10¹² (PaLM Appendix B model FLOPs); blank on OOM.", positive),
    column({name: "status", kind: "string", unit: null, required: true, description: "ok, or oom when the step did not fit in the GPU's memory.", check: z.enum(["ok", "oom"])})
  ]
};

/** GPU time of one profiled training step by kind of kernel (bench/gpu/kernel_breakdown.py). */
export const gpuKernelBreakdown: DatasetSpec = {
  name: "gpu_kernel_breakdown",
  title: "Measured GPU time by kernel kind (H100)",
  description: "One profiled eager-PyTorch training step per configuration on the project's lent GPU, its CUDA kernel time summed by kind: matmul (cuBLAS/CUTLASS GEMMs), attention (SDPA's fused kernels), optimizer (fused AdamW) and other (element-wise ops, norms, loss, casts, copies). Kernel names and their kinds: bench/gpu/kernel_names.csv.",
  key: ["model", "seq_len", "micro_batch", "precision", "recompute", "kind"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    textColumn("model", "Model shape, as in gpu_training_steps.", true),
    requiredInt("seq_len", "tokens", "Sequence length."),
    requiredInt("micro_batch", "sequences", "Sequences per step."),
    column({name: "precision", kind: "string", unit: null, required: true, description: "amp-bf16 or fp32, as in gpu_training_steps.", check: PRECISIONS}),
    column({name: "recompute", kind: "string", unit: null, required: true, description: "none or full, as in gpu_training_steps.", check: RECOMPUTE_MODES}),
    column({name: "kind", kind: "string", unit: null, required: true, description: "Kind of kernel, from its name.", check: z.enum(["matmul", "attention", "optimizer", "other"])}),
    measured("seconds", "s", "Summed self time of the step's kernels of this kind (torch.profiler).", z.number().nonnegative())
  ]
};
