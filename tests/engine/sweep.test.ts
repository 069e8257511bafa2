// The engine's state sweep (issue 12), the Node twin of tests/browser/sweep.test.ts: thousands
// of random but valid specs built from the site's own data (every model in data/models.csv,
// every accelerator in data/gpus.csv, every precision, layouts as the pages allow them) must get
// a verdict (feasibility) and an answer from estimate, never an exception: no NaN or Infinity, no
// cost for a run that cannot happen, and for a run that cannot even be timed (a number format the
// chip has no throughput for) an untimed answer whose time and cost fields are null and whose
// reasons name the format. fast-check with a fixed seed prints the seed and the failing spec.
//
//   SWEEP_SPECS  specs per property (default 3000)
//   SWEEP_SEED   the seed (default 12)
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {EstimateError, estimate, feasibility, gpuCountOf, gpuSpecFromRecord, precisionReason, validateSpec} from "../../src/engine/index.js";
import type {Estimate, GpuRecord, GpuSpec, ParallelismSpec, Precision, Stack, TrainingSpec} from "../../src/engine/index.js";
import {precisionSchema, stackSchema} from "../../src/engine/specSchema.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const SPECS = Number(process.env.SWEEP_SPECS ?? 3000);
const SEED = Number(process.env.SWEEP_SEED ?? 12);
/** Thousands of estimates on a shared machine take seconds: more than vitest's 5 s default. */
const SWEEP_TIMEOUT_MS = 120_000;

const MODELS = loadWithReferences("models").map((r) => modelSpecFromRecord(r as unknown as ModelRecord));
const GPUS = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
// Every precision and software stack the spec schema accepts (read from it, so a new one is swept
// at once); no stack means the engine's default.
const PRECISIONS: readonly Precision[] = precisionSchema.options;
const STACKS: readonly (Stack | undefined)[] = [undefined, ...stackSchema.options];

const divisorsOf = (n: number): number[] => Array.from({length: n}, (_, i) => i + 1).filter((d) => n % d === 0);
const pick = <T>(items: readonly T[], choice: number): T => items[choice % items.length]!;

/** A count from 1 to `max`, log-uniform, with both ends likely (the pages' log sliders). */
const countArb = (max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(1, max), fc.double({min: 0, max: Math.log(max), noNaN: true}).map((x) => Math.max(1, Math.min(max, Math.round(Math.exp(x))))));

/**
 * A training question a page could ask: a real model and accelerator, any precision, a layout
 * that validateSpec's layout rules accept (tp divides the KV heads, 1 ≤ pp ≤ layers, cp divides
 * the context, ep divides the experts and dp·cp), tokens, and a price and MFU or none.
 */
const specArb: fc.Arbitrary<TrainingSpec> = fc
  .record({
    model: fc.nat({max: MODELS.length - 1}),
    gpu: fc.nat({max: GPUS.length - 1}),
    precision: fc.constantFrom(...PRECISIONS),
    stack: fc.constantFrom(...STACKS),
    tpChoice: fc.nat(),
    ppChoice: fc.oneof(fc.constant(0), fc.constant(-1), fc.nat()),
    dp: countArb(16_384),
    cpChoice: fc.nat(),
    epChoice: fc.nat(),
    zeroStage: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    microBatch: countArb(64),
    recompute: fc.constantFrom("none" as const, "selective" as const, "full" as const),
    flashAttention: fc.boolean(),
    tokens: fc.double({min: Math.log(1e8), max: Math.log(1e14), noNaN: true}).map(Math.exp),
    usdPerGpuHour: fc.option(fc.double({min: 0.05, max: 50, noNaN: true}), {nil: undefined}),
    mfu: fc.option(fc.double({min: 0.01, max: 0.9, noNaN: true}), {nil: undefined})
  })
  .map((r) => {
    const model = MODELS[r.model]!;
    const tp = pick(divisorsOf(model.kvHeads ?? model.heads).filter((t) => t <= 16), r.tpChoice);
    const pp = r.ppChoice === 0 ? 1 : r.ppChoice === -1 ? Math.min(model.layers, 128) : 1 + (r.ppChoice % Math.min(model.layers, 128));
    const cp = pick([1, 2, 4, 8, 16, 32].filter((c) => model.seqLen % c === 0), r.cpChoice);
    const ep = model.experts ? pick(divisorsOf(model.experts.total).filter((e) => (r.dp * cp) % e === 0), r.epChoice) : 1;
    const parallelism: ParallelismSpec = {tp, pp, dp: r.dp, cp, ep, zeroStage: r.zeroStage, microBatch: r.microBatch, recompute: r.recompute, flashAttention: r.flashAttention};
    const hardware: TrainingSpec["hardware"] = {gpu: GPUS[r.gpu]!.id, count: gpuCountOf(parallelism)};
    if (r.usdPerGpuHour !== undefined) hardware.usdPerGpuHour = r.usdPerGpuHour;
    if (r.mfu !== undefined) hardware.mfu = r.mfu;
    const spec: TrainingSpec = {model, tokens: r.tokens, hardware, parallelism, precision: r.precision};
    if (r.stack !== undefined) spec.stack = r.stack;
    return spec;
  });

const gpuOf = (spec: TrainingSpec) => GPUS.find((g) => g.id === spec.hardware.gpu)!;

/** The step-time model can predict this chip: data/gpus.csv gives its scale-up and scale-out bandwidth and node size. */
const predictable = (g: GpuSpec): boolean => g.scaleUpBytesPerSecond !== null && g.scaleOutBytesPerSecond !== null && g.gpusPerNode !== null;

