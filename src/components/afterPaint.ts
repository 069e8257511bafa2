// Resolves once the browser has painted the current frame: a page awaits it before secondary work
// (the calculator's charts) so that the primary figures repaint first, within one frame of a
// slider move, and the charts follow in the frame after. requestAnimationFrame runs just before a
// paint; the zero-delay timeout queued from it runs just after.
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
