// Validation of a TrainingSpec from any JSON with the zod schema (shape and ranges, specSchema.ts),
// then the layout rules (specLayout.ts). Every problem becomes a SpecError whose message names the
// field and says what was expected. The pages' estimate path uses specCheck.ts instead, which
// accepts and refuses exactly the same specs without loading zod (tests/engine/specCheck.test.ts).
import type {TrainingSpec} from "./types.js";
import {trainingSpecSchema} from "./specSchema.js";
import {SpecError, layoutIssues} from "./specLayout.js";
import {issuesInWords} from "./specIssues.js";

export {SpecError, layoutIssues} from "./specLayout.js";
export type {SpecIssue} from "./specLayout.js";

/** Parses any JSON value into a TrainingSpec, or throws a SpecError listing every problem. */
export function validateSpec(input: unknown): TrainingSpec {
  const parsed = trainingSpecSchema.safeParse(input);
  if (!parsed.success) {
    throw new SpecError(issuesInWords(parsed.error.issues, input, trainingSpecSchema));
  }
  const spec: TrainingSpec = parsed.data;
  const issues = layoutIssues(spec);
  if (issues.length > 0) throw new SpecError(issues);
  return spec;
}
