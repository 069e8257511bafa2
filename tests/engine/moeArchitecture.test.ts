// Mixture-of-experts models as they are built: shared experts, leading dense layers, an expert
// width of their own, and multi-head latent attention (DeepSeek-V2/V3). The counts, FLOPs, memory
// and step time all read the same architecture.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {flopsPerToken, layerActivationBytes, layoutIssues, memoryPerGpu, parameterCount, predictStep, stageParameters, validateSpec, SpecError} from "../../src/engine/index.js";
import type {ModelSpec, TrainingSpec} from "../../src/engine/index.js";
import {checkSpec} from "../../src/engine/specCheck.js";
import {attentionWeightsOf} from "../../src/engine/architecture.js";
import {activeParamsReason, parameterCountRange, statedInterval} from "../../src/engine/parameterConventions.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {gpu} from "./perf/helpers.js";

const MLA = {qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128};
// deepseek-ai/DeepSeek-V3 inference/configs/config_671B.json (README: 671B total, 37B activated).
const V3: ModelSpec = {params: 671e9, activeParams: 37e9, layers: 61, dModel: 7168, heads: 128, ffnDim: 18432, ffnKind: "swiglu", vocab: 129280, seqLen: 4096,
  experts: {total: 256, active: 8}, sharedExperts: 1, denseLayers: 3, expertFfnDim: 2048, latentAttention: MLA, tiedEmbeddings: false};
// The same repository's config_236B.json (DeepSeek-V2; its README: 236B total, 21B activated).
const V2: ModelSpec = {params: 236e9, activeParams: 21e9, layers: 60, dModel: 5120, heads: 128, ffnDim: 12288, ffnKind: "swiglu", vocab: 102400, seqLen: 4096,
  experts: {total: 160, active: 6}, sharedExperts: 2, denseLayers: 1, expertFfnDim: 1536, latentAttention: MLA, tiedEmbeddings: false};
// config_16B.json (DeepSeek-V2-Lite; deepseek-ai/DeepSeek-V2 README: 16B total, 2.4B activated):
// not in data/models.csv, so never looked at when the margin was set. Queries at full rank (q_lora_rank 0).
const V2_LITE: ModelSpec = {params: 16e9, activeParams: 2.4e9, layers: 27, dModel: 2048, heads: 16, ffnDim: 10944, ffnKind: "swiglu", vocab: 102400, seqLen: 4096,
  experts: {total: 64, active: 6}, sharedExperts: 2, denseLayers: 1, expertFfnDim: 1408, latentAttention: {...MLA, qLoraRank: 0}, tiedEmbeddings: false};
// Mixtral 8x7B (Jiang et al. 2024, Table 1; 46.7B total, 12.9B active): every layer MoE, one width.
const MIXTRAL: ModelSpec = {params: 46.7e9, activeParams: 12.9e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096, experts: {total: 8, active: 2}};

const spec = (model: ModelSpec, parallelism: Partial<TrainingSpec["parallelism"]> = {}): TrainingSpec => ({
  model, tokens: 14.8e12, hardware: {gpu: "h800-sxm5-80gb", count: 2048},
  parallelism: {tp: 1, pp: 16, dp: 128, ep: 64, zeroStage: 1, microBatch: 1, recompute: "selective", ...parallelism}, precision: "bf16-master-fp32"
});

describe("parameters from the published configs", () => {
  it("DeepSeek-V3: latent attention holds 187.1 M weights a layer (4·dModel² would be 205.5 M); the model 671.0B total and 37.6B active (36.6B without the input embedding, the 37B its README prints)", () => {
    const attention = attentionWeightsOf(V3);
    expect(attention.matmul / 1e6).toBeCloseTo(187.105, 2);
    const c = parameterCount(V3);
    expect(c.total / 1e9).toBeCloseTo(671.03, 2);
    expect(c.active / 1e9).toBeCloseTo(37.55, 2);
    expect((c.active - c.embedding) / 1e9).toBeCloseTo(36.63, 2);
  });

  it("DeepSeek-V2: 235.7B total and 21.4B active (README: 236B, 21B); V2-Lite with full-rank queries: 15.7B and 2.66B (README: 16B, 2.4B)", () => {
    expect(parameterCount(V2).total / 1e9).toBeCloseTo(235.74, 2);
    expect(parameterCount(V2).active / 1e9).toBeCloseTo(21.38, 2);
    expect(parameterCount(V2_LITE).total / 1e9).toBeCloseTo(15.71, 2);
    expect(parameterCount(V2_LITE).active / 1e9).toBeCloseTo(2.66, 2);
  });

  it("without the new fields DeepSeek-V2 would count 18.7B active, 11% under its 21B: the error the fields remove", () => {
    const {sharedExperts, denseLayers, expertFfnDim, latentAttention, ...bare} = V2;
    void [sharedExperts, denseLayers, latentAttention];
    const old = parameterCount({...bare, ffnDim: expertFfnDim});
    expect(old.active / 21e9).toBeLessThan(0.9);
  });
});

