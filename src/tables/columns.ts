import {z} from "zod";
import {column} from "./schema.js";
import type {ColumnSpec} from "./schema.js";

/** Shared constraints, with messages that read well after "column "x": ". */
export const nonNegative = z.number().nonnegative({message: "expected a number ≥ 0"});
export const positive = z.number().positive({message: "expected a number > 0"});
export const positiveInt = z.number().int().positive({message: "expected a whole number > 0"});
export const fraction = z.number().min(0, {message: "expected a fraction between 0 and 1"}).max(1, {message: "expected a fraction between 0 and 1 (write 43% as 0.43)"});
export const percent = z.number().min(0, {message: "expected a percentage between 0 and 100"}).max(100, {message: "expected a percentage between 0 and 100"});
export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {message: "expected lower-case letters, digits and hyphens"});

/** The row's key: a lower-case slug. */
export function idColumn(description: string): ColumnSpec<"string"> {
  return column({name: "id", kind: "string", unit: null, required: true, description, check: slug});
}

/** A free-text column copied from a source table (kept verbatim, blank allowed unless required). */
export function textColumn(name: string, description: string, required = false): ColumnSpec<"string"> {
  return column({name, kind: "string", unit: null, required, description});
}

/** An optional number parsed from a text column; blank where the text is ambiguous or missing. */
export function numberColumn(name: string, unit: string | null, description: string, check: z.ZodType<number> = nonNegative): ColumnSpec<"float"> {
  return column({name, kind: "float", unit, required: false, description, check});
}

/** An optional whole number (parallelism degrees, counts). */
export function intColumn(name: string, unit: string | null, description: string, check: z.ZodType<number> = positiveInt): ColumnSpec<"int"> {
  return column({name, kind: "int", unit, required: false, description, check});
}

/** An optional reference to an accelerator in `gpus`. */
export function gpuIdColumn(description: string): ColumnSpec<"string"> {
  return column({name: "gpu_id", kind: "string", unit: null, required: false, description, check: slug});
}

/**
 * The accelerator model as the row's text names it (lower case, with memory where stated), without
 * guessing the form factor: "a100-40gb" may be SXM4 or PCIe, but both have the same 16-bit peak.
 */
export const accelerator: ColumnSpec<"string"> = column({
  name: "accelerator", kind: "string", unit: null, required: false,
  description: "Accelerator model as the text names it (e.g. a100-40gb, h100, tpu-v4), even where gpu_id is blank because the form factor is unstated; blank when the text names two.",
  check: z.enum(["v100", "a100", "a100-40gb", "a100-80gb", "h100", "h100-80gb", "h800", "h200", "gh200", "b200", "mi250x", "mi300x", "tpu-v3", "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e"])
});
