/**
 * Wall-clock seconds to perform `flops` on `gpuCount` accelerators, each with dense peak
 * `peakFlopsPerSecond`, at model FLOPs utilisation `mfu` (achieved model FLOP/s ÷ peak;
 * Chowdhery et al. 2022, PaLM, Sec 4.1 and Appendix B define MFU this way).
 */
export function trainingSeconds(flops: number, gpuCount: number, peakFlopsPerSecond: number, mfu: number): number {
  if (!(flops >= 0)) throw new RangeError(`flops must be ≥ 0, got ${flops}`);
  if (!(gpuCount >= 1)) throw new RangeError(`gpuCount must be ≥ 1, got ${gpuCount}`);
  if (!(peakFlopsPerSecond > 0)) throw new RangeError(`peakFlopsPerSecond must be > 0, got ${peakFlopsPerSecond}`);
  if (!(mfu > 0 && mfu <= 1)) throw new RangeError(`mfu must be in (0, 1], got ${mfu}`);
  return flops / (gpuCount * peakFlopsPerSecond * mfu);
}
