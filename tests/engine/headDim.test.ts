// Heads of their own width (ModelSpec.headDim): Gemma's 256-wide heads on a 3,072 residual, Qwen3's
// 64 heads of 128 on a 5,120 residual. Queries and the attention output are heads·headDim wide, so
// the Q and output projections, the attention core, the activations and the step time all read it.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {estimate, flopsPerToken, layerActivationBytes, layoutIssues, parameterCount, predictStep, validateSpec} from "../../src/engine/index.js";
import type {ModelSpec, TrainingSpec} from "../../src/engine/index.js";
import {checkSpec} from "../../src/engine/specCheck.js";
import {attentionWeightsOf, attentionWidthOf, headDimOf} from "../../src/engine/architecture.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {gpu} from "./perf/helpers.js";

const rows = loadWithReferences("models") as unknown as ModelRecord[];
const row = (id: string): ModelRecord => {
  const r = rows.find((m) => m.id === id);
  if (!r) throw new Error(`no ${id} in data/models.csv`);
  return r;
};

// google/gemma_pytorch gemma/config.py (GemmaConfig defaults = get_config_for_7b): 28 layers,
// hidden 3072, 16 heads, 16 KV heads, head_dim 256, intermediate 24576, vocab 256000; the output
// matrix is the embedding (gemma/model.py).
const GEMMA_7B: ModelSpec = {params: 7e9, layers: 28, dModel: 3072, heads: 16, kvHeads: 16, headDim: 256, ffnDim: 24576, ffnKind: "swiglu", vocab: 256000, seqLen: 8192, tiedEmbeddings: true};

/** The same model with each head dModel / heads wide (headDim left out). */
const withoutHeadDim = ({headDim, ...rest}: ModelSpec): ModelSpec => {
  void headDim;
  return rest;
};

const spec = (model: ModelSpec, parallelism: Partial<TrainingSpec["parallelism"]> = {}): TrainingSpec => ({
  model, tokens: 1e12, hardware: {gpu: "h100-sxm5-80gb", count: 64},
  parallelism: {tp: 8, pp: 1, dp: 8, zeroStage: 1, microBatch: 1, recompute: "selective", ...parallelism}, precision: "bf16-master-fp32"
});

