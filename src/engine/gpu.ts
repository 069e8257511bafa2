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

/**
 * Dense peak FLOP/s that a run in `precision` is measured against: FP32 for fp32; BF16 (else
 * FP16) for the mixed-precision regimes; FP8 for fp8 where the chip has it (NVIDIA's FP8 MFU
 * figures use the FP8 peak, e.g. NVIDIA/dgxc-benchmarking Nemotron-4 340B), else the 16-bit peak.
 * Throws when the chip lists no such peak.
 */
export function peakTrainingFlopsPerSecond(gpu: GpuSpec, precision: Precision): number {
  const p = gpu.peakFlopsPerSecond;
  const half = peakHalfPrecisionFlopsPerSecond(gpu);
  const peak = precision === "fp32" ? p.fp32 : precision === "fp8" ? (p.fp8 ?? half) : half;
  if (peak === null || !(peak > 0)) throw new RangeError(`${gpu.id} has no ${precision} peak throughput in data/gpus.csv`);
  return peak;
}
