// The engine against the project's own measurements (data/gpu_training_steps.csv, written by
// bench/gpu/calibrate.py on the lent H100): one eager-PyTorch training step on one GPU, predicted
// by memoryPerGpu and predictStep and set beside what the GPU did.
import type {GpuSpec, Precision, Recompute, Stack, TrainingSpec} from "../types.js";
import {memoryPerGpu} from "../memory.js";
import type {MemoryOptions} from "../memory.js";
import {LAYER_SLOTS, Slot, layerCost} from "./layerCost.js";
import {microbatchesOf, predictStep, stepContext} from "./stepTime.js";
import type {PerfOptions} from "./stepTime.js";

/** One row of data/gpu_training_steps.csv, as the loader parses it (blank cells are null). */
export interface MeasuredStepRow {
  model: string;
  family: "gpt2" | "llama";
  layers: number;
  d_model: number;
  heads: number;
  kv_heads: number;
  /** Width of each head where it is not d_model / heads (bench/gpu/head_dim_steps.csv); absent or null = d_model / heads. */
  head_dim?: number | null;
  ffn: number;
  seq_len: number;
  micro_batch: number;
  vocab: number;
  tied_embeddings: boolean;
  precision: "amp-bf16" | "fp32";
  recompute: "none" | "attention-core" | "selective" | "full";
  flash_attention: boolean;
  params: number;
  peak_memory_bytes: number | null;
  step_seconds: number | null;
  kernel_seconds: number | null;
  status: "ok" | "oom";
}

/** The settings that identify a measured step, as one string (the files' shared key). */
export function measuredStepKey(r: Pick<MeasuredStepRow, "model" | "seq_len" | "micro_batch" | "precision" | "recompute">): string {
  return `${r.model}|${r.seq_len}|${r.micro_batch}|${r.precision}|${r.recompute}`;
}

/**
 * The script's recompute modes in the engine's terms. "attention-core" checkpoints the attention
 * core alone, Korthikanti et al. 2022's selective recomputation, the engine's "selective". The
 * script's "selective" checkpoints the whole attention block (QKV and output projections too),
 * which the engine does not model: null.
 */
export function engineRecompute(mode: MeasuredStepRow["recompute"]): Recompute | null {
  if (mode === "attention-core") return "selective";
  if (mode === "selective") return null;
  return mode;
}

/**
 * bench/gpu/calibrate.py trains with eager PyTorch: F.cross_entropy on the fp32 copy of the
 * logits, and zero_grad(set_to_none=True) with no DDP buckets, the "pytorch" stack (stack.ts).
 */
export const MEASURED_STACK: Stack = "pytorch";

/** calibrate.py steps with `torch.optim.AdamW(fused=True)`, not PyTorch's default foreach AdamW (memory.ts MemoryOptions.adamw). */
export const CALIBRATE_PY_MEMORY: MemoryOptions = {adamw: "fused"};

/** The training spec of a measured row: one GPU, one micro-batch per step, no parallelism. */
export function measuredStepSpec(row: MeasuredStepRow, gpuId: string, stack: Stack = MEASURED_STACK): TrainingSpec {
  const recompute = engineRecompute(row.recompute);
  if (recompute === null) throw new RangeError(`measuredStepSpec: the engine has no recompute mode for the script's "${row.recompute}"`);
  const llama = row.family === "llama";
  const tokensPerStep = row.micro_batch * row.seq_len;
  const precision: Precision = row.precision;
  return {
    model: {
      params: row.params,
      layers: row.layers,
      dModel: row.d_model,
      heads: row.heads,
      kvHeads: row.kv_heads,
      ...(row.head_dim ? {headDim: row.head_dim} : {}),
      ffnDim: row.ffn,
      ffnKind: llama ? "swiglu" : "gelu",
      vocab: row.vocab,
      seqLen: row.seq_len,
      tiedEmbeddings: row.tied_embeddings,
      positionEmbedding: llama ? "rotary" : "learned",
      dropout: false // the script's models have none
    },
    tokens: tokensPerStep,
    hardware: {gpu: gpuId, count: 1},
    parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: row.micro_batch, globalBatchTokens: tokensPerStep, recompute, flashAttention: row.flash_attention},
    precision,
    stack
  };
}

