// Typed URL parameters, the pure half: parse `location.search` against a page's declared
// parameters, clamp or refuse every bad value, and serialize values back. No DOM here, so Node
// tests (tests/components/urlParams.test.ts) exercise every rule; src/components/urlState.ts
// adds the notice element, the Inputs bindings and history.replaceState.

/** A number with a closed range. Values outside it are clamped; non-numbers are refused. */
export interface NumberParam {
  kind: "number";
  min: number;
  max: number;
  /** Values snap to min + k × step (as Inputs.range does). Omit for any value in range. */
  step?: number;
  default: number;
}

/** One of a fixed list of strings (a unit, a precision, a view mode). */
export interface EnumParam<V extends string = string> {
  kind: "enum";
  values: readonly V[];
  default: V;
}

/** One id from a known set, typically a dataset's key column (a GPU id, a model id). */
export interface IdParam {
  kind: "id";
  ids: readonly string[];
  default: string;
}

export interface BooleanParam {
  kind: "boolean";
  default: boolean;
}

/** Free text with a length limit (an editable SQL query). Shown only as text, never as HTML. */
export interface TextParam {
  kind: "text";
  maxLength: number;
  default: string;
}

/**
 * Options every kind of parameter takes. `withOthers`: written whenever any other parameter of
 * the page is, even at its default — for a value the page derives from the others when the
 * address lacks it (the calculator's layout follows the model and accelerators), so that a shared
 * address that says anything also says this, and loads as it was seen.
 */
export interface ParamOptions {
  withOthers?: boolean;
}

export type ParamSpec = (NumberParam | EnumParam | IdParam | BooleanParam | TextParam) & ParamOptions;
export type ParamSpecs = Record<string, ParamSpec>;

export type ParamValue<S extends ParamSpec> =
  S extends NumberParam ? number :
  S extends BooleanParam ? boolean :
  S extends EnumParam<infer V> ? V :
  string;

export type ParamValues<S extends ParamSpecs> = {[K in keyof S]: ParamValue<S[K]>};

export interface ParseResult<S extends ParamSpecs> {
  values: ParamValues<S>;
  /** One human sentence per problem, in URL order; empty when the URL was fine. */
  messages: string[];
}

/** At most this many unknown keys are named in messages; the rest are counted. */
const MAX_NAMED_UNKNOWN = 3;
/** User text quoted in a message is cut to this many characters. */
const MAX_QUOTED = 40;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE_WORDS = new Set(["1", "true", "yes", "on"]);
const FALSE_WORDS = new Set(["0", "false", "no", "off"]);

