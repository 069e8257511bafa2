// A reader's calibration: the step-time model's efficiency factors fitted to their own measured
// steps (fit.ts), as a small typed object that can travel in the address (encodeCalibration), be
// downloaded and read back as JSON (parseCalibration), and be applied to any prediction
// (calibrationOverridesFor → PerfOptions.calibration, estimate's `calibration` option).
import {describeValue, didYouMean} from "../specIssues.js";
import type {Precision} from "../types.js";
import type {CalibrationOverrides} from "../perf/layerCost.js";
import {MEMORY_BOUND_OVERHEAD_RANGE} from "./bounds.js";
import {STACK_EXPECTED, STACK_NAMES} from "../stack.js";
import type {Calibration, CalibrationEntry} from "./calibrationSchema.js";

/**
 * The matmul type a precision regime runs its matmuls in: fp32 (TF32 off), bf16 (amp-bf16 and
 * bf16-master-fp32 run the same bf16 matmuls, calibration.ts peakFlopsForPrecision) or fp8.
 * fp16-master-fp32 shares the bf16 entry: 16-bit tensor-core matmuls, which run at the same dense
 * peak in FP16 and BF16 on every chip data/gpus.csv lists both for (A100, H100, H200, B200, MI300X).
 */
export type MatmulPrecision = "fp32" | "bf16" | "fp8";

export function matmulPrecisionOf(precision: Precision): MatmulPrecision {
  return precision === "fp32" ? "fp32" : precision === "fp8" ? "fp8" : "bf16";
}

export {MEMORY_BOUND_OVERHEAD_RANGE} from "./bounds.js";
export type {Calibration, CalibrationEntry} from "./calibrationSchema.js";

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const STACKS: readonly unknown[] = STACK_NAMES;
const MATMUL_PRECISIONS: readonly unknown[] = ["fp32", "bf16", "fp8"];
const ENTRY_KEYS = ["gpu", "stack", "precision", "matmulEfficiency", "memoryBoundOverhead", "communicationEfficiency"];

/** Every problem of `input` as a calibration file (calibrationSchema.ts's rules, checked without zod). */
export function calibrationIssues(input: unknown): string[] {
  const issues: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const strict = (v: Record<string, unknown>, keys: readonly string[], path: string) => {
    const extra = Object.keys(v).filter((k) => !keys.includes(k));
    if (extra.length > 0) issues.push(`${path}: unknown field${extra.length > 1 ? "s" : ""} ${extra.map((k) => `"${k}"${didYouMean(k, keys)}`).join(", ")}; the fields here are ${keys.join(", ")}`);
  };
  if (!isObject(input)) return [`(top): expected an object {"version": 1, "entries": [...]}, got ${describeValue(input)}`];
  if (input.version !== 1) issues.push("version: expected version 1");
  strict(input, ["version", "entries"], "(top)");
  const entries = input.entries;
  if (!Array.isArray(entries)) return [...issues, "entries: expected an array"];
  if (entries.length < 1) issues.push("entries: expected at least one entry");
  if (entries.length > 64) issues.push("entries: expected at most 64 entries");
  entries.forEach((e, i) => {
    const at = `entries.${i}`;
    if (!isObject(e)) return void issues.push(`${at}: expected an object`);
    strict(e, ENTRY_KEYS, at);
    if (typeof e.gpu !== "string" || !SLUG.test(e.gpu)) issues.push(`${at}.gpu: expected lower-case letters, digits and hyphens`);
    if (e.stack !== null && !STACKS.includes(e.stack)) issues.push(`${at}.stack: ${STACK_EXPECTED}`);
    if (!MATMUL_PRECISIONS.includes(e.precision)) issues.push(`${at}.precision: expected "fp32", "bf16" or "fp8", got ${describeValue(e.precision)}`);
    const factor = (key: string, ok: (x: number) => boolean, message: string) => {
      const v = e[key];
      if (v === null) return;
      if (typeof v !== "number" || Number.isNaN(v)) issues.push(`${at}.${key}: expected a number`);
      else if (!ok(v)) issues.push(`${at}.${key}: ${message}`);
    };
    const fraction = (x: number) => x > 0 && x <= 1;
    factor("matmulEfficiency", fraction, "expected a fraction in (0, 1]");
    factor("memoryBoundOverhead", (x) => x >= MEMORY_BOUND_OVERHEAD_RANGE.min, `expected a multiplier ≥ ${MEMORY_BOUND_OVERHEAD_RANGE.min}`);
    factor("memoryBoundOverhead", (x) => x <= MEMORY_BOUND_OVERHEAD_RANGE.max, `expected a multiplier ≤ ${MEMORY_BOUND_OVERHEAD_RANGE.max}`);
    factor("communicationEfficiency", fraction, "expected a fraction in (0, 1]");
  });
  return issues;
}

/** A calibration file or address that cannot be read; the message says where and why. */
export class CalibrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalibrationError";
  }
}

