// A computed number that is not finite (JSON would print it as null) comes from an input too large
// to compute with in double precision (largest 1.8e308): find it, and name the likeliest input.

/** The first number in `value` that is not finite, with its dotted path; null when all are. */
export function nonFiniteNumber(value: unknown, path = ""): {path: string; value: number} | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : {path, value};
  if (value === null || typeof value !== "object") return null;
  for (const [key, v] of Object.entries(value)) {
    const found = nonFiniteNumber(v, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** The largest number in a JSON text and its dotted path, or null (not JSON, or no numbers). */
export function largestInput(text: string): {path: string; value: number} | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  let best: {path: string; value: number} | null = null;
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "number" && (best === null || Math.abs(v) > Math.abs(best.value))) best = {path, value: v};
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(json, "");
  return best;
}

/** One sentence: which output overflowed, and the input to check. */
export function overflowMessage(outputPath: string, value: number, inputText: string): string {
  const largest = largestInput(inputText);
  const check = largest ? `; check ${largest.path} = ${largest.value}, the input's largest number` : "";
  return `${outputPath} came out as ${value}: the input's numbers are too large to compute with (the largest a double holds is 1.8e308)${check}`;
}
