import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";
import {slug, textColumn} from "./columns.js";

/**
 * Published scaling-law constants, one row per (law, parameter), each with paper and table or
 * equation: Kaplan et al. 2020, Hoffmann et al. 2022 (Chinchilla Approaches 1–3 and Table 3),
 * the Epoch AI replication (Besiroglu et al. 2024) and Muennighoff et al. 2023. The engine
 * restates them in src/engine/scalingLaws.ts; tests/engine/scalingLaws.test.ts keeps both equal.
 */
export const scalingLaws: DatasetSpec = {
  name: "scaling_laws",
  title: "Scaling-law constants",
  description: "Fitted constants of published LLM scaling laws (loss vs parameters and tokens, compute-optimal allocation, repeated data), with paper and table or equation.",
  key: ["law", "parameter"],
  sourceColumns: ["paper", "source_location", "how_verified", "source_date"],
  columns: [
    column({name: "law", kind: "string", unit: null, required: true, description: "Identifier of the fit or table row (lower-case, hyphens), e.g. chinchilla-approach-3.", check: slug}),
    column({name: "parameter", kind: "string", unit: null, required: true, description: "Name of the constant as the paper writes it (alpha_N, E, A, R_D_star, …) or a table column (params, flops, tokens).", check: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {message: "expected an identifier (letters, digits, underscores)"})}),
    column({name: "value", kind: "float", unit: null, required: true, description: "The constant as printed."}),
    textColumn("unit", "Unit of the value (blank for dimensionless exponents and coefficients)."),
    textColumn("description", "What the constant is, with the law's formula.", true),
    textColumn("paper", "Authors, year, title and arXiv id.", true),
    textColumn("source_location", "Section, table or equation in the paper.", true),
    textColumn("how_verified", "How the value was read.", true),
    column({name: "source_date", kind: "date", unit: null, required: true, description: "Publication date of the paper (first arXiv version)."})
  ]
};
