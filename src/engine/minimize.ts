// One-dimensional minimisation for the engine's searches over a single unknown.

/**
 * Golden-section search for the minimum of `f` on [lo, hi], where `f` has one minimum there
 * (unimodal). Each step keeps one of the two inner points and evaluates one new point; the search
 * stops after `maxSteps` steps or once the bracket is narrower than `tolerance`, and returns its
 * midpoint.
 */
export function goldenSectionMinimum(f: (x: number) => number, lo: number, hi: number, stop: {maxSteps?: number; tolerance?: number}): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  const maxSteps = stop.maxSteps ?? Number.POSITIVE_INFINITY;
  const tolerance = stop.tolerance ?? 0;
  if (!Number.isFinite(maxSteps) && !(tolerance > 0)) throw new RangeError("goldenSectionMinimum needs maxSteps or a tolerance > 0");
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let step = 0; step < maxSteps && hi - lo > tolerance; step++) {
    if (f1 <= f2) {
      hi = x2; x2 = x1; f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1; x1 = x2; f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = f(x2);
    }
  }
  return (lo + hi) / 2;
}
