import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";
import {intColumn, numberColumn, positive, positiveInt} from "./columns.js";
import {STAMP_SOURCES, gpuTrainingSteps, measured, requiredInt, stampColumns} from "./gpuCalibration.js";

// The project's own measurements of the software stack on one GPU, written by
// bench/gpu/calibrate.py (`--parts stacks,launch`) on the lent H200 (bench/gpu/README.md). Each row
// carries the device, the date, the PyTorch version and the script; the files are its output, unchanged.

/** The same training steps in eager PyTorch and under torch.compile (calibrate.py measure_stacks). */
export const gpuStackSteps: DatasetSpec = {
  name: "gpu_stack_steps",
  title: "Measured steps, eager PyTorch vs torch.compile (H200)",
  description: "One optimizer step of GPT-2- and TinyLlama-shaped models and of Llama 3 8B / 70B layer shapes cut to 8 / 2 layers (bf16 autocast, fused AdamW, SDPA attention, no recomputation) on the project's lent H200, each configuration twice: eager PyTorch (stack pytorch) and with every decoder block and the head + loss compiled by torch.compile (stack pytorch-compile, regional compilation as torchtitan does). Peak memory, wall-clock step time, GPU kernel time, kernels launched per step and the seconds the first compiled step took.",
  key: ["model", "seq_len", "micro_batch", "precision", "recompute", "stack"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    // params as a float: the Llama 3 layer shapes pass 2³¹ parameters.
    ...gpuTrainingSteps.columns.map((c) => c.name === "params" ? column({name: "params", kind: "float", unit: "parameters", required: true, description: "Parameters of the model as built (tied embeddings counted once).", check: positive}) : c),
    column({name: "stack", kind: "string", unit: null, required: true, description: "pytorch: eager code; pytorch-compile: the same code, blocks and loss under torch.compile (src/engine/stack.ts).", check: z.enum(["pytorch", "pytorch-compile"])}),
    numberColumn("compile_seconds", "s", "Wall-clock seconds of the first compiled step (tracing and Inductor code generation, 16 host cores); blank for eager rows.", positive),
    numberColumn("kernels_per_step", "kernels", "CUDA kernels and memory operations one step launched (torch.profiler); host launch cost is paid per launch.", positiveInt)
  ]
};

/**
 * The same measurement of models whose heads have a width of their own (Qwen3 32B, Gemma 7B,
 * Gemma 2 9B, Mistral NeMo 12B, 4 layers each; calibrate.py --head-dim-column), taken on 2026-12-03
 * after the engine's ModelSpec.headDim was written: a test set, kept in bench/gpu/head_dim_steps.csv
 * and held to the engine by tests/engine/perf/headDimSteps.test.ts, nothing fitted on it.
 */
export const gpuHeadDimSteps: DatasetSpec = {
  ...gpuStackSteps,
  name: "head_dim_steps",
  title: "Measured steps of models with heads of their own width (H200)",
  columns: gpuStackSteps.columns.flatMap((c) => c.name === "kv_heads"
    ? [c, intColumn("head_dim", null, "Width of each attention head: queries and the attention output are heads × head_dim wide (Qwen3 and Mistral NeMo 128, Gemma 256).")]
    : [c])
};

/** Host seconds per small eager op (calibrate.py measure_launch). */
export const gpuLaunch: DatasetSpec = {
  name: "gpu_launch",
  title: "Measured host cost per eager op (H200 host)",
  description: "Wall-clock seconds per eager PyTorch op on 64×64 bf16 tensors, over 20,000 ops (median of 5 trials) on the lent H200 machine: the GPU finishes each op at once, so this is what the host spends issuing one op (Python, dispatcher, kernel launch).",
  key: ["op"],
  sourceColumns: STAMP_SOURCES,
  columns: [
    ...stampColumns,
    column({name: "op", kind: "string", unit: null, required: true, description: "add, mul_scalar, matmul, linear, layer_norm or gelu.", check: z.enum(["add", "mul_scalar", "matmul", "linear", "layer_norm", "gelu"])}),
    requiredInt("reps", "ops", "Ops per trial."),
    measured("seconds_per_op", "s", "Median over trials of the trial's seconds ÷ reps.")
  ]
};
