// Whether a page's calculator input is the one it last drew. The calculator's figures are drawn
// from two places on a slider move (src/index.md): the slider's own `input` event, and the cells
// that Framework's runtime recomputes in the next animation frame. Both build a fresh input object
// from the same control values, so the second finds the same fields and draws nothing again.

/** True when `a` and `b` have the same own field names and each field holds the same value (Object.is: objects by identity, NaN equals NaN). */
export function sameFields(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
