// Whether a training run can happen at all: the layout has a layer for every pipeline stage, the
// chip has the number format the run trains in, and the memory per GPU fits in its HBM. An
// infeasible run is never priced (estimate.ts nulls its cost); the reasons are reader words.
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, TrainingSpec} from "./types.js";
import {memoryPerGpu} from "./memory.js";
import type {MemoryOptions} from "./memory.js";
import {GIGA} from "./units.js";

/** The verdict on a run: feasible, or not and why (one sentence per reason). */
export interface Feasibility {
  feasible: boolean;
  reasons: string[];
}

const PRECISION_NAMES: Readonly<Record<Precision, string>> = {
  fp32: "FP32",
  "amp-bf16": "BF16",
  "bf16-master-fp32": "BF16",
  fp8: "FP8"
};

/**
 * Why `gpu` cannot train in `precision`, or null when it can. A chip has a number format when
 * data/gpus.csv lists a dense peak for it (the vendor datasheet's): FP8 needs an FP8 peak (Hopper,
 * Blackwell, MI300X, Gaudi 3; not V100 or A100), the BF16 regimes need a BF16 peak (not V100, whose
 * tensor cores do FP16 only: NVIDIA V100 datasheet), FP32 an FP32 peak (blank for H800 and the TPUs).
 */
export function precisionReason(gpu: GpuSpec, precision: Precision): string | null {
  const p = gpu.peakFlopsPerSecond;
  const peak = precision === "fp32" ? p.fp32 : precision === "fp8" ? p.fp8 : p.bf16;
  if (peak !== null && peak > 0) return null;
  const name = PRECISION_NAMES[precision];
  return precision === "fp32"
    ? `The ${gpu.name}'s datasheet lists no FP32 throughput, so an FP32 run cannot be timed on it: train in BF16 mixed precision instead.`
    : `The ${gpu.name} has no ${name} support (its datasheet lists no ${name} throughput): ${precision === "fp8" ? "train in BF16 mixed precision, or pick a chip with FP8 such as the H100" : "train in FP32, or pick a chip with BF16 such as the A100"}.`;
}

/** Why the pipeline cannot hold `model`, or null: every stage needs at least one layer. */
export function stageReason(model: ModelSpec, parallelism: ParallelismSpec): string | null {
  return parallelism.pp > model.layers
    ? `${parallelism.pp} pipeline stages need at least ${parallelism.pp} layers, but the model has ${model.layers}: use at most ${model.layers} stages.`
    : null;
}

const gb = (bytes: number): string => `${Number((bytes / GIGA).toPrecision(3)).toLocaleString("en-US")} GB`;

/** Why `totalBytes` per GPU does not fit on `gpu`, or null when it fits. */
export function memoryReason(gpu: GpuSpec, totalBytes: number): string | null {
  return totalBytes > gpu.hbmBytes
    ? `Each GPU needs ${gb(totalBytes)} but the ${gpu.name} has ${gb(gpu.hbmBytes)}: use more GPUs, a higher ZeRO stage, more tensor or pipeline parallelism, or recomputation.`
    : null;
}

/**
 * The verdict on a spec whose shape is valid (`trainingSpecSchema`) and whose other layout rules
 * hold (validateSpec.ts layoutIssues, the stage count aside): the stage count, the number format
 * and the memory per GPU, in that order (memory only when the stages can be laid out).
 */
export function feasibility(spec: TrainingSpec, gpu: GpuSpec, memory?: MemoryOptions): Feasibility {
  const reasons: string[] = [];
  const stages = stageReason(spec.model, spec.parallelism);
  if (stages) reasons.push(stages);
  const format = precisionReason(gpu, spec.precision);
  if (format) reasons.push(format);
  if (!stages) {
    const fits = memoryReason(gpu, memoryPerGpu(spec, memory).total);
    if (fits) reasons.push(fits);
  }
  return {feasible: reasons.length === 0, reasons};
}
