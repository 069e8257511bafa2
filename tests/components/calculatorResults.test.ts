// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {calculate} from "../../src/components/calculator.js";
import {calculatorResults} from "../../src/components/calculatorResults.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const gpu = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord).find((g) => g.id === "h100-sxm5-80gb")!;
const models = loadWithReferences("models") as unknown as ModelRecord[];

describe("calculatorResults", () => {
  it("writes a step under a second in milliseconds, as the step chart does (Pythia 70M on 4,096 H100s: not '0.002 s')", () => {
    const model = modelSpecFromRecord(models.find((m) => m.id === "pythia-70m")!);
    const r = calculate({model, tokens: 300e9, gpu, gpuCount: 4096, usdPerGpuHour: 2, precision: "bf16-master-fp32", tp: 1, pp: 1, ep: 1, zeroStage: 1, recompute: "selective", microBatch: 1, globalBatchTokens: 2e6});
    expect(r.step!.secondsPerStep).toBeLessThan(1);
    const text = calculatorResults(r, {usdPerGpuHour: 2, gpuName: gpu.name, hbmBytes: gpu.hbmBytes}).textContent!;
    expect(text).toMatch(/\d+(\.\d+)? ms per [\d.]+M-token step/);
    expect(text).not.toMatch(/0\.0\d* s per/);
  });
});
