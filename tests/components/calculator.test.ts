import {describe, expect, it} from "vitest";
import {calculate, legalLayout, refusalWords} from "../../src/components/calculator.js";
import type {CalculatorInput} from "../../src/components/calculator.js";
import {gpuSpecFromRecord, mfuRangeFromBand, runGoodput} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {timed} from "../support/timed.js";

const gpus = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord);
const models = loadWithReferences("models") as unknown as ModelRecord[];
const model = (id: string) => modelSpecFromRecord(models.find((m) => m.id === id)!);
const gpu = (id: string) => gpus.find((g) => g.id === id)!;

const base = (over: Partial<CalculatorInput> = {}): CalculatorInput => ({
  model: model("gpt3-175b"), tokens: 300e9, gpu: gpu("a100-sxm4-80gb"), gpuCount: 1024, usdPerGpuHour: 2,
  precision: "bf16-master-fp32", tp: 8, pp: 8, ep: 1, zeroStage: 1, recompute: "selective", microBatch: 1,
  globalBatchTokens: 3.2e6, ...over
});

describe("legalLayout", () => {
  it("keeps a legal request as it is: GPT-3 on 1,024 GPUs as tp 8 × pp 8 × dp 16", () => {
    const {parallelism, notes} = legalLayout(base());
    expect(parallelism).toMatchObject({tp: 8, pp: 8, dp: 16});
    expect(notes).toEqual([]);
  });

  it("lowers tp to a divisor of GPT-2's 12 heads and says so", () => {
    const {parallelism, notes} = legalLayout(base({model: model("gpt2-124m"), gpuCount: 8, pp: 1}));
    expect(parallelism.tp).toBe(6);
    expect(notes.join(" ")).toMatch(/must divide the 12 attention heads/);
  });

  it("keeps a pipeline degree that does not divide the layers, as Llama 3 405B ran (126 layers on 16 stages), and says how it splits", () => {
    const llama = model("llama3.1-405b");
    const {parallelism, notes} = legalLayout(base({model: llama, gpuCount: 2048, pp: 16}));
    expect(parallelism.pp).toBe(16);
    expect(notes.join(" ")).toMatch(/126 layers over 16 pipeline stages: the heaviest stages hold 8 layers/);
    expect(() => calculate(base({model: llama, gpuCount: 2048, pp: 16}))).not.toThrow();
  });

  it("lowers a pipeline degree above the layer count to one stage per layer", () => {
    const {parallelism, notes} = legalLayout(base({model: model("gpt2-124m"), tp: 1, gpuCount: 64, pp: 32}));
    expect(parallelism.pp).toBe(12);
    expect(notes.join(" ")).toMatch(/at most one stage per layer \(12 layers\)/);
  });

  it("reports GPUs left idle when the count does not divide", () => {
    const {parallelism, notes} = legalLayout(base({gpuCount: 1000}));
    expect(parallelism.tp * parallelism.pp * parallelism.dp).toBe(960);
    expect(notes.join(" ")).toMatch(/uses 960 of them/);
  });

  it("raises a global batch smaller than one sequence per data-parallel rank", () => {
    const {parallelism, notes} = legalLayout(base({globalBatchTokens: 1000}));
    expect(parallelism.globalBatchTokens).toBe(2048 * 16);
    expect(legalLayout(base()).parallelism.globalBatchTokens! % (2048 * 16)).toBe(0);
    expect(notes.join(" ")).toMatch(/raised/);
  });
});

