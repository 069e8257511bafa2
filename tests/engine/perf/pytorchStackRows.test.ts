// The published rows that name a PyTorch stack (data/system_mfu.csv stack "pytorch": MosaicML's LLM
// Foundry tables) are timed by the plain-PyTorch step model (eagerStep.ts) with what their source
// says ran: FSDP1 under Composer's mixed-precision modes and the Triton port of FlashAttention v1.
import {describe, expect, it} from "vitest";
import {
  COMPOSER_FSDP_MIXED_PRECISION, PUBLISHED_INPUTS, SYSTEM_SETTINGS, ampereFlashAttentionEfficiency, fsdpCopySeconds, fsdpMixedPrecisionCastSeconds,
  predictEagerStep, predictStep, specFromRow, validateSystemMfu
} from "../../../src/engine/index.js";
import type {TrainingSpec} from "../../../src/engine/index.js";
import {GPUS, gpu, systemMfuRows} from "./helpers.js";

const byId = new Map(GPUS.map((g) => [g.id, g] as const));
const rows = systemMfuRows();
const foundryRows = rows.filter((r) => r.id.startsWith("llm-foundry-"));

describe("rows of a PyTorch stack are timed by the plain-PyTorch model", () => {
  const table = validateSystemMfu(rows, GPUS);

  it("the 15 LLM Foundry rows, and only they, name the pytorch stack", () => {
    expect(foundryRows).toHaveLength(15);
    expect(rows.filter((r) => r.stack === "pytorch").map((r) => r.id).sort()).toEqual(foundryRows.map((r) => r.id).sort());
  });

  it("each is predicted as predictEagerStep predicts it with FSDP1, the row's Composer mixed-precision mode and FlashAttention v1's rate, not as the fused model does", () => {
    for (const row of foundryRows) {
      const built = specFromRow(row, byId);
      if ("missing" in built) throw new Error(`${row.id}: ${built.missing.join(", ")}`);
      const g = built.gpu;
      const eager = predictEagerStep(built.spec, g, {
        kernels: "eager",
        fsdpVersion: 1,
        fsdpMixedPrecision: PUBLISHED_INPUTS[row.id]!.fsdpMixedPrecision!,
        calibration: {flashAttentionEfficiency: ampereFlashAttentionEfficiency(g, "flash-v1", built.spec.model.dModel / built.spec.model.heads, built.spec.model.seqLen)}
      }).step;
      const predicted = table.find((r) => r.id === row.id)!.prediction!;
      expect(predicted.secondsPerStep, row.id).toBeCloseTo(eager.secondsPerStep, 12);
      expect(Math.abs(predicted.secondsPerStep / predictStep(built.spec, g, built.options).secondsPerStep - 1), row.id).toBeGreaterThan(0.005);
    }
  });

  it("reads Composer's mode from each row's precision as the tables print it: DEFAULT (bf16 gathers, fp32 reduce-scatters) for amp_bf16 / amp_fp8, PURE (bf16 both) for bf16", () => {
    expect(COMPOSER_FSDP_MIXED_PRECISION.DEFAULT).toEqual({gatherBytesPerParam: 2, reduceBytesPerParam: 4});
    expect(COMPOSER_FSDP_MIXED_PRECISION.PURE).toEqual({gatherBytesPerParam: 2, reduceBytesPerParam: 2});
    for (const row of foundryRows) {
      const inputs = PUBLISHED_INPUTS[row.id]!;
      expect(inputs.fsdpMixedPrecision, row.id).toEqual(COMPOSER_FSDP_MIXED_PRECISION[inputs.precision === "bf16-master-fp32" ? "PURE" : "DEFAULT"]);
      expect(inputs.source, row.id).toMatch(/MP Mode (DEFAULT|PURE)/);
    }
    // The five PURE rows: A100 40GB (all four) and A100 80GB MPT-70B, both from the May 2023 README.
    expect(foundryRows.filter((r) => PUBLISHED_INPUTS[r.id]!.fsdpMixedPrecision!.reduceBytesPerParam === 2).map((r) => r.id).sort()).toEqual(
      ["llm-foundry-a100-40gb-mpt-13b", "llm-foundry-a100-40gb-mpt-30b", "llm-foundry-a100-40gb-mpt-70b", "llm-foundry-a100-40gb-mpt-7b", "llm-foundry-a100-80gb-mpt-70b"]
    );
  });

  it("MosaicML's system settings say FSDP1 and FlashAttention v1 (attn_impl triton)", () => {
    const s = SYSTEM_SETTINGS.find((x) => x.sourceSystem.test("MosaicML LLM Foundry benchmarks"))!;
    expect(s.pytorch).toEqual({fsdpVersion: 1, attentionKernel: "flash-v1"});
  });

  it("puts every LLM Foundry row within ±5 MFU points (H100 and A100 alike; 6 of them were beyond ±5 under the fused model)", () => {
    for (const row of table.filter((r) => r.id.startsWith("llm-foundry-"))) expect(Math.abs(row.errorPoints!), row.id).toBeLessThanOrEqual(5);
  });
});

