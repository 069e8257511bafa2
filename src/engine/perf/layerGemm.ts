// Whole-layer matmul rates from measured tensor-parallel layer matmuls (data/gpu_layer_gemm.csv):
// a decoder layer's twelve matmuls (four products × forward, input gradient, weight gradient) run
// back to back, so the layer's rate is total FLOPs ÷ total seconds, not the mean of the rates.

/** One measured matmul of gpu_layer_gemm.csv (the columns this module reads). */
export interface LayerMatmulRow {
  model: string;
  tp: number;
  tokens: number;
  m: number;
  n: number;
  k: number;
  seconds: number;
}

/** One layer's matmuls together: FLOPs, seconds and the share of `peakFlopsPerSecond` reached. */
export interface LayerMatmulShare {
  model: string;
  tp: number;
  tokens: number;
  matmuls: number;
  flops: number;
  seconds: number;
  shareOfPeak: number;
}

/** Groups rows by (model, tp, tokens) and sums each group's FLOPs (2·m·n·k) and seconds. */
export function layerMatmulShares(rows: readonly LayerMatmulRow[], peakFlopsPerSecond: number): LayerMatmulShare[] {
  const groups = new Map<string, LayerMatmulShare>();
  for (const r of rows) {
    const key = `${r.model}|${r.tp}|${r.tokens}`;
    const g = groups.get(key) ?? {model: r.model, tp: r.tp, tokens: r.tokens, matmuls: 0, flops: 0, seconds: 0, shareOfPeak: 0};
    g.matmuls += 1;
    g.flops += 2 * r.m * r.n * r.k;
    g.seconds += r.seconds;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({...g, shareOfPeak: g.flops / g.seconds / peakFlopsPerSecond}));
}
