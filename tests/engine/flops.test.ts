import {describe, expect, it} from "vitest";
import {approxTrainingFlops, flopsPerToken, parameterCount, trainingSeconds} from "../../src/engine/index.js";
import type {ModelSpec} from "../../src/engine/index.js";

// GPT-3 175B: 96 layers, d = 12288, 96 heads, s = 2048 (Brown et al. 2020, Table 2.1); GPT-2 BPE
// vocabulary padded to 51200 as in Narayanan et al. 2021 Sec 5.1.
const gpt3: ModelSpec = {params: 174.6e9, layers: 96, dModel: 12288, heads: 96, vocab: 51200, seqLen: 2048, ffnKind: "gelu", tiedEmbeddings: true};
// Llama 2 7B: 32 layers, d = 4096, 32 heads, SwiGLU ffn 11008, vocab 32000, untied
// (Touvron et al. 2023, Table 1; meta-llama/Llama-2-7b-hf config.json).
const llama2_7b: ModelSpec = {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096};
// Mixtral 8x7B: Jiang et al. 2024, Table 1 (dim 4096, 32 layers, 32 heads, 8 kv heads, hidden 14336, vocab 32000, 8 experts, top-2).
const mixtral: ModelSpec = {params: 46.7e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096, experts: {total: 8, active: 2}};

describe("6·N·D", () => {
  it("reproduces GPT-3's 3.14e23 training FLOPs (Brown et al. 2020, Table D.1: 174.6B params, 300B tokens)", () => {
    expect(approxTrainingFlops(174.6e9, 300e9)).toBeCloseTo(3.14e23, -21);
  });
});

describe("parameterCount", () => {
  it("counts Llama 2 7B as 6,738,415,616 parameters (the Hugging Face checkpoint's count)", () => {
    expect(parameterCount(llama2_7b).total).toBe(6_738_415_616);
  });
  it("counts Mixtral 8x7B as 46.7B total and 12.9B active parameters (Jiang et al. 2024, Sec 2)", () => {
    const c = parameterCount(mixtral);
    expect(c.total / 1e9).toBeCloseTo(46.7, 1);
    expect(c.active / 1e9).toBeCloseTo(12.9, 1);
  });
  it("counts GPT-3 175B within 0.2% of 174.6B (biases are not counted)", () => {
    const c = parameterCount({...gpt3, positionEmbedding: "learned"});
    expect(Math.abs(c.total / 174.6e9 - 1)).toBeLessThan(0.002);
  });
});

describe("flopsPerToken", () => {
  const {layers: l, dModel: h, seqLen: s, vocab: V} = gpt3;
  it("reproduces Narayanan et al. 2021 Eq (3) with full recomputation: 96·l·h²·(1 + s/6h + V/16lh) per token", () => {
    const f = flopsPerToken(gpt3, {recompute: "full"});
    expect(f.hardwareFlops / (96 * l * h * h * (1 + s / (6 * h) + V / (16 * l * h)))).toBeCloseTo(1, 12);
  });
  it("reproduces Korthikanti et al. 2022 Sec 6.3 model FLOPs without recomputation: 72·l·h²·(1 + s/6h + V/12lh)", () => {
    const f = flopsPerToken(gpt3);
    expect(f.modelFlops / (72 * l * h * h * (1 + s / (6 * h) + V / (12 * l * h)))).toBeCloseTo(1, 12);
    expect(f.recomputeExtra).toBe(0);
    expect(f.hardwareFlops).toBe(f.modelFlops);
  });
  it("matches PaLM Appendix B: 6N + 12·L·H·Q·T (matmul parameters, tied embedding)", () => {
    const f = flopsPerToken(gpt3);
    const c = parameterCount(gpt3);
    const matmulParams = c.total - l * 2 * h - c.finalNorm; // norms are not matmuls
    expect(f.modelFlops / (6 * matmulParams + 12 * l * h * s)).toBeCloseTo(1, 12);
  });
  it("counts backward as twice forward", () => {
    const f = flopsPerToken(llama2_7b);
    expect(f.backward).toBe(2 * f.forward);
  });
  it("selective recomputation re-runs Q·Kᵀ and attention over values: 4·B·s²·h per layer (Korthikanti et al. 2022, Appendix A text)", () => {
    const f = flopsPerToken(gpt3, {recompute: "selective"});
    // Per token: 4·s·h per layer. (The paper's Eq (8), 72BLsh²(1 + s/3h + …), and its "2.7%" for
    // GPT-3 add s/6h, three times the operations its own text lists; we follow the text.)
    expect(f.recomputeExtra).toBe(4 * s * h * l);
    expect(f.recomputeExtra / f.modelFlops).toBeCloseTo(2048 / (18 * 12288) / (1 + s / (6 * h) + V / (12 * l * h)), 12);
  });
  it("full recomputation adds one forward pass of the layers (≈ +33%)", () => {
    const f = flopsPerToken(gpt3, {recompute: "full"});
    expect(f.recomputeExtra).toBeCloseTo(f.forward - f.logitsForward, 0);
  });
  it("causal attention halves the attention core", () => {
    const full = flopsPerToken(llama2_7b).layer.attentionCore;
    expect(flopsPerToken(llama2_7b, {causalAttention: true}).layer.attentionCore).toBe(full / 2);
  });
  it("MoE: only routed experts cost FLOPs; 6N uses active parameters", () => {
    const f = flopsPerToken(mixtral);
    const active = parameterCount(mixtral).active;
    expect(f.approx6N).toBe(6 * active);
    // Within ~15% of 6·N_active at s = 4096 (attention core is the difference).
    expect(f.modelFlops / f.approx6N).toBeGreaterThan(1);
    expect(f.modelFlops / f.approx6N).toBeLessThan(1.25);
  });
  it("is within 10% of 6N for Llama 2 7B at 4k context", () => {
    const f = flopsPerToken(llama2_7b);
    expect(f.modelFlops / f.approx6N).toBeGreaterThan(1);
    expect(f.modelFlops / f.approx6N).toBeLessThan(1.2);
  });
});

describe("trainingSeconds", () => {
  it("divides work by the delivered FLOP rate", () => {
    expect(trainingSeconds(1e18, 10, 1e15, 0.5)).toBe(200);
  });
  it("refuses MFU outside (0, 1] and non-positive GPU counts", () => {
    expect(() => trainingSeconds(1, 1, 1, 0)).toThrow(RangeError);
    expect(() => trainingSeconds(1, 1, 1, 1.5)).toThrow(RangeError);
    expect(() => trainingSeconds(1, 0, 1, 0.5)).toThrow(RangeError);
  });
});
