// Invariants of the engine over random valid specs (fast-check).
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {estimate, flopsPerToken, gpuSpecFromRecord, memoryPerGpu, parameterCount, peakFlopsOrNull} from "../../src/engine/index.js";
import type {Estimate, GpuRecord, TrainingSpec} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {timed} from "../support/timed.js";

const gpus = loadWithReferences("gpus")
  .map((r) => gpuSpecFromRecord(r as unknown as GpuRecord))
  .filter((g) => (g.peakFlopsPerSecond.bf16 ?? g.peakFlopsPerSecond.fp16) !== null && g.tdpWatts !== null);

/** The GPU lists a peak for this precision's number format (the engine times only those; sweep.test.ts covers the rest). */
function supports(id: string, precision: TrainingSpec["precision"]): boolean {
  return peakFlopsOrNull(gpus.find((g) => g.id === id)!, precision) !== null;
}

/** A 16-bit regime the GPU has: BF16, else FP16 (V100). */
const sixteenBit = (id: string): TrainingSpec["precision"] => (supports(id, "bf16-master-fp32") ? "bf16-master-fp32" : "fp16-master-fp32");

/** A valid spec: every layout rule of validateSpec holds by construction. */
const specArb: fc.Arbitrary<TrainingSpec> = fc
  .record({
    tpLog: fc.integer({min: 0, max: 3}),
    heads: fc.constantFrom(8, 16, 32, 64),
    headDim: fc.constantFrom(64, 128),
    kvDivisor: fc.constantFrom(1, 2, 4, 8),
    pp: fc.constantFrom(1, 2, 4),
    layersPerStage: fc.integer({min: 4, max: 24}),
    dp: fc.integer({min: 1, max: 64}),
    cp: fc.constantFrom(1, 2),
    ffnKind: fc.constantFrom("gelu" as const, "swiglu" as const),
    vocab: fc.integer({min: 1000, max: 256_000}),
    seqLen: fc.constantFrom(1024, 2048, 4096, 8192),
    moe: fc.boolean(),
    tokensExp: fc.double({min: 9, max: 13, noNaN: true}),
    zeroStage: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    microBatch: fc.integer({min: 1, max: 4}),
    recompute: fc.constantFrom("none" as const, "selective" as const, "full" as const),
    precision: fc.constantFrom("fp32" as const, "amp-bf16" as const, "bf16-master-fp32" as const, "fp16-master-fp32" as const, "fp8" as const),
    mfu: fc.double({min: 0.05, max: 0.7, noNaN: true}),
    gpu: fc.constantFrom(...gpus.map((g) => g.id)),
    price: fc.double({min: 0.5, max: 10, noNaN: true})
  })
  .map((r) => {
    const tp = 2 ** r.tpLog;
    const kvHeads = Math.max(tp, r.heads / r.kvDivisor);
    const heads = Math.max(r.heads, tp);
    const dModel = heads * r.headDim;
    const layers = r.pp * r.layersPerStage;
    const experts = r.moe ? {total: 8, active: 2} : undefined;
    const ep = r.moe && (r.dp * r.cp) % 2 === 0 ? 2 : 1;
    const ffnDim = r.ffnKind === "swiglu" ? Math.round((8 / 3) * dModel) : 4 * dModel;
    // The architecture's own count: a stated count it contradicts is refused (parameterConventions.ts).
    const architecture = {params: 1, layers, dModel, heads, kvHeads, ffnDim, ffnKind: r.ffnKind, vocab: r.vocab, seqLen: r.seqLen, ...(experts ? {experts} : {})};
    return {
      model: {...architecture, params: parameterCount(architecture).total},
      tokens: Math.round(10 ** r.tokensExp),
      hardware: {gpu: r.gpu, count: tp * r.pp * r.dp * r.cp, usdPerGpuHour: r.price, mfu: r.mfu},
      parallelism: {tp, pp: r.pp, dp: r.dp, cp: r.cp, ep, zeroStage: r.zeroStage, microBatch: r.microBatch, recompute: r.recompute},
      precision: supports(r.gpu, r.precision) ? r.precision : sixteenBit(r.gpu)
    } satisfies TrainingSpec;
  });

const gpuOf = (spec: TrainingSpec) => gpus.find((g) => g.id === spec.hardware.gpu)!;

function numbersIn(value: unknown, path = ""): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => numbersIn(v, path ? `${path}.${k}` : k));
  return [];
}