/** Quotes user text for a message: control characters dropped, cut to MAX_QUOTED characters. */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  const chars = Array.from(clean);
  return `“${chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED).join("")}…` : clean}”`;
}

/** A number for messages: up to 6 significant figures, no exponent noise for ordinary values. */
function show(value: number): string {
  return Number(value.toPrecision(6)).toLocaleString("en-US", {maximumFractionDigits: 6});
}

/** Snaps to the step grid and clamps into [min, max]; the result is always finite and in range. */
export function snapNumber(spec: NumberParam, value: number): number {
  const {min, max, step} = spec;
  let v = Math.min(max, Math.max(min, value));
  if (step !== undefined && step > 0) {
    v = min + Math.round((v - min) / step) * step;
    v = Number(v.toPrecision(12)); // 0.1 + 0.2 → 0.3, not 0.30000000000000004
    if (v > max) v -= step;
    v = Math.min(max, Math.max(min, v));
  }
  return v;
}

type Coerced<T> = {ok: true; value: T; message?: string} | {ok: false; message: string};

/** Reads one raw string as the declared kind: a value (maybe with a clamping note) or a refusal. */
export function coerce<S extends ParamSpec>(key: string, spec: S, raw: string): Coerced<ParamValue<S>> {
  const result = coerceAny(key, spec, raw);
  return result as Coerced<ParamValue<S>>;
}

/**
 * How a message names a setting: by the label the reader sees beside its control when the page
 * has one (`names`), with the address's key in brackets; by the key alone otherwise.
 */
export function settingName(key: string, names: Readonly<Record<string, string>> = {}): string {
  const label = names[key]?.trim();
  return label ? `${label} (${quote(key)} in the address)` : quote(key);
}

/** How a message names a choice: as its control shows it (`formats`), with the address's value in brackets; the value alone otherwise. */
export function choiceName(key: string, value: string, formats: Readonly<Record<string, (value: string) => unknown>> = {}): string {
  const shown = formats[key]?.(value);
  return typeof shown === "string" && shown.trim() && shown.trim() !== value ? `${shown.trim()} (${quote(value)})` : quote(value);
}

function coerceAny(key: string, spec: ParamSpec, raw: string, names?: Readonly<Record<string, string>>, formats?: Readonly<Record<string, (value: string) => unknown>>): Coerced<number | boolean | string> {
  const name = settingName(key, names);
  switch (spec.kind) {
    case "number": {
      const text = raw.trim();
      if (!DECIMAL.test(text)) {
        return {ok: false, message: `${name} must be a number from ${show(spec.min)} to ${show(spec.max)}; ${text === "" ? "it was empty" : `${quote(raw)} is not one`}. Using ${show(spec.default)}.`};
      }
      const parsed = Number(text);
      const snapped = snapNumber(spec, parsed);
      if (parsed < spec.min || parsed > spec.max) {
        return {ok: true, value: snapped, message: `${name} must be from ${show(spec.min)} to ${show(spec.max)}; ${quote(text)} is out of range, so it was set to ${show(snapped)}.`};
      }
      return {ok: true, value: snapped};
    }
    case "enum":
    case "id": {
      const allowed = spec.kind === "enum" ? spec.values : spec.ids;
      if (allowed.includes(raw)) return {ok: true, value: raw};
      const folded = raw.trim().toLowerCase();
      const match = allowed.find((v) => v.toLowerCase() === folded);
      if (match !== undefined) return {ok: true, value: match};
      const choices = allowed.length <= 8 ? `one of ${allowed.map((v) => quote(v)).join(", ")}` : `one of ${allowed.length} known ids`;
      return {ok: false, message: `${name} must be ${choices}; ${raw === "" ? "it was empty" : `${quote(raw)} is not`}. Using ${choiceName(key, spec.default, formats)}.`};
    }
    case "boolean": {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return {ok: true, value: true};
      if (FALSE_WORDS.has(word)) return {ok: true, value: false};
      return {ok: false, message: `${name} must be true or false; ${raw === "" ? "it was empty" : `${quote(raw)} is neither`}. Using ${spec.default}.`};
    }
    case "text": {
      if (raw.length > spec.maxLength) {
        return {ok: false, message: `${name} is ${raw.length.toLocaleString("en-US")} characters long; the limit is ${spec.maxLength.toLocaleString("en-US")}. Using the default.`};
      }
      return {ok: true, value: raw};
    }
  }
}

/** The declared defaults, as a fresh object. */
export function defaults<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) values[key] = spec.default;
  return values as ParamValues<S>;
}

/**
 * Parses a query string (with or without the leading "?") against the declared parameters.
 * Never throws; every value in the result has the declared type and lies in range.
 * Repeated keys use the first occurrence; unknown keys are ignored. Both are reported.
 * `ignore` lists keys another component on the page owns: they are neither read nor reported.
 * `names` gives settings the labels readers see, for the messages (see settingName); `formats`
 * how their selects show a choice, for the value a refused one falls back to (see choiceName).
 */
export function parseParams<S extends ParamSpecs>(specs: S, search: string, options: {ignore?: readonly string[]; names?: Readonly<Record<string, string>>; formats?: Readonly<Record<string, (value: string) => unknown>>} = {}): ParseResult<S> {
  const values: Record<string, unknown> = defaults(specs);
  const messages: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return {values: values as ParamValues<S>, messages: ["The address's parameters could not be read; using the defaults."]};
  }
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  const ignore = new Set(options.ignore ?? []);
  for (const [key, raw] of params) {
    if (ignore.has(key)) continue;
    if (!Object.hasOwn(specs, key)) {
      if (!unknown.includes(key)) unknown.push(key);
      continue;
    }
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) continue;
    const result = coerceAny(key, specs[key]!, raw, options.names, options.formats);
    if (result.ok) values[key] = result.value;
    if (result.message !== undefined) messages.push(result.message);
  }
  for (const [key, count] of seen) {
    if (count > 1) messages.push(`${settingName(key, options.names)} appeared ${count} times; only the first was used.`);
  }
  if (unknown.length > 0) {
    const named = unknown.slice(0, MAX_NAMED_UNKNOWN).map((k) => quote(k)).join(", ");
    const more = unknown.length > MAX_NAMED_UNKNOWN ? ` and ${unknown.length - MAX_NAMED_UNKNOWN} more` : "";
    messages.push(`This page has no setting called ${named}${more}; ${unknown.length === 1 ? "it was" : "they were"} ignored.`);
  }
  return {values: values as ParamValues<S>, messages};
}

/** The string a value is written as in the URL. */
export function formatValue(spec: ParamSpec, value: unknown): string {
  if (spec.kind === "boolean") return value ? "true" : "false";
  // A log-scale slider's value is exp(log(x)): 100000 comes back as 99999.9999999972. Twelve
  // significant figures drop that float noise and keep every value a slider can set.
  if (spec.kind === "number" && typeof value === "number" && Number.isFinite(value)) return String(Number(value.toPrecision(12)));
  return String(value);
}

/**
 * Writes the declared parameters into `search` (which may hold other keys: they are kept).
 * Values equal to their default are removed, so the plain page has a plain address — except a
 * `withOthers` parameter while any other parameter is written.
 * Returns the query string with a leading "?" or "" when empty.
 */
export function serializeParams<S extends ParamSpecs>(specs: S, values: Partial<ParamValues<S>>, search = ""): string {
  const params = new URLSearchParams(search);
  const isSet = (key: string, spec: ParamSpec): boolean => {
    const value = (values as Record<string, unknown>)[key];
    return key in values && value !== undefined && value !== spec.default;
  };
  const others = Object.entries(specs).some(([key, spec]) => !spec.withOthers && isSet(key, spec));
  for (const [key, spec] of Object.entries(specs)) {
    if (!(key in values)) continue;
    const value = (values as Record<string, unknown>)[key];
    params.delete(key);
    if (value === undefined || (value === spec.default && !(spec.withOthers && others))) continue;
    params.set(key, formatValue(spec, value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
