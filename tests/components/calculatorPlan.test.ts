import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {calculate, legalLayout} from "../../src/components/calculator.js";
import type {CalculatorInput} from "../../src/components/calculator.js";
import {CALCULATOR_MICRO_BATCHES, CALCULATOR_TP, fastestCalculatorLayout, maxSearchTp, pipelineDepths, startingBatchTokens, startingLayout} from "../../src/components/calculatorPlan.js";
import type {CalculatorLayoutChoice} from "../../src/components/calculatorPlan.js";
import {DEFAULT_CALCULATOR_LAYOUT, DEFAULT_RUN} from "../../src/components/runOptions.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import {tpSplitsKvHeads} from "../../src/engine/architecture.js";
import type {GpuRecord, Recompute, ZeroStage} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const gpus = (loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord);
const models = loadWithReferences("models") as unknown as ModelRecord[];
const model = (id: string) => modelSpecFromRecord(models.find((m) => m.id === id)!);
const gpu = (id: string) => gpus.find((g) => g.id === id)!;

type Job = Omit<CalculatorInput, keyof CalculatorLayoutChoice | "mfuOverride">;
const job = (over: Partial<Job> = {}): Job => ({
  model: model("llama2-7b"), tokens: 2e12, gpu: gpu("h100-sxm5-80gb"), gpuCount: 8, usdPerGpuHour: 2,
  precision: "bf16-master-fp32", globalBatchTokens: 4e6, stack: "megatron", ...over
});

/** Every layout the calculator's controls can express on this job with tensor parallelism inside one machine, through the calculator, no pruning. */
function exhaustive(j: Job): {choice: CalculatorLayoutChoice; seconds: number}[] {
  const out: {choice: CalculatorLayoutChoice; seconds: number}[] = [];
  const n = Math.floor(j.gpuCount);
  for (const tp of CALCULATOR_TP) {
    if (j.model.heads % tp !== 0 || !tpSplitsKvHeads(j.model, tp) || tp > n || tp > maxSearchTp(j.gpu)) continue;
    for (let pp = 1; pp <= Math.min(j.model.layers, Math.floor(n / tp)); pp++) {
      for (const microBatch of CALCULATOR_MICRO_BATCHES) {
        for (const zeroStage of [0, 1, 2, 3] as ZeroStage[]) {
          for (const recompute of ["none", "selective", "full"] as Recompute[]) {
            const choice = {tp, pp, ep: 1, zeroStage, recompute, microBatch};
            const r = calculate({...j, ...choice});
            if (!r.estimate.feasible || !r.estimate.timed) continue;
            if (Math.abs((r.layout.parallelism.globalBatchTokens ?? 0) / j.globalBatchTokens - 1) > 0.05) continue;
            out.push({choice, seconds: r.estimate.trainingSeconds});
          }
        }
      }
    }
  }
  return out;
}

