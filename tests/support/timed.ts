// Tests that need an estimate's time and cost narrow it here: a run the chip cannot train in its
// number format comes back untimed (engine estimate.ts), which such a test should fail on, loudly.
import type {Estimate, TimedEstimate} from "../../src/engine/index.js";

export function timed(e: Estimate): TimedEstimate {
  if (!e.timed) throw new Error(`expected a timed estimate, got an untimed one: ${e.reasons.join(" ")}`);
  return e;
}
