// specCheck.ts (no zod) must accept and refuse exactly the specs the zod schema does.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {checkSpec, specShapeIssues} from "../../src/engine/specCheck.js";
import {trainingSpecSchema} from "../../src/engine/specSchema.js";
import {SpecError} from "../../src/engine/validateSpec.js";

// Mixtral 8x7B (Jiang et al. 2024, Table 1: 46.7B parameters, 12.9B active) on 1,024 H100s,
// every optional field present.
const FULL = {
  model: {params: 46.7e9, activeParams: 12.9e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096,
    experts: {total: 8, active: 2}, sharedExperts: 0, denseLayers: 0, expertFfnDim: 14336, tiedEmbeddings: false, positionEmbedding: "rotary", dropout: false},
  tokens: 2e12,
  hardware: {gpu: "h100-sxm5-80gb", count: 1024, usdPerGpuHour: 2.5, mfu: 0.4},
  parallelism: {tp: 8, pp: 4, dp: 32, cp: 1, ep: 1, zeroStage: 1, microBatch: 1, globalBatchTokens: 4194304, recompute: "selective", sequenceParallel: true, flashAttention: true, virtualStages: 1},
  precision: "bf16-master-fp32",
  stack: "megatron"
};

/** Every path to a field of FULL, nested ones included: ["model", "experts", "total"], … */
function paths(o: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? [[...prefix, k], ...paths(v as Record<string, unknown>, [...prefix, k])] : [[...prefix, k]]));
}
const PATHS = paths(FULL);

// DeepSeek-V3 (deepseek-ai/DeepSeek-V3 inference/configs/config_671B.json; 671B, 37B active) on
// 2,048 H800s as its report lays them out (Sec 3.2: pp 16, ep 64, no tp), with latent attention.
const DEEPSEEK = {
  model: {params: 671e9, activeParams: 37e9, layers: 61, dModel: 7168, heads: 128, ffnDim: 18432, ffnKind: "swiglu", vocab: 129280, seqLen: 4096,
    experts: {total: 256, active: 8}, sharedExperts: 1, denseLayers: 3, expertFfnDim: 2048,
    latentAttention: {qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128}, tiedEmbeddings: false},
  tokens: 14.8e12,
  hardware: {gpu: "h800-sxm5-80gb", count: 2048},
  parallelism: {tp: 1, pp: 16, dp: 128, ep: 64, zeroStage: 1, microBatch: 1, recompute: "selective"},
  precision: "fp8"
};
const DEEPSEEK_PATHS = paths(DEEPSEEK);
const VALUES: unknown[] = [undefined, null, Number.NaN, Infinity, -Infinity, -1, 0, 0.5, 1, 1.5, 2, 3, 4, 1e30, "", "x", "fp8", "fp16-master-fp32", "full", "pytorch", "gelu", "learned", "relative", true, false, {}, [], {total: 2, active: 1}];

const clone = <T>(x: T): T => structuredClone(x);
const mutate = (spec: Record<string, unknown>, path: string[], value: unknown, how: "set" | "delete" | "extra"): void => {
  let o = spec as Record<string, unknown>;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== "object" || o[k] === null) return;
    o = o[k] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (how === "delete") delete o[last];
  else if (how === "extra") o.unexpected = value;
  else o[last] = value;
};

const mutation = fc.record({path: fc.constantFrom(...PATHS), value: fc.constantFrom(...VALUES), how: fc.constantFrom("set", "set", "set", "delete", "extra") as fc.Arbitrary<"set" | "delete" | "extra">});

describe("specShapeIssues (specSchema's rules without zod)", () => {
  it("accepts the full Mixtral 8x7B spec, and the same spec with every optional field left out", () => {
    expect(specShapeIssues(FULL)).toEqual([]);
    const bare = {model: {params: 7e9, layers: 32, dModel: 4096, heads: 32, vocab: 32000, seqLen: 4096}, tokens: 1e12, hardware: {gpu: "a100-sxm4-80gb", count: 8},
      parallelism: {tp: 1, pp: 1, dp: 8, zeroStage: 0, microBatch: 1, recompute: "none"}, precision: "fp32"};
    expect(specShapeIssues(bare)).toEqual([]);
    expect(trainingSpecSchema.safeParse(bare).success).toBe(true);
  });

  it("agrees with the zod schema on every spec with one to three fields changed, removed or added (fixed seed)", () => {
    fc.assert(fc.property(fc.array(mutation, {minLength: 1, maxLength: 3}), (mutations) => {
      const spec = clone(FULL) as Record<string, unknown>;
      for (const m of mutations) mutate(spec, m.path, m.value, m.how);
      expect(specShapeIssues(spec).length === 0).toBe(trainingSpecSchema.safeParse(spec).success);
    }), {seed: 14, numRuns: 4000});
  });

  it("agrees with the zod schema on DeepSeek-V3's spec (shared experts, dense layers, expert width, latent attention) with fields changed, removed or added (fixed seed)", () => {
    expect(specShapeIssues(DEEPSEEK)).toEqual([]);
    expect(checkSpec(DEEPSEEK)).toBe(DEEPSEEK);
    const deepseekMutation = fc.record({path: fc.constantFrom(...DEEPSEEK_PATHS), value: fc.constantFrom(...VALUES), how: fc.constantFrom("set", "set", "set", "delete", "extra") as fc.Arbitrary<"set" | "delete" | "extra">});
    fc.assert(fc.property(fc.array(deepseekMutation, {minLength: 1, maxLength: 3}), (mutations) => {
      const spec = clone(DEEPSEEK) as Record<string, unknown>;
      for (const m of mutations) mutate(spec, m.path, m.value, m.how);
      expect(specShapeIssues(spec).length === 0).toBe(trainingSpecSchema.safeParse(spec).success);
    }), {seed: 11, numRuns: 1500});
  });

  it("refuses what is not an object at all", () => {
    for (const x of [null, undefined, 3, "spec", []]) {
      expect(specShapeIssues(x).length).toBeGreaterThan(0);
      expect(trainingSpecSchema.safeParse(x).success).toBe(false);
    }
  });
});

describe("checkSpec", () => {
  it("returns a valid spec and throws a SpecError naming the field for a bad one", () => {
    expect(checkSpec(FULL)).toBe(FULL);
    const bad = clone(FULL);
    bad.hardware.mfu = 1.5;
    expect(() => checkSpec(bad)).toThrow(SpecError);
    expect(() => checkSpec(bad)).toThrow("hardware.mfu: expected an MFU in (0, 1]");
  });

  it("applies the layout rules too: tp·pp·dp must equal the count", () => {
    const bad = clone(FULL);
    bad.hardware.count = 1000;
    expect(() => checkSpec(bad)).toThrow(/tp·pp·dp·cp = 8·4·32·1 = 1024, but hardware.count is 1000/);
  });
});
