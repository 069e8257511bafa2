// A check, not a constant: the share of their isolated measured rate that the "megatron-tuned"
// stack's matmuls would need to fit NVIDIA's published tuned benchmarks, fitted on the fit side of
// heldOut.ts only. It matches the production rate within 2% (calibration.ts
// tunedStackMatmulEfficiency), so the production rate is used and nothing is fitted.
import type {GpuSpec} from "../types.js";
import {goldenSectionMinimum} from "../minimize.js";
import {validateSystemMfu} from "./validation.js";
import type {MfuValidationRow, SystemMfuRow} from "./validation.js";

/** Rows of data/system_mfu.csv that ran the tuned stack (NVIDIA's performance recipes). */
export function tunedStackRows(rows: readonly SystemMfuRow[]): SystemMfuRow[] {
  return rows.filter((r) => r.stack === "megatron-tuned");
}

export interface TunedFit {
  /** The least-squares share of the isolated rate (to 1e-4). */
  fraction: number;
  /** Fit-side rows the fit used (compared, not held out). */
  fitRows: number;
  /** Root-mean-square error on the fit rows at the fitted share, MFU points. */
  rmsPoints: number;
}

const SHARE_LOW = 0.5;
const SHARE_HIGH = 1.0;
/** The fit stops when the bracket is narrower than this share. */
const SHARE_TOLERANCE = 1e-4;

/** Sum of squared MFU errors (points²) of the compared fit-side rows at `share`. */
function fitError(rows: readonly SystemMfuRow[], gpus: readonly GpuSpec[], share: number): {sse: number; n: number} {
  const table: MfuValidationRow[] = validateSystemMfu(rows, gpus, {tunedStackFraction: share});
  const fit = table.filter((r) => r.status === "compared" && r.split === "fit");
  return {sse: fit.reduce((sum, r) => sum + (r.errorPoints as number) ** 2, 0), n: fit.length};
}

/**
 * Golden-section search over 0.5–1.0 for the share minimising the fit rows' squared MFU error
 * (predicted MFU falls smoothly as the share falls, so the error has one minimum there).
 */
export function fitTunedStackFraction(rows: readonly SystemMfuRow[], gpus: readonly GpuSpec[]): TunedFit {
  const tuned = tunedStackRows(rows);
  const share = goldenSectionMinimum((x) => fitError(tuned, gpus, x).sse, SHARE_LOW, SHARE_HIGH, {tolerance: SHARE_TOLERANCE});
  const at = fitError(tuned, gpus, share);
  if (at.n === 0) throw new Error("no compared fit-side row of the megatron-tuned stack to fit");
  return {fraction: share, fitRows: at.n, rmsPoints: Math.sqrt(at.sse / at.n)};
}
