// Time of one matrix multiplication on one GPU: a roofline (Williams, Waterman & Patterson 2009,
// "Roofline: an insightful visual performance model", CACM 52(4)) whose compute roof is the
// maximum achievable matmul throughput (calibration.ts, MATMUL_EFFICIENCY) and whose memory roof
// is the achieved HBM bandwidth (calibration.ts, HBM_EFFICIENCY). A matmul of an m×k by a k×n
// matrix performs 2·m·n·k FLOPs and moves at least (m·k + k·n + m·n) elements.

/**
 * Seconds for an (m×k)·(k×n) matmul: max(2mnk / flopsPerSecond, (mk + kn + mn)·bytesPerElement / bytesPerSecond),
 * where `flopsPerSecond` and `bytesPerSecond` are already the achievable (not datasheet) roofs.
 */
export function matmulSeconds(m: number, n: number, k: number, bytesPerElement: number, flopsPerSecond: number, bytesPerSecond: number): number {
  const compute = (2 * m * n * k) / flopsPerSecond;
  const memory = ((m * k + k * n + m * n) * bytesPerElement) / bytesPerSecond;
  return compute > memory ? compute : memory;
}

/** Achieved FLOP/s of that matmul, for tables and tests. */
export function matmulFlopsPerSecond(m: number, n: number, k: number, bytesPerElement: number, flopsPerSecond: number, bytesPerSecond: number): number {
  return (2 * m * n * k) / matmulSeconds(m, n, k, bytesPerElement, flopsPerSecond, bytesPerSecond);
}


/** One timed matmul, as bench/gpu/calibrate.py records them (data/gpu_gemm.csv). */
export interface MatmulTiming {
  m: number;
  n: number;
  k: number;
  bytesPerElement: number;
  seconds: number;
}

/**
 * Fits the roofline's two efficiencies (fractions of `peakFlopsPerSecond` and of
 * `peakBytesPerSecond`) to measured matmul timings by least squares on log time (relative error,
 * so small and large matmuls weigh alike): grid search, step 0.005, over (0, 1]². This is how the
 * H100 entries of calibration.ts are meant to be replaced once data/gpu_gemm.csv exists.
 */
export function fitMatmulRoofline(
  rows: readonly MatmulTiming[],
  peakFlopsPerSecond: number,
  peakBytesPerSecond: number
): {computeEfficiency: number; memoryEfficiency: number; rmsLogError: number} {
  if (rows.length === 0) throw new RangeError("fitMatmulRoofline: no timings");
  let best = {computeEfficiency: NaN, memoryEfficiency: NaN, sse: Infinity};
  for (let c = 0.005; c <= 1 + 1e-9; c += 0.005) {
    for (let mem = 0.005; mem <= 1 + 1e-9; mem += 0.005) {
      let sse = 0;
      for (const r of rows) {
        const d = Math.log(matmulSeconds(r.m, r.n, r.k, r.bytesPerElement, c * peakFlopsPerSecond, mem * peakBytesPerSecond) / r.seconds);
        sse += d * d;
      }
      if (sse < best.sse) best = {computeEfficiency: c, memoryEfficiency: mem, sse};
    }
  }
  return {computeEfficiency: best.computeEfficiency, memoryEfficiency: best.memoryEfficiency, rmsLogError: Math.sqrt(best.sse / rows.length)};
}

/**
 * Output tile of the cuBLAS tensor-core GEMM kernels the wave model assumes: 256 × 128 elements,
 * one thread block per SM. NVIDIA, "Matrix Multiplication Background User's Guide"
 * (DU-09799-001_v001, February 2023; docs.nvidia.com/deeplearning/performance/
 * dl-performance-matrix-multiplication), Sec 2.3 (256×128 is the largest, most efficient of the
 * typical cuBLAS tiles) and Sec 3.2, whose wave-quantization example is the A100: 108 SMs, one
 * 256×128 tile per SM, so 108 tiles run at a time.
 */
export const GEMM_TILE_ROWS = 256;
export const GEMM_TILE_COLS = 128;

/**
 * Fraction of the GPU's matmul rate an m×n output keeps after tile and wave quantization (the
 * guide above, Secs 3.1–3.2): the output is cut into ⌈m/256⌉·⌈n/128⌉ tiles (or the transposed
 * tiling, whichever wastes less), tiles run `sms` at a time, and the last wave of a GEMM runs as
 * long as a full one. Efficiency = useful output ÷ (waves × sms × tile area). 1 when `sms` ≤ 0
 * (no wave model for that chip) or the output is empty.
 */
export function waveEfficiency(m: number, n: number, sms: number): number {
  // An empty output costs nothing whatever its efficiency: 1 keeps matmulSeconds at 0, not NaN.
  if (!(sms > 0) || !(m > 0) || !(n > 0)) return 1;
  // Both tilings have the same tile area, so the better one is the one with fewer wave slots.
  // (Inline arithmetic, no closures: the planner calls this for every matmul of every layout.)
  const slotsA = Math.ceil((Math.ceil(m / GEMM_TILE_ROWS) * Math.ceil(n / GEMM_TILE_COLS)) / sms);
  const slotsB = Math.ceil((Math.ceil(m / GEMM_TILE_COLS) * Math.ceil(n / GEMM_TILE_ROWS)) / sms);
  return (m * n) / ((slotsA < slotsB ? slotsA : slotsB) * sms * GEMM_TILE_ROWS * GEMM_TILE_COLS);
}
