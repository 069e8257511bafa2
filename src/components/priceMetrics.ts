// Price per unit of useful compute: what an hour of a GPU buys once MFU is accounted for.
// Pure; the prices page (src/prices.md) calls it for every offering.

/** One PFLOP-hour = 10¹⁵ FLOP/s sustained for 3,600 s = 3.6 × 10¹⁸ FLOP. */
export const FLOP_PER_PFLOP_HOUR = 1e15 * 3600;

/**
 * Dollars per effective PFLOP-hour: the hourly price divided by the PFLOP-hours of model
 * arithmetic the GPU actually delivers in that hour (dense peak × MFU). Null when any input is
 * missing or out of range (no peak for the chip, MFU outside (0, 1], negative price), so a page
 * never shows NaN.
 */
export function usdPerEffectivePflopHour(usdPerGpuHour: number | null, peakFlopsPerSecond: number | null, mfu: number): number | null {
  if (usdPerGpuHour === null || peakFlopsPerSecond === null) return null;
  if (!(usdPerGpuHour >= 0) || !Number.isFinite(usdPerGpuHour)) return null;
  if (!(peakFlopsPerSecond > 0) || !Number.isFinite(peakFlopsPerSecond)) return null;
  if (!(mfu > 0 && mfu <= 1)) return null;
  const effectivePflopHoursPerGpuHour = (peakFlopsPerSecond * mfu * 3600) / FLOP_PER_PFLOP_HOUR;
  return usdPerGpuHour / effectivePflopHoursPerGpuHour;
}

/** Dollars for `flops` of model arithmetic at a price per effective PFLOP-hour. */
export function usdForFlops(flops: number, usdPerPflopHour: number): number {
  return (flops / FLOP_PER_PFLOP_HOUR) * usdPerPflopHour;
}
