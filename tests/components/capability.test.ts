import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {ALL_SETTINGS, axisValue, BENCHMARK_NAMES, CAPABILITY_CONTROLS, CAPABILITY_DEFAULTS, capabilityPoints, capabilitySelection, capabilitySummary, defaultUsdPerGpuHour, engineWhyNot, evaluationSettings, fitPerDecade, frontier, runAcceleratorHours, settingLabel, unattributedOverheadOf, wholeRunEstimates} from "../../src/components/capability.js";
import type {BenchmarkRow, ModelRow, RunRow} from "../../src/components/capability.js";
import {predictRun} from "../../src/components/runTrackRecord.js";
import type {RunEstimate, RunLayoutRecord, RunRecord} from "../../src/components/runTrackRecord.js";
import type {ModelRecord} from "../../src/components/models.js";
import {gpuSpecFromRecord} from "../../src/engine/gpu.js";
import type {GpuRecord} from "../../src/engine/gpu.js";

const benchmarks = loadWithReferences("benchmarks") as unknown as BenchmarkRow[];
const models = loadWithReferences("models") as unknown as ModelRow[];
const runs = loadWithReferences("training_runs") as unknown as RunRow[];
const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
// What src/data/run_estimates.json.ts writes at build time, for the runs that MMLU scores link to.
const mmluRuns = new Set(benchmarks.filter((b) => b.benchmark === "mmlu").map((b) => models.find((m) => m.id === b.model_id)?.training_run_id));
const estimates: RunEstimate[] = (runs as unknown as RunRecord[]).filter((r) => mmluRuns.has(r.id)).map((r) => predictRun(r, models as unknown as ModelRecord[], gpus, loadWithReferences("run_layouts") as unknown as RunLayoutRecord[]));

