// Engine fuzzing through the public surface (src/engine/index.ts): thousands of random but valid
// model and layout specs must never produce NaN, Infinity or a negative count of FLOPs, bytes or
// seconds; invalid inputs must be refused with a typed error, never answered with NaN.
// The engine's own property tests check the maths (tests/engine/*.test.ts); this file checks that
// no corner of the input space breaks the numbers a reader would see.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {EstimateError, SpecError, estimate, flopsPerToken, gpuCountOf, gpuSpecFromRecord, memoryPerGpu, parameterCount, trainingFlops, trainingSeconds, validateSpec} from "../../src/engine/index.js";
import type {GpuRecord, ModelSpec, ParallelismSpec, Precision, TrainingSpec} from "../../src/engine/index.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

const divisorsOf = (n: number): number[] => Array.from({length: n}, (_, i) => i + 1).filter((d) => n % d === 0);

/** A decoder-only transformer anywhere from toy size to beyond today's largest. */
export const modelArb: fc.Arbitrary<ModelSpec> = fc
  .record({
    heads: fc.integer({min: 1, max: 128}),
    headDim: fc.constantFrom(32, 64, 80, 96, 128, 256),
    kvChoice: fc.nat(),
    layers: fc.integer({min: 1, max: 256}),
    vocab: fc.integer({min: 256, max: 300_000}),
    seqLen: fc.oneof(fc.constantFrom(512, 2048, 4096, 8192, 32_768, 131_072), fc.integer({min: 1, max: 1 << 20})),
    ffnKind: fc.option(fc.constantFrom("gelu" as const, "swiglu" as const), {nil: undefined}),
    ffnMultiple: fc.option(fc.double({min: 0.5, max: 8, noNaN: true}), {nil: undefined}),
    experts: fc.option(fc.integer({min: 2, max: 256}).chain((total) => fc.record({total: fc.constant(total), active: fc.integer({min: 1, max: Math.min(total, 8)})})), {nil: undefined}),
    tiedEmbeddings: fc.option(fc.boolean(), {nil: undefined}),
    positionEmbedding: fc.option(fc.constantFrom("learned" as const, "rotary" as const), {nil: undefined}),
    paramsSkew: fc.double({min: 0.95, max: 1.05, noNaN: true})
  })
  .map((r) => {
    const dModel = r.heads * r.headDim;
    const kvOptions = divisorsOf(r.heads);
    const base: ModelSpec = {
      params: 1,
      layers: r.layers,
      dModel,
      heads: r.heads,
      kvHeads: kvOptions[r.kvChoice % kvOptions.length]!,
      vocab: r.vocab,
      seqLen: r.seqLen,
      ...(r.ffnKind ? {ffnKind: r.ffnKind} : {}),
      ...(r.ffnMultiple ? {ffnDim: Math.max(1, Math.round(r.ffnMultiple * dModel))} : {}),
      ...(r.experts ? {experts: r.experts} : {}),
      ...(r.tiedEmbeddings !== undefined ? {tiedEmbeddings: r.tiedEmbeddings} : {}),
      ...(r.positionEmbedding ? {positionEmbedding: r.positionEmbedding} : {})
    };
    // A reported parameter count a few percent off the architecture's (biases, rounding).
    return {...base, params: parameterCount(base).total * r.paramsSkew};
  });

/**
 * A layout consistent with the model, as validateSpec's layout rules demand: tp divides the KV
 * heads, pp·virtualStages divides the layers (chunks only when pp > 1), cp divides the context, ep divides the experts and
 * dp·cp, and the global batch is a whole number of micro-batches.
 */
