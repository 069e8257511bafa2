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

  it("says which attention FLOPs the MFU counts when the causal count is 5 or more points lower (Llama 2 7B at 128k tokens), and not at 4,096", () => {
    const llama = modelSpecFromRecord(models.find((m) => m.id === "llama2-7b")!);
    const input = {tokens: 2e12, gpu, gpuCount: 64, usdPerGpuHour: 2, precision: "bf16-master-fp32" as const, tp: 8, pp: 1, ep: 1, zeroStage: 1 as const, recompute: "full" as const, microBatch: 1};
    const long = calculate({...input, model: {...llama, seqLen: 131_072}, globalBatchTokens: 8 * 131_072});
    const e = long.estimate;
    if (!e.timed) throw new Error("expected a timed estimate");
    // Attention is most of the work at 128k: the causal count is far below the full-matrix MFU.
    expect(e.mfu - e.mfuCausalAttention).toBeGreaterThan(0.15);
    const text = calculatorResults(long, {usdPerGpuHour: 2, gpuName: gpu.name, hbmBytes: gpu.hbmBytes}).textContent!;
    expect(text).toContain(`counts the full attention matrix, as published MFUs do; the causal half this model computes is ${Number((e.mfuCausalAttention * 100).toPrecision(2))}% of peak`);
    const short = calculate({...input, model: llama, globalBatchTokens: 4_194_304});
    if (!short.estimate.timed) throw new Error("expected a timed estimate");
    expect(short.estimate.mfu - short.estimate.mfuCausalAttention).toBeLessThan(0.05);
    expect(calculatorResults(short, {usdPerGpuHour: 2, gpuName: gpu.name, hbmBytes: gpu.hbmBytes}).textContent).not.toContain("attention matrix");
  });
});