describe("predictEagerStep's FSDP options (eagerStep.ts)", () => {
  const h100 = gpu("h100-sxm5-80gb");
  // MPT-13B as the LLM Foundry H100 table ran it: 8 GPUs, FULL_SHARD, micro-batch 2, one micro-batch a step.
  const spec: TrainingSpec = {
    model: {params: 12.85e9, layers: 40, dModel: 5120, heads: 40, vocab: 50368, seqLen: 2048, ffnKind: "gelu", tiedEmbeddings: true, positionEmbedding: "learned"},
    tokens: 16 * 2048,
    hardware: {gpu: h100.id, count: 8},
    parallelism: {tp: 1, pp: 1, dp: 8, zeroStage: 3, microBatch: 2, globalBatchTokens: 16 * 2048, recompute: "none"},
    precision: "amp-bf16",
    stack: "pytorch"
  };

  it("leaves the default step as it was: no policy is fp32 both ways, and FSDP2 by default", () => {
    const plain = predictEagerStep(spec, h100);
    expect(predictEagerStep(spec, h100, {fsdpMixedPrecision: {gatherBytesPerParam: 4, reduceBytesPerParam: 4}, fsdpVersion: 2}).secondsPerStep).toBe(plain.secondsPerStep);
  });

  it("a bf16 policy moves half the bytes: PURE's collectives take half the time of none at these message sizes' flat bandwidth, DEFAULT's two thirds (fp32 gradients)", () => {
    const none = predictEagerStep(spec, h100).commSeconds;
    const pure = predictEagerStep(spec, h100, {fsdpMixedPrecision: COMPOSER_FSDP_MIXED_PRECISION.PURE}).commSeconds;
    const dflt = predictEagerStep(spec, h100, {fsdpMixedPrecision: COMPOSER_FSDP_MIXED_PRECISION.DEFAULT}).commSeconds;
    // Every collective halves under PURE; under DEFAULT the blocks' two gathers and one reduce-scatter
    // give (2·2 + 4) / (2·4 + 4), which the root (gathered once: FSDP_ROOT_STAYS_GATHERED) moves by < 0.5%.
    expect(pure / none).toBeCloseTo(0.5, 6);
    expect(Math.abs(dflt / none - (2 * 2 + 4) / 12)).toBeLessThan(0.005);
  });

  it("FSDP1 skips FSDP2's copy-in / copy-out: the GPU time drops by exactly fsdpCopySeconds", () => {
    const v2 = predictEagerStep(spec, h100);
    const v1 = predictEagerStep(spec, h100, {fsdpVersion: 1});
    const fp32Bytes = 4 * spec.model.params;
    // Blocks gathered twice, the root once (FSDP_ROOT_STAYS_GATHERED): bounded by the copies of two full gathers and one reduce.
    const most = fsdpCopySeconds(2 * fp32Bytes, fp32Bytes, 8, h100);
    expect(v2.gpuSeconds - v1.gpuSeconds).toBeGreaterThan(0.9 * most);
    expect(v2.gpuSeconds - v1.gpuSeconds).toBeLessThanOrEqual(most * (1 + 1e-9));
  });

  it("with a bf16 param_dtype autocast casts no weight and FSDP's casts are counted instead: DEFAULT casts the whole gradient up each micro-batch, PURE only shards", () => {
    const dflt = fsdpMixedPrecisionCastSeconds(1e9, 8, 2, COMPOSER_FSDP_MIXED_PRECISION.DEFAULT, h100);
    const pure = fsdpMixedPrecisionCastSeconds(1e9, 8, 2, COMPOSER_FSDP_MIXED_PRECISION.PURE, h100);
    const bandwidth = 0.84 * 3.35e12;
    expect(dflt).toBeCloseTo((6 * (2e9 / 8 + 1e9)) / bandwidth, 12);
    expect(pure).toBeCloseTo((6 * (2e9 / 8 + 1e9 / 8)) / bandwidth, 12);
    expect(fsdpMixedPrecisionCastSeconds(1e9, 8, 2, {gatherBytesPerParam: 4, reduceBytesPerParam: 4}, h100)).toBe(0);
  });
});
