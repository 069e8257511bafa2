// The shape and range checks of specSchema.ts written out by hand, so that `estimate` can check
// its input without zod (about 14 KB gzip on every page that estimates). specSchema.ts stays the
// one definition: tests/engine/specCheck.test.ts holds this checker to it on thousands of specs
// (valid ones and ones with a field broken or added), and the type checks below keep the lists of
// names equal to the schema's types. Messages follow the schema's where it sets its own.
import type {FfnKind, Precision, Recompute, Stack, TrainingSpec} from "./types.js";
import {SpecError, layoutIssues} from "./specLayout.js";
import {STACK_EXPECTED, STACK_NAMES} from "./stack.js";
import {describeValue, didYouMean} from "./specIssues.js";
import type {SpecIssue} from "./specLayout.js";

/** True when the list names every member of the union T (a compile-time check). */
type Covers<T, L extends readonly unknown[]> = [Exclude<T, L[number]>] extends [never] ? true : false;
const PRECISIONS = ["fp32", "amp-bf16", "bf16-master-fp32", "fp16-master-fp32", "fp8"] as const;
const RECOMPUTES = ["none", "selective", "per-op", "full"] as const;
const STACKS = STACK_NAMES;
const FFN_KINDS = ["gelu", "swiglu"] as const;
const POSITION_EMBEDDINGS = ["learned", "rotary"] as const;
const covered: [Covers<Precision, typeof PRECISIONS>, Covers<Recompute, typeof RECOMPUTES>, Covers<Stack, typeof STACKS>, Covers<FfnKind, typeof FFN_KINDS>] = [true, true, true, true];
void covered;

type Check = (value: unknown, path: string, issues: SpecIssue[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const number = (test: (x: number) => boolean, message: string): Check => (v, path, issues) => {
  if (typeof v !== "number" || Number.isNaN(v)) issues.push({path, message: "expected a number"});
  else if (!Number.isFinite(v)) issues.push({path, message: "expected a finite number"});
  else if (!test(v)) issues.push({path, message});
};
const positive = number((x) => x > 0, "expected a number > 0");
const positiveInt: Check = (v, path, issues) => {
  const before = issues.length;
  number(Number.isInteger, "expected a whole number")(v, path, issues);
  if (issues.length === before && (v as number) <= 0) issues.push({path, message: "expected a whole number ≥ 1"});
};
const nonnegativeInt: Check = (v, path, issues) => {
  const before = issues.length;
  number(Number.isInteger, "expected a whole number")(v, path, issues);
  if (issues.length === before && (v as number) < 0) issues.push({path, message: "expected a whole number ≥ 0"});
};
const oneOf = (values: readonly unknown[], message: string): Check => (v, path, issues) => {
  if (!values.includes(v)) issues.push({path, message});
};
const boolean = oneOf([true, false], "expected true or false");
const optional = (check: Check): Check => (v, path, issues) => {
  if (v !== undefined) check(v, path, issues);
};
const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

/** An object with exactly these keys (zod's `.strict()`). */
const object = (fields: Record<string, Check>): Check => (v, path, issues) => {
  if (!isObject(v)) {
    issues.push({path, message: `expected an object, got ${describeValue(v)}`});
    return;
  }
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, check] of Object.entries(fields)) {
    if (v[key] === undefined && !(check as {optional?: boolean}).optional) issues.push({path: at(key), message: "missing (required)"});
    else check(v[key], at(key), issues);
  }
  const unknown = Object.keys(v).filter((k) => !(k in fields));
  if (unknown.length > 0) {
    const known = Object.keys(fields);
    issues.push({path, message: `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"${didYouMean(k, known)}`).join(", ")}; the fields here are ${known.join(", ")}`});
  }
};
/** Marks a field that may be absent. */
const maybe = (check: Check): Check => Object.assign(optional(check), {optional: true});

const specShape = object({
  model: object({
    params: positive,
    activeParams: maybe(positive),
    layers: positiveInt,
    dModel: positiveInt,
    heads: positiveInt,
    kvHeads: maybe(positiveInt),
    headDim: maybe(positiveInt),
    ffnDim: maybe(positiveInt),
    ffnKind: maybe(oneOf(FFN_KINDS, `expected one of ${list(FFN_KINDS)}`)),
    vocab: positiveInt,
    seqLen: positiveInt,
    experts: maybe(object({total: positiveInt, active: positiveInt})),
    sharedExperts: maybe(nonnegativeInt),
    denseLayers: maybe(nonnegativeInt),
    expertFfnDim: maybe(positiveInt),
    latentAttention: maybe(object({qLoraRank: nonnegativeInt, kvLoraRank: positiveInt, qkNopeHeadDim: positiveInt, qkRopeHeadDim: positiveInt, vHeadDim: positiveInt})),
    tiedEmbeddings: maybe(boolean),
    positionEmbedding: maybe(oneOf(POSITION_EMBEDDINGS, `expected one of ${list(POSITION_EMBEDDINGS)}`)),
    dropout: maybe(boolean)
  }),
  tokens: positive,
  hardware: object({
    gpu: (v, path, issues) => {
      if (typeof v !== "string") issues.push({path, message: "expected a string"});
      else if (v.length < 1) issues.push({path, message: "expected a GPU id from data/gpus.csv"});
    },
    count: positiveInt,
    usdPerGpuHour: maybe(number((x) => x >= 0, "expected a price ≥ 0")),
    mfu: maybe(number((x) => x > 0 && x <= 1, "expected an MFU in (0, 1]"))
  }),
  parallelism: object({
    tp: positiveInt,
    pp: positiveInt,
    dp: positiveInt,
    cp: maybe(positiveInt),
    ep: maybe(positiveInt),
    zeroStage: oneOf([0, 1, 2, 3], "expected 0, 1, 2 or 3"),
    microBatch: positiveInt,
    globalBatchTokens: maybe(positive),
    recompute: oneOf(RECOMPUTES, `expected one of ${list(RECOMPUTES)}`),
    sequenceParallel: maybe(boolean),
    flashAttention: maybe(boolean),
    virtualStages: maybe(positiveInt)
  }),
  precision: oneOf(PRECISIONS, `expected one of ${list(PRECISIONS)}`),
  stack: maybe(oneOf(STACKS, STACK_EXPECTED))
});

/** Every shape or range problem of `input` as a TrainingSpec (empty when specSchema accepts it). */
export function specShapeIssues(input: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  specShape(input, "", issues);
  return issues;
}

/** `input` as a TrainingSpec, or a SpecError listing every problem: validateSpec without zod. */
export function checkSpec(input: unknown): TrainingSpec {
  const shape = specShapeIssues(input);
  if (shape.length > 0) throw new SpecError(shape);
  const spec = input as TrainingSpec;
  const layout = layoutIssues(spec);
  if (layout.length > 0) throw new SpecError(layout);
  return spec;
}
