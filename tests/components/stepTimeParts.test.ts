import {describe, expect, it} from "vitest";
import {STEP_PARTS, headlineSecondsPerStep, stepSeconds, stepShare, stepTimeCaption, stepTimeRows} from "../../src/components/stepTimeParts.js";
import {hostWaitSeconds} from "../../src/engine/perf/eagerStep.js";
import {calculate} from "../../src/components/calculator.js";
import type {CalculatorInput} from "../../src/components/calculator.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import type {StepPrediction} from "../../src/engine/perf/stepTime.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {timed} from "../support/timed.js";

const gpus = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord);
const models = loadWithReferences("models") as unknown as ModelRecord[];
const input = (over: Partial<CalculatorInput> = {}): CalculatorInput => ({
  model: modelSpecFromRecord(models.find((m) => m.id === "llama3.1-70b")!), tokens: 15e12,
  gpu: gpus.find((g) => g.id === "h100-sxm5-80gb")!, gpuCount: 4096, usdPerGpuHour: 2,
  precision: "bf16-master-fp32", tp: 8, pp: 4, ep: 1, zeroStage: 1, recompute: "selective", microBatch: 1,
  globalBatchTokens: 4e6, ...over
});

// A hand-made step: 10 s, of which 6 compute, 1 memory-bound, 1 TP, 2 bubble; no CP, EP, DP.
const fixture: StepPrediction = {
  secondsPerStep: 10, mfu: 0.4, hfu: 0.42, tokensPerSecond: 4e5, tokensPerStep: 4e6, microbatches: 8, gpus: 1024,
  modelFlopsPerStep: 0.4 * 1024 * 1e15 * 10, hardwareFlopsPerStep: 0.42 * 1024 * 1e15 * 10,
  breakdown: {compute: 6, recompute: 0, memoryBound: 1, tpComm: 1, cpComm: 0, epComm: 0, ppBubble: 2, ppComm: 0, dpComm: 0, straggler: 0, hostWait: 0},
  dpCommOverlapped: 0
};

describe("stepTimeRows", () => {
  it("lists every part of the engine's StepBreakdown once", () => {
    expect(STEP_PARTS.map((p) => p.key).sort()).toEqual(Object.keys(fixture.breakdown).sort());
  });

  it("keeps the parts that take time, in STEP_PARTS order, with their share of the step", () => {
    const rows = stepTimeRows(fixture);
    expect(rows.map((r) => [r.part, r.seconds, r.shareOfStep])).toEqual([
      ["compute", 6, 0.6], ["memoryBound", 1, 0.1], ["tpComm", 1, 0.1], ["ppBubble", 2, 0.2]
    ]);
    expect(stepTimeRows(fixture, true)).toHaveLength(STEP_PARTS.length + 1);
  });

  it("adds the overlapped data-parallel traffic last, outside the step, with no share of it", () => {
    const rows = stepTimeRows({...fixture, dpCommOverlapped: 0.5});
    expect(rows.at(-1)).toEqual({part: "dpCommOverlapped", label: "Data-parallel / ZeRO comm., overlapped", group: "overlapped", seconds: 0.5, inStep: false, shareOfStep: null});
    expect(rows.filter((r) => r.inStep).reduce((a, r) => a + r.seconds, 0)).toBe(10);
  });

  it("the rows of a real prediction (Llama 3.1 70B on 4,096 H100s) add up to its step time", () => {
    const step = calculate(input()).step!;
    const rows = stepTimeRows(step).filter((r) => r.inStep);
    expect(rows.reduce((a, r) => a + r.seconds, 0)).toBeCloseTo(step.secondsPerStep, 9);
    expect(rows.reduce((a, r) => a + (r.shareOfStep ?? 0), 0)).toBeCloseTo(1, 9);
    expect(step.dpCommOverlapped).toBeGreaterThan(0);
    expect(stepTimeRows(step).at(-1)!.part).toBe("dpCommOverlapped");
    expect(rows.map((r) => r.part)).toContain("ppBubble");
    expect(rows.map((r) => r.part)).not.toContain("epComm");
  });
});

