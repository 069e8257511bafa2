// Drawing that waits while nobody can see it. A slider move on the calculator redraws every
// output, and the step chart and the cost/days curves sit below the result cards: with the slider
// in view they are usually off screen, yet patching them was a third of a move's script and much of
// its layout (docs/benchmarks.md, "Off-screen outputs catch up"). `run(draw)` draws at once the
// first time (nothing is left empty), before the browser has said where the watched elements are,
// and while any of them is within `marginPx` of the view; otherwise it keeps only the newest
// drawing and runs it as soon as one of them comes within the margin, or once `restMs` pass without
// a newer one (a drag that pauses), so an output is never stale for longer than a pause while off
// screen, and is drawn before it scrolls into view. Where IntersectionObserver does not exist
// (Node) every drawing runs at once.

export interface OffscreenDeferral {
  /** Runs `draw` now if the watched elements are near the view, else keeps it (replacing any kept one). */
  run(draw: () => void): void;
  /** Runs the kept drawing, if any, now. */
  flush(): void;
}

export interface OffscreenDeferralOptions {
  /** How far outside the view, in CSS pixels above and below, still counts as in view (drawn at once). */
  marginPx?: number;
  /** How long after the last kept drawing it runs anyway, in milliseconds. */
  restMs?: number;
  /** Stops watching once this settles (a page cell's `invalidation`). */
  invalidation?: Promise<unknown>;
}

export function offscreenDeferral(elements: readonly Element[], options: OffscreenDeferralOptions = {}): OffscreenDeferral {
  const marginPx = options.marginPx ?? 200;
  const restMs = options.restMs ?? 100;
  let kept: (() => void) | null = null;
  let drawnOnce = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Unknown until the observer's first report: drawn at once meanwhile.
  const near = new Map<Element, boolean>();
  const nearView = () => near.size < elements.length || [...near.values()].some(Boolean);
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const draw = kept;
    kept = null;
    if (draw === null) return;
    drawnOnce = true;
    draw();
  };
  if (typeof IntersectionObserver === "undefined") {
    return {run: (draw) => draw(), flush};
  }
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) near.set(entry.target, entry.isIntersecting);
    if (kept !== null && nearView()) flush();
  }, {rootMargin: `${marginPx}px 0px`});
  for (const element of elements) observer.observe(element);
  void options.invalidation?.then(() => {
    observer.disconnect();
    flush();
  });
  return {
    run(draw) {
      kept = draw;
      if (!drawnOnce || nearView()) {
        flush();
        return;
      }
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, restMs);
    },
    flush
  };
}
