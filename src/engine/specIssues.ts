// zod's issues in words a reader can act on: each names what was found and what is allowed
// ("hardware.count: expected a number, got the string "8""; "unknown field "modle" (did you mean
// "model"?)"). Messages only: what the schema accepts is specSchema.ts's. Messages the schema sets
// itself ("expected a whole number ≥ 1") are kept; zod's defaults ("Required", "Unrecognized
// key(s) in object", "Invalid enum value") are rewritten.
import type {ZodIssue, ZodTypeAny} from "zod";
import type {SpecIssue} from "./specLayout.js";

/** A JSON value named for a message: `the string "8"`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") return "an object";
  return typeof value;
}

/** Edit distance with adjacent transpositions ("modle" → "model" is 1), for near-miss suggestions. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known names closest to `name`: case-insensitive equal, then those that start with it (a
 * GPU id without its memory suffix, "h100"), then those within an edit distance of a third of its
 * length (typos, "modle"). Empty when nothing is close.
 */
export function nearestNames(name: string, known: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const same = known.filter((k) => k.toLowerCase() === lower);
  if (same.length > 0) return same;
  const prefixed = lower.length >= 2 ? known.filter((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase())) : [];
  if (prefixed.length > 0) return prefixed;
  const limit = Math.max(1, Math.floor(lower.length / 3));
  const scored = known.map((k) => ({k, d: editDistance(lower, k.toLowerCase())})).filter(({d}) => d <= limit);
  const best = Math.min(...scored.map(({d}) => d));
  return scored.filter(({d}) => d === best).map(({k}) => k);
}

/** ` (did you mean "a" or "b"?)`, or "" when nothing is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const near = nearestNames(name, known);
  if (near.length === 0) return "";
  const quoted = near.map((n) => `"${n}"`);
  return ` (did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`}?)`;
}

const orList = (values: readonly unknown[]) => {
  const quoted = values.map((v) => (typeof v === "string" ? `"${v}"` : String(v)));
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
};

/** The value at `path` inside `input`, or undefined. */
function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/**
 * What a failed check expected, in words, without what was found (for a caller that shows the
 * found value itself, as a CSV cell's "found "fp4""): `expected "fp32", "bf16" or "fp8"`,
 * `expected a number ≥ 2017`. A message the schema sets itself is kept.
 */
export function expectedInWords(issue: ZodIssue): string {
  switch (issue.code) {
    case "invalid_enum_value":
      return `expected ${orList(issue.options)}`;
    case "too_small":
    case "too_big": {
      if (issue.message !== "" && !issue.message.startsWith("Number must") && !issue.message.startsWith("String must") && !issue.message.startsWith("Array must")) return issue.message;
      const bound = issue.code === "too_small" ? `${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}` : `${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
      return `expected a number ${bound}`;
    }
    case "invalid_type":
      return `expected ${expectedType(issue.expected)}`;
    default:
      return issue.message;
  }
}

/** The field names an object schema allows at `path` (for "did you mean"), from the issue's own input. */
export type KnownKeys = (path: readonly (string | number)[]) => readonly string[];

/** One zod issue of parsing `input`, in words. */
export function issueInWords(issue: ZodIssue, input: unknown, knownKeys: KnownKeys): SpecIssue {
  const path = issue.path.join(".");
  const found = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (issue.received === "undefined") return {path, message: `missing (required: ${expectedType(issue.expected)})`};
      if (path === "") return {path, message: `expected a JSON object (the spec), got ${describeValue(found)}`};
      const hint = issue.expected === "number" && typeof found === "string" && found.trim() !== "" && Number.isFinite(Number(found)) ? ` (write ${found.trim()} without quotes)` : "";
      return {path, message: `expected ${expectedType(issue.expected)}, got ${describeValue(found)}${hint}`};
    }
    case "unrecognized_keys": {
      const known = knownKeys(issue.path);
      const words = issue.keys.map((k) => `"${k}"${didYouMean(k, known)}`);
      return {path, message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${words.join(", ")}; the fields here are ${known.join(", ")}`};
    }
    case "invalid_enum_value":
      return {path, message: `expected ${orList(issue.options)}, got ${describeValue(found)}${typeof found === "string" ? didYouMean(found, issue.options.map(String)) : ""}`};
    case "too_small":
      if (issue.message !== "" && !issue.message.startsWith("Number must") && !issue.message.startsWith("Array must")) return {path, message: issue.message};
      return {path, message: issue.type === "array" ? "expected at least one value" : `expected a number ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}, got ${describeValue(found)}`};
    case "too_big":
      if (issue.message !== "" && !issue.message.startsWith("Number must") && !issue.message.startsWith("Array must")) return {path, message: issue.message};
      return {path, message: `expected a number ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}, got ${describeValue(found)}`};
    case "invalid_literal":
      return {path, message: `expected ${describeValue(issue.expected)}, got ${describeValue(found)}`};
    case "invalid_union": {
      // A union of literals (zeroStage 0 | 1 | 2 | 3) without its own message: list the literals.
      const literals = issue.unionErrors.flatMap((e) => e.issues.flatMap((i) => (i.code === "invalid_literal" ? [i.expected] : [])));
      const message = issue.message === "Invalid input" && literals.length === issue.unionErrors.length ? `expected ${orList(literals)}` : issue.message;
      return {path, message: found === undefined ? message : `${message}, got ${describeValue(found)}`};
    }
    default:
      return {path, message: issue.message};
  }
}

