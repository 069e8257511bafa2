// Formatting at the edge: SI values in, short human strings out (2–3 significant figures).

const SI_PREFIXES: readonly [number, string][] = [
  [1e24, "Y"], [1e21, "Z"], [1e18, "E"], [1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]
];

// One Intl.NumberFormat per number of digits: `toLocaleString` with options builds a new one on
// every call, which made formatting the largest part of a calculator repaint (a CPU profile of a
// slider drag: sig alone took ~5 ms a move, mostly in chart tick labels).
const sigFormats = new Map<number, Intl.NumberFormat>();
const sigFormat = (digits: number): Intl.NumberFormat => {
  let format = sigFormats.get(digits);
  if (format === undefined) sigFormats.set(digits, (format = new Intl.NumberFormat("en-US", {maximumFractionDigits: 20, maximumSignificantDigits: digits})));
  return format;
};

const groupedFormat = new Intl.NumberFormat("en-US");

/**
 * A count with thousands separators, as `n.toLocaleString("en-US")` writes it (4096 → "4,096"),
 * from one shared Intl.NumberFormat: toLocaleString builds a formatter on every call, and the
 * calculator's GPU-count charts label some 70 points a move (a drag's CPU profile: ~3 ms a move).
 */
export function grouped(n: number): string {
  return groupedFormat.format(n);
}

/** Three significant figures without trailing zeros: 1234 → "1,230", 0.01234 → "0.0123". */
export function sig(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const rounded = Number(value.toPrecision(digits));
  return sigFormat(digits).format(rounded);
}

/** 3.1e23 FLOP → "3.1 × 10²³ FLOP" style scientific notation for huge counts. */
export function scientific(value: number, unit = ""): string {
  if (!Number.isFinite(value)) return "—";
  if (value === 0) return `0${unit ? ` ${unit}` : ""}`;
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = value / 10 ** exponent;
  const superscript = String(exponent).replace(/[-0-9]/g, (d) => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"["-0123456789".indexOf(d)]!);
  return `${sig(mantissa, 2)} × 10${superscript}${unit ? ` ${unit}` : ""}`;
}

/** SI-prefixed value: 3.2e15 FLOP/s with unit "FLOP/s" → "3.2 PFLOP/s". */
export function siPrefixed(value: number, unit: string, digits = 3): string {
  if (!Number.isFinite(value)) return "—";
  for (const [factor, prefix] of SI_PREFIXES) {
    if (Math.abs(value) >= factor) return `${sig(value / factor, digits)} ${prefix}${unit}`;
  }
  return `${sig(value, digits)} ${unit}`;
}

/** Seconds → the largest sensible unit: "36 s", "4.2 h", "12 days", "3.4 years". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  const units: readonly [number, string][] = [[365.25 * 86_400, "years"], [86_400, "days"], [3600, "h"], [60, "min"]];
  for (const [size, name] of units) if (Math.abs(seconds) >= size) return `${sig(seconds / size)} ${name}`;
  return `${sig(seconds)} s`;
}

/** USD → "$4.6M", "$672", "$1.2B". */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const scales: readonly [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]];
  for (const [size, suffix] of scales) if (Math.abs(value) >= size) return `$${sig(value / size)}${suffix}`;
  return `$${sig(value)}`;
}

/** A count with its noun, singular for exactly one as printed: (1, "GPU") → "1 GPU", (4096, "GPU") → "4,096 GPUs", (1, "epoch", sig) → "1 epoch". */
export function plural(count: number, noun: string, format: (n: number) => string = (n) => n.toLocaleString("en-US"), many = `${noun}s`): string {
  const text = format(count);
  return `${text} ${text === "1" ? noun : many}`;
}

/** A name with its indefinite article, by the sound of its first letter: "an Intel Gaudi 3", "a TPU v4", "an H100" (letter names that start with a vowel sound). */
export function withArticle(name: string): string {
  const vowelSound = /^[aeiou]/i.test(name) || /^[FHLMNRSX](?:[0-9A-Z\s-]|$)/.test(name);
  return `${vowelSound ? "an" : "a"} ${name}`;
}

/** "+4.1%" / "−12%": a relative difference with a real minus sign, 2 significant figures. */
export function signedPercent(x: number): string {
  const v = sig(Math.abs(x) * 100, 2);
  return `${x >= 0 ? "+" : "−"}${v}%`;
}
