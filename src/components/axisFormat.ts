// Tick labels for log axes spanning many decades: "10²³" at exact powers of ten, nothing
// between them (Plot's default SI labels read "100Z" for 10²³ FLOP, which few readers parse).

const SUPERSCRIPT = "⁻⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 1e23 → "10²³"; values that are not a power of ten → "". */
export function powerOfTenTick(value: number): string {
  if (!(value > 0) || !Number.isFinite(value)) return "";
  const exponent = Math.round(Math.log10(value));
  if (Math.abs(value / 10 ** exponent - 1) > 1e-9) return "";
  const digits = String(exponent).replace(/[-0-9]/g, (d) => SUPERSCRIPT["-0123456789".indexOf(d)]!);
  return `10${digits}`;
}

/** Parameter or token counts at powers of ten: 1e7 → "10M", 1e9 → "1B", 1e12 → "1T"; else "". */
export function countTick(value: number): string {
  if (powerOfTenTick(value) === "") return "";
  const scales: readonly [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]];
  for (const [size, suffix] of scales) if (value >= size) return `${value / size}${suffix}`;
  return String(value);
}

/**
 * Dollar tick labels for a linear axis: "$0", "$10", "$12.5", "$1,500". A format string such as
 * "$~g" on a linear axis takes its precision from the tick step, so a narrow chart whose ticks
 * are 0 and 10 reads "$0" and "$1e+1".
 */
export function usdTick(value: number): string {
  return `$${value.toLocaleString("en-US", {maximumFractionDigits: 2})}`;
}
