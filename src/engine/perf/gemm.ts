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
