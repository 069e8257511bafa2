// A stated parameter count and the architecture must describe the same model (item 1 of cli18's
// brief): counts that honest conventions give are accepted, a count no convention explains is
// refused in one sentence naming both figures.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {SpecError, gpuSpecFromRecord, layoutIssues, parameterCount, validateSpec} from "../../src/engine/index.js";
import {checkSpec} from "../../src/engine/specCheck.js";
import type {GpuRecord, ModelSpec, TrainingSpec} from "../../src/engine/index.js";
import {UNSPELLED_STRUCTURE_MARGIN, agreesWithArchitecture, parameterCountRange, paramsReason, statedInterval} from "../../src/engine/parameterConventions.js";
import {specFromRow} from "../../src/engine/perf/validation.js";
import type {SystemMfuRow} from "../../src/engine/perf/validation.js";
import {CHECK_SETS, checkRowSpec} from "../../src/engine/perf/checkSets.js";
import type {CheckSetRow} from "../../src/engine/perf/checkSets.js";
import {measuredStepSpec} from "../../src/engine/perf/measured.js";
import type {MeasuredStepRow} from "../../src/engine/perf/measured.js";
import {measuredMultiStepSpec} from "../../src/engine/perf/measuredMulti.js";
import type {MeasuredMultiStepRow} from "../../src/engine/perf/measuredMulti.js";

// Llama 2 7B (Touvron et al. 2023, Table 1; 6.74B parameters).
const LLAMA2_7B: ModelSpec = {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096};
const spec = (model: ModelSpec): TrainingSpec => ({
  model, tokens: 2e12, hardware: {gpu: "a100-sxm4-80gb", count: 64},
  parallelism: {tp: 1, pp: 1, dp: 64, zeroStage: 3, microBatch: 1, recompute: "none"}, precision: "bf16-master-fp32"
});
const gap = (m: ModelSpec): number => {
  const range = parameterCountRange(m);
  const s = statedInterval(m.params);
  return s.high < range.low ? range.low / s.high - 1 : s.low > range.high ? s.low / range.high - 1 : 0;
};

describe("a stated count is read at the precision it is written in", () => {
  it("7e9 stands for 6.5e9–7.5e9, 6.74e9 for 6.735e9–6.745e9, and 0.124 × 1e9 for 123.5–124.5 million (no floating-point noise)", () => {
    expect(statedInterval(7e9)).toEqual({low: 6.5e9, high: 7.5e9});
    const precise = statedInterval(6.74e9);
    expect(precise.low).toBeCloseTo(6.735e9, -1);
    expect(precise.high).toBeCloseTo(6.745e9, -1);
    const gpt2 = statedInterval(0.124 * 1e9);
    expect(gpt2.low).toBeCloseTo(123.5e6, -1);
    expect(gpt2.high).toBeCloseTo(124.5e6, -1);
  });
});

