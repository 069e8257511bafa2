import {describe, expect, it} from "vitest";
import {accumulationLever, accumulationWords, distillationLever, earlyStoppingLever, leverAccelerators, leverJob, leverJobWords, moeLever, notOfferedWords, moeWords, precisionLever, spotLever} from "../../src/components/levers.js";
import {DEFAULT_FLEET, DEFAULT_RUN} from "../../src/components/runOptions.js";
import type {AccumulationRow, LeverRow} from "../../src/components/levers.js";
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

describe("the levers' prose is written from the rows their charts draw", () => {
  const acc = (microBatch: number, usd: number | null, relativeCost: number | null, memoryBytes: number, pipelineStages = 4): AccumulationRow => ({
    lever: "Gradient accumulation", variant: `Micro-batch ${microBatch}`, gpuHours: usd === null ? null : usd / 2, usd, relativeCost, memoryBytes, microBatch, pipelineStages
  });

  it("gradient accumulation: names the cheapest and dearest bars the chart shows, in the direction the chart shows, on the real lever (Llama 3.1 8B, where several micro-batches fit)", () => {
    const rows = accumulationLever({...base, model: model("llama3.1-8b"), gpuCount: 512}, 16);
    const words = accumulationWords(rows);
    const priced = rows.filter((r) => r.usd !== null);
    expect(priced.length).toBeGreaterThanOrEqual(2);
    const cheapest = priced.reduce((a, b) => (b.usd! < a.usd! ? b : a));
    const dearest = priced.reduce((a, b) => (b.usd! > a.usd! ? b : a));
    expect(words).toContain(`micro-batch ${cheapest.microBatch} is the cheapest`);
    expect(words).toContain(`micro-batch ${dearest.microBatch} the dearest`);
    expect(words).toMatch(cheapest.microBatch < dearest.microBatch ? /Smaller micro-batches cost less/ : /Smaller micro-batches cost more/);
    expect(words).toContain(`Going from micro-batch ${rows[0]!.microBatch} to ${rows.at(-1)!.microBatch}`);
  });

  it("gradient accumulation: smaller cheaper with a pipeline says the bubble shrinks; smaller dearer says the matmuls shrink; the unfit are named unpriced", () => {
    const bubble = accumulationWords([acc(4, null, null, 90e9), acc(2, 100, 1, 60e9), acc(1, 90, 0.9, 45e9)]);
    expect(bubble).toMatch(/micro-batch 1 is the cheapest \(90% of the baseline\) and micro-batch 2 the dearest \(100%\)/);
    expect(bubble).toMatch(/with 4 pipeline stages, more micro-batches per step leave less of the pipeline bubble idle/);
    expect(bubble).toMatch(/Micro-batch 4 cannot run here \(it does not fit\), so it is not priced\./);
    expect(bubble).toMatch(/from 90 GB to 45 GB/);
    const matmuls = accumulationWords([acc(4, 100, 1, 60e9, 1), acc(1, 120, 1.2, 30e9, 1)]);
    expect(matmuls).toMatch(/micro-batch 4 is the cheapest .* micro-batch 1 the dearest \(120%\)/);
    expect(matmuls).toMatch(/Smaller micro-batches cost more/);
    expect(matmuls).not.toMatch(/bubble/);
    expect(accumulationWords([acc(2, 100, 1, 60e9), acc(1, 100.1, 1.001, 30e9)])).toMatch(/the cost barely moves/);
    expect(accumulationWords([acc(2, null, null, 90e9), acc(1, null, null, 85e9)])).toMatch(/^No micro-batch size can run in this layout, so none is priced/);
  });

  const lever = (variant: string, usd: number | null, relativeCost: number | null): LeverRow => ({lever: "Mixture of experts", variant, gpuHours: 1, usd, relativeCost});
  const names = {moe: "Mixtral 8x7B", dense: "Llama 2 70B"};

  it("MoE: never calls an unpriced bar priced", () => {
    const allPriced = moeWords([lever("dense", 10, 1), lever("all", 8, 0.8), lever("routed", 3, 0.3)], names, "2T");
    expect(allPriced).toMatch(/the engine puts it at 30% of Llama 2 70B's cost/);
    expect(allPriced).toMatch(/\(80% against 30%\) is what routing saves/);
    const middleUnpriced = moeWords([lever("dense", 10, 1), lever("all", null, null), lever("routed", 3, 0.3)], names, "2T");
    expect(middleUnpriced).toMatch(/every expert active, cannot run in this layout, so it carries no price/);
    expect(middleUnpriced).not.toMatch(/what routing saves/);
    expect(moeWords([lever("dense", 10, 1), lever("all", null, null), lever("routed", null, null)], names, "2T")).toMatch(/Mixtral 8x7B cannot run, so the engine does not price it/);
    expect(moeWords([lever("dense", null, null), lever("all", 8, null), lever("routed", 3, null)], names, "2T")).toMatch(/^Llama 2 70B cannot run on this hardware and layout, so there is no dense cost to compare/);
  });

  it("MoE on the real lever: the prose matches its rows (Mixtral priced; the all-active bar unpriced on 4,096 H100s)", () => {
    const rows = moeLever(base, model("mixtral-8x7b"), model("llama2-70b"), names);
    const words = moeWords(rows, names, "15T");
    expect(words).toContain(`${Number((rows[2]!.relativeCost! * 100).toPrecision(2))}% of Llama 2 70B's cost`);
    expect(words.includes("what routing saves")).toBe(rows[1]!.relativeCost !== null);
  });
});

describe("leverJob (the job every lever changes one input of)", () => {
  const gpu = gpus.find((g) => g.id === DEFAULT_RUN.gpu)!;

  it("is the reader's model, tokens, accelerators and price in DEFAULT_RUN's precision, layout and software", () => {
    const job = leverJob({record: models.find((m) => m.id === DEFAULT_RUN.model)!, gpu, tokensBillions: 15000, ...DEFAULT_FLEET, calibration: null});
    expect(job).toMatchObject({tokens: 15e12, gpu, gpuCount: 4096, usdPerGpuHour: 2, precision: DEFAULT_RUN.precision, tp: DEFAULT_RUN.tp, pp: DEFAULT_RUN.pp, zeroStage: DEFAULT_RUN.zeroStage, recompute: DEFAULT_RUN.recompute, microBatch: DEFAULT_RUN.microBatch, stack: DEFAULT_RUN.stack, calibration: null});
    expect(job.model).toEqual(model(DEFAULT_RUN.model));
  });

  it("steps at the model's published batch (DeepSeek-V3: 62.9M tokens), else Llama 2's 4M (Llama 3.1 70B publishes none)", () => {
    const batch = (id: string) => leverJob({record: models.find((m) => m.id === id)!, gpu, tokensBillions: 1000, ...DEFAULT_FLEET, calibration: null}).globalBatchTokens;
    expect(batch("deepseek-v3")).toBeCloseTo(62.91456e6, 0);
    expect(batch(DEFAULT_RUN.model)).toBe(4e6);
  });
});

describe("the job's sentence and the accelerators offered", () => {
  it("states the job from the calculator input: model, tokens, count, chip, price, precision and layout", () => {
    expect(leverJobWords(base, "Llama 3.1 70B")).toBe(
      "The job: Llama 3.1 70B on 15T tokens, 4,096 × NVIDIA H100 SXM5 80GB at $2 per GPU-hour, BF16 mixed precision (FP32 master weights), tensor 8 × pipeline 4 (adjusted where the model needs it), MFU predicted by the step-time model."
    );
    expect(leverJobWords({...base, gpuCount: 65536, usdPerGpuHour: 0.05, tokens: 1e8}, "X")).toMatch(/^The job: X on 100M tokens, 65,536 × .* at \$0\.05 per GPU-hour/);
  });

  it("offers the chips the step-time model times in FP32 and BF16, in the pages' order; names the others", () => {
    const {gpus: offered, excluded} = leverAccelerators(gpus, model("llama3.1-70b"));
    expect(offered.map((g) => g.id)).toContain("h100-sxm5-80gb");
    expect(offered.length + excluded.length).toBe(gpus.length);
    for (const g of offered) expect(excluded).not.toContain(g.name);
    // A chip with no FP32 peak cannot be compared in FP32: it is left out, by name.
    const h100 = gpus.find((g) => g.id === "h100-sxm5-80gb")!;
    const noFp32 = {...h100, id: "no-fp32", name: "No FP32", peakFlopsPerSecond: {...h100.peakFlopsPerSecond, fp32: null}};
    expect(leverAccelerators([...gpus, noFp32], model("llama3.1-70b")).excluded).toContain("No FP32");
  });

  it("says which chips are not offered, and nothing when every chip is", () => {
    expect(notOfferedWords(["A", "B"])).toMatch(/^Not offered here: A, B — the levers compare FP32 with BF16/);
    expect(notOfferedWords([])).toBe("");
  });
});