describe("parameter counts with heads of their own width", () => {
  it("Gemma 7B: Q and output projections are 3,072 × 4,096 (16 heads × 256), not 3,072²; 8.54B with the embedding tied", () => {
    expect(attentionWidthOf(GEMMA_7B)).toBe(4096);
    expect(attentionWeightsOf(GEMMA_7B).matmul).toBe(4 * 3072 * 4096);
    // Embedding, 28 × (attention + three 3,072 × 24,576 matrices + two norm vectors), the final norm.
    const byHand = 256000 * 3072 + 28 * (4 * 3072 * 4096 + 3 * 3072 * 24576 + 2 * 3072) + 3072;
    expect(parameterCount(GEMMA_7B).total).toBe(byHand);
    expect(byHand / 1e9).toBeCloseTo(8.538, 3);
  });

  it("data/models.csv's Qwen3 32B (64 heads × 128 on a 5,120 residual) counts the 32,762,123,264 weights of its released safetensors within 0.01%; without head_dim it would count 2.26B fewer", () => {
    const r = row("qwen3-32b");
    expect(r.head_dim).toBe(128);
    const model = modelSpecFromRecord(r);
    expect(Math.abs(parameterCount(model).total / 32_762_123_264 - 1)).toBeLessThan(1e-4);
    expect((parameterCount(model).total - parameterCount(withoutHeadDim(model)).total) / 1e9).toBeCloseTo((64 * 2 * 5120 * (8192 - 5120) + 64 * 2 * 5120 * 8 * (128 - 80)) / 1e9, 6);
  });

  it("data/models.csv's PaLM 540B (48 heads of 256 on an 18,432 residual, Table 1) counts its stated 540.35B within 0.01%, and 780B tokens cost the 2.56 × 10²⁴ FLOPs PaLM states within 0.5%", () => {
    const palm = modelSpecFromRecord(row("palm-540b"));
    expect(palm.headDim).toBe(256);
    expect(Math.abs(parameterCount(palm).total / 540.35e9 - 1)).toBeLessThan(1e-4);
    expect(Math.abs((flopsPerToken(palm).modelFlops * 780e9) / 2.56e24 - 1)).toBeLessThan(0.005);
  });

  it("every row with head_dim in data/models.csv counts within 3% of its stated size; Gemma's non-embedding counts are its reports' Table 2 (Gemma 1 exactly, Gemma 2 within 0.01%: its post-norms are not counted)", () => {
    const withHeadDim = rows.filter((r) => r.head_dim !== null);
    expect(withHeadDim.map((r) => r.id).sort()).toEqual(
      ["gemma-2-27b", "gemma-2-2b", "gemma-2-9b", "gemma-2b", "gemma-7b", "llama3.2-1b", "llama3.2-3b", "palm-540b", "qwen3-235b-a22b", "qwen3-30b-a3b", "qwen3-32b", "qwen3-8b"]);
    for (const r of withHeadDim) expect(Math.abs(parameterCount(modelSpecFromRecord(r)).total / 1e9 / r.params_billions - 1), r.id).toBeLessThan(0.03);
    // Gemma Team 2024, arXiv 2403.08295 and 2408.00118, Table 2 (non-embedding parameters).
    const nonEmbedding: Record<string, number> = {"gemma-2b": 1_981_884_416, "gemma-7b": 7_751_248_896, "gemma-2-2b": 2_024_517_888, "gemma-2-9b": 8_324_201_984, "gemma-2-27b": 26_047_480_320};
    for (const [id, published] of Object.entries(nonEmbedding)) {
      const c = parameterCount(modelSpecFromRecord(row(id)));
      const counted = c.total - c.embedding;
      if (id.startsWith("gemma-2-")) expect(Math.abs(counted / published - 1), id).toBeLessThan(1e-4);
      else expect(counted, id).toBe(published);
    }
  });
});

