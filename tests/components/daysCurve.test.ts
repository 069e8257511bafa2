import {describe, expect, it} from "vitest";
import {CURVE_ACCELERATOR_COUNTS, daysCurve, TEMPLATE_DEFAULTS} from "../../src/components/daysCurve.js";
import {approxTrainingFlops} from "../../src/engine/flops.js";
import {trainingSeconds} from "../../src/engine/time.js";

// /template's default run: 7B parameters on 2000B tokens (6ND = 8.4e22 FLOP) on H100 SXM5s at
// 989.4 dense BF16 TFLOP/s (NVIDIA H100 datasheet, data/gpus.csv) and 40% MFU.
const H100_PEAK_FLOPS_PER_SECOND = 989.4e12;
const run = {flops: approxTrainingFlops(7e9, 2000e9), peakFlopsPerSecond: H100_PEAK_FLOPS_PER_SECOND, mfu: 0.4};

describe("daysCurve", () => {
  it("has 16 points at 1, 2, 4, … 32,768 accelerators, fewest first", () => {
    const curve = daysCurve(run);
    expect(curve).toHaveLength(16);
    expect(curve.map((p) => p.accelerators)).toEqual(CURVE_ACCELERATOR_COUNTS);
    expect(curve[0]!.accelerators).toBe(1);
    expect(curve[15]!.accelerators).toBe(32768);
  });

  it("is trainingSeconds in days at each count", () => {
    for (const p of daysCurve(run)) expect(p.days).toBe(trainingSeconds(run.flops, p.accelerators, run.peakFlopsPerSecond, run.mfu) / 86_400);
  });

  it("the template's default run takes 9.6 days on 256 accelerators: 8.4e22 / (256 × 989.4e12 × 0.4) s", () => {
    const at256 = daysCurve(run).find((p) => p.accelerators === 256)!;
    expect(at256.days).toBeCloseTo(9.596, 3);
  });

  it("days halve each time the accelerators double (MFU held fixed)", () => {
    const curve = daysCurve(run);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.days / curve[i - 1]!.days).toBeCloseTo(0.5, 12);
  });

  it("refuses an MFU outside (0, 1] as trainingSeconds does", () => {
    expect(() => daysCurve({...run, mfu: 40})).toThrow(RangeError);
  });
});

describe("TEMPLATE_DEFAULTS", () => {
  it("is the run the page describes: 7B parameters, 2000B tokens, 256 H100 SXM5 80GB at 40% MFU", () => {
    expect(TEMPLATE_DEFAULTS).toEqual({paramsBillions: 7, tokensBillions: 2000, gpus: 256, mfu: 40, gpu: "h100-sxm5-80gb"});
  });
});
