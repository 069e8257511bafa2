// The MFU band behind every range, in words, from the engine's own constant (estimate.ts), so
// the prose and the ranges shown cannot drift apart.
import {DEFAULT_MFU_RANGE_FACTORS} from "../engine/estimate.js";

const percent = (factor: number): string => {
  const change = Math.round((factor - 1) * 100);
  return `${change < 0 ? "−" : "+"}${Math.abs(change)}%`;
};

/** "−35% to +10%": the band around the central MFU (capped at an MFU of 100%). */
export function mfuBandWords(factors: {low: number; high: number} = DEFAULT_MFU_RANGE_FACTORS): string {
  return `${percent(factors.low)} to ${percent(factors.high)}`;
}