export function layoutArb(model: ModelSpec): fc.Arbitrary<ParallelismSpec> {
  return fc
    .record({
      tpChoice: fc.nat(),
      ppChoice: fc.nat(),
      dp: fc.integer({min: 1, max: 4096}),
      cpChoice: fc.nat(),
      epChoice: fc.nat(),
      zeroStage: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      microBatch: fc.integer({min: 1, max: 16}),
      recompute: fc.constantFrom("none" as const, "selective" as const, "full" as const),
      sequenceParallel: fc.option(fc.boolean(), {nil: undefined}),
      flashAttention: fc.option(fc.boolean(), {nil: undefined}),
      virtualChoice: fc.option(fc.nat(), {nil: undefined}),
      batchSequences: fc.option(fc.integer({min: 1, max: 1 << 14}), {nil: undefined})
    })
    .map((r) => {
      const tps = divisorsOf(model.kvHeads ?? model.heads).filter((t) => t <= 64);
      const tp = tps[r.tpChoice % tps.length]!;
      // Any stage count up to the layers: uneven splits are legal (parallelism.ts pipelineSplit).
      const pps = Array.from({length: Math.min(model.layers, 64)}, (_, i) => i + 1);
      const pp = pps[r.ppChoice % pps.length]!;
      const cps = [1, 1, 2, 4, 8].filter((c) => model.seqLen % c === 0);
      const cp = cps[r.cpChoice % cps.length]!;
      const eps = model.experts ? divisorsOf(model.experts.total).filter((e) => (r.dp * cp) % e === 0) : [1];
      const ep = eps[r.epChoice % eps.length]!;
      const layout: ParallelismSpec = {tp, pp, dp: r.dp, cp, ep, zeroStage: r.zeroStage, microBatch: r.microBatch, recompute: r.recompute};
      if (r.sequenceParallel !== undefined) layout.sequenceParallel = r.sequenceParallel;
      if (r.flashAttention !== undefined) layout.flashAttention = r.flashAttention;
      // Interleaving needs a pipeline (specLayout.ts): chunks only when pp > 1.
      if (r.virtualChoice !== undefined) {
        const vs = pp === 1 ? [1] : divisorsOf(Math.ceil(model.layers / pp)).filter((v) => v <= 4);
        layout.virtualStages = vs[r.virtualChoice % vs.length]!;
      }
      if (r.batchSequences !== undefined) layout.globalBatchTokens = r.batchSequences * model.seqLen * r.microBatch * r.dp;
      return layout;
    });
}

export const precisionArb = (): fc.Arbitrary<Precision> => fc.constantFrom<Precision>("fp32", "amp-bf16", "bf16-master-fp32", "fp8");

const GPUS = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));

/** A whole training question that validateSpec accepts: model, layout, GPU, tokens, price, MFU or none. */
export const specArb: fc.Arbitrary<{spec: TrainingSpec; gpuIndex: number}> = modelArb.chain((model) =>
  fc.record({
    model: fc.constant(model),
    parallelism: layoutArb(model),
    precision: precisionArb(),
    tokens: fc.double({min: 1e6, max: 1e15, noNaN: true}),
    gpuIndex: fc.nat({max: GPUS.length - 1}),
    usdPerGpuHour: fc.option(fc.double({min: 0, max: 50, noNaN: true}), {nil: undefined}),
    mfu: fc.option(fc.double({min: 0.01, max: 1, noNaN: true}), {nil: undefined})
  }).map(({model, parallelism, precision, tokens, gpuIndex, usdPerGpuHour, mfu}) => {
    const hardware: TrainingSpec["hardware"] = {gpu: GPUS[gpuIndex]!.id, count: gpuCountOf(parallelism)};
    if (usdPerGpuHour !== undefined) hardware.usdPerGpuHour = usdPerGpuHour;
    if (mfu !== undefined) hardware.mfu = mfu;
    return {spec: {model, tokens, hardware, parallelism, precision}, gpuIndex};
  })
);

/** Every number in a (nested) result, with its path. */
function numbers(value: unknown, path = ""): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
}

/** Paths whose number is NaN, ±Infinity or negative (`mayBeNegative` paths only need to be finite). */
function broken(value: unknown, mayBeNegative: readonly string[] = []): string[] {
  return numbers(value)
    .filter(([p, n]) => !Number.isFinite(n) || (n < 0 && !mayBeNegative.includes(p)))
    .map(([p, n]) => `${p}=${n}`);
}