/** Every number in a (nested) result whose value is NaN or ±Infinity, with its path. */
function nonFinite(value: unknown, path = ""): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path}=${value}`];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => nonFinite(v, path ? `${path}.${k}` : k));
}

/**
 * What estimate says of one spec, checked against its verdict: an answer, never an exception (but
 * an MFU to predict on a chip without interconnect figures: then null), with no NaN or Infinity; for a number format the chip has no throughput for, untimed and
 * infeasible with that reason and every time and cost null; an infeasible run never priced.
 */
function checkedEstimate(spec: TrainingSpec): Estimate | null {
  const gpu = gpuOf(spec);
  const verdict = feasibility(spec, gpu);
  expect(verdict.feasible).toBe(verdict.reasons.length === 0);
  let result: Estimate;
  try {
    result = estimate(spec, gpu);
  } catch (error) {
    // The one refusal left: an MFU to predict on a chip whose interconnect data/gpus.csv lacks.
    expect(error).toBeInstanceOf(EstimateError);
    expect(String(error)).toMatch(/cannot predict MFU/);
    expect(spec.hardware.mfu).toBeUndefined();
    expect(predictable(gpu), String(error)).toBe(false);
    return null;
  }
  expect(nonFinite(result)).toEqual([]);
  expect(result.feasible).toBe(verdict.feasible);
  expect(result.reasons).toEqual(verdict.reasons);
  const format = precisionReason(gpu, spec.precision);
  expect(result.timed).toBe(format === null);
  if (!result.timed) {
    expect(result.reasons).toContain(format);
    for (const key of ["mfu", "peakFlopsPerSecond", "trainingSeconds", "gpuHours", "wallClockDays", "costUsd", "energyKwh", "co2Kg", "expectedInterruptions", "range"] as const) expect(result[key], key).toBeNull();
  }
  if (!result.fitsInMemory) expect(result.feasible).toBe(false);
  if (!result.feasible) {
    expect(result.costUsd).toBeNull();
    expect(result.range?.costUsd ?? null).toBeNull();
  } else if (spec.hardware.usdPerGpuHour !== undefined) {
    expect(result.costUsd).not.toBeNull();
  }
  return result;
}

describe("engine sweep over every accelerator × precision × stack", () => {
  // The smallest and the largest model by parameters: one that fits almost anywhere, one that fits
  // almost nowhere on 8 chips; each with the MFU predicted and given.
  const bySize = MODELS.slice().sort((a, b) => a.params - b.params);
  const models = [bySize[0]!, bySize.at(-1)!];
  const combos = GPUS.flatMap((gpu) => PRECISIONS.flatMap((precision) => STACKS.map((stack) => ({gpu, precision, stack}))));

  it(`covers all ${GPUS.length} accelerators × ${PRECISIONS.length} precisions × ${STACKS.length} stacks (default included), predicted and given MFU, small and large model`, () => {
    const verdicts = {feasible: 0, infeasible: 0, untimed: 0, refused: 0};
    for (const {gpu, precision, stack} of combos) {
      for (const model of models) {
        for (const mfu of [undefined, 0.4]) {
          const parallelism: ParallelismSpec = {tp: 1, pp: 1, dp: 8, cp: 1, ep: 1, zeroStage: 1, microBatch: 1, recompute: "selective", flashAttention: true};
          const spec: TrainingSpec = {model, tokens: 1e10, hardware: {gpu: gpu.id, count: 8, usdPerGpuHour: 2, ...(mfu === undefined ? {} : {mfu})}, parallelism, precision};
          if (stack !== undefined) spec.stack = stack;
          const result = checkedEstimate(spec);
          verdicts[result === null ? "refused" : !result.timed ? "untimed" : result.feasible ? "feasible" : "infeasible"]++;
          // A chip that lacks the format is never called feasible, whatever else holds.
          if (precisionReason(gpu, precision) !== null && result !== null) expect(result.feasible).toBe(false);
          // Only a predicted MFU is ever refused: a given one always gets an answer.
          if (mfu !== undefined) expect(result).not.toBeNull();
        }
      }
    }
    expect(verdicts.feasible + verdicts.infeasible + verdicts.untimed + verdicts.refused).toBe(combos.length * models.length * 2);
    // Every kind of answer occurs: the sweep is not vacuous.
    expect(verdicts.feasible).toBeGreaterThan(0);
    expect(verdicts.infeasible).toBeGreaterThan(0);
    expect(verdicts.untimed).toBeGreaterThan(0);
  }, SWEEP_TIMEOUT_MS);
});

describe(`engine state sweep (${SPECS} specs per property, SWEEP_SEED=${SEED})`, () => {
  it("the generator's specs are valid: validateSpec accepts every one", () => {
    fc.assert(fc.property(specArb, (spec) => {
      expect(() => validateSpec(spec)).not.toThrow();
    }), {numRuns: SPECS, seed: SEED});
  }, SWEEP_TIMEOUT_MS);

  it("every valid spec gets an answer, never an exception (but an MFU to predict on a chip without interconnect figures): timed with no NaN or Infinity, or (a number format the chip has no throughput for) untimed, infeasible, with that reason and every time and cost null; an infeasible run is never priced", () => {
    fc.assert(fc.property(specArb, (spec) => {
      checkedEstimate(spec);
    }), {numRuns: SPECS, seed: SEED});
  }, SWEEP_TIMEOUT_MS);
});
