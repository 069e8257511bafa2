import {describe, expect, it} from "vitest";
import {EstimateError, SpecError, estimate, gpuSpecFromRecord, predictStep, validateSpec} from "../../src/engine/index.js";
import type {GpuRecord, TrainingSpec} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {timed} from "../support/timed.js";

const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const h100 = gpus.find((g) => g.id === "h100-sxm5-80gb")!;

// Llama 2 70B shape (Touvron et al. 2023, Table 1 / model config) on 1024 H100s.
const spec: TrainingSpec = {
  model: {params: 70.6e9, layers: 80, dModel: 8192, heads: 64, kvHeads: 8, ffnDim: 28672, ffnKind: "swiglu", vocab: 32000, seqLen: 4096},
  tokens: 2e12,
  hardware: {gpu: "h100-sxm5-80gb", count: 1024, usdPerGpuHour: 2.5, mfu: 0.4},
  parallelism: {tp: 8, pp: 4, dp: 32, zeroStage: 1, microBatch: 1, globalBatchTokens: 4 * 1024 * 1024, recompute: "selective"},
  precision: "bf16-master-fp32"
};

describe("estimate", () => {
  const e = timed(estimate(spec, h100));
  it("divides model FLOPs by count × peak × MFU", () => {
    expect(e.trainingSeconds).toBeCloseTo(e.trainingFlops / (1024 * 989.4e12 * 0.4), 6);
    expect(e.gpuHours).toBeCloseTo((e.trainingSeconds * 1024) / 3600, 6);
    expect(e.wallClockDays).toBeCloseTo(e.trainingSeconds / 86400, 9);
  });
  it("prices GPU-hours at the spec's rate and uses the H100's 700 W TDP with PUE 1.1", () => {
    expect(e.costUsd).toBeCloseTo(e.gpuHours * 2.5, 3);
    expect(e.energyKwh).toBeCloseTo((e.gpuHours * 700 * 1.1) / 1000, 3);
    expect(e.co2Kg).toBeCloseTo(e.energyKwh! * 0.385, 3);
  });
  it("brackets the point estimate with the MFU range", () => {
    expect(e.range.gpuHours.low).toBeLessThan(e.gpuHours);
    expect(e.range.gpuHours.high).toBeGreaterThan(e.gpuHours);
    expect(e.range.costUsd!.low).toBeLessThan(e.costUsd!);
  });
  it("reports 6ND beside the exact count, which is a few percent higher at 4k context", () => {
    expect(e.trainingFlops / e.approx6ND).toBeGreaterThan(1);
    expect(e.trainingFlops / e.approx6ND).toBeLessThan(1.1);
  });
  it("checks memory against the GPU's HBM", () => {
    expect(e.fitsInMemory).toBe(true);
    const tight = estimate({...spec, hardware: {...spec.hardware, count: 8}, parallelism: {...spec.parallelism, tp: 8, pp: 1, dp: 1, globalBatchTokens: undefined}}, h100);
    expect(tight.fitsInMemory).toBe(false);
    expect(tight.memoryHeadroomBytes).toBeLessThan(0);
  });
  it("stretches wall-clock by the effective-time ratio", () => {
    const slower = timed(estimate(spec, h100, {effectiveTimeRatio: 0.9}));
    expect(slower.wallClockDays).toBeCloseTo(e.wallClockDays / 0.9, 9);
  });
  it("predicts MFU with the performance model when the spec gives none", () => {
    const noMfu = {...spec, hardware: {...spec.hardware, mfu: undefined}};
    const predicted = estimate(noMfu, h100);
    expect(predicted.mfuSource).toBe("predicted");
    expect(predicted.mfu).toBeCloseTo(predictStep(noMfu, h100).mfu, 12);
    expect(estimate(noMfu, h100, {predictStep: () => ({mfu: 0.5})}).mfu).toBe(0.5);
    expect(() => estimate(noMfu, h100, {predictStep: () => ({mfu: 1.5})})).toThrow(EstimateError);
  });
  it("has no cost without a price", () => {
    expect(estimate({...spec, hardware: {...spec.hardware, usdPerGpuHour: undefined}}, h100).costUsd).toBeNull();
  });
});