describe("activeParams against the architecture", () => {
  it("every MoE row of data/models.csv (the rows the margin is set on: Mixtral 8x7B, DBRX, DeepSeek-V2, DeepSeek-V3; and Qwen3 30B-A3B and 235B-A22B, added after it) sits inside its conventions' active range, so asks for no margin at all", () => {
    const rows = (loadWithReferences("models") as unknown as ModelRecord[]).filter((r) => r.experts_total !== null);
    expect(rows.map((r) => r.id).sort()).toEqual(["dbrx", "deepseek-v2", "deepseek-v3", "mixtral-8x7b", "qwen3-235b-a22b", "qwen3-30b-a3b"]);
    for (const r of rows) {
      const m = modelSpecFromRecord(r);
      const range = parameterCountRange(m, "active");
      const stated = statedInterval(m.activeParams!);
      expect(stated.high >= range.low && stated.low <= range.high, r.id).toBe(true);
      expect(activeParamsReason(m), r.id).toBeNull();
    }
  });

  it("accepts DeepSeek-V3's, V2's, Mixtral's and (outside data/models.csv) V2-Lite's stated active counts", () => {
    for (const m of [V3, V2, MIXTRAL, V2_LITE]) expect(activeParamsReason(m)).toBeNull();
    expect(layoutIssues(spec(V3))).toEqual([]);
    expect(layoutIssues(spec(V2_LITE, {pp: 1, dp: 2048}))).toEqual([]);
  });

  it("refuses DeepSeek-V2's 21B given for DeepSeek-V3's architecture, in one sentence naming both counts", () => {
    const bad = spec({...V3, activeParams: 21e9});
    const sentence = "21 billion active parameters, but the architecture (61 layers of width 7,168 and 256 experts (8 routed per token, 1 shared, each 2,048 wide), 3 dense layers first) routes each token through 37.6 billion, and 35.7 billion to 37.6 billion under the usual counting conventions: they describe different models, so correct activeParams or the architecture";
    expect(layoutIssues(bad)).toEqual([{path: "model.activeParams", message: sentence}]);
    expect(() => validateSpec(bad)).toThrow(SpecError);
    expect(() => checkSpec(bad)).toThrow(`model.activeParams: ${sentence}`);
  });

  it("refuses Mixtral's total given as its active count (every expert counted as routed)", () => {
    expect(activeParamsReason({...MIXTRAL, activeParams: 46.7e9})).toMatch(/^46\.7 billion active parameters, but the architecture .* routes each token through 12\.9 billion/);
  });

  it("refuses MoE fields on a dense model, dense layers that leave no MoE layer, and kvHeads other than heads under latent attention", () => {
    const {experts, activeParams, ...dense} = MIXTRAL;
    void [experts, activeParams];
    const issues = layoutIssues(spec({...dense, params: 7.2e9, sharedExperts: 1}, {ep: 1, pp: 1, dp: 2048}));
    expect(issues.map((i) => i.path)).toContain("model.sharedExperts");
    expect(layoutIssues(spec({...V3, denseLayers: 61})).map((i) => i.path)).toContain("model.denseLayers");
    expect(layoutIssues(spec({...V3, kvHeads: 8})).map((i) => i.path)).toContain("model.kvHeads");
  });

  it("refuses per-op recomputation for latent attention as for experts: its kept tensors are derived for standard dense blocks", () => {
    const {experts, activeParams, sharedExperts, denseLayers, expertFfnDim, ...denseLatent} = V3;
    void [experts, activeParams, sharedExperts, denseLayers, expertFfnDim];
    // A dense model with DeepSeek-V3's attention: 61 layers with the 18,432-wide FFN.
    const model = {...denseLatent, params: parameterCount({...denseLatent, params: 1}).total};
    expect(layoutIssues(spec(model, {ep: 1, recompute: "selective"}))).toEqual([]);
    expect(layoutIssues(spec(model, {ep: 1, recompute: "per-op"}))).toEqual([{path: "parallelism.recompute", message: "per-op recomputation is worked out for standard attention only, not for latent attention: choose none, selective or full"}]);
    expect(layoutIssues(spec(V3, {recompute: "per-op"})).map((i) => i.path)).toContain("parallelism.recompute");
  });
});

