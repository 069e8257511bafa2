// The stack a spec names reaches its step time through the public API (issue 11 item 2):
// estimate() with stack "pytorch" / "pytorch-compile" uses the plain-PyTorch model
// (perf/eagerStep.ts), "megatron" (and no stack) the fused one; the project's 2 × H200 steps
// (data/gpu_multi_steps.csv) are predicted through estimate() itself, with the datasheet's NVLink
// figure where the side-function tests use the measured NCCL rows.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {estimate, isMultiHeldOut, measuredMultiStepSpec, multiStepTimeKnownMiss, predictEagerStep, predictStackStep, predictStep} from "../../../src/engine/index.js";
import type {MeasuredMultiStepRow, TimedEstimate, TrainingSpec} from "../../../src/engine/index.js";
import {runEngineCli} from "../../engineCli.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const rows = loadDataset(datasetByName("gpu_multi_steps"), ROOT) as unknown as MeasuredMultiStepRow[];
const h200 = gpu("h200-sxm-141gb");
const h100 = gpu("h100-sxm5-80gb");

const llama8b: TrainingSpec = {
  model: {params: 8.03e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 128256, seqLen: 8192, positionEmbedding: "rotary"},
  tokens: 1e12,
  hardware: {gpu: h100.id, count: 64},
  parallelism: {tp: 1, pp: 1, dp: 64, zeroStage: 3, microBatch: 1, recompute: "none", globalBatchTokens: 64 * 8192 * 4},
  precision: "amp-bf16"
};

describe("predictStackStep: the model of the spec's stack", () => {
  it("is the fused model for megatron and no stack, the eager one for pytorch, and the compiled-kernel one for pytorch-compile", () => {
    expect(predictStackStep(llama8b, h100)).toEqual(predictStep(llama8b, h100));
    expect(predictStackStep({...llama8b, stack: "megatron"}, h100)).toEqual(predictStep(llama8b, h100));
    expect(predictStackStep({...llama8b, stack: "pytorch"}, h100)).toEqual(predictEagerStep({...llama8b, stack: "pytorch"}, h100).step);
    expect(predictStackStep({...llama8b, stack: "pytorch-compile"}, h100)).toEqual(predictEagerStep({...llama8b, stack: "pytorch-compile"}, h100, {kernels: "compiled"}).step);
  });

  it("gives eager PyTorch a lower MFU than torch.compile, and torch.compile a lower one than the tuned Megatron stack, on the same layout", () => {
    const mfu = (stack: TrainingSpec["stack"]) => (estimate({...llama8b, stack}, h100) as TimedEstimate).mfu;
    expect(mfu("pytorch")).toBeLessThan(mfu("pytorch-compile"));
    expect(mfu("pytorch-compile")).toBeLessThan(mfu("megatron-tuned"));
  });

  it("splits the step into parts that sum to it, with the host's share as its own part", () => {
    for (const stack of ["pytorch", "pytorch-compile"] as const) {
      const s = predictStackStep({...llama8b, stack, parallelism: {...llama8b.parallelism, microBatch: 1, globalBatchTokens: 64 * 8192}}, h100);
      expect(Object.values(s.breakdown).reduce((a, x) => a + x, 0)).toBeCloseTo(s.secondsPerStep, 9);
    }
    // GPT-2 medium, one 1,024-token sequence on one GPU: the host sets the pace (eagerStep.test.ts).
    const gpt2Medium: TrainingSpec["model"] = {params: 354.8e6, layers: 24, dModel: 1024, heads: 16, ffnDim: 4096, vocab: 50304, seqLen: 1024, tiedEmbeddings: true, positionEmbedding: "learned", dropout: false};
    const hostBound = predictStackStep({...llama8b, model: gpt2Medium, stack: "pytorch", hardware: {gpu: h100.id, count: 1}, parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: 1, recompute: "none", globalBatchTokens: 1024}}, h100);
    expect(hostBound.breakdown.hostWait).toBeGreaterThan(0.3 * hostBound.secondsPerStep);
  });
});

describe("estimate() on the measured 2 × H200 steps, stack pytorch (the public path)", () => {
  const through = rows.map((row) => {
    const e = estimate(measuredMultiStepSpec(row, h200.id), h200) as TimedEstimate;
    return {row, timeRatio: e.trainingSeconds / row.step_seconds!, memoryRatio: e.memoryPerGpuBytes.total / row.peak_memory_bytes!};
  });
  const within = (xs: typeof through, key: "timeRatio" | "memoryRatio") => xs.filter((x) => Math.abs(x[key] - 1) <= 0.1).length;

  it("times ≥ 78 of the 110 steps within ±10%, ≥ 31 of the 42 held-out LLaMA rows, and every step outside the listed misses within ±12% (datasheet NVLink, not the measured NCCL curve)", () => {
    expect(through).toHaveLength(110);
    expect(within(through, "timeRatio")).toBeGreaterThanOrEqual(78);
    expect(within(through.filter(({row}) => isMultiHeldOut(row)), "timeRatio")).toBeGreaterThanOrEqual(31);
    for (const x of through.filter(({row}) => multiStepTimeKnownMiss(row) === undefined)) expect(Math.abs(x.timeRatio - 1), `${x.row.model} ${x.row.mode}`).toBeLessThanOrEqual(0.12);
  });

  it("holds memory within ±10% for ≥ 101 of the 110", () => {
    expect(within(through, "memoryRatio")).toBeGreaterThanOrEqual(101);
  });
});

describe("the CLI carries the stack to the step time", {timeout: 60_000}, () => {
  it("engine estimate predicts a lower MFU for plain PyTorch than for Megatron, equal to the engine's", async () => {
    const out = async (stack: string) => JSON.parse((await runEngineCli(["estimate"], JSON.stringify({...llama8b, stack}))).stdout);
    const pytorch = await out("pytorch");
    expect(pytorch.mfu).toBeCloseTo((estimate({...llama8b, stack: "pytorch"}, h100) as TimedEstimate).mfu, 12);
    expect(pytorch.mfu).toBeLessThan((await out("megatron")).mfu);
  });

  it("engine validate-steps prints the 2 × H200 and one-H200 figures and every miss with its verdict, none unexplained", async () => {
    const r = await runEngineCli(["validate-steps"], "");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.twoGpu.stepTime.all).toEqual({steps: 110, within10: expect.any(Number)});
    expect(out.twoGpu.stepTime.all.within10).toBeGreaterThanOrEqual(82);
    expect(out.twoGpu.stepTime.unexplained).toBe(0);
    expect(out.twoGpu.timeMisses).toHaveLength(110 - out.twoGpu.stepTime.all.within10);
    for (const m of out.twoGpu.timeMisses) expect(m.reason.length, m.step).toBeGreaterThan(40);
    expect(out.twoGpu.memory.all.within10).toBeGreaterThanOrEqual(101);
    expect(out.twoGpuWide.stepTime).toEqual({steps: 36, within10: expect.any(Number)});
    for (const m of [...out.twoGpuWide.timeMisses, ...out.twoGpuWide.memoryMisses]) expect(m.reason, m.step).not.toBeNull();
    expect(out.oneGpu.pytorch.memory.within10 / out.oneGpu.pytorch.memory.steps).toBeGreaterThanOrEqual(0.9);
    expect(out.oneGpu["pytorch-compile"].memory.within10 / out.oneGpu["pytorch-compile"].memory.steps).toBeGreaterThanOrEqual(0.9);
  });
});
