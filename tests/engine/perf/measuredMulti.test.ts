// The engine against the project's own 2 × H200 measurements (data/gpu_multi_steps.csv and
// data/gpu_nccl.csv, written by bench/gpu/multi_gpu.py on 2026-12-01). The memory model was not
// fitted to these rows. The eager step-time model (perf/eagerStep.ts) fitted its host and parallel
// constants on the GPT-2 rows only; the LLaMA-family rows (MULTI_HELD_OUT_MODELS) are held out.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {STACK_MEMORY, busBandwidthFromRows, compareMeasuredMultiStep, hostBoundRepeatSpread, isMultiHeldOut, measuredMultiStepSpec, memoryPerGpu, multiStepTimeKnownMiss, multiStepTimeVerdict, MULTI_MEMORY_KNOWN_MISSES, MULTI_STEP_TIME_KNOWN_MISSES} from "../../../src/engine/index.js";
import {readFileSync} from "node:fs";
import {loadCsvText} from "../../../loaders/load.js";
import type {MeasuredMultiStepRow, MultiGpuMode} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const rows = loadDataset(datasetByName("gpu_multi_steps"), ROOT) as unknown as MeasuredMultiStepRow[];
const nccl = loadDataset(datasetByName("gpu_nccl"), ROOT) as unknown as {collective: string; bytes: number; busbw_gbps: number}[];
const h200 = gpu("h200-sxm-141gb");
const busBandwidth = busBandwidthFromRows(nccl);
const compared = rows.flatMap((row) => {
  const c = compareMeasuredMultiStep(row, h200, {busBandwidth});
  return c === null ? [] : [{row, c}];
});
const of = (mode: MultiGpuMode, minMicroBatch = 1) => compared.filter(({row}) => row.mode === mode && row.micro_batch * row.seq_len >= minMicroBatch * 1024);
const label = ({row}: {row: MeasuredMultiStepRow}) => `${row.model} s=${row.seq_len} b=${row.micro_batch} ${row.mode}`;