export interface MeasuredStepComparison {
  predictedMemoryBytes: number;
  measuredMemoryBytes: number;
  /** predicted / measured peak memory. */
  memoryRatio: number;
  predictedSeconds: number;
  /** GPU-busy seconds of the measured step (kernels only). */
  measuredKernelSeconds: number;
  /** Wall-clock seconds of the measured step. */
  measuredStepSeconds: number;
  /** predicted / measured kernel seconds. */
  timeRatio: number;
  /** Share of the measured step the GPU was busy: near 1 when compute-bound, low when the host could not launch kernels fast enough. */
  gpuBusyFraction: number;
}

/**
 * Predicted against measured memory and time for a row that ran (status ok) in a mode the engine
 * models; null otherwise. The step-time model predicts GPU time, so it is compared with the
 * measured kernel time; the wall-clock step also holds host launch overhead, which the model
 * leaves out (large training jobs hide it behind big micro-batches and CUDA graphs).
 */
export function compareMeasuredStep(row: MeasuredStepRow, gpu: GpuSpec, perf: PerfOptions = {}, stack: Stack = MEASURED_STACK): MeasuredStepComparison | null {
  if (row.status !== "ok" || engineRecompute(row.recompute) === null) return null;
  const {peak_memory_bytes: peak, step_seconds: step, kernel_seconds: kernel} = row;
  if (peak === null || step === null || kernel === null) return null;
  const spec = measuredStepSpec(row, gpu.id, stack);
  const predictedMemoryBytes = memoryPerGpu(spec, CALIBRATE_PY_MEMORY).total;
  const predictedSeconds = predictStep(spec, gpu, perf).secondsPerStep;
  return {
    predictedMemoryBytes,
    measuredMemoryBytes: peak,
    memoryRatio: predictedMemoryBytes / peak,
    predictedSeconds,
    measuredKernelSeconds: kernel,
    measuredStepSeconds: step,
    timeRatio: predictedSeconds / kernel,
    gpuBusyFraction: kernel / step
  };
}

/**
 * The accelerator in data/gpus.csv that PyTorch's device name denotes. "NVIDIA H100 80GB HBM3" is
 * the SXM5 board: the PCIe card carries HBM2e (NVIDIA H100 datasheet), and the copy bandwidth
 * measured on it (data/gpu_hbm.csv, about 3.0 TB/s) exceeds the PCIe card's 2.0 TB/s peak.
 */
export const DEVICE_GPU_IDS: Readonly<Record<string, string>> = {
  "NVIDIA H100 80GB HBM3": "h100-sxm5-80gb",
  "NVIDIA H200": "h200-sxm-141gb"
};

/**
 * The rows MEASURED_TRAINING_MATMUL_EFFICIENCY's fp32 entry is fitted on: GPT-2-shaped, fp32, no
 * recomputation, and GPU-bound (kernels busy ≥ 95% of the wall-clock step, so the measured time
 * is the GPU's and not the host's).
 */
export function isFp32FitRow(row: MeasuredStepRow): boolean {
  return row.status === "ok" && row.family === "gpt2" && row.precision === "fp32" && row.recompute === "none" &&
    row.kernel_seconds !== null && row.step_seconds !== null && row.kernel_seconds / row.step_seconds >= 0.95;
}

/**
 * The matmul efficiency (fraction of peak) at which the modelled step times best match the
 * measured kernel times of `rows`: least squares of log(predicted / measured), grid step 0.005
 * over [0.2, 1].
 */
export function fitMeasuredMatmulEfficiency(rows: readonly MeasuredStepRow[], gpu: GpuSpec): {matmulEfficiency: number; rmsLogError: number} {
  if (rows.length === 0) throw new RangeError("fitMeasuredMatmulEfficiency: no rows");
  const measured = rows.map((row) => {
    if (compareMeasuredStep(row, gpu) === null) throw new RangeError(`fitMeasuredMatmulEfficiency: row ${row.model} has no comparable measurement`);
    return {spec: measuredStepSpec(row, gpu.id), kernelSeconds: row.kernel_seconds as number};
  });
  let best = {matmulEfficiency: NaN, sse: Infinity};
  for (let i = 40; i <= 200; i++) {
    const mm = i * 0.005;
    let sse = 0;
    for (const {spec, kernelSeconds} of measured) {
      sse += Math.log(predictStep(spec, gpu, {calibration: {matmulEfficiency: mm}}).secondsPerStep / kernelSeconds) ** 2;
    }
    if (sse < best.sse) best = {matmulEfficiency: mm, sse};
  }
  return {matmulEfficiency: best.matmulEfficiency, rmsLogError: Math.sqrt(best.sse / rows.length)};
}