describe("model.params against the architecture", () => {
  it("Llama 2 7B: its 6.74B, its name's 7B and its 6.48B without embeddings are all accepted", () => {
    for (const params of [6.74e9, 7e9, 6.48e9]) expect(layoutIssues(spec({...LLAMA2_7B, params}))).toEqual([]);
  });

  it("70B given for Llama 2 7B's architecture is refused in one sentence that names both counts", () => {
    const bad = spec({...LLAMA2_7B, params: 70e9});
    const sentence = "70 billion parameters, but the architecture (32 layers of width 4,096, an FFN 11,008 wide, a 32,000-token vocabulary) holds 6.74 billion, and 6.48 billion to 6.76 billion under the usual counting conventions (embeddings or not, tied output, learned positions, biases): they describe different models, so correct params or the architecture";
    expect(layoutIssues(bad)).toEqual([{path: "model.params", message: sentence}]);
    expect(() => validateSpec(bad)).toThrow(SpecError);
    expect(() => checkSpec(bad)).toThrow(`model.params: ${sentence}`);
    // A dropped digit the other way, and a count past the margin but not a power of ten off.
    expect(paramsReason({...LLAMA2_7B, params: 6.74e8})).toMatch(/^674 million parameters, but the architecture/);
    expect(paramsReason({...LLAMA2_7B, params: 7.5e9})).toMatch(/^7\.5 billion parameters/);
  });

  it("accepts every published model of data/models.csv, the rows the margin was set on (worst: Gopher, 6.3% outside the conventions)", () => {
    const rows = loadWithReferences("models") as unknown as ModelRecord[];
    expect(rows.length).toBeGreaterThanOrEqual(49);
    const gaps = rows.map((r) => ({id: r.id, gap: gap(modelSpecFromRecord(r)), reason: paramsReason(modelSpecFromRecord(r))}));
    for (const g of gaps) expect(g.reason, g.id).toBeNull();
    expect(Math.max(...gaps.map((g) => g.gap))).toBeLessThan(UNSPELLED_STRUCTURE_MARGIN);
  });

  it("accepts the held-out specs of system_mfu.csv, the check sets and the measured steps (352 when the margin was set, 396 now), none further out than 2.4% (never used to set the margin)", () => {
    const gpus = new Map((loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord).map((g) => [g.id, g]));
    const models: [string, ModelSpec][] = [];
    for (const r of loadWithReferences("system_mfu") as unknown as SystemMfuRow[]) {
      const s = specFromRow(r, gpus);
      if ("spec" in s) models.push([r.id, s.spec.model]);
    }
    for (const set of CHECK_SETS) for (const r of loadWithReferences(set.name) as unknown as CheckSetRow[]) models.push([r.id, checkRowSpec(r, gpus).spec.model]);
    for (const r of loadWithReferences("gpu_training_steps") as unknown as MeasuredStepRow[]) {
      if (r.recompute === "selective") continue; // the engine has no mode for the script's selective checkpointing
      models.push([r.model, measuredStepSpec(r, "h100-sxm5-80gb").model]);
    }
    for (const r of loadWithReferences("gpu_multi_steps") as unknown as MeasuredMultiStepRow[]) models.push([r.model, measuredMultiStepSpec(r, "h200-sxm-141gb").model]);
    expect(models.length).toBeGreaterThanOrEqual(352);
    for (const [id, m] of models) expect(paramsReason(m), id).toBeNull();
    expect(Math.max(...models.map(([, m]) => gap(m)))).toBeLessThan(0.025);
  });

  const architecture = fc
    .record({
      heads: fc.constantFrom(4, 8, 16, 32, 64),
      headDim: fc.constantFrom(64, 128),
      layers: fc.integer({min: 1, max: 128}),
      vocab: fc.integer({min: 256, max: 262_144}),
      seqLen: fc.constantFrom(1, 512, 2048, 8192, 131_072),
      ffnKind: fc.constantFrom("gelu" as const, "swiglu" as const),
      ffnDim: fc.option(fc.integer({min: 64, max: 65_536}), {nil: undefined}),
      experts: fc.option(fc.constantFrom({total: 8, active: 2}, {total: 64, active: 6}), {nil: undefined}),
      tied: fc.boolean(),
      learned: fc.boolean()
    })
    .map((r): ModelSpec => ({
      params: 1, layers: r.layers, dModel: r.heads * r.headDim, heads: r.heads, vocab: r.vocab, seqLen: r.seqLen, ffnKind: r.ffnKind,
      ...(r.ffnDim === undefined ? {} : {ffnDim: r.ffnDim}), ...(r.experts ? {experts: r.experts} : {}),
      tiedEmbeddings: r.tied, positionEmbedding: r.learned ? "learned" : "rotary"
    }));

  it("accepts the architecture's own count under every tying and position convention, whichever the spec states (fast-check)", () => {
    fc.assert(fc.property(architecture, (m) => {
      for (const tiedEmbeddings of [true, false]) {
        for (const positionEmbedding of ["learned", "rotary"] as const) {
          expect(paramsReason({...m, params: parameterCount({...m, tiedEmbeddings, positionEmbedding}).total})).toBeNull();
        }
      }
    }), {seed: 18, numRuns: 300});
  });

  it("refuses a count, written to three figures, more than 25% above the highest convention or below the lowest (fast-check)", () => {
    fc.assert(fc.property(architecture, fc.double({min: 1.25, max: 1000, noNaN: true}), fc.boolean(), (m, factor, above) => {
      const range = parameterCountRange(m);
      const params = Number((above ? range.high * factor : range.low / factor).toPrecision(3));
      // A round figure such as 1.00e10 reads as one significant figure (5e9–1.5e10): not this case.
      const stated = statedInterval(params);
      fc.pre(params > 0 && stated.high - stated.low < 0.01 * params);
      expect(agreesWithArchitecture(params, range)).toBe(false);
      expect(paramsReason({...m, params})).toMatch(/parameters, but the architecture .* holds /);
    }), {seed: 18, numRuns: 300});
  });
});

describe("activeParams means one thing", () => {
  it("on a dense model it is refused: every parameter is active", () => {
    expect(layoutIssues(spec({...LLAMA2_7B, activeParams: 6e9}))).toEqual([{
      path: "model.activeParams",
      message: "applies to mixture-of-experts models (the parameters a token is routed through); this model has no experts, so every parameter is active: leave activeParams out, or give model.experts"
    }]);
  });
  it("on a mixture-of-experts model it is accepted (Mixtral 8x7B: 46.7B, 12.9B active; Jiang et al. 2024, Table 1)", () => {
    const mixtral: ModelSpec = {params: 46.7e9, activeParams: 12.9e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096, experts: {total: 8, active: 2}};
    expect(layoutIssues(spec(mixtral))).toEqual([]);
  });
});
