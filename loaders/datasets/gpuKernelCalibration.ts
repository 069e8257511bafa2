import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";
import {numberColumn, positive, textColumn} from "./columns.js";
import {STAMP_SOURCES, measured, requiredInt, stampColumns} from "./gpuCalibration.js";

// The project's own kernel measurements on the lent H200, written by bench/gpu/calibrate.py
// (`--parts attention,layer-gemm`, bench/gpu/README.md). Each row carries the device, the date, the
// PyTorch version and the script; the files are its output, unchanged.

/** Causal SDPA attention by sequence length and kernel (calibrate.py measure_attention). */
export const gpuAttention: DatasetSpec = {
  name: "gpu_attention",
  title: "Measured attention kernels by sequence length (H200)",
  description: "PyTorch's scaled_dot_product_attention, causal, bf16, at 32,768 tokens per call (batch = 32,768 ÷ sequence length), for the head shapes of GPT-2 XL, TinyLlama 1.1B and Llama 3 8B / 70B, with PyTorch's default choice of kernel and with the flash, cuDNN and memory-efficient kernels forced; forward alone and forward + backward. FLOPs as FlashAttention-2 counts them (Dao 2023, arXiv 2307.08691, Sec. 4.1): forward 4·b·h·s²·d halved by the causal mask, backward 2.5 × forward. A kernel that refuses the shape has blank seconds and its message in note.",
  key: ["device", "shape", "seq_len", "backend", "pass"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    textColumn("shape", "Whose attention shape: gpt2-xl, tinyllama-1.1b, llama3-8b or llama3-70b (heads, key/value heads and head size below).", true),
    column({name: "dtype", kind: "string", unit: null, required: true, description: "Operand type (bf16).", check: z.enum(["bf16"])}),
    requiredInt("batch", "sequences", "Sequences per call."),
    requiredInt("seq_len", "tokens", "Sequence length."),
    requiredInt("heads", "heads", "Query heads."),
    requiredInt("kv_heads", "heads", "Key/value heads (grouped-query attention when fewer than heads; SDPA's enable_gqa)."),
    requiredInt("head_dim", "elements", "Size of one head."),
    column({name: "causal", kind: "bool", unit: null, required: true, description: "Causal mask (always true here)."}),
    column({name: "backend", kind: "string", unit: null, required: true, description: "default: PyTorch's own choice (what eager training code gets); flash, cudnn, efficient: that SDPA kernel forced (torch.nn.attention.sdpa_kernel).", check: z.enum(["default", "flash", "cudnn", "efficient"])}),
    column({name: "pass", kind: "string", unit: null, required: true, description: "forward, or forward+backward (gradients of q, k and v).", check: z.enum(["forward", "forward+backward"])}),
    measured("flops", "FLOP", "FLOPs of the call as counted above."),
    numberColumn("seconds", "s", "Seconds per call (median of 5 trials); blank when the kernel refused the shape.", positive),
    numberColumn("tflops", "TFLOP/s", "flops / seconds / 10¹²; blank when the kernel refused the shape.", positive),
    textColumn("note", "The kernel's refusal message (first line), else blank.", false)
  ]
};

/** Tensor-parallel decoder-layer matmuls of published models (calibrate.py measure_layer_gemm). */
export const gpuLayerGemm: DatasetSpec = {
  name: "gpu_layer_gemm",
  title: "Measured tensor-parallel layer matmuls (H200)",
  description: "The four matmuls of one decoder layer (QKV, attention output, MLP in, MLP out) of published models (shapes from data/models.csv) split as Megatron-LM splits them over tp GPUs (Shoeybi et al. 2019, arXiv 1909.08053, Sec. 3), each in its three training passes — forward (tokens × n × k), input gradient (tokens × k × n) and weight gradient (k × n × tokens) — timed with torch.matmul in bf16 on the lent H200 (median of 5 trials).",
  key: ["device", "model", "tp", "tokens", "layer", "pass"],
  sourceColumns: STAMP_SOURCES,
  references: [{column: "model", dataset: "models"}],
  columns: [
    ...stampColumns,
    textColumn("model", "models.csv id whose layer this is.", true),
    requiredInt("tp", "GPUs", "Tensor-parallel degree the matmul is split over."),
    requiredInt("tokens", "tokens", "Tokens per micro-batch (micro-batch × sequence length)."),
    column({name: "layer", kind: "string", unit: null, required: true, description: "qkv, attention-out, mlp-in (gate and up fused for SwiGLU) or mlp-out.", check: z.enum(["qkv", "attention-out", "mlp-in", "mlp-out"])}),
    column({name: "pass", kind: "string", unit: null, required: true, description: "forward, input-grad or weight-grad.", check: z.enum(["forward", "input-grad", "weight-grad"])}),
    column({name: "dtype", kind: "string", unit: null, required: true, description: "Operand type (bf16).", check: z.enum(["bf16"])}),
    requiredInt("m", "elements", "Rows of the left matrix."),
    requiredInt("n", "elements", "Columns of the right matrix."),
    requiredInt("k", "elements", "Inner dimension."),
    measured("seconds", "s", "Seconds per product."),
    measured("tflops", "TFLOP/s", "2·m·n·k / seconds / 10¹².")
  ]
};

/** One AdamW step alone, foreach and fused (calibrate.py measure_optimizer). */
export const gpuOptimizer: DatasetSpec = {
  name: "gpu_optimizer",
  title: "Measured AdamW step alone (H200)",
  description: "Seconds of one torch.optim.AdamW step (fp32 parameters, gradients and moments already in place; median of 5 trials of 3 steps) over every parameter of each model as calibrate.py builds it, on the lent H200: multi-tensor (foreach=True, PyTorch's default on CUDA and what multi_gpu.py's steps use) and fused (fused=True, what calibrate.py's steps use).",
  key: ["device", "model", "impl"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    textColumn("model", "Model as calibrate.py builds it (GPT-2 small–XL, TinyLlama 1.1B, Llama 3 8B / 70B layer shapes cut to 8 / 2 layers).", true),
    column({name: "params", kind: "float", unit: "parameters", required: true, description: "Parameters updated (tied embeddings once).", check: positive}),
    requiredInt("tensors", "tensors", "Parameter tensors (the multi-tensor kernels batch over them)."),
    column({name: "impl", kind: "string", unit: null, required: true, description: "foreach or fused.", check: z.enum(["foreach", "fused"])}),
    measured("seconds", "s", "Seconds per optimizer step."),
    measured("ns_per_param", "ns", "seconds / params × 10⁹.")
  ]
};