const moeArchitecture = fc
  .record({
    heads: fc.constantFrom(8, 16, 32),
    headDim: fc.constantFrom(64, 128),
    layers: fc.integer({min: 2, max: 64}),
    denseLayers: fc.integer({min: 0, max: 4}),
    ffnDim: fc.integer({min: 256, max: 20_000}),
    expertFfnDim: fc.option(fc.integer({min: 64, max: 8192}), {nil: undefined}),
    experts: fc.constantFrom({total: 8, active: 2}, {total: 64, active: 6}, {total: 256, active: 8}),
    sharedExperts: fc.integer({min: 0, max: 2}),
    ffnKind: fc.constantFrom("gelu" as const, "swiglu" as const),
    latent: fc.option(fc.record({qLoraRank: fc.constantFrom(0, 512, 1536), kvLoraRank: fc.constantFrom(256, 512), qkNopeHeadDim: fc.constantFrom(64, 128), qkRopeHeadDim: fc.constantFrom(32, 64), vHeadDim: fc.constantFrom(64, 128)}), {nil: undefined}),
    vocab: fc.integer({min: 1000, max: 200_000}),
    tied: fc.boolean()
  })
  .map((r): ModelSpec => ({
    params: 1, layers: r.layers, dModel: r.heads * r.headDim, heads: r.heads, vocab: r.vocab, seqLen: 4096, ffnKind: r.ffnKind, ffnDim: r.ffnDim,
    experts: r.experts, sharedExperts: r.sharedExperts, denseLayers: Math.min(r.denseLayers, r.layers - 1), tiedEmbeddings: r.tied,
    ...(r.expertFfnDim === undefined ? {} : {expertFfnDim: r.expertFfnDim}), ...(r.latent ? {latentAttention: r.latent} : {})
  }));

describe("invariants (fast-check)", () => {
  it("active ≤ total; a shared expert adds the same weights to both, moeLayers × one expert; a dense layer swaps exactly one MoE layer's FFN and router for one dense FFN", () => {
    fc.assert(fc.property(moeArchitecture, (m) => {
      const c = parameterCount(m);
      expect(c.active).toBeLessThanOrEqual(c.total);
      const d = m.dModel;
      const matrices = m.ffnKind === "swiglu" ? 3 : 2;
      const expert = matrices * d * (m.expertFfnDim ?? m.ffnDim!);
      const moeLayers = m.layers - m.denseLayers!;
      const more = parameterCount({...m, sharedExperts: m.sharedExperts! + 1});
      expect(more.total - c.total).toBeCloseTo(moeLayers * expert, -2);
      expect(more.active - c.active).toBeCloseTo(moeLayers * expert, -2);
      if (moeLayers > 1) {
        const dense = parameterCount({...m, denseLayers: m.denseLayers! + 1});
        const moeLayerFfn = d * m.experts!.total + (m.experts!.total + m.sharedExperts!) * expert;
        expect(dense.total - c.total).toBeCloseTo(matrices * d * m.ffnDim! - moeLayerFfn, -2);
      }
    }), {seed: 11, numRuns: 300});
  });

  it("the defaults change nothing: sharedExperts 0, denseLayers 0 and expertFfnDim = ffnDim count, cost and hold what leaving them out does", () => {
    fc.assert(fc.property(moeArchitecture, (m) => {
      const {sharedExperts, denseLayers, expertFfnDim, ...plain} = m;
      void [sharedExperts, denseLayers, expertFfnDim];
      const neutral = {...plain, sharedExperts: 0, denseLayers: 0, expertFfnDim: m.ffnDim!};
      expect(parameterCount(neutral)).toEqual(parameterCount(plain));
      expect(flopsPerToken(neutral).modelFlops).toBe(flopsPerToken(plain).modelFlops);
    }), {seed: 11, numRuns: 200});
  });

  it("forward matmul FLOPs of the layers are 2 per active layer weight (norm vectors aside): FLOPs and counts read one architecture", () => {
    fc.assert(fc.property(moeArchitecture, (m) => {
      const c = parameterCount(m);
      const f = flopsPerToken(m);
      const layerNorms = 2 * m.dModel + attentionWeightsOf(m).norms;
      const activeLayerWeights = c.active - c.embedding - c.output - c.finalNorm - m.layers * layerNorms;
      const layerMatmuls = m.layers * (f.layer.attentionProjections + f.layer.ffn);
      expect(layerMatmuls / (2 * activeLayerWeights)).toBeCloseTo(1, 9);
    }), {seed: 11, numRuns: 300});
  });

  it("the architecture's own active count is accepted under every tying convention", () => {
    fc.assert(fc.property(moeArchitecture, (m) => {
      for (const tiedEmbeddings of [true, false]) {
        const c = parameterCount({...m, tiedEmbeddings});
        expect(activeParamsReason({...m, params: c.total, activeParams: c.active})).toBeNull();
        expect(parameterCountRange(m, "active").low).toBeLessThanOrEqual(parameterCountRange(m, "active").counted);
      }
    }), {seed: 11, numRuns: 200});
  });
});