describe("data/gpu_multi_steps.csv (2 × H200, NVLink, plain PyTorch)", () => {
  it("holds every mode for every shape, all of which ran", () => {
    expect(new Set(rows.map((r) => r.device))).toEqual(new Set(["NVIDIA H200"]));
    expect(rows.every((r) => r.gpus === 2 && r.status === "ok")).toBe(true);
    expect(new Set(rows.map((r) => r.mode)).size).toBe(6);
    expect(compared).toHaveLength(rows.length);
  });

  it("builds each mode's layout: DDP and FSDP2 over 2 data-parallel ranks, tp2 over 2 tensor ranks, single on one GPU", () => {
    const byMode = (mode: MultiGpuMode) => measuredMultiStepSpec(rows.find((r) => r.mode === mode)!, h200.id);
    expect(byMode("single").hardware.count).toBe(1);
    expect(byMode("ddp").parallelism).toMatchObject({dp: 2, tp: 1, zeroStage: 0});
    expect(byMode("fsdp2-reshard").parallelism).toMatchObject({dp: 2, zeroStage: 3});
    expect(byMode("tp2").parallelism).toMatchObject({dp: 1, tp: 2, sequenceParallel: false});
  });

  it("predicts one GPU's peak memory within ±10% on the H200 for GPT-2 shapes of ≥ 4k tokens (the H100's memory model carries over)", () => {
    const gpt2 = of("single", 4).filter(({row}) => row.family === "gpt2");
    expect(gpt2.length).toBeGreaterThanOrEqual(9);
    for (const x of gpt2) expect(Math.abs(x.c.memoryRatio - 1), label(x)).toBeLessThanOrEqual(0.1);
  });

  it("predicts FSDP2 with resharding (ZeRO-3) peak memory within ±10% for GPT-2 shapes of ≥ 4k tokens per GPU (TinyLlama's eager SwiGLU miss is the H100's, MEMORY_KNOWN_MISSES)", () => {
    const zero3 = of("fsdp2-reshard", 4).filter(({row}) => row.family === "gpt2");
    expect(zero3.length).toBeGreaterThanOrEqual(9);
    for (const x of zero3) expect(Math.abs(x.c.memoryRatio - 1), label(x)).toBeLessThanOrEqual(0.1);
  });

  it("predicts DDP peak memory (its bucket set, and at the second step's peak the construction-time set too: memory.ts ddpHoldsBuckets, ddpFirstStepBuckets) within ±10% for every GPT-2 step and ±13% for every step", () => {
    const ddp = of("ddp");
    expect(ddp).toHaveLength(19);
    for (const x of ddp) {
      expect(Math.abs(x.c.memoryRatio - 1), label(x)).toBeLessThanOrEqual(x.row.family === "gpt2" ? 0.1 : 0.135);
    }
  });

  const memoryMiss = (row: MeasuredMultiStepRow) => MULTI_MEMORY_KNOWN_MISSES.find((m) => m.match(row));

  it("meets the issue's memory target on 2 GPUs: every step within ±10% outside the 3 listed known misses (101 of 110; nothing in the memory model was fitted to these rows)", () => {
    const inScope = compared.filter(({row}) => memoryMiss(row) === undefined);
    for (const x of inScope) expect(Math.abs(x.c.memoryRatio - 1), label(x)).toBeLessThanOrEqual(0.1);
    expect(compared.filter(({c}) => Math.abs(c.memoryRatio - 1) <= 0.1).length).toBeGreaterThanOrEqual(101);
    for (const mode of ["single", "ddp", "fsdp2-reshard", "fsdp2-no-reshard", "tp2"] as const) {
      const ofMode = compared.filter(({row}) => row.mode === mode);
      expect(ofMode.filter(({c}) => Math.abs(c.memoryRatio - 1) <= 0.1).length / ofMode.length, mode).toBeGreaterThanOrEqual(0.89);
    }
  });

  it("lists only real memory misses, each within ±22%: every group holds a step off by more than 10%", () => {
    for (const miss of MULTI_MEMORY_KNOWN_MISSES) {
      const hit = compared.filter(({row}) => miss.match(row));
      expect(hit.some(({c}) => Math.abs(c.memoryRatio - 1) > 0.1), miss.reason).toBe(true);
      for (const x of hit) expect(Math.abs(x.c.memoryRatio - 1), label(x)).toBeLessThanOrEqual(0.22);
    }
  });

  it("needs each plain-PyTorch memory term it models: without it the steps it explains fall out of ±10% again", () => {
    const ratio = (row: MeasuredMultiStepRow, options: Parameters<typeof memoryPerGpu>[1]) => memoryPerGpu(measuredMultiStepSpec(row, h200.id), options).total / row.peak_memory_bytes!;
    const outside = (rows: typeof compared, options: Parameters<typeof memoryPerGpu>[1]) => rows.filter(({row}) => Math.abs(ratio(row, options) - 1) > 0.1).length;
    // Tensor parallelism over the blocks alone (embedding, output layer and loss whole on each rank): Megatron's split under-predicts the tp2 steps.
    expect(of("tp2")).toHaveLength(15);
    expect(outside(of("tp2"), {vocabularyParallel: true})).toBeGreaterThanOrEqual(12);
    expect(outside(of("tp2"), {})).toBeLessThanOrEqual(1);
    // FSDP2 without resharding keeps each rank's shard beside the gathered parameters.
    expect(outside(of("fsdp2-no-reshard"), {fsdp2KeepsShard: false})).toBeGreaterThanOrEqual(12);
    expect(outside(of("fsdp2-no-reshard"), {})).toBe(0);
    // Foreach AdamW's temporary sets the peak of one short sequence on one GPU: 20 bytes a parameter, not 16.
    const short = of("single").filter(({row}) => row.micro_batch * row.seq_len === 1024 && row.model !== "gpt2-medium");
    expect(short).toHaveLength(4);
    expect(outside(short, {adamw: "fused"})).toBe(4);
    expect(outside(short, {})).toBe(0);
    // Eager SwiGLU (8·s·b·f) on TinyLlama at ≥ 4,096 tokens.
    const tiny = compared.filter(({row}) => row.model === "tinyllama-1.1b" && row.micro_batch * row.seq_len >= 4096 && row.mode !== "ddp-bucket-view");
    expect(outside(tiny, {swiglu: "fused"})).toBeGreaterThanOrEqual(8);
    expect(outside(tiny, {}), "TinyLlama DDP at 1,024 × 4 is a listed miss").toBeLessThanOrEqual(1);
    expect(STACK_MEMORY.pytorch).toMatchObject({adamw: "foreach", vocabularyParallel: false, fsdp2KeepsShard: true, swiglu: "eager"});
  });

  it("measures DDP holding 4–8 more bytes per parameter than one GPU alone (one bucket set, or two when the second step's peak is caught)", () => {
    for (const x of of("ddp")) {
      const alone = compared.find(({row}) => row.mode === "single" && row.model === x.row.model && row.seq_len === x.row.seq_len && row.micro_batch === x.row.micro_batch)!;
      const extraBytesPerParam = (x.c.measuredMemoryBytes - alone.c.measuredMemoryBytes) / x.row.params;
      expect(extraBytesPerParam, label(x)).toBeGreaterThan(3.5);
      expect(extraBytesPerParam, label(x)).toBeLessThan(8.5);
    }
  });

  describe("DDP's two peaks (memory.ts MemoryOptions.ddpFirstStepBuckets): the second step's with the construction-time buckets, and every later step's", () => {
    const again = loadCsvText(readFileSync(join(ROOT, "bench/gpu/multi_steps_repeat.csv"), "utf8"), "bench/gpu/multi_steps_repeat.csv", datasetByName("gpu_multi_steps")) as unknown as MeasuredMultiStepRow[];
    const ddpOf = (xs: readonly MeasuredMultiStepRow[]) => xs.filter((r) => r.mode === "ddp" || r.mode === "ddp-bucket-view").map((row) => ({row, c: compareMeasuredMultiStep(row, h200, {busBandwidth})!}));
    const within = (x: number) => Math.abs(x - 1) <= 0.1;

    it("puts all 76 DDP runs (both bucket modes, both measurements of the grid) within ±10% of one of the two, and every one the engine's prediction (the second step's) misses within ±10% of the later steps'", () => {
      const runs = [...ddpOf(rows), ...ddpOf(again)];
      expect(runs).toHaveLength(76);
      for (const x of runs) expect(within(x.c.memoryRatio) || within(x.c.steadyMemoryRatio), label(x)).toBe(true);
      const missed = runs.filter(({c}) => !within(c.memoryRatio));
      expect(missed.length).toBeGreaterThanOrEqual(8);
      for (const x of missed) expect(Math.abs(x.c.steadyMemoryRatio - 1), label(x)).toBeLessThanOrEqual(0.05);
      // the second step's peak is the likelier one: most runs caught it
      expect(runs.filter(({c}) => within(c.memoryRatio)).length).toBeGreaterThan(runs.filter(({c}) => within(c.steadyMemoryRatio)).length);
    });

    it("differs by exactly one bucket set, and only for DDP: the later steps' peak is one gradient copy lower where the backward sets the peak", () => {
      // GPT-2 XL at 8,192 tokens: the backward sets both peaks, one bucket set (4 bytes a parameter) apart
      const spec = measuredMultiStepSpec(rows.find((r) => r.model === "gpt2-xl" && r.seq_len === 2048 && r.micro_batch === 4 && r.mode === "ddp")!, h200.id);
      expect(memoryPerGpu(spec).total - memoryPerGpu(spec, {ddpFirstStepBuckets: false}).total).toBeCloseTo(4 * spec.model.params, -3);
      // Llama 3.2 3B on one 1,024-token sequence: the optimizer step sets the later steps' peak, where
      // gradient_as_bucket_view holds one copy less (the gradients are the buckets): what one GPU alone holds
      const short = rows.find((r) => r.model === "llama-3.2-3b" && r.seq_len === 1024 && r.micro_batch === 1 && r.mode === "ddp")!;
      const steady = memoryPerGpu(measuredMultiStepSpec(short, h200.id), {ddpFirstStepBuckets: false});
      const view = memoryPerGpu(measuredMultiStepSpec(short, h200.id), {ddpFirstStepBuckets: false, ddpGradientAsBucketView: true});
      const alone = memoryPerGpu(measuredMultiStepSpec({...short, mode: "single"}, h200.id));
      expect(steady.activations).toBe(0);
      expect(steady.total - view.total).toBeCloseTo(steady.gradients, -3);
      expect(view.total).toBeCloseTo(alone.total, -3);
      const fsdp = measuredMultiStepSpec(rows.find((r) => r.model === "gpt2-xl" && r.seq_len === 2048 && r.micro_batch === 4 && r.mode === "fsdp2-reshard")!, h200.id);
      expect(memoryPerGpu(fsdp, {ddpFirstStepBuckets: false, ddpGradientAsBucketView: true})).toEqual(memoryPerGpu(fsdp));
    });

    // bench/gpu/ddp_memory.py on one H200 (one-rank NCCL group): per step and phase, and the allocator trace at the peak
    const csv = (file: string) => {
      const [head, ...lines] = readFileSync(join(ROOT, file), "utf8").trim().split(/\r?\n/);
      const names = head!.split(",");
      return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i]!, v])) as Record<string, string>);
    };
    const phases = csv("bench/gpu/ddp_memory_phases.csv");
    const sites = csv("bench/gpu/ddp_memory_sites.csv");
    const backwardPeak = (model: string, mode: string, step: number) => {
      const r = phases.find((p) => p.model === model && p.seq_len === "1024" && p.micro_batch === "4" && p.mode === mode && p.pass === "plain" && p.phase === "backward" && Number(p.step) === step)!;
      return Number(r.phase_peak_bytes) / Number(r.params);
    };

    it("measured on one H200: DDP holds one bucket set (4 bytes a parameter) more than one GPU alone at every later backward peak, and TinyLlama's second step one more", () => {
      const oneSet = (bytesPerParam: number) => expect(Math.abs(bytesPerParam - 4)).toBeLessThanOrEqual(0.1);
      for (const step of [2, 5, 10]) oneSet(backwardPeak("tinyllama-1.1b", "ddp", step) - backwardPeak("tinyllama-1.1b", "single", step));
      oneSet(backwardPeak("tinyllama-1.1b", "ddp", 1) - backwardPeak("tinyllama-1.1b", "ddp", 2));
      for (const step of [2, 10]) oneSet(backwardPeak("gpt2-xl", "ddp", step) - backwardPeak("gpt2-xl", "single", step));
    });

    it("and a pause after the first step removes the second step's extra set: the first step's all-reduces hold it until they are found complete (bench/gpu/ddp_memory_pause0.csv against ddp_memory_pause05.csv)", () => {
      const stepPeak = (file: string, model: string, step: number) => {
        const of = csv(file).filter((p) => p.model === model && p.mode === "ddp" && Number(p.step) === step);
        expect(of.length, `${file} ${model} step ${step}`).toBe(4);
        return Math.max(...of.map((p) => Number(p.phase_peak_bytes) / Number(p.params)));
      };
      for (const model of ["tinyllama-1.1b", "gpt2-medium"]) {
        const extra = (file: string) => stepPeak(file, model, 1) - stepPeak(file, model, 2);
        expect(extra("bench/gpu/ddp_memory_pause0.csv"), model).toBeGreaterThan(2.2);
        expect(Math.abs(extra("bench/gpu/ddp_memory_pause05.csv")), model).toBeLessThan(0.05);
      }
    });

    it("and the allocator trace names both sets alive at that second-step peak: the one DDP made at construction and the rebuilt ones", () => {
      const at = sites.filter((s) => s.model === "tinyllama-1.1b" && s.seq_len === "1024" && s.micro_batch === "4" && s.mode === "ddp");
      expect(at.length).toBeGreaterThan(0);
      expect(at.every((s) => s.peak_step === "1" && s.peak_phase === "backward")).toBe(true);
      const perParam = (where: string) => at.filter((s) => (s.site ?? "").includes(where)).reduce((sum, s) => sum + Number(s.site_bytes), 0) / Number(at[0]!.params);
      expect(perParam("distributed.py:1255:_ddp_init_helper")).toBeCloseTo(4, 1);
      expect(perParam("_pre_forward")).toBeCloseTo(4, 1);
    });
  });

  it("predicts the wall-clock step time within ±10% for every measured step outside the listed known misses, held-out LLaMA rows included", () => {
    const checked = compared.filter(({row}) => multiStepTimeKnownMiss(row) === undefined);
    expect(checked.filter(({row}) => isMultiHeldOut(row)).length).toBeGreaterThanOrEqual(15);
    expect(checked.filter(({row}) => !isMultiHeldOut(row)).length).toBeGreaterThanOrEqual(30);
    for (const x of checked) expect(Math.abs(x.c.timeRatio - 1), label(x)).toBeLessThanOrEqual(0.1);
  });

  it("keeps every known step-time miss within ±30%, and at least seven in ten of all 110 steps within ±10%", () => {
    for (const x of compared) expect(Math.abs(x.c.timeRatio - 1), label(x)).toBeLessThanOrEqual(0.3);
    const within = compared.filter(({c}) => Math.abs(c.timeRatio - 1) <= 0.1).length;
    expect(within / compared.length).toBeGreaterThanOrEqual(0.7);
    expect(MULTI_STEP_TIME_KNOWN_MISSES.every((m) => m.reason.length > 40)).toBe(true);
  });

  it("keeps the fixed misses fixed: ≥ 82 of 110 steps within ±10%, ≥ 34 of the 42 held out (81 and 33 before FSDP2's copies were counted; 84 and 34 with the optimizer at the H100's bandwidth, which over-timed AdamW by 30–40% and hid two held-out misses; 82 and 32 before the measured Hopper attention rate)", () => {
    expect(compared.filter(({c}) => Math.abs(c.timeRatio - 1) <= 0.1).length).toBeGreaterThanOrEqual(82);
    expect(compared.filter(({row, c}) => isMultiHeldOut(row) && Math.abs(c.timeRatio - 1) <= 0.1).length).toBeGreaterThanOrEqual(34);
  });

  describe("every step-time miss has a verdict: within the measurement's own spread, or a listed reason", () => {
    const stackSpec = datasetByName("gpu_stack_steps");
    type Timed = {model: string; seq_len: number; micro_batch: number; stack: string; step_seconds: number; kernel_seconds: number};
    const first = loadDataset(stackSpec, ROOT) as unknown as Timed[];
    const again = loadCsvText(readFileSync(join(ROOT, "bench/gpu/stack_steps_repeat.csv"), "utf8"), "bench/gpu/stack_steps_repeat.csv", {...stackSpec, columns: stackSpec.columns.filter((c) => c.name !== "kernels_per_step")}) as unknown as Timed[];
    const key = (r: Timed) => `${r.model}|${r.seq_len}|${r.micro_batch}|${r.stack}`;
    const pairs = again.map((b) => {
      const a = first.find((r) => key(r) === key(b))!;
      return {stepSeconds: [a.step_seconds, b.step_seconds] as const, kernelSeconds: [a.kernel_seconds, b.kernel_seconds] as const};
    });
    const spread = hostBoundRepeatSpread(pairs);

    it("reads the spread from the repeated steps: host-bound steps differ by a median 1.1–1.3× between two runs", () => {
      expect(pairs).toHaveLength(60);
      expect(spread).toBeGreaterThan(1.1);
      expect(spread).toBeLessThan(1.3);
      expect(() => hostBoundRepeatSpread(pairs.filter((p) => p.kernelSeconds[0] / p.stepSeconds[0] >= 0.9))).toThrow(/no host-bound step/);
    });

    it("leaves no miss unexplained, and calls a miss measurement spread only where the model says the step is host-bound", () => {
      const verdicts = compared.map(({row, c}) => ({row, c, v: multiStepTimeVerdict(row, c, spread)}));
      expect(verdicts.filter(({v}) => v.verdict === "unexplained").map(({row}) => label({row}))).toEqual([]);
      const spreadOnes = verdicts.filter(({v}) => v.verdict === "measurement-spread");
      expect(spreadOnes.length).toBeLessThanOrEqual(15);
      for (const {row, c} of spreadOnes) {
        expect(c.hostBound, label({row})).toBe(true);
        expect(Math.abs(Math.log(c.timeRatio))).toBeLessThanOrEqual(Math.log(spread));
      }
      expect(multiStepTimeVerdict(rows[0]!, {timeRatio: 1.5, hostBound: false}, spread).verdict).not.toBe("measurement-spread");
    });
  });

  it("predicts the held-out LLaMA rows no worse than the GPT-2 rows it was fitted on, by median error", () => {
    const medianError = (held: boolean) => {
      const e = compared.filter(({row}) => isMultiHeldOut(row) === held).map(({c}) => Math.abs(Math.log(c.timeRatio))).sort((a, b) => a - b);
      return e[Math.floor(e.length / 2)]!;
    };
    expect(medianError(true)).toBeLessThanOrEqual(0.1);
    expect(medianError(false)).toBeLessThanOrEqual(0.1);
  });

  it("predicts tensor-parallel steps host-bound: 0.16–0.35 s whatever the batch", () => {
    for (const x of of("tp2")) {
      expect(x.c.predictedSeconds, label(x)).toBeGreaterThan(0.16);
      expect(x.c.predictedSeconds, label(x)).toBeLessThan(0.35);
    }
  });

  it("measures FSDP2 with resharding as the slowest data-parallel mode on small GPT-2 steps (the issue's observation), and predicts it so", () => {
    const small = compared.filter(({row}) => row.micro_batch * row.seq_len <= 4096 && row.family === "gpt2");
    const seconds = (mode: MultiGpuMode, r: MeasuredMultiStepRow) => small.find(({row}) => row.mode === mode && row.model === r.model && row.seq_len === r.seq_len && row.micro_batch === r.micro_batch)!.c;
    for (const {row} of small.filter(({row}) => row.mode === "ddp")) {
      expect(seconds("fsdp2-reshard", row).measuredSeconds).toBeGreaterThan(seconds("ddp", row).measuredSeconds);
      expect(seconds("fsdp2-reshard", row).predictedSeconds).toBeGreaterThan(seconds("ddp", row).predictedSeconds);
    }
  });
});

describe("data/gpu_nccl.csv (2 × H200, NVLink)", () => {
  it("reaches most of its bus bandwidth only above 64 MiB messages, and never the 450 GB/s per direction NVLink 4 peak", () => {
    for (const collective of ["all_reduce", "all_gather", "reduce_scatter"]) {
      const byBytes = nccl.filter((r) => r.collective === collective).sort((a, b) => a.bytes - b.bytes);
      const largest = byBytes[byBytes.length - 1]!;
      expect(largest.busbw_gbps).toBeGreaterThan(200);
      expect(largest.busbw_gbps).toBeLessThan(450);
      const oneMiB = byBytes.find((r) => r.bytes === 2 ** 20)!;
      expect(oneMiB.busbw_gbps / largest.busbw_gbps).toBeLessThan(0.15);
    }
  });
});
