// The held-out runs of the whole-run track record: chosen by a hash of the run id, decided before
// any goodput factor or layout was added (2026-12-01, issue 11 item 5), so no factor can have been
// picked to suit them. Every factor in runGoodput.ts is cited, not fitted; the split keeps the
// claim checkable as the model grows.

/** 32-bit FNV-1a hash of a string (Fowler, Noll, Vo; the published offset basis and prime). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** One run in three is held out: those whose id hashes to 0 mod 3. */
export function isHeldOutRun(runId: string): boolean {
  return fnv1a32(runId) % 3 === 0;
}
