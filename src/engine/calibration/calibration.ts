// A reader's calibration: the step-time model's efficiency factors fitted to their own measured
// steps (fit.ts), as a small typed object that can travel in the address (encodeCalibration), be
// downloaded and read back as JSON (parseCalibration), and be applied to any prediction
// (calibrationOverridesFor → PerfOptions.calibration, estimate's `calibration` option).
import {z} from "zod";
import type {Precision} from "../types.js";
import type {CalibrationOverrides} from "../perf/layerCost.js";
import {stackSchema} from "../specSchema.js";

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

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {message: "expected lower-case letters, digits and hyphens"});
const fraction = z.number({invalid_type_error: "expected a number"}).gt(0, {message: "expected a fraction in (0, 1]"}).lte(1, {message: "expected a fraction in (0, 1]"});

/** Bounds of the memory-bound overhead the fit may return (and a file may carry). */
export const MEMORY_BOUND_OVERHEAD_RANGE = {min: 0.05, max: 50} as const;

const entrySchema = z
  .object({
    gpu: slug,
    /** The software stack the rows ran on (TrainingSpec's stack); null when the rows did not say. */
    stack: stackSchema.nullable(),
    precision: z.enum(["fp32", "bf16", "fp8"]),
    /** Fraction of peak the step's matmuls reach; null keeps the engine's constant. */
    matmulEfficiency: fraction.nullable(),
    /** Multiplier on the element-wise kernels' modelled time; null keeps 1. */
    memoryBoundOverhead: z
      .number({invalid_type_error: "expected a number"})
      .min(MEMORY_BOUND_OVERHEAD_RANGE.min, {message: `expected a multiplier ≥ ${MEMORY_BOUND_OVERHEAD_RANGE.min}`})
      .max(MEMORY_BOUND_OVERHEAD_RANGE.max, {message: `expected a multiplier ≤ ${MEMORY_BOUND_OVERHEAD_RANGE.max}`})
      .nullable(),
    /** Fraction of link line rate collectives reach; null keeps NCCL_BUS_EFFICIENCY. */
    communicationEfficiency: fraction.nullable()
  })
  .strict();

export const calibrationSchema = z
  .object({
    version: z.literal(1, {errorMap: () => ({message: "expected version 1"})}),
    entries: z.array(entrySchema).min(1, {message: "expected at least one entry"}).max(64, {message: "expected at most 64 entries"})
  })
  .strict();

/** One (accelerator, stack, matmul precision) the reader measured, and its fitted factors. */
export type CalibrationEntry = z.infer<typeof entrySchema>;
export type Calibration = z.infer<typeof calibrationSchema>;

/** A calibration file or address that cannot be read; the message says where and why. */
export class CalibrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalibrationError";
  }
}

/** Any JSON value (a downloaded calibration) to a Calibration, or a CalibrationError listing the problems. */
export function parseCalibration(input: unknown): Calibration {
  const parsed = calibrationSchema.safeParse(input);
  if (!parsed.success) {
    throw new CalibrationError(`invalid calibration: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ")}`);
  }
  const seen = new Set<string>();
  for (const e of parsed.data.entries) {
    const key = `${e.gpu}|${e.stack}|${e.precision}`;
    if (seen.has(key)) throw new CalibrationError(`invalid calibration: two entries for ${e.gpu}, stack ${e.stack ?? "(none)"}, ${e.precision}`);
    seen.add(key);
  }
  return parsed.data;
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