/** Any JSON value (a downloaded calibration) to a Calibration, or a CalibrationError listing the problems. */
export function parseCalibration(input: unknown): Calibration {
  const issues = calibrationIssues(input);
  if (issues.length > 0) throw new CalibrationError(`invalid calibration: ${issues.join("; ")}`);
  const calibration = input as Calibration;
  const seen = new Set<string>();
  for (const e of calibration.entries) {
    const key = `${e.gpu}|${e.stack}|${e.precision}`;
    if (seen.has(key)) throw new CalibrationError(`invalid calibration: two entries for ${e.gpu}, stack ${e.stack ?? "(none)"}, ${e.precision}`);
    seen.add(key);
  }
  return calibration;
}

/**
 * The entry that applies to a prediction on `gpuId` in `precision` (and `stack`, when the spec
 * names one), if any. Without a stack only an unambiguous entry applies.
 */
export function calibrationEntryFor(calibration: Calibration | null | undefined, gpuId: string, precision: Precision, stack?: string | null): CalibrationEntry | null {
  if (!calibration) return null;
  const mp = matmulPrecisionOf(precision);
  const candidates = calibration.entries.filter((e) => e.gpu === gpuId && e.precision === mp);
  // A named stack takes its own entry, else one fitted on rows that named none.
  if (stack !== undefined && stack !== null) return candidates.find((e) => e.stack === stack) ?? candidates.find((e) => e.stack === null) ?? null;
  // No stack named: only an unambiguous entry applies.
  return candidates.length === 1 ? (candidates[0] as CalibrationEntry) : null;
}

/**
 * The step-time model's overrides from a calibration for this GPU and precision; null when the
 * calibration has no entry for them or fixes no factor (the engine's constants then apply).
 */
export function calibrationOverridesFor(calibration: Calibration | null | undefined, gpuId: string, precision: Precision, stack?: string | null): CalibrationOverrides | null {
  const e = calibrationEntryFor(calibration, gpuId, precision, stack);
  if (e === null) return null;
  const o: CalibrationOverrides = {};
  if (e.matmulEfficiency !== null) o.matmulEfficiency = e.matmulEfficiency;
  if (e.memoryBoundOverhead !== null) o.memoryBoundOverhead = e.memoryBoundOverhead;
  if (e.communicationEfficiency !== null) o.communicationEfficiency = e.communicationEfficiency;
  return Object.keys(o).length === 0 ? null : o;
}

// Address encoding: entries joined by "*", fields by "_" (both left as they are by
// URLSearchParams and encodeURIComponent, so links stay compact; neither
// can occur in a slug or a number): gpu_stack_precision_matmul_overhead_comm, "" for a null stack
// and "-" for a factor left at the engine's value. Factors keep 4 significant digits, far finer
// than any fit pins them down.
const ENTRY_SEPARATOR = "*";
const FIELD_SEPARATOR = "_";
const NUMBER = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/;
/** Longest address value accepted, so a hostile address cannot make the page parse megabytes. */
export const MAX_ENCODED_CALIBRATION_LENGTH = 4096;

const num = (x: number | null): string => (x === null ? "-" : String(Number(x.toPrecision(4))));

export function encodeCalibration(calibration: Calibration): string {
  return calibration.entries
    .map((e) => [e.gpu, e.stack ?? "", e.precision, num(e.matmulEfficiency), num(e.memoryBoundOverhead), num(e.communicationEfficiency)].join(FIELD_SEPARATOR))
    .join(ENTRY_SEPARATOR);
}

/** Reads encodeCalibration's text back, validating it as a calibration file is validated. */
export function decodeCalibration(text: string): Calibration {
  if (text.length > MAX_ENCODED_CALIBRATION_LENGTH) throw new CalibrationError(`invalid calibration: longer than ${MAX_ENCODED_CALIBRATION_LENGTH} characters`);
  const entries = text.split(ENTRY_SEPARATOR).map((part, i) => {
    const f = part.split(FIELD_SEPARATOR);
    if (f.length !== 6) throw new CalibrationError(`invalid calibration: entry ${i + 1} has ${f.length} field${f.length === 1 ? "" : "s"}, expected 6 (gpu_stack_precision_matmul_overhead_comm)`);
    const factor = (s: string, name: string): number | null => {
      if (s === "-") return null;
      if (!NUMBER.test(s)) throw new CalibrationError(`invalid calibration: entry ${i + 1}: ${name} "${s}" is not a number`);
      return Number(s);
    };
    return {
      gpu: f[0],
      stack: f[1] === "" ? null : f[1],
      precision: f[2],
      matmulEfficiency: factor(f[3] as string, "matmul efficiency"),
      memoryBoundOverhead: factor(f[4] as string, "memory-bound overhead"),
      communicationEfficiency: factor(f[5] as string, "communication efficiency")
    };
  });
  return parseCalibration({version: 1, entries});
}

