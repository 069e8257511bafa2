import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {estimate, feasibility, fewestGpusLayout, gpuSpecFromRecord, memoryPerGpu, modelStateGpuLowerBound, precisionReason} from "../../src/engine/index.js";
import type {GpuRecord, TrainingSpec} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {timed} from "../support/timed.js";

const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const gpu = (id: string) => gpus.find((g) => g.id === id)!;

// Llama 3.1 70B (Llama Team 2024, Table 3 and the model config).
const llama70b: TrainingSpec["model"] = {params: 70.6e9, layers: 80, dModel: 8192, heads: 64, kvHeads: 8, ffnDim: 28672, ffnKind: "swiglu", vocab: 128256, seqLen: 8192};
const onOne: TrainingSpec = {
  model: llama70b,
  tokens: 15e12,
  hardware: {gpu: "h100-sxm5-80gb", count: 1, usdPerGpuHour: 2, mfu: 0.4},
  parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: 1, recompute: "selective"},
  precision: "bf16-master-fp32"
};
const workable: TrainingSpec = {...onOne, hardware: {...onOne.hardware, count: 1024}, parallelism: {tp: 8, pp: 4, dp: 32, zeroStage: 1, microBatch: 1, recompute: "selective"}};

describe("feasibility: an impossible run is never priced", () => {
  it("70B on one H100 needs over a terabyte: infeasible, no cost, and the reason names both sizes", () => {
    const e = timed(estimate(onOne, gpu("h100-sxm5-80gb")));
    expect(e.feasible).toBe(false);
    expect(e.costUsd).toBeNull();
    expect(e.range.costUsd).toBeNull();
    expect(e.reasons).toHaveLength(1);
    expect(e.reasons[0]).toMatch(/needs 1,\d{3} GB but the NVIDIA H100 SXM5 80GB has 80 GB/);
  });
  it("a TPU's reason counts TPU chips, not GPUs (Google rents and reports TPUs per chip)", () => {
    const e = timed(estimate({...onOne, hardware: {...onOne.hardware, gpu: "tpu-v4"}}, gpu("tpu-v4")));
    expect(e.feasible).toBe(false);
    expect(e.reasons[0]).toMatch(/^Each TPU chip needs [\d,]+ GB but the Google TPU v4 has [\d.]+ GB: use more TPU chips,/);
    expect(e.reasons.join(" ")).not.toMatch(/GPU/);
  });
  // cli17's audit: `tokens: 1000` came back feasible and priced, a fraction of one step.
  it("a run of fewer tokens than its smallest step (dp × micro-batch × sequence) is refused, not priced", () => {
    const tiny = {...workable, tokens: 1000};
    const e = timed(estimate(tiny, gpu("h100-sxm5-80gb")));
    expect(e.feasible).toBe(false);
    expect(e.costUsd).toBeNull();
    expect(e.reasons).toEqual(["The run trains 1,000 tokens, fewer than its smallest step holds (32 data-parallel ranks × a micro-batch of 1 × 8,192-token sequences = 262,144 tokens), so it never completes a step: train at least 262,144 tokens, or use fewer data-parallel ranks or a smaller micro-batch."]);
    expect(feasibility(tiny, gpu("h100-sxm5-80gb")).reasons).toEqual(e.reasons);
    // One full step is enough.
    expect(timed(estimate({...workable, tokens: 32 * 8192}, gpu("h100-sxm5-80gb"))).feasible).toBe(true);
  });
  // cli18's audit: 1,000,000 tokens at a 1,048,576-token global batch came back feasible, priced at 13 cents.
  it("a run of fewer tokens than one step of its global batch is refused, not priced; one whole step is feasible", () => {
    const batch = 512 * 8192;
    const short = {...workable, tokens: batch - 8192, parallelism: {...workable.parallelism, globalBatchTokens: batch}};
    const e = timed(estimate(short, gpu("h100-sxm5-80gb")));
    expect(e.feasible).toBe(false);
    expect(e.costUsd).toBeNull();
    expect(e.reasons).toEqual(["The run trains 4,186,112 tokens, fewer than one optimizer step of its 4,194,304-token global batch, so it never completes a step: train at least 4,194,304 tokens, or use a smaller global batch."]);
    expect(feasibility(short, gpu("h100-sxm5-80gb")).reasons).toEqual(e.reasons);
    expect(timed(estimate({...short, tokens: batch}, gpu("h100-sxm5-80gb"))).feasible).toBe(true);
  });
  it("a priced run always completes at least one step: tokens ≥ the global batch ≥ one micro-batch on every rank (fast-check)", () => {
    fc.assert(fc.property(fc.integer({min: 1, max: 64}), fc.integer({min: 1, max: 4}), fc.integer({min: 1, max: 8}), fc.double({min: 1e3, max: 1e8, noNaN: true}), (dp, microBatch, microSteps, tokens) => {
      const globalBatchTokens = dp * microBatch * 8192 * microSteps;
      const spec: TrainingSpec = {...workable, tokens, hardware: {...workable.hardware, count: 8 * 4 * dp}, parallelism: {...workable.parallelism, dp, microBatch, globalBatchTokens}};
      const e = estimate(spec, gpu("h100-sxm5-80gb"));
      if (e.costUsd !== null) expect(tokens).toBeGreaterThanOrEqual(globalBatchTokens);
      if (tokens < globalBatchTokens) {
        expect(e.feasible).toBe(false);
        expect(e.reasons.join(" ")).toContain("never completes a step");
      }
    }), {seed: 18, numRuns: 60});
  });
  it("the same model on 1,024 H100s in Llama's layout is feasible and priced", () => {
    const e = timed(estimate(workable, gpu("h100-sxm5-80gb")));
    expect(e.feasible).toBe(true);
    expect(e.reasons).toEqual([]);
    expect(e.costUsd).toBeCloseTo(e.gpuHours * 2, 3);
  });
  it("FP8 needs an FP8 peak: refused on V100 and A100, accepted on H100, H800, MI300X and Gaudi 3", () => {
    for (const id of ["v100-sxm2-32gb", "a100-sxm4-80gb", "tpu-v5p"]) expect(precisionReason(gpu(id), "fp8")).toMatch(/lists no FP8 throughput/);
    for (const id of ["h100-sxm5-80gb", "h800-sxm5-80gb", "mi300x", "gaudi3-oam"]) expect(precisionReason(gpu(id), "fp8")).toBeNull();
    const e = estimate({...workable, hardware: {...workable.hardware, gpu: "a100-sxm4-80gb"}, precision: "fp8"}, gpu("a100-sxm4-80gb"));
    expect(e.feasible).toBe(false);
    expect(e.costUsd).toBeNull();
  });
  it("the reasons say what would work: FP16 on a V100 for FP8 or BF16, BF16 on an A100 for FP8, BF16 on a TPU for FP32 or FP16", () => {
    expect(precisionReason(gpu("v100-sxm2-32gb"), "fp8")).toMatch(/choose FP16 mixed precision \(with loss scaling\), which it has, or a chip with FP8 such as the H100\.$/);
    expect(precisionReason(gpu("a100-sxm4-80gb"), "fp8")).toMatch(/choose BF16 mixed precision, which it has/);
    expect(precisionReason(gpu("v100-sxm2-32gb"), "bf16-master-fp32")).toMatch(/choose FP16 mixed precision \(with loss scaling\), which it has, or a chip with BF16 such as the A100\.$/);
    expect(precisionReason(gpu("tpu-v4"), "fp32")).toMatch(/choose BF16 mixed precision, which it has/);
    expect(precisionReason(gpu("tpu-v4"), "fp16-master-fp32")).toMatch(/lists no FP16 throughput[\s\S]*choose BF16 mixed precision, which it has/);
  });
  it("FP16 mixed precision needs an FP16 peak: accepted on V100, A100 and H100, refused on the TPUs", () => {
    for (const id of ["v100-sxm2-32gb", "a100-sxm4-80gb", "h100-sxm5-80gb"]) expect(precisionReason(gpu(id), "fp16-master-fp32")).toBeNull();
    for (const id of ["tpu-v3", "tpu-v4", "tpu-v5p"]) expect(precisionReason(gpu(id), "fp16-master-fp32")).toMatch(/lists no FP16 throughput/);
  });
  it("BF16 is refused on V100 (FP16-only tensor cores) for both BF16 regimes, and FP32 where no FP32 peak is listed", () => {
    expect(precisionReason(gpu("v100-sxm2-32gb"), "bf16-master-fp32")).toMatch(/V100 SXM2 32GB's datasheet lists no BF16 throughput/);
    expect(precisionReason(gpu("v100-sxm2-32gb"), "amp-bf16")).toMatch(/lists no BF16 throughput/);
    expect(precisionReason(gpu("v100-sxm2-32gb"), "fp32")).toBeNull();
    expect(precisionReason(gpu("h800-sxm5-80gb"), "fp32")).toMatch(/lists no FP32 throughput/);
    expect(precisionReason(gpu("tpu-v4"), "fp32")).toMatch(/lists no FP32 throughput/);
  });
  it("more pipeline stages than layers is infeasible with its own reason, and memory is not computed", () => {
    const v = feasibility({...workable, parallelism: {...workable.parallelism, pp: 81, tp: 1, dp: 1}, hardware: {...workable.hardware, count: 81}}, gpu("h100-sxm5-80gb"));
    expect(v.feasible).toBe(false);
    expect(v.reasons).toEqual(["81 pipeline stages need at least 81 layers, but the model has 80: use at most 80 stages."]);
  });
  it("feasibility agrees with estimate on memory", () => {
    const v = feasibility(onOne, gpu("h100-sxm5-80gb"));
    expect(v.reasons).toEqual(estimate(onOne, gpu("h100-sxm5-80gb")).reasons);
    expect(feasibility(workable, gpu("h100-sxm5-80gb"))).toEqual({feasible: true, reasons: []});
  });
});

describe("what would make it feasible", () => {
  it("the planner finds the fewest GPUs (powers of two) with a layout that fits, and that layout's memory fits", () => {
    const l = fewestGpusLayout({model: llama70b, gpu: gpu("h100-sxm5-80gb"), precision: "bf16-master-fp32", globalBatchTokens: 16e6, maxGpus: 131072})!;
    expect(l.gpus).toBeGreaterThan(8);
    expect(l.gpus).toBeLessThanOrEqual(64);
    const memory = memoryPerGpu({model: llama70b, parallelism: l.parallelism, precision: "bf16-master-fp32"}).total;
    expect(memory).toBeLessThanOrEqual(80e9);
    // Half as many GPUs hold no layout that fits.
    expect(fewestGpusLayout({model: llama70b, gpu: gpu("h100-sxm5-80gb"), precision: "bf16-master-fp32", globalBatchTokens: 16e6, maxGpus: l.gpus / 2})).toBeNull();
  });
  it("the model-state bound is 16 bytes per parameter over the HBM: 70.6B on 80 GB → 15 GPUs", () => {
    expect(modelStateGpuLowerBound(llama70b, gpu("h100-sxm5-80gb"), "bf16-master-fp32")).toBe(15);
  });
});

describe("estimate never throws for a number format the chip lacks", () => {
  const PRECISIONS = ["fp32", "amp-bf16", "bf16-master-fp32", "fp16-master-fp32", "fp8"] as const;
  const finiteNumbers = (value: unknown): boolean =>
    typeof value === "number" ? Number.isFinite(value) : value !== null && typeof value === "object" ? Object.values(value).every(finiteNumbers) : true;
  for (const g of gpus) {
    for (const precision of PRECISIONS) {
      // The step-time model predicts only chips with interconnect figures (everyAccelerator.test.ts).
      const predictable = g.scaleUpBytesPerSecond !== null && g.scaleOutBytesPerSecond !== null && g.gpusPerNode !== null;
      for (const mfu of predictable ? [0.4, undefined] : [0.4]) {
        it(`${g.id} in ${precision}, MFU ${mfu === undefined ? "predicted" : "given"}: finite numbers, or feasible:false with the reason and no time or cost`, () => {
          const spec: TrainingSpec = {...workable, hardware: {gpu: g.id, count: 1024, usdPerGpuHour: 2, ...(mfu === undefined ? {} : {mfu})}, precision};
          const e = estimate(spec, g);
          expect(finiteNumbers(e)).toBe(true);
          const format = precisionReason(g, precision);
          if (format === null) {
            expect(e.timed).toBe(true);
            expect(e.gpuHours).toBeGreaterThan(0);
            if (e.feasible) expect(e.costUsd).toBeCloseTo(e.gpuHours! * 2, 3);
          } else {
            expect(e).toMatchObject({timed: false, feasible: false, gpuHours: null, trainingSeconds: null, wallClockDays: null, costUsd: null, energyKwh: null, co2Kg: null, range: null});
            expect(e.reasons[0]).toBe(format);
            expect(e.reasons[0]).toMatch(/choose|pick a chip/);
          }
        });
      }
    }
  }
  it("V100: FP16 mixed precision is timed at the 125 TFLOP/s FP16 tensor peak (NVIDIA V100 datasheet), with BF16 mixed precision's 16 bytes per parameter (ZeRO Sec 3.1)", () => {
    const v100 = gpu("v100-sxm2-32gb");
    const spec: TrainingSpec = {...workable, hardware: {gpu: v100.id, count: 1024, mfu: 0.3}, precision: "fp16-master-fp32"};
    const e = timed(estimate(spec, v100));
    expect(e.peakFlopsPerSecond).toBe(125e12);
    expect(e.trainingSeconds).toBeCloseTo(e.trainingFlops / (1024 * 125e12 * 0.3), 3);
    expect(memoryPerGpu({...spec, precision: "fp16-master-fp32"})).toEqual(memoryPerGpu({...spec, precision: "bf16-master-fp32"}));
  });
});
