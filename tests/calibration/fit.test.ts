// Fitting the step-time model's factors to measured steps: the project's own H100 measurements,
// read as a reader's file, give back the engine's fitted constant; engine-generated steps give
// back the factors they were made with; factors the rows cannot separate are reported, not fitted.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  IDENTIFY_MAX_RELATIVE_UNCERTAINTY,
  MEASURED_TRAINING_MATMUL_EFFICIENCY,
  NCCL_BUS_EFFICIENCY,
  calibrationOverridesFor,
  decodeCalibration,
  encodeCalibration,
  estimate,
  fitCalibration,
  isFp32FitRow,
  predictStep
} from "../../src/engine/index.js";
import type {CalibrationStep, FactorFit, TrainingSpec} from "../../src/engine/index.js";
import {readCalibrationSteps} from "../../src/tables/calibrationSteps.js";
import {GPUS, H100, gpuById, projectCsv} from "./fixtures.js";
import {timed} from "../support/timed.js";

const fromCsv = (text: string) => fitCalibration(readCalibrationSteps(text, "h100.csv", GPUS), gpuById);
const pinned = (f: FactorFit): number => {
  if (f.status !== "pinned") throw new Error(`not pinned: ${f.reason}`);
  return f.value;
};

describe("the project's H100 measurements as a reader's file", () => {
  it("reproduce the engine's fp32 matmul efficiency (0.645, tests/engine/perf/measured.test.ts) within ±0.005 from the 23 GPU-bound GPT-2 fp32 steps", () => {
    const fit = fromCsv(projectCsv(isFp32FitRow));
    expect(fit.groups.length).toBe(1);
    const g = fit.groups[0]!;
    expect(g).toMatchObject({gpu: "h100-sxm5-80gb", stack: "pytorch", precision: "fp32"});
    expect(g.rows.length).toBe(23);
    // ±0.005 is the grid step of the engine's own fit (fitMeasuredMatmulEfficiency); this fit is continuous.
    expect(Math.abs(pinned(g.factors.matmulEfficiency) - MEASURED_TRAINING_MATMUL_EFFICIENCY["h100-sxm5-80gb"]!.fp32!)).toBeLessThan(0.005);
    expect(g.rmsLogErrorCalibrated).toBeLessThan(0.1);
    expect(fit.calibration.entries).toEqual([{gpu: "h100-sxm5-80gb", stack: "pytorch", precision: "fp32", matmulEfficiency: expect.any(Number), memoryBoundOverhead: null, communicationEfficiency: null}]);
  });

  it("say which factors they cannot pin down, and why: one GPU (no communication), and fp32 steps too matmul-bound to separate the element-wise overhead", () => {
    const g = fromCsv(projectCsv(isFp32FitRow)).groups[0]!;
    expect(g.factors.communicationEfficiency).toEqual({status: "unidentified", engineValue: NCCL_BUS_EFFICIENCY, reason: "every row runs on one GPU: there is no communication to measure (add multi-GPU rows)"});
    expect(g.factors.memoryBoundOverhead.status).toBe("unidentified");
    expect((g.factors.memoryBoundOverhead as {reason: string}).reason).toMatch(new RegExp(`pin it only to ±\\d+% \\(one standard error; the limit is ±${IDENTIFY_MAX_RELATIVE_UNCERTAINTY * 100}%\\)`));
  });

  it("fit the bf16 element-wise overhead at 2.5–6×, the range the profiler measured for eager PyTorch's unfused kernels (measured.test.ts, gpu_kernel_breakdown), and halve the engine's error", () => {
    const bf16 = fromCsv(projectCsv()).groups.find((g) => g.precision === "bf16")!;
    expect(bf16.rows.length).toBe(90);
    const overhead = pinned(bf16.factors.memoryBoundOverhead);
    expect(overhead).toBeGreaterThan(2.5);
    expect(overhead).toBeLessThan(6);
    expect(bf16.rmsLogErrorCalibrated).toBeLessThan(bf16.rmsLogErrorEngine / 2);
  });
});