/** The field names of the object schema at `path` inside `schema` (through optional and effects wrappers). */
export function objectKeysAt(schema: ZodTypeAny, path: readonly (string | number)[]): string[] {
  let s: ZodTypeAny | undefined = schema;
  const unwrap = (x: ZodTypeAny): ZodTypeAny => {
    const def = x._def as {typeName?: string; innerType?: ZodTypeAny; schema?: ZodTypeAny};
    if ((def.typeName === "ZodOptional" || def.typeName === "ZodNullable" || def.typeName === "ZodDefault") && def.innerType) return unwrap(def.innerType);
    if (def.typeName === "ZodEffects" && def.schema) return unwrap(def.schema);
    return x;
  };
  for (const key of path) {
    if (s === undefined) return [];
    const inner = unwrap(s) as ZodTypeAny & {shape?: Record<string, ZodTypeAny>};
    s = inner.shape?.[String(key)];
  }
  if (s === undefined) return [];
  const shape = (unwrap(s) as ZodTypeAny & {shape?: Record<string, ZodTypeAny>}).shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * Every issue of a failed parse of `input` against `schema`, in words. A missing field with a
 * misspelt one beside it ("modle" for "model") is one issue, the misspelling, not two.
 */
export function issuesInWords(issues: readonly ZodIssue[], input: unknown, schema: ZodTypeAny): SpecIssue[] {
  const misspelt = new Set<string>();
  for (const i of issues) {
    if (i.code !== "unrecognized_keys") continue;
    const known = objectKeysAt(schema, i.path);
    for (const key of i.keys) for (const near of nearestNames(key, known)) misspelt.add([...i.path, near].join("."));
  }
  return issues
    .filter((i) => !(i.code === "invalid_type" && i.received === "undefined" && misspelt.has(i.path.join("."))))
    .map((i) => issueInWords(i, input, (path) => objectKeysAt(schema, path)));
}

function expectedType(type: string): string {
  // zod writes an enum's values as 'a' | 'b'.
  if (type.includes("' | '")) return orList(type.split(" | ").map((t) => t.replace(/^'|'$/g, "")));
  switch (type) {
    case "integer": return "a whole number";
    case "number": return "a number";
    case "string": return "a string";
    case "boolean": return "true or false";
    case "object": return "an object";
    case "array": return "an array";
    default: return type;
  }
}
