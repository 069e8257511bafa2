import {describe, expect, it} from "vitest";
import {planCommand} from "../../../scripts/cli/plan.js";

const llama7b = {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096};
const run = (input: unknown) => planCommand.run([], () => JSON.stringify(input)) as {layouts: {rank: number; gpus: number; secondsPerStep: number; trainingUsd: number | null}[]};

describe("engine plan (CLI subcommand)", () => {
  it("ranks layouts for a spec without parallelism", () => {
    const out = run({model: llama7b, tokens: 2e12, hardware: {gpu: "h100-sxm5-80gb", count: 64, usdPerGpuHour: 2.5}, precision: "bf16-master-fp32", globalBatchTokens: 4194304, limit: 3});
    expect(out.layouts.map((l) => l.rank)).toEqual([1, 2, 3]);
    expect(out.layouts[0]!.gpus).toBeLessThanOrEqual(64);
    expect(out.layouts[0]!.trainingUsd).toBeGreaterThan(0);
  });
  it("searches only the candidate values given in `space`", () => {
    const out = planCommand.run([], () => JSON.stringify({model: llama7b, tokens: 2e12, hardware: {gpu: "h100-sxm5-80gb", count: 64}, precision: "bf16-master-fp32", globalBatchTokens: 4194304, space: {tp: [4], zeroStages: [1]}})) as {layouts: {parallelism: {tp: number; zeroStage: number}}[]};
    expect(out.layouts.length).toBeGreaterThan(0);
    for (const l of out.layouts) expect([l.parallelism.tp, l.parallelism.zeroStage]).toEqual([4, 1]);
  });
  it("finds the cheapest layout that meets a deadline (objective cost + maxTrainingDays)", () => {
    const base = {model: llama7b, tokens: 2e12, hardware: {gpu: "h100-sxm5-80gb", count: 512, usdPerGpuHour: 2.5}, precision: "bf16-master-fp32", globalBatchTokens: 4194304, objective: "cost", limit: 5};
    const free = planCommand.run([], () => JSON.stringify(base)) as {layouts: {trainingDays: number; trainingUsd: number}[]};
    const due = planCommand.run([], () => JSON.stringify({...base, maxTrainingDays: 20})) as {layouts: {trainingDays: number; trainingUsd: number}[]};
    expect(free.layouts[0]!.trainingDays).toBeGreaterThan(20);
    expect(due.layouts.length).toBeGreaterThan(0);
    for (const l of due.layouts) expect(l.trainingDays).toBeLessThanOrEqual(20 * (1 + 1e-9));
    expect(due.layouts[0]!.trainingUsd).toBeGreaterThanOrEqual(free.layouts[0]!.trainingUsd);
  });
  it("says which field is missing or wrong", () => {
    expect(() => run({model: llama7b, tokens: 2e12, hardware: {gpu: "h100-sxm5-80gb", count: 64}, precision: "bf16-master-fp32"})).toThrow(/globalBatchTokens/);
    expect(() => run({model: llama7b, tokens: 2e12, hardware: {gpu: "h100-sxm5-80gb", count: 64}, precision: "bf16-master-fp32", globalBatchTokens: 4194304, limit: 0})).toThrow(/limit/);
    expect(() => run({model: llama7b, tokens: 2e12, hardware: {gpu: "nope", count: 64}, precision: "bf16-master-fp32", globalBatchTokens: 4194304})).toThrow(/unknown GPU/);
  });
});