describe("fuzz: valid specs never yield NaN, Infinity or negative numbers", () => {
  it("parameterCount, flopsPerToken and trainingFlops (every recompute mode, causal or full attention)", () => {
    fc.assert(
      fc.property(modelArb, fc.constantFrom("none" as const, "selective" as const, "full" as const), fc.boolean(), fc.double({min: 1e6, max: 1e15, noNaN: true}), (model, recompute, causalAttention, tokens) => {
        const params = parameterCount(model);
        const perToken = flopsPerToken(model, {recompute, causalAttention});
        const total = trainingFlops(model, tokens, {recompute, causalAttention});
        expect(broken({params, perToken, total})).toEqual([]);
        expect(params.active).toBeLessThanOrEqual(params.total);
        expect(perToken.hardwareFlops).toBeGreaterThanOrEqual(perToken.modelFlops);
        expect(total).toBeGreaterThan(0);
      }),
      {numRuns: RUNS}
    );
  });

  it("memoryPerGpu over random layouts, ZeRO stages, recomputation and precisions; parts add up to the total", () => {
    fc.assert(
      fc.property(modelArb.chain((model) => fc.tuple(fc.constant(model), layoutArb(model), precisionArb())), ([model, parallelism, precision]) => {
        const memory = memoryPerGpu({model, parallelism, precision});
        expect(broken(memory)).toEqual([]);
        const sum = memory.weights + memory.gradients + memory.optimizer + memory.activations + memory.buffers;
        expect(Math.abs(memory.total - sum)).toBeLessThanOrEqual(1e-9 * memory.total);
      }),
      {numRuns: RUNS}
    );
  });

  it("trainingSeconds is finite and positive for positive work on real hardware", () => {
    fc.assert(
      fc.property(
        fc.double({min: 1, max: 1e30, noNaN: true}),
        fc.integer({min: 1, max: 1 << 20}),
        fc.double({min: 1e9, max: 1e17, noNaN: true}),
        fc.double({min: 1e-3, max: 1, noNaN: true}),
        (flops, gpus, peak, mfu) => {
          const seconds = trainingSeconds(flops, gpus, peak, mfu);
          expect(Number.isFinite(seconds) && seconds > 0).toBe(true);
        }
      ),
      {numRuns: RUNS}
    );
  });
});

/** Values that are not a usable count, rate or fraction. */
const badNumber = fc.constantFrom(Number.NaN, -1, -1e-9, -1e300, 0);

describe("fuzz: invalid inputs are refused with a typed error", () => {
  it("trainingSeconds throws RangeError (never returns NaN) for NaN, negative or zero arguments and MFU above 1", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 4}), badNumber, fc.double({min: 1.0001, max: 1e6, noNaN: true}), (which, bad, tooBigMfu) => {
        const args: [number, number, number, number] = [1e21, 8, 1e15, 0.4];
        if (which === 4) args[3] = tooBigMfu;
        else if (which === 0 && bad === 0) args[0] = -5; // zero work is valid (0 s); make it negative
        else args[which] = bad;
        expect(() => trainingSeconds(...args)).toThrow(RangeError);
      }),
      {numRuns: RUNS}
    );
  });

  it("trainingSeconds throws RangeError for infinite FLOPs, GPU counts, peaks or MFU", () => {
    for (const which of [0, 1, 2, 3]) {
      for (const infinite of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const args: [number, number, number, number] = [1e21, 8, 1e15, 0.4];
        args[which] = infinite;
        expect(() => trainingSeconds(...args)).toThrow(RangeError);
      }
    }
  });
});

