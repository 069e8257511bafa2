import {describe, expect, it} from "vitest";
import {CALCULATOR_DEFAULTS, calculatorBand, calculatorInput, calculatorJob, calculatorStart, publishedBatchMillions} from "../../src/components/calculatorInput.js";
import {DEFAULT_CALCULATOR_LAYOUT, DEFAULT_FLEET, DEFAULT_RUN, defaultTokens} from "../../src/components/runOptions.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const gpus = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord);
const models = loadWithReferences("models") as unknown as ModelRecord[];
const record = (id: string) => models.find((m) => m.id === id)!;
const opening = (id: string) => ({
  model: modelSpecFromRecord(record(id)), tokensBillions: defaultTokens(record(id)) / 1e9, gpu: gpus.find((g) => g.id === DEFAULT_RUN.gpu)!,
  ...DEFAULT_FLEET, precision: DEFAULT_RUN.precision, stack: DEFAULT_RUN.stack, batchMillions: publishedBatchMillions(record(id)), calibration: null
});

describe("the calculator's input from its controls", () => {
  it("calculatorJob reads tokens in billions and the batch in millions: 15,000 and 4 are 15T tokens and 4M per step", () => {
    const job = calculatorJob(opening(DEFAULT_RUN.model));
    expect(job.tokens).toBe(15e12);
    expect(job.globalBatchTokens).toBe(4e6);
    expect(job).not.toHaveProperty("tp");
  });

  it("a model starts on its published batch (DeepSeek-V3: 62.9M tokens), else Llama 2's 4M (Llama 3.1 70B publishes none)", () => {
    expect(publishedBatchMillions(record("deepseek-v3"))).toBeCloseTo(62.91456, 5);
    expect(publishedBatchMillions(record(DEFAULT_RUN.model))).toBe(CALCULATOR_DEFAULTS.batchMillions);
  });

  it("calculatorStart opens DEFAULT_RUN on 4,096 H100s on DEFAULT_CALCULATOR_LAYOUT, its 4M batch moved to 4.19M (512 sequences of 8,192 on 512 data-parallel ranks)", () => {
    const start = calculatorStart(calculatorJob(opening(DEFAULT_RUN.model)), {keepBatch: false});
    expect(start.layout).toMatchObject(DEFAULT_CALCULATOR_LAYOUT);
    expect(start.batchMillions).toBe(4.19);
  });

  it("calculatorStart keeps a link's own batch", () => {
    expect(calculatorStart(calculatorJob(opening(DEFAULT_RUN.model)), {keepBatch: true}).batchMillions).toBeNull();
  });

  it("calculatorInput predicts the MFU unless told not to, then assumes the slider's percentage", () => {
    const job = calculatorJob(opening(DEFAULT_RUN.model));
    const layout = {...DEFAULT_CALCULATOR_LAYOUT, ep: CALCULATOR_DEFAULTS.ep};
    expect(calculatorInput(job, layout, CALCULATOR_DEFAULTS, null).mfuOverride).toBeUndefined();
    expect(calculatorInput(job, layout, {predict: false, mfuPercent: 40}, null).mfuOverride).toBe(0.4);
    expect(calculatorInput(job, layout, CALCULATOR_DEFAULTS, null)).toMatchObject({...job, ...layout, gpuHoursBand: null});
  });

  it("calculatorBand is the track record's residual band with its unattributed overhead, or null without a correction", () => {
    expect(calculatorBand(null)).toBeNull();
    const correction = {unattributedOverhead: 1.15, fitRuns: 16, heldOutRuns: 7, raw: {all: 0.13, fit: 0.16, heldOut: 0.07}, corrected: {all: 0.09, fitLeaveOneOut: 0.1, heldOut: 0.08}, band: {p10: 0.82, median: 0.97, p90: 1.27, runs: 23}};
    expect(calculatorBand(correction)).toEqual({p10: 0.82, median: 0.97, p90: 1.27, runs: 23, unattributedOverhead: 1.15});
  });
});