/** A group of measured rows whose peak memory the engine misses by more than 10%, and why. */
export interface MeasuredMemoryMiss {
  match: (row: MeasuredStepRow) => boolean;
  reason: string;
}

/**
 * Where memoryPerGpu misses the measured peak by more than ±10% (tests/engine/perf/measured.test.ts
 * checks that every other comparable row is within ±10% and these within ±25%).
 */
export const MEMORY_KNOWN_MISSES: readonly MeasuredMemoryMiss[] = [
  {
    match: (r) => r.family === "llama" && r.precision === "amp-bf16" && r.d_model <= 2048 && r.micro_batch * r.seq_len >= 4096,
    reason: "TinyLlama at 4,096 tokens per step and more (the H100 and the H200): −12% to +6%. It was under-predicted by 10–19% until eager SwiGLU was counted (the engine's plain-PyTorch stack: the fused gate-and-up projection's output stays referenced through both halves and SiLU stores its own output, 8·s·b·f bytes a layer where Megatron's fused kernel keeps 6·s·b·f). One step is still off by more than 10% (s = 2048, b = 8 with the attention core recomputed, −11.7%); the rest of the gap is not yet explained."
  },
  {
    match: (r) => r.family === "llama" && r.precision === "fp32",
    reason: "Under-predicted by up to 22% (worst with full recomputation): fp32 with grouped-query attention has no fused SDPA kernel, so the math kernel runs, and its backward pass holds the fp32 s×s scores and their gradient at once, beyond the stored activations the engine counts."
  },
  {
    match: (r) => r.family === "gpt2" && r.precision === "fp32" && r.recompute === "full" && r.micro_batch === 1 && r.seq_len === 1024 && r.layers <= 24,
    reason: "Under-predicted by 11% on the two smallest fp32 full-recompute steps (GPT-2 small and medium, one 1,024-token sequence); not yet explained."
  }
];

/** The known miss that covers `row`, if any. */
export function memoryKnownMiss(row: MeasuredStepRow): MeasuredMemoryMiss | undefined {
  return MEMORY_KNOWN_MISSES.find((m) => m.match(row));
}

/** GPU seconds of one step by kind of kernel, as bench/gpu/kernel_breakdown.py sums them. */
export interface KernelKindSeconds {
  matmul: number;
  attention: number;
  optimizer: number;
  other: number;
}

/**
 * The step-time model's GPU seconds of a single-GPU step (tp = pp = dp = 1, one micro-batch),
 * split as the profiler splits measured kernels: matmuls (layers and output head), the attention
 * core, the AdamW update, and the rest (element-wise kernels, norms, the loss). The four sum to
 * predictStep's secondsPerStep for the same spec.
 */
export function predictedKernelSeconds(spec: TrainingSpec, gpu: GpuSpec, perf: PerfOptions = {}): KernelKindSeconds {
  const {model, parallelism: p, precision} = spec;
  if (p.tp !== 1 || p.pp !== 1 || p.dp !== 1 || (p.cp ?? 1) !== 1 || (p.ep ?? 1) !== 1) {
    throw new RangeError("predictedKernelSeconds: only single-GPU steps (tp = pp = dp = cp = ep = 1) are split by kernel kind");
  }
  const ctx = stepContext(model, gpu, precision, perf);
  const c = layerCost(ctx.inv, 1, 1, 1, p.microBatch, false, p.flashAttention ?? true, new Float64Array(LAYER_SLOTS));
  const at = (s: Slot): number => c[s] as number;
  const full = p.recompute === "full" ? 1 : 0;
  const L = model.layers;
  const m = microbatchesOf(p, model.seqLen);
  return {
    matmul: m * (L * (at(Slot.GemmF) * (1 + full) + at(Slot.GemmB)) + at(Slot.HeadGemm)),
    attention: m * L * (at(Slot.AttnF) * (1 + full) + at(Slot.AttnB) + (p.recompute === "selective" ? at(Slot.Selective) : 0)),
    optimizer: (model.params * ctx.optimizerBytesPerParam) / ctx.inv.hbm,
    other: m * (L * at(Slot.EltF) * (1 + full) + L * at(Slot.EltB) + at(Slot.HeadElt))
  };
}
