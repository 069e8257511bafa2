// Which rows of data/system_mfu.csv no constant may be fitted to.
//
// The rule was fixed on 2026-12-01, before any constant of the scale model (stepTime.ts
// scale terms) was fitted and before the MegaScale, Nemotron-4 and other rows of that day were
// added: a row is held out when the 32-bit FNV-1a hash of its id is divisible by 3 (about a
// third of the rows). The hash, not a person, decides, so a row added later falls on a side by
// its id alone. No constant of the step-time model is fitted to a row of data/system_mfu.csv
// (calibration.ts and scale.ts cite where each comes from); a constant ever fitted to these
// rows may use the "fit" rows only.

/** 32-bit FNV-1a hash of a string's UTF-16 code units (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Every HELD_OUT_MODULUS-th hash bucket is held out. */
export const HELD_OUT_MODULUS = 3;

/** True when the row with this id is held out from every fit (see the rule above). */
export function isHeldOut(id: string): boolean {
  return fnv1a32(id) % HELD_OUT_MODULUS === 0;
}

export type ValidationSplit = "fit" | "held-out";

export function splitOf(id: string): ValidationSplit {
  return isHeldOut(id) ? "held-out" : "fit";
}