describe("validateSpec", () => {
  const bad = (patch: (s: TrainingSpec) => unknown) => () => validateSpec(patch(structuredClone(spec)));
  const cases: [string, (s: TrainingSpec) => unknown, RegExp][] = [
    ["a layout that does not multiply to the GPU count", (s) => ({...s, hardware: {...s.hardware, count: 1000}}), /tp·pp·dp·cp = 8·4·32·1 = 1024, but hardware.count is 1000/],
    ["heads not divisible by tp", (s) => ({...s, model: {...s.model, heads: 60, dModel: 7680}}), /heads = 60 is not divisible by tp = 8/],
    ["kvHeads that neither divide by tp nor divide it", (s) => ({...s, model: {...s.model, heads: 96, dModel: 12288, kvHeads: 12}}), /kvHeads = 12 neither divides by tp = 8 nor divides it/],
    ["fewer layers than pipeline stages", (s) => ({...s, model: {...s.model, layers: 3}}), /layers = 3 is fewer than pp = 4/],
    ["interleaved chunks that do not divide the stage", (s) => ({...s, model: {...s.model, layers: 81}, parallelism: {...s.parallelism, virtualStages: 2}}), /21 layers on the heaviest stage \(layers = 81, pp = 4\) are not divisible by virtualStages = 2/],
    ["interleaved chunks without a pipeline", (s) => ({...s, hardware: {...s.hardware, count: 256}, parallelism: {...s.parallelism, pp: 1, virtualStages: 2}}), /parallelism\.virtualStages: 2 interleaved chunks need pipeline parallelism, but pp = 1/],
    ["experts not divisible by ep", (s) => ({...s, model: {...s.model, experts: {total: 6, active: 2}}, parallelism: {...s.parallelism, ep: 4}}), /experts = 6 is not divisible by ep = 4/],
    ["ep without experts", (s) => ({...s, parallelism: {...s.parallelism, ep: 2}}), /no experts/],
    ["a negative token count", (s) => ({...s, tokens: -1}), /tokens: expected a number > 0/],
    ["a non-finite parameter count", (s) => ({...s, model: {...s.model, params: Infinity}}), /model.params: expected a finite number/],
    ["an MFU above 1", (s) => ({...s, hardware: {...s.hardware, mfu: 1.2}}), /hardware.mfu: expected an MFU in \(0, 1\]/],
    ["an unknown precision", (s) => ({...s, precision: "int4"}), /precision/],
    ["an unknown field (typo)", (s) => ({...s, parallelism: {...s.parallelism, zero_stage: 1}}), /zero_stage/],
    ["a fractional number of micro-batches", (s) => ({...s, parallelism: {...s.parallelism, globalBatchTokens: 1e6}}), /not a whole number of micro-batches/],
    ["a global batch smaller than one micro-batch on every data-parallel rank", (s) => ({...s, parallelism: {...s.parallelism, globalBatchTokens: s.model.seqLen}}), /globalBatchTokens: \d+ tokens are less than one micro-batch on every data-parallel rank \(seqLen·microBatch·dp = \d+·1·32 = \d+ tokens\), the smallest step: use a global batch of at least \d+ tokens, or a smaller micro-batch or fewer data-parallel ranks/]
  ];
  for (const [what, patch, message] of cases) {
    it(`refuses ${what} with a SpecError`, () => {
      expect(bad(patch)).toThrow(SpecError);
      expect(bad(patch)).toThrow(message);
    });
  }
  it("accepts the valid spec unchanged", () => expect(validateSpec(spec)).toEqual(spec));
  it("accepts pipeline stages that do not divide the layers (81 layers on pp 4: stages of 20, 21, 20 and 20; Llama 3 Sec 3.3.2 splits 126 layers over 16)", () => {
    const uneven = {...spec, model: {...spec.model, layers: 81}};
    expect(validateSpec(uneven)).toEqual(uneven);
  });
  it("accepts fewer KV heads than tensor ranks when tp is a multiple of them (replicated, as PaLM's multi-query attention on 12-way model parallelism)", () => {
    const mqa = {...spec, model: {...spec.model, kvHeads: 1}};
    expect(validateSpec(mqa)).toEqual(mqa);
    // Each rank computes one KV head: the layers cost what kvHeads = tp costs (only the smaller
    // gradient to reduce differs), while the model FLOPs stay MQA's.
    const gqa8 = predictStep({...spec, model: {...spec.model, kvHeads: 8}}, h100);
    const mqaStep = predictStep(mqa, h100);
    expect(Math.abs(mqaStep.secondsPerStep / gqa8.secondsPerStep - 1)).toBeLessThan(1e-4);
    expect(mqaStep.modelFlopsPerStep).toBeLessThan(gqa8.modelFlopsPerStep);
  });
});

describe("estimate: errors", () => {
  it("answers a GPU without the precision's peak with an untimed, infeasible estimate (no exception), whether the MFU is given or predicted", () => {
    const noFp32 = {...h100, peakFlopsPerSecond: {...h100.peakFlopsPerSecond, fp32: null}};
    for (const s of [{...spec, precision: "fp32" as const}, {...spec, precision: "fp32" as const, hardware: {...spec.hardware, mfu: undefined}}]) {
      const e = estimate(s, noFp32);
      expect(e).toMatchObject({timed: false, feasible: false, mfu: null, gpuHours: null, costUsd: null, range: null});
      expect(e.reasons[0]).toMatch(/datasheet lists no FP32 throughput, so a run in FP32 cannot be timed or priced on it: choose BF16 mixed precision, which it has/);
    }
  });
  it("turns a failed MFU prediction into an EstimateError that asks for hardware.mfu", () => {
    const noMfu = {...spec, hardware: {...spec.hardware, mfu: undefined}};
    const broken = () => {
      throw new RangeError("no interconnect bandwidth known");
    };
    expect(() => estimate(noMfu, h100, {predictStep: broken})).toThrow(/cannot predict MFU: no interconnect bandwidth known\. Give an MFU instead \(hardware.mfu/);
  });
  it("names the input, not an internal quantity, when a valid spec overflows: 1e308 tokens, 1e307 US$ per GPU-hour (was 'gpuHours must be a finite number', and a silent null cost)", () => {
    expect(() => estimate({...spec, tokens: 1e308}, h100)).toThrow(new EstimateError("tokens: 1.00e+308 tokens at 4.44e+11 FLOPs each need more GPU-hours than a number can hold; give fewer tokens"));
    expect(() => estimate({...spec, hardware: {...spec.hardware, usdPerGpuHour: 1e307}}, h100)).toThrow(/^hardware\.usdPerGpuHour: 1.00e\+307 US\$ per GPU-hour over [\d.e+]+ GPU-hours is more dollars than a number can hold/);
    // Large but finite stays an answer.
    expect(timed(estimate({...spec, tokens: 1e30}, h100)).gpuHours).toBeGreaterThan(0);
  });
});

describe("estimate: interruptions", () => {
  it("expects interruptions at Llama 3's rate: 419 × (GPUs/16,384) × (days/54)", () => {
    const e = timed(estimate(spec, h100));
    expect(e.expectedInterruptions).toBeCloseTo((419 * (1024 / 16_384) * e.wallClockDays) / 54, 6);
  });
});