describe("FLOPs, memory and step time read the head width", () => {
  const qwen32 = modelSpecFromRecord(row("qwen3-32b"));

  it("forward FLOPs per token: 2 per projection weight, and the attention core over heads × head_dim (Qwen3 32B: 8,192, not 5,120)", () => {
    const f = flopsPerToken(qwen32);
    expect(f.layer.attentionProjections).toBe(2 * attentionWeightsOf(qwen32).matmul);
    expect(f.layer.attentionCore).toBe(2 * 2 * qwen32.seqLen * 64 * 128);
  });

  it("activations: Q and the attention output are heads × head_dim wide (2 bytes each a token) inside the tensor-parallel region", () => {
    const layout = {seqLen: 4096, microBatch: 1, tp: 8, sequenceParallel: true, recompute: "selective" as const, flashAttention: true};
    const narrow = withoutHeadDim(qwen32);
    const wide = layerActivationBytes(qwen32, layout).tensorParallel;
    const base = layerActivationBytes(narrow, layout).tensorParallel;
    // Q and output +2·(8,192 − 5,120) each; K and V: 8 KV heads of 128 instead of 80.
    const extra = (2 * 2 * 4096 * (8192 - 5120) + 2 * 2 * 4096 * 8 * (128 - 80)) / 8;
    expect(wide - base).toBeCloseTo(extra, 6);
  });

  it("the step time grows with the head width, and model FLOPs per step are what flopsPerToken says", () => {
    const narrow = withoutHeadDim(qwen32);
    const s = spec(qwen32, {globalBatchTokens: 4096 * 512});
    const wide = predictStep(s, gpu("h100-sxm5-80gb"));
    const base = predictStep(spec(narrow, {globalBatchTokens: 4096 * 512}), gpu("h100-sxm5-80gb"));
    expect(wide.secondsPerStep).toBeGreaterThan(base.secondsPerStep);
    expect(wide.modelFlopsPerStep / wide.tokensPerStep).toBeCloseTo(flopsPerToken(qwen32).modelFlops, -3);
    expect(estimate(s, gpu("h100-sxm5-80gb")).flopsPerToken).toBe(flopsPerToken(qwen32).modelFlops);
  });

  it("headDim = dModel / heads changes nothing: counts, FLOPs, memory and step time equal leaving it out (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 6}), fc.constantFrom(32, 64, 128), fc.integer({min: 2, max: 24}), fc.constantFrom(1, 2, 4), (headsLog, head, layers, tp) => {
        const heads = 2 ** headsLog * tp;
        const shape: ModelSpec = {params: 1, layers, dModel: heads * head, heads, kvHeads: heads, ffnKind: "swiglu", vocab: 32000, seqLen: 2048};
        const model: ModelSpec = {...shape, params: parameterCount(shape).total};
        const explicit = {...model, headDim: head};
        expect(headDimOf(explicit)).toBe(headDimOf(model));
        expect(parameterCount(explicit)).toEqual(parameterCount(model));
        expect(flopsPerToken(explicit)).toEqual(flopsPerToken(model));
        const s = (m: ModelSpec): TrainingSpec => ({...spec(m, {tp, dp: 64 / tp}), parallelism: {tp, pp: 1, dp: 64 / tp, zeroStage: 1, microBatch: 1, recompute: "selective"}});
        const step = predictStep(s(model), gpu("h100-sxm5-80gb")).secondsPerStep;
        expect(step).toBeGreaterThan(0);
        expect(predictStep(s(explicit), gpu("h100-sxm5-80gb")).secondsPerStep).toBe(step);
        expect(estimate(s(explicit), gpu("h100-sxm5-80gb")).memoryPerGpuBytes).toEqual(estimate(s(model), gpu("h100-sxm5-80gb")).memoryPerGpuBytes);
      }),
      {numRuns: 40}
    );
  });
});

describe("the spec's rules for headDim", () => {
  it("heads need not tile dModel when headDim is given (Gemma 2 9B: 16 heads of 256 on 3,584); without it the rule names headDim", () => {
    const gemma9 = modelSpecFromRecord(row("gemma-2-9b"));
    expect(layoutIssues(spec(gemma9, {tp: 8, dp: 8}))).toEqual([]);
    const odd: ModelSpec = {...GEMMA_7B, dModel: 3000};
    expect(layoutIssues(spec(odd))).toEqual([]);
    const without = withoutHeadDim(odd);
    expect(layoutIssues(spec(without)).map((i) => i.path)).toContain("model.dModel");
    expect(layoutIssues(spec(without)).find((i) => i.path === "model.dModel")?.message).toMatch(/give model\.headDim/);
  });

  it("refuses headDim beside latent attention (its heads have widths of their own), in both the schema and the browser's checker", () => {
    const shape: ModelSpec = {params: 1, layers: 27, dModel: 2048, heads: 16, headDim: 128, ffnDim: 10944, ffnKind: "swiglu", vocab: 102400, seqLen: 4096,
      latentAttention: {qLoraRank: 0, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128}};
    const mla: ModelSpec = {...shape, params: parameterCount(shape).total};
    expect(layoutIssues(spec(mla, {tp: 1, dp: 64})).map((i) => i.path)).toEqual(["model.headDim"]);
    expect(() => validateSpec(spec(mla, {tp: 1, dp: 64}))).toThrow(/headDim/);
    expect(() => checkSpec(spec(mla, {tp: 1, dp: 64}))).toThrow(/model\.headDim: latent attention sets its own head widths/);
  });

  it("refuses a headDim that is not a positive whole number", () => {
    for (const bad of [0, -128, 127.5]) {
      expect(() => validateSpec(spec({...GEMMA_7B, headDim: bad}))).toThrow(/headDim/);
      expect(() => checkSpec(spec({...GEMMA_7B, headDim: bad}))).toThrow(/headDim/);
    }
  });
});