describe("capability points", () => {
  const {points} = capabilityPoints(benchmarks.filter((b) => b.benchmark === "mmlu"), models, runs, 2, estimates);

  it("uses 6 × active parameters × tokens: DeepSeek-V3 is 6 × 37e9 × 14.8e12 = 3.29e24 FLOP", () => {
    const p = points.find((q) => q.modelId === "deepseek-v3")!;
    expect(p.trainingFlops).toBeCloseTo(6 * 37e9 * 14.8e12, -20);
  });

  it("prices the run's published GPU-hours: LLaMA 7B's 82,432 A100-hours at $2 = $164,864", () => {
    const p = points.find((q) => q.modelId === "llama-7b")!;
    expect(p.acceleratorHours).toBe(82432);
    expect(p.usdPublished).toBeCloseTo(164864, 6);
  });

  it("leaves the published cost blank, not zero, where no GPU-hours were published", () => {
    for (const p of points) if (p.acceleratorHours === null) expect(p.usdPublished).toBeNull();
  });

  it("prices the engine's estimate: Llama 3.1 405B on its published layout (Table 4), engine GPU-hours × $2", () => {
    const p = points.find((q) => q.modelId === "llama3.1-405b")!;
    expect(p.engineLayoutSource).toBe("published");
    expect(p.engineLayout).toMatch(/tensor 8 × pipeline 16 × data 128(?!,?\d)/);
    expect(p.engineMfu!).toBeGreaterThan(0.2);
    expect(p.engineMfu!).toBeLessThan(0.7);
    expect(p.usdEngine).toBeCloseTo(p.engineGpuHours! * 2, 6);
    // The published figure (30.84M H100-hours) is shown beside it, never used by it.
    expect(p.usdPublished).toBeCloseTo(30.84e6 * 2, 0);
    expect(p.engineWhyNot).toBeNull();
  });

  it("never prices a run the engine lacks inputs for, and says what is missing: Llama 2 7B has no accelerator count", () => {
    const p = points.find((q) => q.modelId === "llama2-7b")!;
    expect(p.usdEngine).toBeNull();
    expect(p.engineGpuHours).toBeNull();
    expect(p.engineWhyNot).toMatch(/accelerator count/);
    expect(p.usdPublished).not.toBeNull();
  });

  it("gives every point either an engine cost or a reason, never both", () => {
    for (const p of points) expect(p.usdEngine === null, p.benchmarkRowId).toBe(p.engineWhyNot !== null);
    expect(points.filter((p) => p.usdEngine !== null).length).toBeGreaterThanOrEqual(3);
  });

  it("says why when the engine refuses a run whose inputs are all there, or when no run is published", () => {
    const refused: RunEstimate = {id: "x", gpuId: "h100-sxm5-80gb", accelerators: 8, predictedGpuHours: null, predictedMfu: null, layoutSource: null, layout: null, layoutDegrees: null, layoutMemory: null, rampFactor: null, goodput: null, repeatedGpuHours: null, downtimeGpuHours: null, effectiveTrainingTime: null, missingInputs: [], refusal: "no layout of 8 accelerators fits this model in memory at this batch"};
    expect(engineWhyNot("x", refused)).toMatch(/refuses it: no layout of 8 accelerators fits/);
    expect(engineWhyNot(null, undefined)).toBe("no published training run");
  });

  it("refuses a price that is not a positive finite number", () => {
    for (const bad of [0, -1, NaN, Infinity]) expect(() => capabilityPoints(benchmarks, models, runs, bad, estimates)).toThrow(/usdPerGpuHour/);
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

describe("the cost table's rows", () => {
  it("lists each model once, in order of compute, with the engine's cost or the reason it has none", async () => {
    const {capabilityCostRows} = await import("../../src/components/capabilityCostRows.js");
    const {points} = capabilityPoints(benchmarks.filter((b) => b.benchmark === "mmlu"), models, runs, 2, estimates);
    const rows = capabilityCostRows(points);
    expect(new Set(rows.map((r) => r.modelId)).size).toBe(rows.length);
    expect(rows.length).toBe(new Set(points.map((p) => p.modelId)).size);
    const flops = rows.map((r) => points.find((p) => p.modelId === r.modelId)!.trainingFlops);
    expect(flops).toEqual([...flops].sort((a, b) => a - b));
    for (const r of rows) expect(r.usdEngine === null, r.modelId).toBe(r.whyNot !== null);
    expect(rows.find((r) => r.modelId === "llama3.1-405b")!.layout).toMatch(/^published: tensor 8 ×/);
  });
});

describe("frontier labels", () => {
  it("keeps the higher of two frontier labels that would overlap, and both when they are far apart", async () => {
    const {labelledFrontier} = await import("../../src/components/frontierLabels.js");
    const pt = (model: string, flops: number, score: number) => ({model, trainingFlops: flops, scorePercent: score}) as unknown as import("../../src/components/capability.js").CapabilityPoint;
    const frame = {left: 0, right: 600, top: 0, bottom: 400, xDomain: [1e20, 1e25] as [number, number], yDomain: [0, 100] as [number, number]};
    const close = [pt("Pythia 6.9B", 1.2e22, 29.2), pt("Pythia 12B", 2.1e22, 29.7)];
    expect([...labelledFrontier(close, (p) => p.trainingFlops, frame)].map((p) => p.model)).toEqual(["Pythia 12B"]);
    const apart = [pt("A", 1e20, 10), pt("B", 1e25, 90)];
    expect(labelledFrontier(apart, (p) => p.trainingFlops, frame).size).toBe(2);
  });
});

describe("wholeRunEstimates (the calculator's whole-run correction on /capability)", () => {
  const e = estimates.find((r) => r.id === "llama-3-1-405b" || r.predictedGpuHours !== null)!;

  it("multiplies each estimate's GPU-hours by the unattributed overhead, as the calculator's wholeRunTimeShare does", () => {
    expect(e.predictedGpuHours).not.toBeNull();
    const [corrected] = wholeRunEstimates([e], 1.18);
    // steady hours ÷ min(1, goodput ÷ 1.18) = (hours × goodput) ÷ (goodput ÷ 1.18) = hours × 1.18.
    expect(corrected!.predictedGpuHours).toBeCloseTo(e.predictedGpuHours! * 1.18, 6);
    expect(corrected!.predictedMfu).toBe(e.predictedMfu);
    expect(corrected!.layout).toBe(e.layout);
  });

  it("caps the time share at 1 like the calculator: an overhead below the goodput loss gives the steady-state hours", () => {
    const [corrected] = wholeRunEstimates([{...e, predictedGpuHours: 100 / 0.9, effectiveTrainingTime: 0.9}], 0.5);
    expect(corrected!.predictedGpuHours).toBeCloseTo(100, 9);
  });

  it("carries a run's itemised downtime as it is: idle wall-clock time, not divided by the goodput nor multiplied by the overhead", () => {
    const [corrected] = wholeRunEstimates([{...e, predictedGpuHours: 100 / 0.9 + 40, downtimeGpuHours: 40, effectiveTrainingTime: 0.9}], 1.18);
    // steady hours 100 ÷ (0.9 ÷ 1.18), plus the 40 idle hours.
    expect(corrected!.predictedGpuHours).toBeCloseTo((100 / 0.9) * 1.18 + 40, 9);
  });

  it("changes the price the page plots, leaves runs without an estimate alone, and refuses a bad overhead", () => {
    const base = capabilityPoints(benchmarks.filter((b) => b.benchmark === "mmlu"), models, runs, 2, estimates).points;
    const whole = capabilityPoints(benchmarks.filter((b) => b.benchmark === "mmlu"), models, runs, 2, wholeRunEstimates(estimates, 1.18)).points;
    const priced = base.filter((p) => p.usdEngine !== null);
    expect(priced.length).toBeGreaterThan(3);
    for (const p of priced) expect(whole.find((q) => q.benchmarkRowId === p.benchmarkRowId)!.usdEngine).toBeCloseTo(p.usdEngine! * 1.18, 3);
    for (const p of base.filter((q) => q.usdEngine === null)) expect(whole.find((q) => q.benchmarkRowId === p.benchmarkRowId)!.usdEngine).toBeNull();
    expect(wholeRunEstimates(estimates, null).map((r) => r.predictedGpuHours)).toEqual(estimates.map((r) => r.predictedGpuHours));
    expect(() => wholeRunEstimates(estimates, 0)).toThrow(/overhead must be positive/);
  });
});

describe("capabilitySelection (what the chart shows for the page's controls)", () => {
  it("starts on MMLU, every setting, training compute on the axis, at llm.c's $3.50 per GPU-hour ($28 an hour for 8 H100s)", () => {
    expect(CAPABILITY_DEFAULTS).toEqual({benchmark: "mmlu", setting: ALL_SETTINGS, axis: "flops"});
    expect(defaultUsdPerGpuHour(runs as unknown as {id: string; usd_per_accelerator_hour: number | null}[])).toBe(3.5);
  });

  it("at the defaults, charts every MMLU point with published tokens, with their frontier and fit", () => {
    const {allPoints, inSetting, points, front, fit} = capabilitySelection(benchmarks, models, runs, estimates, {...CAPABILITY_DEFAULTS, usdPerGpuHour: 3.5});
    const x = axisValue("flops");
    expect(allPoints).toEqual(capabilityPoints(benchmarks.filter((b) => b.benchmark === "mmlu"), models, runs, 3.5, estimates).points);
    expect(inSetting).toEqual(allPoints);
    expect(points).toEqual(allPoints);
    expect(front).toEqual(frontier(points, x, (p) => p.scorePercent));
    expect(fit).toEqual(fitPerDecade(points, x, (p) => p.scorePercent));
  });

  it("keeps one evaluation setting, and on a cost axis only the points that have that cost", () => {
    const setting = "Meta, 5-shot";
    const {inSetting, points} = capabilitySelection(benchmarks, models, runs, estimates, {benchmark: "mmlu", setting, axis: "usd-published", usdPerGpuHour: 2});
    expect(inSetting.length).toBeGreaterThan(0);
    expect(inSetting.every((p) => p.setting === setting)).toBe(true);
    expect(points).toEqual(inSetting.filter((p) => p.usdPublished !== null));
  });

  it("reads the unattributed overhead from the track record, null when it has no correction", () => {
    expect(unattributedOverheadOf({correction: {unattributedOverhead: 1.3}})).toBe(1.3);
    expect(unattributedOverheadOf({correction: null})).toBeNull();
  });
});

describe("the page's controls and opening sentence", () => {
  it("evaluationSettings(benchmarks, \"mmlu\") starts with every setting, then each evaluator and shot count once", () => {
    const settings = evaluationSettings(benchmarks, "mmlu");
    expect(settings[0]).toBe(ALL_SETTINGS);
    expect(new Set(settings).size).toBe(settings.length);
    expect(settings).toContain("Meta, 5-shot");
    expect(settings.slice(1).sort()).toEqual([...new Set(benchmarks.filter((b) => b.benchmark === "mmlu").map(settingLabel))].sort());
  });

  it("evaluationSettings of a benchmark without scores is every setting alone", () => {
    expect(evaluationSettings(benchmarks, "no-such-benchmark")).toEqual([ALL_SETTINGS]);
  });

  it("capabilitySummary counts the scores, the models they cover and the models in the data", () => {
    const rows = [{model_id: "a"}, {model_id: "a"}, {model_id: "b"}];
    expect(capabilitySummary(rows, [1, 2, 3, 4])).toBe("The 3 scores in data/benchmarks.csv cover 2 of the 4 models in data/models.csv; each names its source, the number of examples in the prompt (shots) and who ran the evaluation.");
  });

  it("the menus' wording: every benchmark and axis has a name, MMLU first", () => {
    expect(Object.keys(BENCHMARK_NAMES)[0]).toBe(CAPABILITY_DEFAULTS.benchmark);
    expect(CAPABILITY_CONTROLS.benchmark.format("arc-challenge")).toBe("ARC-Challenge");
    expect(CAPABILITY_CONTROLS.axis.format("usd-published")).toBe("published GPU-hours × price");
  });
});
