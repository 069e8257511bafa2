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

