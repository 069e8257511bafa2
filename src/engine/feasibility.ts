// Whether a training run can happen at all: the layout has a layer for every pipeline stage, the
// chip has the number format the run trains in, the tokens fill at least one step, and the memory
// per GPU fits in its HBM. An
// infeasible run is never priced (estimate.ts nulls its cost); the reasons are reader words.
import {acceleratorWords} from "./acceleratorWords.js";
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, TrainingSpec} from "./types.js";
import {numberFormatOf, peakFlopsOrNull} from "./gpu.js";
import type {NumberFormat} from "./gpu.js";
import {memoryPerGpu} from "./memory.js";
import type {MemoryOptions} from "./memory.js";
import {GIGA} from "./units.js";

/** The verdict on a run: feasible, or not and why (one sentence per reason). */
export interface Feasibility {
  feasible: boolean;
  reasons: string[];
}

const FORMAT_NAMES: Readonly<Record<NumberFormat, string>> = {fp32: "FP32", fp16: "FP16", bf16: "BF16", fp8: "FP8"};

/** What to train in instead, in reader words, by the format the chip lacks (most similar first). */
const ALTERNATIVES: Readonly<Record<NumberFormat, readonly {precision: Precision; words: string}[]>> = {
  fp8: [
    {precision: "bf16-master-fp32", words: "BF16 mixed precision"},
    {precision: "fp16-master-fp32", words: "FP16 mixed precision (with loss scaling)"}
  ],
  bf16: [
    {precision: "fp16-master-fp32", words: "FP16 mixed precision (with loss scaling)"},
    {precision: "fp32", words: "FP32"}
  ],
  fp16: [
    {precision: "bf16-master-fp32", words: "BF16 mixed precision"},
    {precision: "fp32", words: "FP32"}
  ],
  fp32: [
    {precision: "bf16-master-fp32", words: "BF16 mixed precision"},
    {precision: "fp16-master-fp32", words: "FP16 mixed precision (with loss scaling)"}
  ]
};

/** A chip that has each format, for the "or pick a chip with it" half of the advice. */
const CHIP_WITH: Readonly<Record<NumberFormat, string>> = {fp32: "the A100", fp16: "the A100", bf16: "the A100", fp8: "the H100"};

/**
 * Why `gpu` cannot train in `precision`, or null when it can, with what would make it feasible. A
 * chip has a number format when data/gpus.csv lists a dense peak for it (the vendor datasheet's):
 * FP8 needs an FP8 peak (Hopper, Blackwell, MI300X, Gaudi 3; not V100 or A100), the BF16 regimes a
 * BF16 peak (not V100, whose tensor cores do FP16 only: NVIDIA V100 datasheet), FP16 mixed
 * precision an FP16 peak (not the TPUs, whose matrix units take BF16), FP32 an FP32 peak (blank
 * for H800 and the TPUs).
 */
export function precisionReason(gpu: GpuSpec, precision: Precision): string | null {
  if (peakFlopsOrNull(gpu, precision) !== null) return null;
  const format = numberFormatOf(precision);
  const name = FORMAT_NAMES[format];
  const instead = ALTERNATIVES[format].find((a) => peakFlopsOrNull(gpu, a.precision) !== null);
  const fix = instead ? `choose ${instead.words}, which it has, or a chip with ${name} such as ${CHIP_WITH[format]}` : `pick a chip with ${name} such as ${CHIP_WITH[format]}`;
  return `The ${gpu.name}'s datasheet lists no ${name} throughput, so a run in ${name} cannot be timed or priced on it: ${fix}.`;
}

/** Why the pipeline cannot hold `model`, or null: every stage needs at least one layer. */
export function stageReason(model: ModelSpec, parallelism: ParallelismSpec): string | null {
  return parallelism.pp > model.layers
    ? `${parallelism.pp} pipeline stages need at least ${parallelism.pp} layers, but the model has ${model.layers}: use at most ${model.layers} stages.`
    : null;
}

const words = (n: number): string => (Number.isInteger(n) ? n : Number(n.toPrecision(3))).toLocaleString("en-US");

/**
 * Why `tokens` never complete one optimizer step of `globalBatchTokens`, or null. The spec has no
 * batch ramp, so every step holds the whole global batch; a run shorter than one step updates the
 * weights never and has no time or price.
 */
export function globalBatchReason(tokens: number, globalBatchTokens: number): string | null {
  return tokens < globalBatchTokens
    ? `The run trains ${words(tokens)} tokens, fewer than one optimizer step of its ${words(globalBatchTokens)}-token global batch, so it never completes a step: train at least ${words(globalBatchTokens)} tokens, or use a smaller global batch.`
    : null;
}

/**
 * Why the run's tokens cannot fill one optimizer step, or null: a step of the global batch when the
 * spec gives one (globalBatchReason), else the smallest step a layout takes
 * holds one micro-batch of whole sequences on every data-parallel rank (dp × microBatch × seqLen
 * tokens; a larger global batch only adds micro-batches), and a run of fewer tokens never takes a
 * step at all, so it has no time or price.
 */
export function tokensReason(spec: TrainingSpec): string | null {
  const batch = spec.parallelism.globalBatchTokens;
  if (batch !== undefined) {
    const step = globalBatchReason(spec.tokens, batch);
    if (step) return step;
  }
  const smallestStep = spec.parallelism.dp * spec.parallelism.microBatch * spec.model.seqLen;
  return spec.tokens < smallestStep
    ? `The run trains ${words(spec.tokens)} tokens, fewer than its smallest step holds (${words(spec.parallelism.dp)} data-parallel ranks × a micro-batch of ${words(spec.parallelism.microBatch)} × ${words(spec.model.seqLen)}-token sequences = ${words(smallestStep)} tokens), so it never completes a step: train at least ${words(smallestStep)} tokens, or use fewer data-parallel ranks or a smaller micro-batch.`
    : null;
}

const gb = (bytes: number): string => `${Number((bytes / GIGA).toPrecision(3)).toLocaleString("en-US")} GB`;

/** Why `totalBytes` per accelerator does not fit on `gpu`, or null when it fits (a TPU is a "TPU chip"). */
export function memoryReason(gpu: GpuSpec, totalBytes: number): string | null {
  const {one} = acceleratorWords(gpu.id);
  return totalBytes > gpu.hbmBytes
    ? `Each ${one} needs ${gb(totalBytes)} but the ${gpu.name} has ${gb(gpu.hbmBytes)}: use more ${one}s, a higher ZeRO stage, more tensor or pipeline parallelism, or recomputation.`
    : null;
}

/**
 * The verdict on a spec whose shape is valid (`trainingSpecSchema`) and whose other layout rules
 * hold (validateSpec.ts layoutIssues, the stage count aside): the stage count, the number format,
 * one step's tokens and the memory per GPU, in that order (memory only when the stages can be laid
 * out).
 */
export function feasibility(spec: TrainingSpec, gpu: GpuSpec, memory?: MemoryOptions): Feasibility {
  const reasons: string[] = [];
  const stages = stageReason(spec.model, spec.parallelism);
  if (stages) reasons.push(stages);
  const format = precisionReason(gpu, spec.precision);
  if (format) reasons.push(format);
  const tokens = tokensReason(spec);
  if (tokens) reasons.push(tokens);
  if (!stages) {
    const fits = memoryReason(gpu, memoryPerGpu(spec, memory).total);
    if (fits) reasons.push(fits);
  }
  return {feasible: reasons.length === 0, reasons};
}
