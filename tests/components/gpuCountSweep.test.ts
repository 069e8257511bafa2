import {describe, expect, it} from "vitest";
import {gpuCountSweep, gpuCountSweeper, noCountRunsWords, sweepBasis, sweepCounts} from "../../src/components/gpuCountSweep.js";
import {calculate} from "../../src/components/calculator.js";
import type {CalculatorInput} from "../../src/components/calculator.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const gpus = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord);
const models = loadWithReferences("models") as unknown as ModelRecord[];
const model = (id: string) => modelSpecFromRecord(models.find((m) => m.id === id)!);
const input = (over: Partial<CalculatorInput> = {}): CalculatorInput => ({
  model: model("llama3.1-70b"), tokens: 15e12, gpu: gpus.find((g) => g.id === "h100-sxm5-80gb")!, gpuCount: 4096,
  usdPerGpuHour: 2, precision: "bf16-master-fp32", tp: 8, pp: 4, ep: 1, zeroStage: 1, recompute: "selective",
  microBatch: 1, globalBatchTokens: 4e6, ...over
});

describe("sweepCounts", () => {
  it("sweepCounts(100) is 1, 2, 3, 4, 6, 8, …, 96: powers of two and three times them", () => {
    expect(sweepCounts(100)).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96]);
  });

  it("covers the calculator's 1–131,072 GPUs in 34 counts", () => {
    const counts = sweepCounts(131072);
    expect(counts).toHaveLength(34);
    expect(counts.at(-1)).toBe(131072);
  });
});

describe("gpuCountSweep", () => {
  const points = gpuCountSweep(input(), sweepCounts(131072));

  it("puts the reader's run on the curve with exactly the headline cost and days", () => {
    const headline = calculate(input());
    const yours = points.filter((p) => p.yours);
    expect(yours).toHaveLength(1);
    expect(yours[0]).toMatchObject({gpus: headline.gpusUsed, costUsd: headline.estimate.costUsd, wallClockDays: headline.estimate.wallClockDays, mfu: headline.estimate.mfu});
  });

  it("also for a count that does not divide into the layout: 1,000 GPUs asked, 992 used", () => {
    const headline = calculate(input({gpuCount: 1000}));
    const yours = gpuCountSweep(input({gpuCount: 1000}), sweepCounts(131072)).find((p) => p.yours)!;
    expect(yours.gpus).toBe(992);
    expect(headline.gpusUsed).toBe(992);
    expect(yours.costUsd).toBe(headline.estimate.costUsd);
  });

  it("lists each number of GPUs used once, in increasing order", () => {
    const used = points.map((p) => p.gpus);
    expect(used).toEqual([...new Set(used)].sort((a, b) => a - b));
  });

  it("never prices a count that does not fit: Llama 3.1 70B on 16 H100s is marked, with its reason", () => {
    const small = points.find((p) => p.gpus === 16)!;
    expect(small).toMatchObject({feasible: false, costUsd: null, costUsdLow: null, wallClockDays: null, mfu: null});
    expect(small.reason).toMatch(/^does not fit: .* GB per GPU, 80\.\d GB of memory$/);
    for (const p of points) {
      if (p.feasible) expect(p.costUsd).toBeGreaterThan(0);
      else expect([p.costUsd, p.costUsdHigh, p.wallClockDays, p.wallClockDaysHigh]).toEqual([null, null, null, null]);
    }
  });

  it("marks every count infeasible, with the engine's reason, when the step-time model cannot predict the accelerator (no interconnect figures) or the chip lacks the format (FP32 on a TPU v4)", () => {
    const tpuV4 = gpus.find((g) => g.id === "tpu-v4")!;
    const unlinked = gpuCountSweep(input({gpu: {...tpuV4, scaleUpBytesPerSecond: null, scaleOutBytesPerSecond: null}}), [1024, 2048]);
    expect(unlinked.every((p) => !p.feasible && p.costUsd === null)).toBe(true);
    expect(unlinked[0]!.reason).toMatch(/cannot predict MFU/);
    const fp32 = gpuCountSweep(input({gpu: tpuV4, precision: "fp32"}), [1024, 2048]);
    expect(fp32.every((p) => !p.feasible && p.costUsd === null && p.wallClockDays === null)).toBe(true);
    expect(fp32[0]!.reason).toMatch(/Google TPU v4's datasheet lists no FP32 throughput/);
  });

  it("uses the engine's verdict: BF16 on a V100 (no BF16 support) is refused at every count, with the engine's words", () => {
    const v100 = gpuCountSweep(input({gpu: gpus.find((g) => g.id === "v100-sxm2-32gb")!, mfuOverride: 0.3}), [1024, 4096]);
    expect(v100.every((p) => !p.feasible && p.costUsd === null)).toBe(true);
    expect(v100.every((p) => /lists no BF16 throughput[\s\S]*choose FP16 mixed precision/.test(p.reason ?? ""))).toBe(true);
  });

  it("with an assumed MFU, cost is the same at every feasible count and days fall as 1 / GPUs", () => {
    const flat = gpuCountSweep(input({mfuOverride: 0.4}), [1024, 2048, 4096]).filter((p) => p.feasible);
    expect(flat.length).toBeGreaterThan(1);
    for (const p of flat) {
      expect(p.costUsd).toBeCloseTo(flat[0]!.costUsd!, 0);
      expect(p.wallClockDays! * p.gpus).toBeCloseTo(flat[0]!.wallClockDays! * flat[0]!.gpus, 6);
    }
    expect(sweepBasis(input({mfuOverride: 0.4}))).toMatch(/held at your assumed 40% at every count/);
    expect(sweepBasis(input())).toMatch(/on that many GPUs .* MFU is predicted at every count/);
    expect(sweepBasis(input({gpu: gpus.find((g) => g.id === "tpu-v4")!}))).toMatch(/on that many TPU chips/);
  });

  it("with a predicted MFU, 131,072 GPUs cost more than 4,096: communication and the bubble grow", () => {
    const at = (n: number) => points.find((p) => p.gpus === n)!.costUsd!;
    expect(at(131072)).toBeGreaterThan(at(4096));
  });
});

describe("noCountRunsWords", () => {
  it("names the layout the curve keeps when no count runs (Llama 3.1 70B at tensor 2 × pipeline 1, ZeRO-1), and is empty once one does", () => {
    const held = input({tp: 2, pp: 1, gpuCount: 3});
    const none = gpuCountSweep(held, sweepCounts(131072));
    expect(none.some((p) => p.feasible)).toBe(false);
    expect(noCountRunsWords(none, held)).toBe("No count runs with the layout the curve keeps from yours (tensor 2 × pipeline 1, ZeRO-1, selective recomputation): change it under “Parallel layout” to see where the run fits.");
    expect(noCountRunsWords(gpuCountSweep(input(), sweepCounts(131072)), input())).toBe("");
    expect(noCountRunsWords([], held)).toBe("");
    expect(noCountRunsWords(none, {...held, recompute: "none"})).toMatch(/ZeRO-1, no recomputation\)/);
  });
});