describe("pipelineDepths", () => {
  it("keeps the shallowest depth for each heaviest-stage size: 80 layers → 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20, 27, 40, 80", () => {
    expect(pipelineDepths(80, 128)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20, 27, 40, 80]);
    expect(pipelineDepths(80, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("every depth up to the cap has a kept depth no deeper with the same heaviest stage (fast-check)", () => {
    fc.assert(fc.property(fc.integer({min: 1, max: 200}), fc.integer({min: 1, max: 256}), (layers, cap) => {
      const kept = pipelineDepths(layers, cap);
      for (let pp = 1; pp <= Math.min(layers, cap); pp++) {
        const h = Math.ceil(layers / pp);
        expect(kept.some((d) => d <= pp && Math.ceil(layers / d) === h)).toBe(true);
      }
      expect(new Set(kept.map((d) => Math.ceil(layers / d))).size).toBe(kept.length);
    }));
  });
});

describe("fastestCalculatorLayout", () => {
  for (const [name, j] of [
    ["Llama 2 7B on 8 H100s", job()],
    ["Llama 3.1 70B on 64 H100s", job({model: model("llama3.1-70b"), gpuCount: 64, tokens: 15e12})],
    ["GPT-3 175B on 48 A100s (not a power of two)", job({model: model("gpt3-175b"), gpu: gpu("a100-sxm4-80gb"), gpuCount: 48, tokens: 300e9, globalBatchTokens: 3.2e6})]
  ] as const) {
    it(`${name}: no layout of the calculator's controls trains sooner (exhaustive search, pruning off)`, () => {
      const found = fastestCalculatorLayout(j);
      const all = exhaustive(j);
      expect(all.length).toBeGreaterThan(0);
      expect(found.choice).not.toBeNull();
      const r = calculate({...j, ...found.choice!});
      expect(r.estimate.feasible).toBe(true);
      expect(Math.abs((r.layout.parallelism.globalBatchTokens ?? 0) / j.globalBatchTokens - 1)).toBeLessThanOrEqual(0.05);
      const fastest = Math.min(...all.map((x) => x.seconds));
      expect(r.estimate.timed && r.estimate.trainingSeconds).toBeLessThanOrEqual(fastest * (1 + 1e-9));
    // Thousands of calculator runs without pruning: 2–3 s alone, past vitest's 5 s on 2 shared cores.
    }, 30_000);
  }

  it("says nothing fits when no layout holds Llama 3.1 405B on 8 GPUs", () => {
    const found = fastestCalculatorLayout(job({model: model("llama3.1-405b"), gpuCount: 8}));
    expect(found).toMatchObject({choice: null, reason: "nothing-fits"});
    expect(found.tried).toBeGreaterThan(0);
  });

  it("says the format is missing, not that nothing fits, for FP8 on an A100", () => {
    expect(fastestCalculatorLayout(job({gpu: gpu("a100-sxm4-80gb"), precision: "fp8"}))).toMatchObject({choice: null, reason: "format"});
  });

  it("keeps tensor parallelism inside one machine: at most 8 on 4,096 H100s (8 to a node; Narayanan et al. 2021 Takeaway #1), up to 16 inside a TPU v5p pod", () => {
    const j = job({model: model(DEFAULT_RUN.model), gpu: gpu(DEFAULT_RUN.gpu), gpuCount: 4096, tokens: 15e12});
    const found = fastestCalculatorLayout(j);
    expect(found.choice).not.toBeNull();
    expect(found.choice!.tp).toBeLessThanOrEqual(8);
    expect(maxSearchTp(gpu("h100-sxm5-80gb"))).toBe(8);
    expect(maxSearchTp(gpu("tpu-v5p"))).toBeGreaterThanOrEqual(16);
    // PCIe cards: the NVLink bridge joins a pair (data/gpus.csv), so tensor parallelism stays in it.
    expect(maxSearchTp(gpu("h100-pcie-80gb"))).toBe(2);
    expect(maxSearchTp(gpu("a100-pcie-80gb"))).toBe(2);
    // No node size in the data: the usual 8-GPU server.
    expect(maxSearchTp({gpusPerNode: null})).toBe(8);
  });

  it("the default job (4,096 H100s, 4M tokens per step) starts on the address's default layout, within 15% of the fastest the button finds", () => {
    // Both keep tensor parallelism inside an 8-GPU node. Before, the default (pipeline 4 at four
    // micro-batches per pipeline) was 45% slower.
    const j = job({model: model(DEFAULT_RUN.model), gpu: gpu(DEFAULT_RUN.gpu), gpuCount: 4096, tokens: 15e12, precision: DEFAULT_RUN.precision, stack: DEFAULT_RUN.stack});
    const start = startingLayout(j);
    expect(start).toMatchObject(DEFAULT_CALCULATOR_LAYOUT);
    const found = fastestCalculatorLayout(j);
    expect(found.choice).not.toBeNull();
    const fastest = calculate({...j, ...found.choice!}).estimate;
    const chosen = calculate({...j, ...start}).estimate;
    expect(chosen.feasible && chosen.timed && fastest.timed).toBe(true);
    if (!chosen.timed || !fastest.timed) return;
    expect(chosen.trainingSeconds / fastest.trainingSeconds).toBeLessThanOrEqual(1.15);
  });
});

describe("startingLayout", () => {
  it("gives every model in data/models.csv a layout that fits on 1,024 H100s at its published batch (else 4M tokens)", () => {
    for (const record of models) {
      const m = modelSpecFromRecord(record);
      const sequences = Math.max(1, Math.round(((record.batch_tokens_millions ?? 4) * 1e6) / m.seqLen));
      const j = job({model: m, gpuCount: 1024, globalBatchTokens: sequences * m.seqLen});
      const start = startingLayout(j);
      const r = calculate({...j, ...start});
      expect({model: record.id, feasible: r.estimate.feasible}).toEqual({model: record.id, feasible: true});
      expect(start.tp).toBeLessThanOrEqual(8);
    }
  });

  it("no shallower pipeline both fits and trains sooner: GPT-3 175B on 1,024 A100s needs stages, Llama 2 7B on 64 H100s none", () => {
    const gpt3 = job({model: model("gpt3-175b"), gpu: gpu("a100-sxm4-80gb"), gpuCount: 1024, globalBatchTokens: 3.2e6});
    const start = startingLayout(gpt3);
    expect(start.pp).toBeGreaterThan(1);
    const seconds = (pp: number): number => {
      const e = calculate({...gpt3, ...start, pp}).estimate;
      return e.feasible && e.timed ? e.trainingSeconds : Infinity;
    };
    expect(seconds(start.pp)).toBeLessThan(Infinity);
    for (let pp = 1; pp < start.pp; pp++) expect(seconds(pp)).toBeGreaterThanOrEqual(seconds(start.pp));
    expect(startingLayout(job({gpuCount: 64})).pp).toBe(1);
  });
});

describe("startingBatchTokens", () => {
  it("the default job opens with no layout note: Llama 3.1 70B's assumed 4M tokens becomes 4.19M, one 8,192-token sequence on each of 512 data-parallel ranks", () => {
    const j = job({model: model(DEFAULT_RUN.model), gpu: gpu(DEFAULT_RUN.gpu), gpuCount: 4096, tokens: 15e12, precision: DEFAULT_RUN.precision, stack: DEFAULT_RUN.stack});
    const start = startingLayout(j);
    expect(legalLayout({...j, ...start}).notes.join(" ")).toMatch(/global batch must be a whole number/);
    const batch = startingBatchTokens(j, start);
    expect(batch).toBe(4.19e6);
    expect(legalLayout({...j, ...start, globalBatchTokens: batch}).notes).toEqual([]);
  });

  it("for every model on 1,024 and 4,096 H100s, starts within 5% of its published batch (else 4M) and raises no batch note there, or keeps the figure", () => {
    for (const record of models) {
      for (const gpuCount of [1024, 4096]) {
        const j = job({model: modelSpecFromRecord(record), gpuCount, globalBatchTokens: (record.batch_tokens_millions ?? 4) * 1e6});
        const start = startingLayout(j);
        const batch = startingBatchTokens(j, start);
        const notes = legalLayout({...j, ...start, globalBatchTokens: batch}).notes.join(" ");
        if (batch === j.globalBatchTokens) continue;
        expect({model: record.id, gpuCount, off: Math.abs(batch / j.globalBatchTokens - 1) <= 0.05}).toEqual({model: record.id, gpuCount, off: true});
        expect({model: record.id, gpuCount, notes}).not.toMatchObject({notes: expect.stringMatching(/global batch/)});
      }
    }
  });
});

describe("startingLayout's tensor degree", () => {
  it("starts small models without tensor parallelism where that trains sooner: Pythia 6.9B and Llama 2 7B on 4,096 H100s at tensor 1, no pipeline (were tensor 8 × pipeline 11 and 3, 2.1× and 2× slower)", () => {
    for (const id of ["pythia-6.9b", "llama2-7b", "pythia-70m"]) {
      const record = models.find((m) => m.id === id)!;
      const j = job({model: modelSpecFromRecord(record), gpuCount: 4096, globalBatchTokens: (record.batch_tokens_millions ?? 4) * 1e6});
      expect({id, ...startingLayout(j)}).toMatchObject({id, tp: 1, pp: 1});
    }
  });

  it("no tensor degree up to 8 and pipeline depth of the same settings trains sooner than the start (GPT-3 175B on 1,024 A100s, Gemma 2 27B on 4,096 H100s)", () => {
    for (const j of [
      job({model: model("gpt3-175b"), gpu: gpu("a100-sxm4-80gb"), gpuCount: 1024, globalBatchTokens: 3.2e6}),
      job({model: model("gemma-2-27b"), gpuCount: 4096})
    ]) {
      const start = startingLayout(j);
      const seconds = (tp: number, pp: number): number => {
        const e = calculate({...j, ...start, tp, pp}).estimate;
        return e.feasible && e.timed ? e.trainingSeconds : Infinity;
      };
      const chosen = seconds(start.tp, start.pp);
      expect(chosen).toBeLessThan(Infinity);
      for (const tp of [1, 2, 4, 8]) for (const pp of pipelineDepths(j.model.layers, Math.floor(j.gpuCount / tp))) {
        if (j.model.heads % tp === 0 && tpSplitsKvHeads(j.model, tp)) expect(seconds(tp, pp)).toBeGreaterThanOrEqual(chosen * (1 - 1e-9));
      }
    }
  }, 30_000);
});