describe("fuzz: estimate and validateSpec on whole training specs", () => {
  it("valid specs: validateSpec accepts them and estimate answers with finite, non-negative numbers (or a typed EstimateError)", () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(specArb, ({spec, gpuIndex}) => {
        total++;
        expect(() => validateSpec(spec)).not.toThrow();
        let result;
        try {
          result = estimate(spec, GPUS[gpuIndex]!);
        } catch (error) {
          expect(error).toBeInstanceOf(EstimateError);
          return;
        }
        answered++;
        // Headroom is negative when the model does not fit: that is an answer, not a broken number.
        expect(broken(result, ["memoryHeadroomBytes"])).toEqual([]);
        expect(result.fitsInMemory).toBe(result.memoryHeadroomBytes >= 0);
      }),
      {numRuns: RUNS}
    );
    // Most random specs must get an answer, or this property would test nothing.
    expect(answered / total).toBeGreaterThan(0.5);
  });

  /** Fields of a TrainingSpec with values each must refuse. */
  const BAD_FIELDS: {path: string[]; bad: unknown[]}[] = [
    {path: ["model", "params"], bad: [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, "7e9", null]},
    {path: ["model", "layers"], bad: [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1.5, "32"]},
    {path: ["model", "dModel"], bad: [Number.NaN, -4096, 0, 4096.5, Number.NEGATIVE_INFINITY]},
    {path: ["model", "heads"], bad: [Number.NaN, -1, 0, 2.5]},
    {path: ["model", "vocab"], bad: [Number.NaN, -1, 0, 1e400]},
    {path: ["model", "seqLen"], bad: [Number.NaN, -1, 0, 0.5]},
    {path: ["tokens"], bad: [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, "2e12", null]},
    {path: ["hardware", "count"], bad: [Number.NaN, -8, 0, 1.5, Number.POSITIVE_INFINITY]},
    {path: ["hardware", "mfu"], bad: [Number.NaN, -0.4, 0, 1.5, Number.POSITIVE_INFINITY, "0.4"]},
    {path: ["hardware", "usdPerGpuHour"], bad: [Number.NaN, -2, Number.POSITIVE_INFINITY, "2"]},
    {path: ["hardware", "gpu"], bad: ["", 42, null]},
    {path: ["parallelism", "tp"], bad: [Number.NaN, -1, 0, 1.5]},
    {path: ["parallelism", "dp"], bad: [Number.NaN, -1, 0, 1.5, Number.POSITIVE_INFINITY]},
    {path: ["parallelism", "zeroStage"], bad: [4, -1, 1.5, "1", Number.NaN]},
    {path: ["parallelism", "microBatch"], bad: [Number.NaN, 0, -1, 0.5]},
    {path: ["parallelism", "recompute"], bad: ["some", "", 1]},
    {path: ["precision"], bad: ["fp4", "", null]}
  ];

  it("invalid specs: every bad field value, missing field or unknown key is a SpecError from validateSpec and estimate, never a number", () => {
    fc.assert(
      fc.property(specArb, fc.nat(), fc.nat(), fc.constantFrom("set", "delete", "unknown-key"), ({spec, gpuIndex}, fieldChoice, badChoice, how) => {
        const field = BAD_FIELDS[fieldChoice % BAD_FIELDS.length]!;
        const broken = structuredClone(spec) as unknown as Record<string, Record<string, unknown>>;
        const parent = field.path.length === 1 ? (broken as Record<string, unknown>) : broken[field.path[0]!]!;
        const key = field.path[field.path.length - 1]!;
        const optional = key === "mfu" || key === "usdPerGpuHour";
        if (how === "set" || (how === "delete" && optional)) parent[key] = field.bad[badChoice % field.bad.length];
        else if (how === "delete") delete parent[key];
        else parent[`${key}Typo`] = 1;
        expect(() => validateSpec(broken)).toThrow(SpecError);
        expect(() => estimate(broken as unknown as TrainingSpec, GPUS[gpuIndex]!)).toThrow(SpecError);
      }),
      {numRuns: RUNS}
    );
  });

  it("layouts that do not multiply out to the GPU count are refused with a SpecError naming parallelism", () => {
    fc.assert(
      fc.property(specArb, fc.integer({min: 1, max: 1000}), ({spec}, extra) => {
        const wrong = {...spec, hardware: {...spec.hardware, count: spec.hardware.count + extra}};
        let error: unknown;
        try {
          validateSpec(wrong);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(SpecError);
        expect((error as SpecError).issues.map((i) => i.path)).toContain("parallelism");
      }),
      {numRuns: Math.min(RUNS, 200)}
    );
  });
});