describe("calculate", () => {
  it("GPT-3: architecture FLOPs are within 5% of the paper's 3.14e23 (Brown et al. 2020, Table D.1)", () => {
    const r = calculate(base());
    expect(r.estimate.trainingFlops / 3.14e23).toBeGreaterThan(0.95);
    expect(r.estimate.trainingFlops / 3.14e23).toBeLessThan(1.05);
  });

  it("with an assumed MFU, GPU-hours = FLOPs ÷ (peak × MFU) ÷ 3600 and cost = hours × price", () => {
    const r = calculate(base({mfuOverride: 0.5}));
    const e = timed(r.estimate);
    expect(e.mfuSource).toBe("input");
    expect(e.gpuHours).toBeCloseTo(e.trainingFlops / (312e12 * 0.5) / 3600, 0);
    expect(e.costUsd!).toBeCloseTo(e.gpuHours * 2, 6);
    expect(e.trainingSeconds).toBeCloseTo((e.gpuHours * 3600) / 1024, 3);
    expect(e.range.gpuHours.low).toBeLessThan(e.gpuHours);
    expect(e.range.gpuHours.high).toBeGreaterThan(e.gpuHours);
  });

  it("predicts an MFU in (0, 1) and a finite memory breakdown for every famous model on H100s", () => {
    for (const m of models) {
      const r = calculate(base({model: modelSpecFromRecord(m), gpu: gpu("h100-sxm5-80gb"), gpuCount: 2048, ep: 8, globalBatchTokens: 4e6}));
      expect(r.estimate.mfu, m.id).toBeGreaterThan(0);
      expect(r.estimate.mfu, m.id).toBeLessThan(1);
      expect(r.estimate.mfuSource, m.id).toBe("predicted");
      expect(Number.isFinite(r.estimate.memoryPerGpuBytes.total), m.id).toBe(true);
      expect(r.estimate.energyKwh, m.id).toBeGreaterThan(0);
    }
  });
});

