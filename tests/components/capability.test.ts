import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {capabilityPoints, fitPerDecade, frontier, runAcceleratorHours} from "../../src/components/capability.js";
import type {BenchmarkRow, ModelRow, RunRow} from "../../src/components/capability.js";

const benchmarks = loadWithReferences("benchmarks") as unknown as BenchmarkRow[];
const models = loadWithReferences("models") as unknown as ModelRow[];
const runs = loadWithReferences("training_runs") as unknown as RunRow[];

describe("capability points", () => {
  const {points} = capabilityPoints(benchmarks.filter((b) => b.benchmark === "mmlu"), models, runs, 2);

  it("uses 6 × active parameters × tokens: DeepSeek-V3 is 6 × 37e9 × 14.8e12 = 3.29e24 FLOP", () => {
    const p = points.find((q) => q.modelId === "deepseek-v3")!;
    expect(p.trainingFlops).toBeCloseTo(6 * 37e9 * 14.8e12, -20);
  });

  it("prices the run's published GPU-hours: LLaMA 7B's 82,432 A100-hours at $2 = $164,864", () => {
    const p = points.find((q) => q.modelId === "llama-7b")!;
    expect(p.acceleratorHours).toBe(82432);
    expect(p.usdEstimated).toBeCloseTo(164864, 6);
  });

  it("leaves cost blank, not zero, where no GPU-hours were published", () => {
    for (const p of points) if (p.acceleratorHours === null) expect(p.usdEstimated).toBeNull();
  });

  it("refuses a price that is not a positive finite number", () => {
    for (const bad of [0, -1, NaN, Infinity]) expect(() => capabilityPoints(benchmarks, models, runs, bad)).toThrow(/usdPerGpuHour/);
  });

  it("counts chips × days × 24 only when the source gives no hours", () => {
    expect(runAcceleratorHours({id: "x", accelerator: null, accelerator_count: 10, wall_clock_days: 2, accelerator_hours: null, primary_source: "", source_location: ""})).toBe(480);
    expect(runAcceleratorHours({id: "x", accelerator: null, accelerator_count: 10, wall_clock_days: 2, accelerator_hours: 7, primary_source: "", source_location: ""})).toBe(7);
  });
});

describe("frontier and fit", () => {
  it("keeps the points that beat every point with less x, in order of x", () => {
    const pts = [{x: 1, y: 10}, {x: 2, y: 5}, {x: 3, y: 20}, {x: 4, y: 15}, {x: 5, y: 30}];
    expect(frontier(pts, (p) => p.x, (p) => p.y).map((p) => p.x)).toEqual([1, 3, 5]);
  });

  it("fits 10 points per decade exactly on y = 10·log10(x)", () => {
    const pts = [1e20, 1e21, 1e22, 1e23].map((x) => ({x, y: 10 * Math.log10(x) - 150}));
    const fit = fitPerDecade(pts, (p) => p.x, (p) => p.y)!;
    expect(fit.pointsPerDecade).toBeCloseTo(10, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(fit.n).toBe(4);
  });

  it("fits nothing with fewer than three points or a single x", () => {
    expect(fitPerDecade([{x: 1, y: 1}, {x: 10, y: 2}], (p) => p.x, (p) => p.y)).toBeNull();
    expect(fitPerDecade([{x: 5, y: 1}, {x: 5, y: 2}, {x: 5, y: 3}], (p) => p.x, (p) => p.y)).toBeNull();
  });
});
