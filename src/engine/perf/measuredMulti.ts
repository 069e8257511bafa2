// The engine against the project's own multi-GPU measurements (data/gpu_multi_steps.csv, written
// by bench/gpu/multi_gpu.py on the lent 2 × H200 machine): plain-PyTorch steps under DDP, FSDP2
// and tensor parallelism, predicted by memoryPerGpu and predictStep and set beside what ran.
import type {GpuSpec, TrainingSpec} from "../types.js";
import {memoryPerGpu} from "../memory.js";
import {predictStep} from "./stepTime.js";
import {MEASURED_STACK} from "./measured.js";
import type {MeasuredStepRow} from "./measured.js";

export type MultiGpuMode = "single" | "ddp" | "ddp-bucket-view" | "fsdp2-reshard" | "fsdp2-no-reshard" | "tp2";

/** One row of data/gpu_multi_steps.csv, as the loader parses it: gpu_training_steps' model and
 * shape columns, with the GPU count and parallel mode in place of recompute and kernel time. */
export interface MeasuredMultiStepRow extends Pick<MeasuredStepRow,
  "model" | "family" | "layers" | "d_model" | "heads" | "kv_heads" | "ffn" | "seq_len" | "micro_batch" | "vocab" | "tied_embeddings" | "params" | "peak_memory_bytes" | "step_seconds"> {
  device: string;
  gpus: number;
  precision: "amp-bf16";
  mode: MultiGpuMode;
  status: "ok" | "oom" | "error";
}

/**
 * The rows of data/gpu_multi_steps.csv held out from every fit of the eager ("pytorch") step-time
 * model (perf/eagerStep.ts): every LLaMA-family row (TinyLlama 1.1B and Llama 3.2 3B: RMSNorm,
 * SwiGLU, rotary positions, grouped-query attention, a 128k vocabulary), 42 of the 110. Chosen on
 * 2026-12-01 before any constant was fitted; the GPT-2 rows are the fitting set.
 */
export const MULTI_HELD_OUT_MODELS: readonly string[] = ["tinyllama-1.1b", "llama-3.2-3b"];

/** Whether a measured multi-GPU row is held out from fitting (MULTI_HELD_OUT_MODELS). */
export function isMultiHeldOut(row: Pick<MeasuredMultiStepRow, "model">): boolean {
  return MULTI_HELD_OUT_MODELS.includes(row.model);
}

/** The layout of a mode in the engine's terms (FSDP2 without resharding keeps each layer's
 * gathered weights from forward to backward: weights whole at the peak, states sharded, ZeRO-2's
 * memory; Rajbhandari et al. 2020 Sec 5). */
function modeLayout(row: MeasuredMultiStepRow): Pick<TrainingSpec["parallelism"], "tp" | "dp" | "zeroStage"> {
  const n = row.gpus;
  switch (row.mode) {
    case "single": return {tp: 1, dp: 1, zeroStage: 0};
    case "ddp":
    case "ddp-bucket-view": return {tp: 1, dp: n, zeroStage: 0};
    case "fsdp2-reshard": return {tp: 1, dp: n, zeroStage: 3};
    case "fsdp2-no-reshard": return {tp: 1, dp: n, zeroStage: 2};
    case "tp2": return {tp: n, dp: 1, zeroStage: 0};
  }
}

/** The training spec of a measured multi-GPU row ("single": one GPU of the pair, alone). */
export function measuredMultiStepSpec(row: MeasuredMultiStepRow, gpuId: string): TrainingSpec {
  const llama = row.family === "llama";
  const layout = modeLayout(row);
  const count = row.mode === "single" ? 1 : row.gpus;
  const tokensPerStep = row.micro_batch * row.seq_len * layout.dp;
  return {
    model: {
      params: row.params, layers: row.layers, dModel: row.d_model, heads: row.heads, kvHeads: row.kv_heads,
      ffnDim: row.ffn, ffnKind: llama ? "swiglu" : "gelu", vocab: row.vocab, seqLen: row.seq_len,
      tiedEmbeddings: row.tied_embeddings, positionEmbedding: llama ? "rotary" : "learned", dropout: false
    },
    tokens: tokensPerStep,
    hardware: {gpu: gpuId, count},
    parallelism: {
      ...layout, pp: 1, microBatch: row.micro_batch, globalBatchTokens: tokensPerStep, recompute: "none",
      // the script's tensor parallel splits attention and MLP only, no sequence parallelism
      sequenceParallel: false, flashAttention: true
    },
    precision: row.precision,
    stack: MEASURED_STACK
  };
}

export interface MeasuredMultiComparison {
  predictedMemoryBytes: number;
  measuredMemoryBytes: number;
  memoryRatio: number;
  predictedSeconds: number;
  measuredSeconds: number;
  timeRatio: number;
}

export function compareMeasuredMultiStep(row: MeasuredMultiStepRow, gpu: GpuSpec): MeasuredMultiComparison | null {
  if (row.status !== "ok" || row.peak_memory_bytes === null || row.step_seconds === null) return null;
  const spec = measuredMultiStepSpec(row, gpu.id);
  const predictedMemoryBytes = memoryPerGpu(spec).total;
  const predictedSeconds = predictStep(spec, gpu).secondsPerStep;
  return {
    predictedMemoryBytes, measuredMemoryBytes: row.peak_memory_bytes, memoryRatio: predictedMemoryBytes / row.peak_memory_bytes,
    predictedSeconds, measuredSeconds: row.step_seconds, timeRatio: predictedSeconds / row.step_seconds
  };
}