describe("an infeasible calculator run is never priced", () => {
  it("70B on one H100 (1.3 TB per GPU): infeasible, no cost, and the planner's fix needs more GPUs", async () => {
    const {feasibilityFixes} = await import("../../src/components/feasibilityFix.js");
    const input = base({model: model("llama3.1-70b"), gpu: gpu("h100-sxm5-80gb"), gpuCount: 1, tp: 8, pp: 4, globalBatchTokens: 16e6});
    const r = calculate(input);
    expect(r.estimate.feasible).toBe(false);
    expect(r.estimate.costUsd).toBeNull();
    expect(r.estimate.reasons[0]).toMatch(/^Each GPU needs 1,\d{3} GB but the NVIDIA H100 SXM5 80GB has 80 GB/);
    const [fix] = feasibilityFixes(input, r.gpusUsed);
    expect(fix).toMatch(/^It needs at least (16|32|64) GPUs \(searching 1, 2, 4, …\); a layout that fits there: tensor \d+ × pipeline \d+ × data \d+/);
  });
  it("the fix names only a layout the calculator's controls can set: no context parallelism for Llama 3.1 70B on TPU v4 chips", async () => {
    const {feasibilityFixes} = await import("../../src/components/feasibilityFix.js");
    const input = base({model: model("llama3.1-70b"), gpu: gpu("tpu-v4"), gpuCount: 4096, tp: 8, pp: 1, globalBatchTokens: 4e6});
    const r = calculate(input);
    expect(r.estimate.feasible).toBe(false);
    const [fix] = feasibilityFixes(input, r.gpusUsed);
    expect(fix).toMatch(/^A layout that fits on [\d,]+ TPU chips: tensor \d+ × pipeline \d+ × data [\d,]+, ZeRO-\d/);
    expect(fix).not.toMatch(/context/);
  });
  it("the fix is the same whether the last search is reused (same model object, only the count or layout moved) or run afresh", async () => {
    const {feasibilityFixes} = await import("../../src/components/feasibilityFix.js");
    const m = model("llama3.1-70b");
    const inputs = [
      base({model: m, gpu: gpu("h100-sxm5-80gb"), gpuCount: 1, tp: 8, pp: 4, globalBatchTokens: 16e6}),
      base({model: m, gpu: gpu("h100-sxm5-80gb"), gpuCount: 8, tp: 8, pp: 1, globalBatchTokens: 16e6}),
      base({model: m, gpu: gpu("h100-sxm5-80gb"), gpuCount: 8, tp: 8, pp: 1, globalBatchTokens: 1e6}),
      base({model: m, gpu: gpu("h100-sxm5-80gb"), gpuCount: 8, tp: 8, pp: 1, globalBatchTokens: 1e6, precision: "fp8"}),
      base({model: m, gpu: gpu("tpu-v4"), gpuCount: 4096, tp: 8, pp: 1, globalBatchTokens: 4e6})
    ];
    for (const input of inputs) {
      const used = calculate(input).gpusUsed;
      const reused = feasibilityFixes(input, used);
      // A copy of the model is another object: the search runs again.
      expect(reused).toEqual(feasibilityFixes({...input, model: structuredClone(m)}, used));
    }
  });
  it("FP8 on A100 is infeasible with the chip's reason, and the fix is in the reason itself", async () => {
    const {feasibilityFixes} = await import("../../src/components/feasibilityFix.js");
    const input = base({precision: "fp8"});
    const r = calculate(input);
    expect(r.estimate.feasible).toBe(false);
    expect(r.estimate.reasons).toEqual([expect.stringMatching(/A100 SXM4 80GB's datasheet lists no FP8 throughput[\s\S]*choose BF16 mixed precision/)]);
    expect(feasibilityFixes(input, r.gpusUsed)).toEqual([]);
  });
  it("a format the chip lacks is an answer, not a refusal: FP32 on an H800 is infeasible, untimed, unpriced, with the reason", () => {
    const r = calculate(base({gpu: gpu("h800-sxm5-80gb"), precision: "fp32"}));
    expect(r.estimate).toMatchObject({timed: false, feasible: false, gpuHours: null, costUsd: null});
    expect(r.estimate.reasons[0]).toMatch(/H800 SXM5 80GB's datasheet lists no FP32 throughput[\s\S]*choose BF16 mixed precision/);
    expect(r.step).toBeNull();
  });
  it("names the missing figure when a chip's interconnect is not in the data (an A100 PCIe 80GB with its interconnect figures removed, on 8 GPUs), and one such GPU alone still predicts", () => {
    const bare = {...gpu("a100-pcie-80gb"), scaleUpBytesPerSecond: null, scaleOutBytesPerSecond: null, gpusPerNode: null};
    const pcie = base({model: model("llama2-7b"), gpu: bare, gpuCount: 8, tp: 1, pp: 1, globalBatchTokens: 4e6});
    expect(() => calculate(pcie)).toThrow();
    let words: ReturnType<typeof refusalWords> | null = null;
    try { calculate(pcie); } catch (error) { words = refusalWords(pcie, error); }
    expect(words!.message).toBe("the site's data (data/gpus.csv) has no interconnect bandwidth for the NVIDIA A100 PCIe 80GB, so the time 8 of them spend communicating, and with it the MFU, is unknown.");
    expect(words!.hint).toMatch(/Turn off “Predict MFU”/);
    expect(calculate({...pcie, gpuCount: 1}).estimate.timed).toBe(true);
  });
  it("refuses per-op recomputation on a mixture-of-experts model in words that name the way out (the engine works it out for dense standard-attention models only), and counts it on a dense one", () => {
    const moe = base({model: model("mixtral-8x7b"), gpu: gpu("h100-sxm5-80gb"), gpuCount: 64, tp: 1, pp: 1, ep: 8, recompute: "per-op", stack: "pytorch", precision: "amp-bf16", globalBatchTokens: 4e6});
    let words: ReturnType<typeof refusalWords> | null = null;
    try { calculate(moe); } catch (error) { words = refusalWords(moe, error); }
    expect(words).not.toBeNull();
    expect(words!.message).toBe("per-op recomputation is worked out for dense models with standard attention only, and this model has experts.");
    expect(words!.hint).toBe("Choose none, selective or full recomputation under “Parallel layout”.");
    const dense = calculate(base({model: model("llama2-7b"), gpu: gpu("h100-sxm5-80gb"), gpuCount: 64, tp: 1, pp: 1, recompute: "per-op", stack: "pytorch", precision: "amp-bf16", globalBatchTokens: 4e6}));
    expect(timed(dense.estimate).mfu).toBeGreaterThan(0);
  });
  it("times the A100 PCIe 80GB's communication from its datasheet (NVLink bridge for 2 GPUs at 600 GB/s, PCIe Gen4 beyond the pair): 2 cards train faster per card than 8", () => {
    const pcie = (gpuCount: number) => base({model: model("llama2-7b"), gpu: gpu("a100-pcie-80gb"), gpuCount, tp: 1, pp: 1, globalBatchTokens: 4e6});
    const two = timed(calculate(pcie(2)).estimate);
    const eight = timed(calculate(pcie(8)).estimate);
    expect(two.mfuSource).toBe("predicted");
    expect(eight.mfuSource).toBe("predicted");
    expect(eight.mfu).toBeLessThan(two.mfu);
  });
  it("says 1 data-parallel rank, not 1 data-parallel ranks", () => {
    const notes = legalLayout(base({model: model("deepseek-v3"), gpuCount: 1, tp: 1, pp: 1, ep: 64})).notes.join(" ");
    expect(notes).toMatch(/the 256 experts and the 1 data-parallel rank\./);
  });
  it("an MFU the model cannot predict reads as plain words, never the engine's internal message", async () => {
    const {refusalWords} = await import("../../src/components/calculator.js");
    const predicted = refusalWords(base(), new Error("stepContext: internal"));
    expect(predicted.message).toMatch(/cannot predict the MFU of the NVIDIA A100 SXM4 80GB/);
    expect(predicted.message).not.toMatch(/internal/);
    expect(predicted.hint).toMatch(/Turn off “Predict MFU”/);
  });
});

describe("the calculator's range from the engine's own whole-run track record", () => {
  const band = {p10: 0.6, p90: 1.5, unattributedOverhead: 1.2};
  it("puts the point at steady-state GPU-hours ÷ the modelled effective training time × the unattributed overhead, and the range at that point × [p10, p90] (1,024 GPUs: ≈ 99% at Llama 3's interruption rate)", () => {
    const bandedRun = calculate(base({gpuHoursBand: band}));
    const plain = {estimate: timed(calculate(base()).estimate)};
    const banded = {estimate: timed(bandedRun.estimate)};
    const effective = runGoodput({accelerators: bandedRun.gpusUsed}).effectiveTrainingTime;
    expect(effective).toBeGreaterThan(0.98);
    expect(effective).toBeLessThan(1);
    expect(banded.estimate.mfu).toBe(plain.estimate.mfu);
    expect(banded.estimate.gpuHours).toBeCloseTo((plain.estimate.gpuHours * 1.2) / effective, 3);
    expect(banded.estimate.range.gpuHours.low).toBeCloseTo(banded.estimate.gpuHours * 0.6, 3);
    expect(banded.estimate.range.gpuHours.high).toBeCloseTo(banded.estimate.gpuHours * 1.5, 3);
  });
  it("keeps the point inside its range even where the band's percentiles both sit on one side of 1", () => {
    for (const b of [{p10: 1.05, p90: 1.4, unattributedOverhead: 1}, {p10: 0.7, p90: 0.95, unattributedOverhead: 1}]) {
      const e = timed(calculate(base({gpuHoursBand: b})).estimate);
      expect(e.range.gpuHours.low, JSON.stringify(b)).toBeLessThanOrEqual(e.gpuHours * (1 + 1e-9));
      expect(e.range.gpuHours.high, JSON.stringify(b)).toBeGreaterThanOrEqual(e.gpuHours * (1 - 1e-9));
    }
  });
  it("keeps the default MFU band for an assumed MFU", () => {
    const assumed = timed(calculate(base({mfuOverride: 0.4, gpuHoursBand: band})).estimate);
    expect(assumed.range.mfu).toEqual(timed(calculate(base({mfuOverride: 0.4})).estimate).range.mfu);
  });
  it("does not price a run whose interruptions leave no time to train (131,072 H100s: one stop every 21 minutes, 25 minutes each), and says so in plain words", () => {
    const llama = base({model: model("llama3.1-70b"), tokens: 15e12, gpu: gpu("h100-sxm5-80gb"), gpuCount: 131072, tp: 8, pp: 1, globalBatchTokens: 4e6, gpuHoursBand: band});
    expect(runGoodput({accelerators: 131072}).effectiveTrainingTime).toBe(0);
    const r = calculate(llama);
    expect(r.estimate).toMatchObject({feasible: false, costUsd: null});
    expect(r.estimate.timed && r.estimate.range.costUsd).toBeNull();
    expect(r.estimate.reasons.join(" ")).toMatch(/^Interruptions would leave no time to train on this many accelerators: at Llama 3's rate .* stop about every 21 minutes, and each stop costs about 25 minutes/);
    expect(r.estimate.reasons.join(" ")).not.toMatch(/wholeRunTimeShare|effective training time must be|\(0, 1\]/);
    // Half as many still train (≈ 40% of the time), priced; an assumed MFU carries no interruption model.
    expect(calculate({...llama, gpuCount: 65536}).estimate.feasible).toBe(true);
    expect(calculate({...llama, mfuOverride: 0.4}).estimate.feasible).toBe(true);
  });
  it("caps the MFU band at 1 and refuses a reversed band", () => {
    expect(mfuRangeFromBand(0.8, {p10: 0.1, p90: 2})[1]).toBe(1);
    expect(() => mfuRangeFromBand(0.5, {p10: 2, p90: 1})).toThrow(RangeError);
  });
});