describe("memory and step time read the same layers", () => {
  it("DeepSeek-V3 on ep 64: each rank holds 1/64 of the routed experts; the shared expert, router and the 3 dense layers' FFNs stay whole (replicated over expert parallelism)", () => {
    const p = {...spec(V3).parallelism, pp: 1, dp: 2048};
    const stage = stageParameters(V3, p);
    const c = parameterCount(V3);
    const scale = V3.params / c.total;
    const routed = 58 * 256 * 3 * 7168 * 2048;
    expect((stage.expert * 64) / (routed * scale)).toBeCloseTo(1, 9);
    expect(stage.dense / ((c.total - routed) * scale)).toBeCloseTo(1, 9);
    const one = memoryPerGpu({...spec(V3), parallelism: {...p, ep: 1}});
    const wide = memoryPerGpu({...spec(V3), parallelism: p});
    expect(wide.weights).toBeLessThan(one.weights / 20);
  });

  it("latent attention keeps its decompressed Q, K and V (heads × 192, 192, 128) without recomputation; selective recomputation re-runs the up-projections (DeepSeek-V3 Sec 3.2.3) and keeps the latents and output instead, at their FLOPs", () => {
    const layout = {seqLen: 4096, microBatch: 1, tp: 1, sequenceParallel: false, flashAttention: true} as const;
    const sb = 4096;
    const none = layerActivationBytes(V3, {...layout, recompute: "none"});
    const selective = layerActivationBytes(V3, {...layout, recompute: "selective"});
    expect(none.total - selective.total).toBe(2 * sb * 128 * (192 + 192 + 128));
    const standard = flopsPerToken({...V3, latentAttention: undefined}, {recompute: "selective"});
    const latent = flopsPerToken(V3, {recompute: "selective"});
    const upProjections = 1536 * 128 * 192 + 512 * 128 * (128 + 128);
    expect(latent.recomputeExtra - 61 * latent.layer.attentionCore).toBe(61 * 2 * upProjections);
    expect(standard.recomputeExtra).toBe(61 * standard.layer.attentionCore);
  });

  it("a shared expert costs step time and FLOPs; latent attention's 192-wide query-key heads make the step's model FLOPs what flopsPerToken says", () => {
    const h800 = gpu("h800-sxm5-80gb");
    const withShared = predictStep(spec(V3), h800);
    const without = predictStep(spec({...V3, sharedExperts: 0, activeParams: undefined}), h800);
    expect(withShared.secondsPerStep).toBeGreaterThan(without.secondsPerStep);
    expect(withShared.modelFlopsPerStep / withShared.tokensPerStep).toBeCloseTo(flopsPerToken(V3).modelFlops, -3);
    const standard = flopsPerToken({...V3, latentAttention: undefined});
    expect(flopsPerToken(V3).layer.attentionCore / standard.layer.attentionCore).toBeCloseTo((192 + 128) / (2 * 56), 9);
  });
});
