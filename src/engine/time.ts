/**
 * Wall-clock seconds to perform `flops` on `gpuCount` accelerators, each with dense peak
 * `peakFlopsPerSecond`, at model FLOPs utilisation `mfu` (achieved model FLOP/s ÷ peak;
 * Chowdhery et al. 2022, PaLM, Sec 4.1 and Appendix B define MFU this way).
 */
export function trainingSeconds(flops: number, gpuCount: number, peakFlopsPerSecond: number, mfu: number): number {
  // Number.isFinite also refuses NaN; a bare `x >= 0` would let Infinity through (Infinity FLOPs
  // → Infinity s, Infinity GPUs or peak → 0 s), which is not an answer.
  if (!(Number.isFinite(flops) && flops >= 0)) throw new RangeError(`flops must be finite and ≥ 0, got ${flops}`);
  if (!(Number.isFinite(gpuCount) && gpuCount >= 1)) throw new RangeError(`gpuCount must be finite and ≥ 1, got ${gpuCount}`);
  if (!(Number.isFinite(peakFlopsPerSecond) && peakFlopsPerSecond > 0)) {
    throw new RangeError(`peakFlopsPerSecond must be finite and > 0, got ${peakFlopsPerSecond}`);
  }
  if (!(Number.isFinite(mfu) && mfu > 0 && mfu <= 1)) throw new RangeError(`mfu must be in (0, 1], got ${mfu}`);
  return flops / (gpuCount * peakFlopsPerSecond * mfu);
}