describe("gpuCountSweeper", () => {
  const counts = sweepCounts(131072);
  it("gives exactly gpuCountSweep's points while the GPU count moves, and after any other input changes", () => {
    const sweeper = gpuCountSweeper();
    const inputs = [
      ...[4096, 7, 8, 1000, 131072, 1].map((gpuCount) => input({gpuCount})),
      input({gpuCount: 512, tokens: 2e12}),
      input({gpuCount: 100, tokens: 2e12}),
      input({gpuCount: 100, mfuOverride: 0.4}),
      input({gpuCount: 24, model: model("llama2-7b"), tp: 1, pp: 1})
    ];
    for (const x of inputs) expect(sweeper.sweep(x, counts)).toEqual(gpuCountSweep(x, counts));
    // Handed the headline run, it gives the same points without running the calculator again.
    const other = gpuCountSweeper();
    for (const x of inputs) expect(other.sweep(x, counts, calculate(x))).toEqual(gpuCountSweep(x, counts));
  });

  it("remembers the fixed counts' points for an input that differs only in its GPU count", () => {
    const sweeper = gpuCountSweeper();
    expect(sweeper.has(input(), counts)).toBe(false);
    sweeper.sweep(input(), counts);
    expect(sweeper.has(input({gpuCount: 12}), counts)).toBe(true);
    expect(sweeper.has(input({gpuCount: 12, usdPerGpuHour: 3}), counts)).toBe(false);
    expect(sweeper.has(input({gpu: gpus.find((g) => g.id !== "h100-sxm5-80gb")!}), counts)).toBe(false);
    expect(sweeper.has(input({calibration: null}), counts)).toBe(false);
  });

  it("hands back every fixed count's point, as the same array while only the GPU count moves, the reader's count among them", () => {
    const sweeper = gpuCountSweeper();
    expect(sweeper.fixed()).toEqual([]);
    const points = sweeper.sweep(input({gpuCount: 64}), counts);
    const fixed = sweeper.fixed();
    // The reader's 64 GPUs replace the fixed point there in the sweep, not in the fixed list.
    expect(fixed.some((p) => p.gpus === 64 && !p.yours)).toBe(true);
    expect(points.filter((p) => p.gpus === 64).map((p) => p.yours)).toEqual([true]);
    expect(points.filter((p) => !p.yours).every((p) => fixed.includes(p))).toBe(true);
    sweeper.sweep(input({gpuCount: 100}), counts);
    expect(sweeper.fixed()).toBe(fixed);
    sweeper.sweep(input({gpuCount: 100, usdPerGpuHour: 3}), counts);
    expect(sweeper.fixed()).not.toBe(fixed);
  });
});
