// The held-out runs of the whole-run track record: the same rule as the MFU rows (perf/heldOut.ts:
// FNV-1a hash of the id divisible by 3), fixed on 2026-12-01 before any layout or goodput factor
// of the run predictions was added, so no factor can have been picked to suit them. Every factor
// in runGoodput.ts is cited, not fitted; the split keeps the claim checkable as the model grows.
import {isHeldOut} from "./perf/heldOut.js";

/** True when the training run with this id is held out (perf/heldOut.ts isHeldOut). */
export function isHeldOutRun(runId: string): boolean {
  return isHeldOut(runId);
}
