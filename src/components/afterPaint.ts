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
