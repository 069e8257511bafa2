// Resolves once the browser has painted the current frame: a page awaits it before secondary work
// (the calculator's GPU-count sweep) so that the primary figures repaint first. requestAnimationFrame
// runs just before a paint; the zero-delay timeout queued from it runs just after.
//
// Given the cell's `invalidation` promise, a run that a newer input replaces is *rejected* with
// Superseded as soon as it is replaced, so a fast drag does not compute work nobody will see. It
// must settle, not hang: Observable's runtime starts a cell's next run only once the previous
// run's promise has settled (runtime.js variable_compute: "Wait for the previous definition to
// compute before recomputing"), and it ignores the rejection of a run it has replaced. A promise
// left pending for ever held the cell at its old output (the state sweep's stale "$10M" on /).

/** The reason a replaced run stops waiting; the runtime drops it (the run is stale). */
export class Superseded extends Error {
  constructor() {
    super("superseded by a newer run of the cell");
    this.name = "Superseded";
  }
}

/** A promise that rejects with Superseded once `invalidation` resolves (never, without one). */
function onInvalidation(invalidation: Promise<unknown> | undefined): Promise<never> {
  return new Promise<never>((_, reject) => void invalidation?.then(() => reject(new Superseded())));
}

export function afterPaint(invalidation?: Promise<unknown>): Promise<void> {
  const painted = new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return Promise.race([painted, onInvalidation(invalidation)]);
}

/**
 * Resolves once the reader pauses: after the next paint and then `delayMs` without a newer run
 * (the cell's `invalidation`). Work too heavy for every frame of a drag (the calculator's
 * GPU-count sweep runs the calculator at some 35 counts) waits for it, so that it does not hold
 * up the next move's figures; a run replaced in the meantime is rejected with Superseded.
 */
export function afterInputPause(invalidation: Promise<unknown> | undefined, delayMs: number): Promise<void> {
  const rested = afterPaint().then(() => new Promise<void>((resolve) => setTimeout(resolve, delayMs)));
  return Promise.race([rested, onInvalidation(invalidation)]);
}