// Steps the engine itself predicts with known factors: the fit must find those factors again.
const LLAMA_7B = {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu" as const, vocab: 32000, seqLen: 4096};
const SMALL = {params: 0.35e9, layers: 24, dModel: 1024, heads: 16, ffnKind: "gelu" as const, vocab: 50304, seqLen: 1024};
function syntheticSteps(truth: {matmulEfficiency: number; memoryBoundOverhead: number; communicationEfficiency: number}, models: readonly TrainingSpec["model"][] = [LLAMA_7B, SMALL]): CalibrationStep[] {
  const layouts = [
    {tp: 1, dp: 8, microBatch: 1, zeroStage: 3},
    {tp: 2, dp: 4, microBatch: 2, zeroStage: 1},
    {tp: 4, dp: 2, microBatch: 1, zeroStage: 1},
    {tp: 8, dp: 1, microBatch: 4, zeroStage: 0},
    {tp: 8, dp: 8, microBatch: 1, zeroStage: 1},
    {tp: 1, dp: 64, microBatch: 2, zeroStage: 3}
  ] as const;
  return models.flatMap((model, j) => layouts.flatMap((l, i) =>
    ([2048, 4096] as const).map((seqLen): CalibrationStep => {
      const spec: TrainingSpec = {
        model: {...model, seqLen},
        tokens: 1,
        hardware: {gpu: H100.id, count: l.tp * l.dp},
        parallelism: {tp: l.tp, pp: 1, dp: l.dp, zeroStage: l.zeroStage, microBatch: l.microBatch, globalBatchTokens: seqLen * l.microBatch * l.dp * 2, recompute: "none"},
        precision: "bf16-master-fp32"
      };
      return {run: `m${j}-r${i}-${seqLen}`, spec, stepSeconds: predictStep(spec, H100, {calibration: truth}).secondsPerStep, peakMemoryBytes: null};
    })
  ));
}

describe("fitting steps made by the engine with known factors", () => {
  const truth = {matmulEfficiency: 0.45, memoryBoundOverhead: 2, communicationEfficiency: 0.6};

  it("recovers all three factors within 1% from 24 multi-GPU steps of two model sizes", () => {
    const g = fitCalibration(syntheticSteps(truth), gpuById).groups[0]!;
    expect(pinned(g.factors.matmulEfficiency) / truth.matmulEfficiency).toBeCloseTo(1, 2);
    expect(pinned(g.factors.memoryBoundOverhead) / truth.memoryBoundOverhead).toBeCloseTo(1, 2);
    expect(pinned(g.factors.communicationEfficiency) / truth.communicationEfficiency).toBeCloseTo(1, 2);
    for (const r of g.rows) expect(Math.abs(r.residual), r.run).toBeLessThan(1e-3);
  });

  it("cannot tell matmul efficiency from the element-wise overhead on one model: both scale with its tokens, so it fits one and says so", () => {
    const g = fitCalibration(syntheticSteps(truth, [LLAMA_7B]), gpuById).groups[0]!;
    expect(g.factors.matmulEfficiency.status).toBe("pinned");
    expect(g.factors.memoryBoundOverhead).toMatchObject({status: "unidentified", reason: expect.stringMatching(/moves in step with matmul efficiency: they cannot be told apart/)});
    expect(pinned(g.factors.communicationEfficiency) / truth.communicationEfficiency).toBeCloseTo(1, 1);
  });

  it("pins one factor from one row and says the others need more rows", () => {
    const g = fitCalibration(syntheticSteps(truth).slice(2, 3), gpuById).groups[0]!;
    expect(g.factors.matmulEfficiency.status).toBe("pinned");
    expect(Math.abs(g.rows[0]!.residual)).toBeLessThan(1e-6);
    for (const f of [g.factors.memoryBoundOverhead, g.factors.communicationEfficiency]) {
      expect(f).toMatchObject({status: "unidentified", reason: expect.stringMatching(/^1 row can pin down one factor, and matmul efficiency came first \(add rows\)$/)});
    }
  });

  it("fits rows of different stacks and precisions separately", () => {
    const steps = syntheticSteps(truth);
    const mixed = [
      ...steps.map((s) => ({...s, spec: {...s.spec, stack: "megatron" as const}})),
      ...steps.map((s) => ({...s, run: `${s.run}-b`, spec: {...s.spec, stack: "pytorch" as const}, stepSeconds: s.stepSeconds * 1.5})),
      ...steps.map((s) => ({...s, run: `${s.run}-c`, spec: {...s.spec, precision: "fp32" as const}}))
    ];
    const fit = fitCalibration(mixed, gpuById);
    expect(fit.groups.map((g) => [g.stack, g.precision])).toEqual([["megatron", "bf16"], ["pytorch", "bf16"], [null, "fp32"]]);
    expect(fit.calibration.entries.map((e) => e.stack)).toEqual(["megatron", "pytorch", null]);
  });

  it("refuses no rows and unknown accelerators", () => {
    expect(() => fitCalibration([], gpuById)).toThrow("fitCalibration: no measured steps");
    const [s] = syntheticSteps(truth);
    expect(() => fitCalibration([{...s!, spec: {...s!.spec, hardware: {gpu: "h900", count: 8}}}], gpuById)).toThrow('names unknown accelerator "h900"');
  });
});

describe("applying a calibration", () => {
  const cal = fitCalibration(syntheticSteps({matmulEfficiency: 0.45, memoryBoundOverhead: 2, communicationEfficiency: 0.6}), gpuById).calibration;
  const [step] = syntheticSteps({matmulEfficiency: 0.45, memoryBoundOverhead: 2, communicationEfficiency: 0.6});
  const spec = {...step!.spec, tokens: 1e12};

  it("a bf16 entry applies to both bf16 regimes on the same accelerator, and to nothing else", () => {
    expect(calibrationOverridesFor(cal, H100.id, "bf16-master-fp32")).not.toBeNull();
    expect(calibrationOverridesFor(cal, H100.id, "amp-bf16")).not.toBeNull();
    expect(calibrationOverridesFor(cal, H100.id, "fp32")).toBeNull();
    expect(calibrationOverridesFor(cal, "a100-sxm4-80gb", "amp-bf16")).toBeNull();
    expect(calibrationOverridesFor(null, H100.id, "amp-bf16")).toBeNull();
  });

  it("with two stacks for one accelerator and precision, applies only when the stack is named", () => {
    const two = {version: 1 as const, entries: [{...cal.entries[0]!, stack: "megatron" as const}, {...cal.entries[0]!, stack: "pytorch" as const, matmulEfficiency: 0.3}]};
    expect(calibrationOverridesFor(two, H100.id, "amp-bf16")).toBeNull();
    expect(calibrationOverridesFor(two, H100.id, "amp-bf16", "pytorch")?.matmulEfficiency).toBe(0.3);
    expect(calibrationOverridesFor(two, H100.id, "amp-bf16", "pytorch-compile")).toBeNull();
  });

  it("a spec naming a stack falls back to an entry fitted on rows that named none", () => {
    const unnamed = {version: 1 as const, entries: [{...cal.entries[0]!, stack: null, matmulEfficiency: 0.3}]};
    expect(calibrationOverridesFor(unnamed, H100.id, "amp-bf16", "pytorch")?.matmulEfficiency).toBe(0.3);
  });

  it("estimate predicts with the calibration's factors, says so, and ignores it when the reader gives the MFU", () => {
    const plain = timed(estimate(spec, H100));
    const calibrated = timed(estimate(spec, H100, {calibration: cal}));
    expect(plain.calibrated).toBe(false);
    expect(calibrated.calibrated).toBe(true);
    expect(calibrated.mfu).toBeCloseTo(predictStep(spec, H100, {calibration: {matmulEfficiency: 0.45, memoryBoundOverhead: 2, communicationEfficiency: 0.6}}).mfu, 3);
    expect(calibrated.gpuHours).toBeGreaterThan(plain.gpuHours);
    const given = estimate({...spec, hardware: {...spec.hardware, mfu: 0.4}}, H100, {calibration: cal});
    expect(given.calibrated).toBe(false);
    expect(given.mfu).toBe(0.4);
  });
});

describe("fit invariants (fast-check, fixed seed)", () => {
  const pool = syntheticSteps({matmulEfficiency: 0.45, memoryBoundOverhead: 2, communicationEfficiency: 0.6});
  it("on any subset of rows with any measured times: finite results within bounds, never worse than the engine, and a calibration that survives the address", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({min: 0, max: pool.length - 1}), {minLength: 1, maxLength: 8}),
        fc.array(fc.double({min: 0.2, max: 5, noNaN: true}), {minLength: 8, maxLength: 8}),
        (indices, scale) => {
          const steps = indices.map((i, j) => ({...pool[i]!, stepSeconds: pool[i]!.stepSeconds * scale[j]!}));
          const fit = fitCalibration(steps, gpuById);
          const g = fit.groups[0]!;
          expect(g.rmsLogErrorCalibrated).toBeLessThanOrEqual(g.rmsLogErrorEngine + 1e-9);
          for (const r of g.rows) for (const x of [r.engineSeconds, r.calibratedSeconds, r.residual]) expect(Number.isFinite(x)).toBe(true);
          for (const f of Object.values(g.factors)) {
            if (f.status === "pinned") expect(Number.isFinite(f.value) && f.value > 0).toBe(true);
            else expect(f.reason.length).toBeGreaterThan(10);
          }
          expect(decodeCalibration(encodeCalibration(fit.calibration))).toEqual(fit.calibration);
        }
      ),
      {numRuns: 40, seed: 15}
    );
  }, 60_000);
});
