import {describe, expect, it} from "vitest";
import {accumulationLever, distillationLever, earlyStoppingLever, moeLever, precisionLever, spotLever} from "../../src/components/levers.js";
import type {CalculatorInput} from "../../src/components/calculator.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const gpus = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord);
const models = loadWithReferences("models") as unknown as ModelRecord[];
const model = (id: string) => modelSpecFromRecord(models.find((m) => m.id === id)!);
const base: CalculatorInput = {
  model: model("llama3.1-70b"), tokens: 15e12, gpu: gpus.find((g) => g.id === "h100-sxm5-80gb")!, gpuCount: 4096, usdPerGpuHour: 2,
  precision: "bf16-master-fp32", tp: 8, pp: 4, ep: 8, zeroStage: 1, recompute: "selective", microBatch: 1, globalBatchTokens: 16e6
};

describe("cost levers", () => {
  it("mixed precision: BF16 costs a fraction of FP32 and FP8 less than BF16, but not half (attention and communication do not speed up)", () => {
    const rows = precisionLever(base);
    const by = (v: string) => rows.find((r) => r.variant.startsWith(v))!.relativeCost!;
    expect(by("FP32")).toBe(1);
    expect(by("BF16 mixed")).toBeLessThan(0.2);
    expect(by("FP8")).toBeLessThan(by("BF16 mixed"));
    expect(by("FP8")).toBeGreaterThan(by("BF16 mixed") / 2);
  });

  it("MoE: Mixtral costs less than Llama 2 70B on the same tokens, and routing beats the same weights all active", () => {
    const [dense, allActive, routed] = moeLever(base, model("mixtral-8x7b"), model("llama2-70b"), {moe: "Mixtral", dense: "Llama 2 70B"});
    expect(routed!.relativeCost!).toBeLessThan(dense!.relativeCost!);
    // Every expert active holds ~100 GB of activations per H100 in this layout: it cannot run, so it has no price.
    expect(allActive!.memoryBytes!).toBeGreaterThan(80e9);
    expect(allActive!.usd).toBeNull();
  });

  it("distillation costs the student's training plus a third of the teacher's (its forward pass); Minitron's 40× fewer tokens cost far less", () => {
    const {rows, teacherForwardGpuHours} = distillationLever(base, model("llama3.1-70b"), model("llama3.1-8b"), {teacher: "70B", student: "8B"}, 40);
    const [teacher, scratch, distilled, pruned] = rows.map((r) => r.gpuHours!);
    expect(teacherForwardGpuHours! / teacher!).toBeCloseTo(1 / 3, 1);
    expect(distilled!).toBeCloseTo(scratch! + teacherForwardGpuHours!, 0);
    expect(pruned!).toBeLessThan(distilled! / 10);
  });

  it("early stopping scales cost with tokens and raises the Chinchilla loss", () => {
    const [full, half] = earlyStoppingLever(base, [1, 0.5]);
    expect(half!.relativeCost).toBeCloseTo(0.5, 2);
    expect(half!.loss).toBeGreaterThan(full!.loss);
  });

  it("spot: break-even re-done work is on-demand ÷ spot − 1", () => {
    const {rows, breakEvenOverhead} = spotLever(base, 0.8, 0.1);
    expect(breakEvenOverhead).toBeCloseTo(1.5, 10);
    expect(rows[1]!.relativeCost).toBeCloseTo((0.8 * 1.1) / 2, 10);
  });

  it("gradient accumulation keeps the global batch: every bar has the same tokens per step", () => {
    const rows = accumulationLever(base, 16);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // Costs are relative to the largest micro-batch that fits; larger ones that do not are unpriced.
    const firstFit = rows.findIndex((r) => r.relativeCost !== null);
    expect(rows[firstFit]!.relativeCost).toBe(1);
    for (const r of rows.slice(0, firstFit)) expect(r.usd).toBeNull();
    const memory = rows.map((r) => r.memoryBytes!);
    expect(memory[memory.length - 1]).toBeLessThan(memory[0]!);
  });

  it("a variant that cannot run is never priced: Llama 3.1 405B on 8 H100s has no cost in any lever, and no relative cost", () => {
    const big = {...base, model: model("llama3.1-405b"), gpuCount: 8};
    for (const r of [...precisionLever(big), ...earlyStoppingLever(big, [1, 0.5]), ...accumulationLever(big, 16)]) {
      expect(r.usd).toBeNull();
      expect(r.relativeCost).toBeNull();
    }
  });
});
