import type {GpuSpec, Precision} from "./types.js";
import {GIGA, TERA} from "./units.js";

/** A row of data/gpus.csv as the loaders produce it (human units, nulls for blanks). */
export interface GpuRecord {
  id: string;
  name: string;
  release_year: number;
  peak_fp32_tflops: number | null;
  peak_tf32_tflops: number | null;
  peak_fp16_tflops: number | null;
  peak_bf16_tflops: number | null;
  peak_fp8_tflops: number | null;
  hbm_gb: number;
  hbm_tbps: number;
  scale_up_gbps: number | null;
  gpus_per_node: number | null;
  scale_out_gbps: number | null;
  tdp_w: number | null;
}

const teraToSi = (x: number | null): number | null => (x === null ? null : x * TERA);

/** Converts a data row to the engine's SI GpuSpec. */
export function gpuSpecFromRecord(r: GpuRecord): GpuSpec {
  return {
    id: r.id,
    name: r.name,
    releaseYear: r.release_year,
    peakFlopsPerSecond: {
      fp32: teraToSi(r.peak_fp32_tflops),
      tf32: teraToSi(r.peak_tf32_tflops),
      fp16: teraToSi(r.peak_fp16_tflops),
      bf16: teraToSi(r.peak_bf16_tflops),
      fp8: teraToSi(r.peak_fp8_tflops)
    },
    hbmBytes: r.hbm_gb * GIGA,
    hbmBytesPerSecond: r.hbm_tbps * TERA,
    scaleUpBytesPerSecond: r.scale_up_gbps === null ? null : r.scale_up_gbps * GIGA,
    gpusPerNode: r.gpus_per_node,
    scaleOutBytesPerSecond: r.scale_out_gbps === null ? null : r.scale_out_gbps * GIGA,
    tdpWatts: r.tdp_w
  };
}

/**
 * The dense peak a 16-bit mixed-precision run can use: BF16 where the chip has it, else FP16
 * (V100 trains in FP16 with loss scaling). Null when neither exists.
 */
export function peakHalfPrecisionFlopsPerSecond(gpu: GpuSpec): number | null {
  return gpu.peakFlopsPerSecond.bf16 ?? gpu.peakFlopsPerSecond.fp16;
}

/** A chip's number format, as data/gpus.csv lists its dense peaks. */
export type NumberFormat = "fp32" | "fp16" | "bf16" | "fp8";

/**
 * The number format a precision regime runs its matmuls in: FP32 for fp32 (PyTorch leaves TF32
 * off for matmuls by default since 1.12), BF16 for amp-bf16 and bf16-master-fp32, FP16 for
 * fp16-master-fp32, FP8 for fp8.
 */
export function numberFormatOf(precision: Precision): NumberFormat {
  switch (precision) {
    case "fp32":
      return "fp32";
    case "fp16-master-fp32":
      return "fp16";
    case "fp8":
      return "fp8";
    default:
      return "bf16";
  }
}

/**
 * Dense peak FLOP/s that a run in `precision` is measured against: the peak of its number format
 * (numberFormatOf). NVIDIA's FP8 MFU figures use the FP8 peak (e.g. NVIDIA/dgxc-benchmarking
 * Nemotron-4 340B). Null when data/gpus.csv lists no such peak: the chip cannot train in it
 * (feasibility.ts precisionReason says so in reader words).
 */
export function peakFlopsOrNull(gpu: GpuSpec, precision: Precision): number | null {
  const peak = gpu.peakFlopsPerSecond[numberFormatOf(precision)];
  return peak !== null && peak > 0 ? peak : null;
}

/** As peakFlopsOrNull, but throws when the chip lists no peak for `precision`. */
export function peakTrainingFlopsPerSecond(gpu: GpuSpec, precision: Precision): number {
  const peak = peakFlopsOrNull(gpu, precision);
  if (peak === null) throw new RangeError(`${gpu.id} has no ${numberFormatOf(precision).toUpperCase()} peak throughput in data/gpus.csv`);
  return peak;
}