describe("engine invariants (fast-check)", () => {
  it("no NaN, Infinity or negative number anywhere in an estimate (memory headroom aside)", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const e: Estimate = estimate(spec, gpuOf(spec));
        for (const [path, x] of numbersIn(e)) {
          expect(Number.isFinite(x), path).toBe(true);
          if (path !== "memoryHeadroomBytes") expect(x, path).toBeGreaterThanOrEqual(0);
        }
      }),
      {numRuns: 300}
    );
  });

  it("no NaN, Infinity or negative number with MFU predicted by the performance model (GPUs with interconnect data)", () => {
    const known = (id: string) => {
      const g = gpus.find((x) => x.id === id)!;
      return g.scaleUpBytesPerSecond !== null && g.gpusPerNode !== null && g.scaleOutBytesPerSecond !== null;
    };
    fc.assert(
      fc.property(specArb.filter((s) => known(s.hardware.gpu)), (spec) => {
        const noMfu = {...spec, hardware: {...spec.hardware, mfu: undefined}};
        const e = estimate(noMfu, gpuOf(spec));
        expect(e.mfu).toBeGreaterThan(0);
        expect(e.mfu).toBeLessThanOrEqual(1);
        for (const [path, x] of numbersIn(e)) {
          expect(Number.isFinite(x), path).toBe(true);
          if (path !== "memoryHeadroomBytes") expect(x, path).toBeGreaterThanOrEqual(0);
        }
      }),
      {numRuns: 100}
    );
  });

  it("more tokens never cost less (FLOPs, GPU-hours, dollars, energy)", () => {
    fc.assert(
      fc.property(specArb, fc.double({min: 1, max: 100, noNaN: true}), (spec, factor) => {
        const a = timed(estimate(spec, gpuOf(spec)));
        const b = timed(estimate({...spec, tokens: spec.tokens * factor}, gpuOf(spec)));
        expect(b.trainingFlops).toBeGreaterThanOrEqual(a.trainingFlops);
        expect(b.gpuHours).toBeGreaterThanOrEqual(a.gpuHours);
        // An infeasible run is never priced (feasibility.ts): then both costs are null.
        expect(b.costUsd === null).toBe(!a.feasible);
        if (a.feasible) expect(b.costUsd!).toBeGreaterThanOrEqual(a.costUsd!);
        expect(b.energyKwh!).toBeGreaterThanOrEqual(a.energyKwh!);
      }),
      {numRuns: 200}
    );
  });

  it("memory per GPU: ZeRO-3 ≤ ZeRO-2 ≤ ZeRO-1 ≤ ZeRO-0", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const total = (zeroStage: 0 | 1 | 2 | 3) => memoryPerGpu({...spec, parallelism: {...spec.parallelism, zeroStage}}).total;
        const [z0, z1, z2, z3] = [total(0), total(1), total(2), total(3)];
        expect(z1).toBeLessThanOrEqual(z0);
        expect(z2).toBeLessThanOrEqual(z1);
        expect(z3).toBeLessThanOrEqual(z2 * (1 + 1e-12));
      }),
      {numRuns: 300}
    );
  });

  it("recomputation lowers activation memory and raises hardware FLOPs: none → selective → full", () => {
    fc.assert(
      fc.property(specArb, fc.boolean(), (spec, flash) => {
        const at = (recompute: "none" | "selective" | "full") => ({
          activations: memoryPerGpu({...spec, parallelism: {...spec.parallelism, recompute, flashAttention: flash}}).activations,
          flops: flopsPerToken(spec.model, {recompute}).hardwareFlops
        });
        const [none, selective, full] = [at("none"), at("selective"), at("full")];
        expect(selective.activations).toBeLessThanOrEqual(none.activations);
        expect(full.activations).toBeLessThanOrEqual(none.activations);
        // Full recomputation re-materialises one whole layer during its backward pass; without
        // flash attention that layer's a·s² scores can exceed what selective recomputation keeps
        // for a short stack, so full ≤ selective is only guaranteed with flash attention.
        if (flash) expect(full.activations).toBeLessThanOrEqual(selective.activations);
        expect(selective.flops).toBeGreaterThan(none.flops);
        expect(full.flops).toBeGreaterThan(selective.flops);
        expect(flopsPerToken(spec.model, {recompute: "full"}).modelFlops).toBe(none.flops);
      }),
      {numRuns: 300}
    );
  });

  it("more GPUs at the same per-GPU rate never lengthen wall-clock time", () => {
    fc.assert(
      fc.property(specArb, fc.integer({min: 2, max: 8}), (spec, k) => {
        const a = timed(estimate(spec, gpuOf(spec)));
        const bigger: TrainingSpec = {
          ...spec,
          hardware: {...spec.hardware, count: spec.hardware.count * k},
          parallelism: {...spec.parallelism, dp: spec.parallelism.dp * k}
        };
        const b = timed(estimate(bigger, gpuOf(spec)));
        expect(b.wallClockDays).toBeLessThanOrEqual(a.wallClockDays * (1 + 1e-12));
        expect(b.gpuHours).toBeCloseTo(a.gpuHours, 0);
      }),
      {numRuns: 200}
    );
  });
});
