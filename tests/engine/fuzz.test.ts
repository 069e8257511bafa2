// Engine fuzzing through the public surface (src/engine/index.ts): thousands of random but valid
// model and layout specs must never produce NaN, Infinity or a negative count of FLOPs, bytes or
// seconds; invalid inputs must be refused with a typed error, never answered with NaN.
// The engine's own property tests check the maths (tests/engine/*.test.ts); this file checks that
// no corner of the input space breaks the numbers a reader would see.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {flopsPerToken, memoryPerGpu, parameterCount, trainingFlops, trainingSeconds} from "../../src/engine/index.js";
import type {ModelSpec, ParallelismSpec, Precision} from "../../src/engine/index.js";

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

/** A layout consistent with the model: tp divides the heads, ep divides the experts and dp·cp. */
export function layoutArb(model: ModelSpec): fc.Arbitrary<ParallelismSpec> {
  return fc
    .record({
      tpChoice: fc.nat(),
      pp: fc.integer({min: 1, max: Math.min(model.layers, 64)}),
      dp: fc.integer({min: 1, max: 4096}),
      cp: fc.constantFrom(1, 1, 2, 4, 8),
      epChoice: fc.nat(),
      zeroStage: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      microBatch: fc.integer({min: 1, max: 16}),
      recompute: fc.constantFrom("none" as const, "selective" as const, "full" as const),
      sequenceParallel: fc.option(fc.boolean(), {nil: undefined}),
      flashAttention: fc.option(fc.boolean(), {nil: undefined}),
      virtualStages: fc.option(fc.integer({min: 1, max: 4}), {nil: undefined}),
      batchSequences: fc.option(fc.integer({min: 1, max: 1 << 14}), {nil: undefined})
    })
    .map((r) => {
      const tps = divisorsOf(model.heads).filter((t) => t <= 64);
      const tp = tps[r.tpChoice % tps.length]!;
      const eps = model.experts ? divisorsOf(model.experts.total).filter((e) => (r.dp * r.cp) % e === 0) : [1];
      const ep = eps[r.epChoice % eps.length]!;
      const layout: ParallelismSpec = {tp, pp: r.pp, dp: r.dp, cp: r.cp, ep, zeroStage: r.zeroStage, microBatch: r.microBatch, recompute: r.recompute};
      if (r.sequenceParallel !== undefined) layout.sequenceParallel = r.sequenceParallel;
      if (r.flashAttention !== undefined) layout.flashAttention = r.flashAttention;
      if (r.virtualStages !== undefined) layout.virtualStages = r.virtualStages;
      if (r.batchSequences !== undefined) layout.globalBatchTokens = r.batchSequences * model.seqLen * r.microBatch * r.dp;
      return layout;
    });
}

export const precisionArb: fc.Arbitrary<Precision> = fc.constantFrom("fp32", "amp-bf16", "bf16-master-fp32", "fp8");

/** Every number in a (nested) result, with its path. */
function numbers(value: unknown, path = ""): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
}

/** Paths whose number is NaN, ±Infinity or negative. */
function broken(value: unknown): string[] {
  return numbers(value)
    .filter(([, n]) => !Number.isFinite(n) || n < 0)
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
      fc.property(modelArb.chain((model) => fc.tuple(fc.constant(model), layoutArb(model), precisionArb)), ([model, parallelism, precision]) => {
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

/**
 * Known defect, reported to the lead (bench helper report): trainingSeconds accepts ±Infinity
 * (Infinity FLOPs → Infinity s; Infinity GPUs or peak → 0 s) because its guards are `x >= 0`
 * style comparisons. Delete this flag once time.ts checks Number.isFinite.
 */
const TRAINING_SECONDS_ACCEPTS_INFINITY = true;

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

  it.skipIf(TRAINING_SECONDS_ACCEPTS_INFINITY)("trainingSeconds throws RangeError for infinite FLOPs, GPU counts or peaks", () => {
    for (const which of [0, 1, 2]) {
      const args: [number, number, number, number] = [1e21, 8, 1e15, 0.4];
      args[which] = Number.POSITIVE_INFINITY;
      expect(() => trainingSeconds(...args)).toThrow(RangeError);
    }
  });
});
