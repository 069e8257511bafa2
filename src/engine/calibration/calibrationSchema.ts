// The calibration file's one definition, as a zod schema from which the Calibration types are
// derived (z.infer). calibration.ts checks files and addresses against the same rules without zod,
// so pages that read a calibration from their address do not load it (about 14 KB gzip);
// tests/engine/calibration/calibrationCheck.test.ts holds that check to this schema.
import {z} from "zod";
import {stackSchema} from "../specSchema.js";
import {MEMORY_BOUND_OVERHEAD_RANGE} from "./bounds.js";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {message: "expected lower-case letters, digits and hyphens"});
const fraction = z.number({invalid_type_error: "expected a number"}).gt(0, {message: "expected a fraction in (0, 1]"}).lte(1, {message: "expected a fraction in (0, 1]"});

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
