// Resolves once the browser has painted the current frame: a page awaits it before secondary work
// (the calculator's charts) so that the primary figures repaint first, within one frame of a
// slider move, and the charts follow in the frame after. requestAnimationFrame runs just before a
// paint; the zero-delay timeout queued from it runs just after.
//
// Given the cell's `invalidation` promise, it never resolves for a run that a newer input has
// already replaced, so a fast drag does not compute charts nobody will see.
export function afterPaint(invalidation?: Promise<unknown>): Promise<void> {
  let superseded = false;
  void invalidation?.then(() => {
    superseded = true;
  });
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => superseded || resolve(), 0)));
}

/**
 * Resolves once the reader pauses: after the next paint and then `delayMs` without a newer run
 * (the cell's `invalidation`). Work too heavy for every frame of a drag (the calculator's
 * GPU-count sweep runs the calculator at some 35 counts) waits for it, so that it does not hold
 * up the next move's figures; it never resolves for a run replaced in the meantime.
 */
export function afterInputPause(invalidation: Promise<unknown> | undefined, delayMs: number): Promise<void> {
  let superseded = false;
  void invalidation?.then(() => {
    superseded = true;
  });
  return afterPaint(invalidation).then(() => new Promise<void>((resolve) => setTimeout(() => superseded || resolve(), delayMs)));
}