describe("stepTimeCaption: the chart never disagrees silently with the headline figures", () => {
  it("with a predicted MFU, the step time the headline implies is the model's own", () => {
    const r = calculate(input());
    const e = timed(r.estimate);
    const basis = {mfu: e.mfu, mfuSource: e.mfuSource, peakFlopsPerSecond: e.peakFlopsPerSecond, gpus: r.gpusUsed};
    expect(headlineSecondsPerStep(r.step!, basis)).toBeCloseTo(r.step!.secondsPerStep, 9);
    expect(stepTimeCaption(r.step!, basis)).toMatch(/^The step-time model predicts .* per 4\.19M-token step at \d+% MFU; the headline figures use this prediction/);
    expect(stepTimeCaption(r.step!, basis)).toMatch(/The dashed bar is data-parallel traffic that runs behind the compute/);
  });

  it("with an assumed MFU, it says the bars are the model's, unscaled, and gives the step time the assumption means", () => {
    const r = calculate(input({mfuOverride: 0.5}));
    const e = timed(r.estimate);
    const basis = {mfu: 0.5, mfuSource: "input" as const, peakFlopsPerSecond: e.peakFlopsPerSecond, gpus: r.gpusUsed};
    // The headline's days are tokens ÷ (tokens per step) × this step time.
    const implied = headlineSecondsPerStep(r.step!, basis);
    expect((input().tokens / r.step!.tokensPerStep) * implied / 86400).toBeCloseTo(e.wallClockDays, 6);
    expect(implied).toBeCloseTo((r.step!.secondsPerStep * r.step!.mfu) / 0.5, 9);
    const caption = stepTimeCaption(r.step!, basis);
    expect(caption).toMatch(/not scaled to your assumption/);
    expect(caption).toMatch(/your assumed 50% MFU/);
  });

  it("says first, when the run does not fit, that nothing is priced and the bars are hypothetical", () => {
    const caption = stepTimeCaption(fixture, {mfu: 0.4, mfuSource: "predicted", peakFlopsPerSecond: 1e15, gpus: 1024}, false);
    expect(caption).toMatch(/^This run cannot go as set \(see why above\), so nothing is priced; the bars are what a step would take if it could\. The step-time model predicts 10 s/);
  });

  it("a hand-made step: 10 s at 40% MFU, assumed 80% means 5 s", () => {
    const caption = stepTimeCaption(fixture, {mfu: 0.8, mfuSource: "input", peakFlopsPerSecond: 1e15, gpus: 1024});
    expect(caption).toBe("The bars are the step-time model's prediction for this layout, 10 s per 4M-token step at 40% MFU, not scaled to your assumption. The headline figures use your assumed 80% MFU, which means 5 s per step. Communication marked “exposed” is the part the compute does not hide.");
  });
});

describe("stepSeconds", () => {
  it("writes 1.85 s, 894 ms, 1.92 ms and 2 min the way a reader reads them", () => {
    expect([1.85, 0.894, 0.00192, 120].map(stepSeconds)).toEqual(["1.85 s", "894 ms", "1.92 ms", "2 min"]);
  });

  // The state sweep found "0.0000000000000139 ms · 0.000000000000012%" beside a bar on a 375 px page
  // (Pythia-70M on 4,361 B200s, 14 pipeline stages, torch.compile): a label wider than the chart.
  it("writes microseconds below a millisecond and says 'under' below what a label can show", () => {
    expect([2.5e-5, 1e-6, 9.99e-7, 1.39e-17, 0].map(stepSeconds)).toEqual(["25 µs", "1 µs", "under 1 µs", "under 1 µs", "0 s"]);
    expect([0.8, 0.0029, 1e-4, 9e-5, 1.2e-16, 0].map(stepShare)).toEqual(["80%", "0.29%", "0.01%", "under 0.01%", "under 0.01%", "0%"]);
  });
});

describe("hostWaitSeconds", () => {
  it("is the step less the GPU's time, and none when that is the rounding of two equal floats", () => {
    expect(hostWaitSeconds(0.5, 0.4)).toBeCloseTo(0.1, 12);
    // The sweep's state: a GPU-bound 0.12 s step whose power mean rounds one unit in the last place up.
    const gpu = 0.12;
    const step = gpu + 1.39e-17;
    expect(step - gpu).toBeGreaterThan(0);
    expect(hostWaitSeconds(step, gpu)).toBe(0);
    expect(hostWaitSeconds(gpu - 1e-14, gpu)).toBe(0);
    const rows = stepTimeRows({...fixture, breakdown: {...fixture.breakdown, hostWait: hostWaitSeconds(step, gpu)}});
    expect(rows.map((r) => r.part)).not.toContain("hostWait");
  });
});
