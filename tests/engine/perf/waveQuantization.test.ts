// Where the tile- and wave-quantization model of weight GEMMs (gemm.ts waveEfficiency) is applied,
// and where the project's own measurements say it should not be.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../../loaders/compile.js";
import {GEMM_WAVE_SMS, matmulEfficiency, validateSystemMfu, waveEfficiency} from "../../../src/engine/index.js";
import {layerMatmulShares} from "../../../src/engine/perf/layerGemm.js";
import type {LayerMatmulRow} from "../../../src/engine/perf/layerGemm.js";
import {GPUS, gpu, systemMfuRows} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const rows = loadWithReferences("gpu_layer_gemm", ROOT) as unknown as LayerMatmulRow[];
const H200_SMS = 132; // GH100 as sold in the H100 SXM5 / H200 SXM: 132 SMs (NVIDIA H100 Tensor Core GPU Architecture whitepaper)

function relativeSpread(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length) / mean;
}

describe("tile and wave quantization of weight GEMMs", () => {
  it("is applied to the A100 only (the chip the NVIDIA guide's example is worked on)", () => {
    expect(Object.keys(GEMM_WAVE_SMS).sort()).toEqual(["a100-pcie-80gb", "a100-sxm4-40gb", "a100-sxm4-80gb"]);
  });

  it("is not applied to Hopper: on the H200's 72 measured tensor-parallel layers (data/gpu_layer_gemm.csv) it would predict twice the spread measured, and dividing it out leaves more spread than it removes", () => {
    const h200 = gpu("h200-sxm-141gb");
    const measured = layerMatmulShares(rows, h200.peakFlopsPerSecond.bf16!);
    const modelled = layerMatmulShares(
      rows.map((r) => ({...r, seconds: (2 * r.m * r.n * r.k) / waveEfficiency(r.m, r.n, H200_SMS)})),
      1
    );
    expect(measured).toHaveLength(72);
    const byKey = new Map(modelled.map((l) => [`${l.model}|${l.tp}|${l.tokens}`, l.shareOfPeak] as const));
    const model = measured.map((l) => byKey.get(`${l.model}|${l.tp}|${l.tokens}`)!);
    const spreadMeasured = relativeSpread(measured.map((l) => l.shareOfPeak));
    expect(relativeSpread(model)).toBeGreaterThan(1.5 * spreadMeasured);
    expect(relativeSpread(measured.map((l, i) => l.shareOfPeak / model[i]!))).toBeGreaterThan(spreadMeasured);
  });

  it("leaves every chip without a wave model at the layer-average fraction it had (H100 bf16: MAMF × 0.688)", () => {
    expect(matmulEfficiency(gpu("h100-sxm5-80gb"), "amp-bf16")).toBeCloseTo((794.5 / 989) * 0.688, 6);
  });

  it("lifts the wide A100 layers the fitted 22B layer under-predicted: Korthikanti 2022's 530B within ±5 points, and Narayanan 2021's HFU rising with width as published (1.7B 44% → 1T 52%)", () => {
    const table = validateSystemMfu(systemMfuRows(), GPUS);
    const at = (id: string) => table.find((r) => r.id === id)!;
    expect(Math.abs(at("korthikanti-2022-gpt-530b").errorPoints!)).toBeLessThanOrEqual(5);
    expect(at("megatron-2021-gpt-1008b").predicted!).toBeGreaterThan(at("megatron-2021-gpt-1-7b").predicted!);
  });
});
