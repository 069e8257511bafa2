// The eager-PyTorch step-time model (src/engine/perf/eagerStep.ts) against the files its constants
// come from: the profiled H100 steps (data/gpu_kernel_breakdown.csv), the H100 wall-clock steps
// (data/gpu_training_steps.csv) and the GPT-2 rows of the 2 × H200 steps (data/gpu_multi_steps.csv).
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {
  DEFAULT_EAGER_HOST_SECONDS_PER_LAYER, EAGER_FIT, autocastCastSeconds, autocastWeightParams, parameterCount, EAGER_HOST_SECONDS_PER_LAYER, EAGER_KERNELS, busBandwidthFromRows,
  compareMeasuredMultiStep, eagerParallelMode, isMultiHeldOut, mamfEfficiency, matmulEfficiency, measuredStepKey, measuredStepSpec, stackKernelCalibration,
  predictEagerStep, predictedKernelSeconds, predictStep
} from "../../../src/engine/index.js";
import type {EagerFit, MeasuredMultiStepRow, MeasuredStepRow} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const h100 = gpu("h100-sxm5-80gb");
const h200 = gpu("h200-sxm-141gb");
const steps = loadDataset(datasetByName("gpu_training_steps"), ROOT) as unknown as MeasuredStepRow[];
const breakdown = loadDataset(datasetByName("gpu_kernel_breakdown"), ROOT) as unknown as {model: string; seq_len: number; micro_batch: number; precision: "amp-bf16" | "fp32"; recompute: "none"; kind: "matmul" | "attention" | "optimizer" | "other"; seconds: number}[];
const multi = loadDataset(datasetByName("gpu_multi_steps"), ROOT) as unknown as MeasuredMultiStepRow[];
const busBandwidth = busBandwidthFromRows(loadDataset(datasetByName("gpu_nccl"), ROOT) as unknown as {collective: string; bytes: number; busbw_gbps: number}[]);
/** calibrate.py trains with torch.optim.AdamW(fused=True). */
const FUSED = {optimizer: "fused"} as const;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The 8 profiled bf16 steps without recomputation: measured ÷ the fused model's seconds, by kind. */
const profiled = steps.filter((r) => r.status === "ok" && r.precision === "amp-bf16" && r.recompute === "none" &&
  breakdown.some((b) => measuredStepKey(b) === measuredStepKey(r))).map((row) => {
  const predicted = predictedKernelSeconds(measuredStepSpec(row, h100.id), h100);
  const measured = (kind: string) => breakdown.find((b) => measuredStepKey(b) === measuredStepKey(row) && b.kind === kind)!.seconds;
  return {row, predicted, measured};
});

describe("eager kernels (data/gpu_kernel_breakdown.csv, H100)", () => {
  it("has the 8 profiled bf16 steps without recomputation", () => expect(profiled).toHaveLength(8));

  it("runs eager matmuls at the best-shape MAMF: measured GEMM time within 7% of the model's at MAMF on every profiled step", () => {
    for (const {row, predicted, measured} of profiled) {
      const atMamf = predictedKernelSeconds(measuredStepSpec(row, h100.id), h100, {calibration: {matmulEfficiency: mamfEfficiency(h100, "amp-bf16")}}).matmul;
      expect(Math.abs(measured("matmul") / atMamf - 1), row.model).toBeLessThan(0.07);
      expect(atMamf).toBeLessThan(predicted.matmul);
    }
  });

  it("takes attentionTimeFactor (1.39) as the mean measured ÷ modelled SDPA time", () => {
    expect(mean(profiled.map(({predicted, measured}) => measured("attention") / predicted.attention))).toBeCloseTo(EAGER_KERNELS.attentionTimeFactor, 2);
  });

  it("takes the element-wise overheads as the mean measured ÷ fused-count time once autocast's weight casts are taken out, by block kind (GPT-2 3.08, LLaMA 4.93; 3.26 and 5.18 with them in)", () => {
    const casts = (row: MeasuredStepRow) => autocastCastSeconds(autocastWeightParams(measuredStepSpec(row, h100.id)), "amp-bf16", h100);
    const ratio = (family: string, withCasts: boolean) => mean(profiled.filter(({row}) => row.family === family).map(({row, predicted, measured}) => (measured("other") - (withCasts ? 0 : casts(row))) / predicted.other));
    expect(ratio("gpt2", false)).toBeCloseTo(EAGER_KERNELS.elementwiseOverhead.gelu, 2);
    expect(ratio("llama", false)).toBeCloseTo(EAGER_KERNELS.elementwiseOverhead.swiglu, 1);
    expect(ratio("gpt2", true)).toBeCloseTo(3.26, 2);
    // the per-parameter casts explain part of why the factor fell from 4 to 8 sequences: the spread between the two narrows for every model
    for (const model of new Set(profiled.map(({row}) => row.model))) {
      const [a, b] = profiled.filter(({row}) => row.model === model).sort((x, y) => x.row.micro_batch - y.row.micro_batch);
      const gap = (withCasts: boolean) => Math.abs((a!.measured("other") - (withCasts ? 0 : casts(a!.row))) / a!.predicted.other - (b!.measured("other") - (withCasts ? 0 : casts(b!.row))) / b!.predicted.other);
      expect(gap(false), model).toBeLessThan(gap(true));
    }
  });

  it("counts autocast's casts: 12 bytes per matmul weight a step, the untied embedding table not cast, none outside amp-bf16", () => {
    const tiny = measuredStepSpec(profiled.find(({row}) => row.model === "tinyllama-1.1b")!.row, h100.id);
    const count = parameterCount(tiny.model);
    expect(autocastWeightParams(tiny)).toBeCloseTo(tiny.model.params - (count.embedding * tiny.model.params) / count.total, 0);
    expect(autocastCastSeconds(1e9, "amp-bf16", h100)).toBeCloseTo((12e9) / (0.84 * h100.hbmBytesPerSecond), 12);
    expect(autocastCastSeconds(1e9, "bf16-master-fp32", h100)).toBe(0);
    const e = predictEagerStep(tiny, h100, FUSED);
    const without = predictEagerStep(tiny, h100, {...FUSED, autocastCasts: false});
    expect(e.gpuSeconds - without.gpuSeconds).toBeCloseTo(autocastCastSeconds(autocastWeightParams(tiny), "amp-bf16", h100), 12);
  });
});

describe("predictEagerStep", () => {
  const bf16None = steps.filter((r) => r.status === "ok" && r.precision === "amp-bf16" && r.recompute === "none");

  it("predicts the lent H100's 30 bf16 wall-clock steps without recomputation within ±10% for 27 and ±15% for all", () => {
    expect(bf16None).toHaveLength(30);
    const ratios = bf16None.map((r) => predictEagerStep(measuredStepSpec(r, h100.id), h100, FUSED).secondsPerStep / (r.step_seconds as number));
    for (const q of ratios) expect(Math.abs(q - 1)).toBeLessThanOrEqual(0.15);
    expect(ratios.filter((q) => Math.abs(q - 1) <= 0.1).length).toBeGreaterThanOrEqual(27);
  });

  it("is host-bound for one short sequence and GPU-bound for eight long ones (GPT-2 medium on the H100)", () => {
    const at = (s: number, b: number) => predictEagerStep(measuredStepSpec(bf16None.find((r) => r.model === "gpt2-medium" && r.seq_len === s && r.micro_batch === b)!, h100.id), h100, FUSED);
    expect(at(1024, 1).hostSeconds).toBeGreaterThan(2 * at(1024, 1).gpuSeconds);
    expect(at(2048, 8).gpuSeconds).toBeGreaterThan(1.5 * at(2048, 8).hostSeconds);
  });

  it("never predicts a step faster than its GPU kernels or its host work, nor faster than the fused stack", () => {
    for (const r of bf16None) {
      const spec = measuredStepSpec(r, h100.id);
      const e = predictEagerStep(spec, h100, FUSED);
      expect(e.secondsPerStep).toBeGreaterThanOrEqual(Math.max(e.gpuSeconds, e.hostSeconds));
      expect(e.secondsPerStep).toBeGreaterThan(predictStep({...spec, stack: "megatron"}, h100).secondsPerStep);
    }
  });

  it("maps layouts to PyTorch's modes: DDP, FSDP2 with and without resharding, DTensor tensor parallelism", () => {
    const base = {tp: 1, pp: 1, dp: 1, zeroStage: 0 as const, microBatch: 1, recompute: "none" as const};
    expect(eagerParallelMode(base)).toBe("single");
    expect(eagerParallelMode({...base, dp: 8})).toBe("ddp");
    expect(eagerParallelMode({...base, dp: 8, zeroStage: 3})).toBe("fsdp2-reshard");
    expect(eagerParallelMode({...base, dp: 8, zeroStage: 2})).toBe("fsdp2-no-reshard");
    expect(eagerParallelMode({...base, tp: 2})).toBe("tp");
  });

  it("times layouts never measured in plain PyTorch (pipeline, context parallelism) with the fused model's layout arithmetic, eager kernels and the host's work: slower than the fused stack, never faster than its GPU or host", () => {
    const spec = measuredStepSpec(bf16None.find((r) => r.model === "gpt2-medium" && r.seq_len === 2048 && r.micro_batch === 8)!, h100.id);
    for (const layout of [{pp: 2, globalBatchTokens: 8 * 2048 * 8}, {cp: 2, dp: 1}]) {
      const s = {...spec, hardware: {...spec.hardware, count: 2}, parallelism: {...spec.parallelism, ...layout}};
      const e = predictEagerStep(s, h100);
      expect(e.secondsPerStep).toBeGreaterThanOrEqual(Math.max(e.gpuSeconds, e.hostSeconds));
      expect(e.secondsPerStep).toBeGreaterThan(predictStep({...s, stack: "megatron"}, h100).secondsPerStep);
      const parts = Object.values(e.step.breakdown).reduce((a, x) => a + x, 0);
      expect(parts).toBeCloseTo(e.secondsPerStep, 9);
    }
  });

  it("uses the lent H100 host's figure for accelerators whose host was never measured", () => {
    expect(EAGER_HOST_SECONDS_PER_LAYER["h100-sxm5-80gb"]).toBe(DEFAULT_EAGER_HOST_SECONDS_PER_LAYER);
    const spec = measuredStepSpec(bf16None[0]!, "a100-sxm4-80gb");
    const a100 = gpu("a100-sxm4-80gb");
    expect(predictEagerStep(spec, a100).hostSeconds).toBeCloseTo(spec.model.layers * DEFAULT_EAGER_HOST_SECONDS_PER_LAYER, 9);
  });
});

describe("recomputation (H100, data/gpu_training_steps.csv: GPT-2 rows fitted, TinyLlama rows held out)", () => {
  const withRecompute = (mode: "attention-core" | "full") => steps.filter((r) => r.status === "ok" && r.precision === "amp-bf16" && r.recompute === mode);
  const ratio = (r: MeasuredStepRow, fit: Partial<EagerFit> = {}) => predictEagerStep(measuredStepSpec(r, h100.id), h100, {...FUSED, fit}).secondsPerStep / (r.step_seconds as number);
  const sse = (rows: MeasuredStepRow[], fit: Partial<EagerFit> = {}) => rows.reduce((a, r) => a + Math.log(ratio(r, fit)) ** 2, 0);
  for (const [script, engine] of [["attention-core", "selective"], ["full", "full"]] as const) {
    it(`${script}: the host factor (${EAGER_FIT.recomputeHostFactor[engine]}) is the least-squares minimum on the 24 GPT-2 rows, which it then predicts within ±10% for ≥ 20`, () => {
      const gpt2 = withRecompute(script).filter((r) => r.family === "gpt2");
      expect(gpt2).toHaveLength(24);
      const at = sse(gpt2);
      for (const f of [0.95, 1.05]) expect(sse(gpt2, {recomputeHostFactor: {...EAGER_FIT.recomputeHostFactor, [engine]: EAGER_FIT.recomputeHostFactor[engine] * f}})).toBeGreaterThan(at);
      expect(gpt2.filter((r) => Math.abs(ratio(r) - 1) <= 0.1).length).toBeGreaterThanOrEqual(20);
    });
  }

  it("held out: TinyLlama's GPU-bound steps with recomputation within ±10%; its host-bound ones under-predicted by at most 30% (LLaMA blocks issue more eager ops a layer than GPT-2's)", () => {
    for (const script of ["attention-core", "full"] as const) {
      for (const r of withRecompute(script).filter((x) => x.family === "llama")) {
        const busy = (r.kernel_seconds as number) / (r.step_seconds as number);
        const q = ratio(r);
        if (busy >= 0.9) expect(Math.abs(q - 1), `${script} s=${r.seq_len} b=${r.micro_batch}`).toBeLessThanOrEqual(0.1);
        else expect(q, `${script} s=${r.seq_len} b=${r.micro_batch}`).toBeGreaterThan(0.7);
      }
    }
  });

  it("without the factor the host-bound steps with recomputation are under-predicted by a third or more (the mechanism is real)", () => {
    const hostBound = withRecompute("full").filter((r) => r.family === "gpt2" && (r.kernel_seconds as number) / (r.step_seconds as number) < 0.3);
    expect(hostBound.length).toBeGreaterThanOrEqual(5);
    for (const r of hostBound) expect(ratio(r, {recomputeHostFactor: {selective: 1, full: 1, "per-op": 1}})).toBeLessThan(0.67);
  });
});

describe("held out: one H200, eager PyTorch (data/gpu_stack_steps.csv, 51 steps, nothing fitted on them)", () => {
  const stackRows = (loadDataset(datasetByName("gpu_stack_steps"), ROOT) as unknown as (MeasuredStepRow & {stack: string})[]).filter((r) => r.stack === "pytorch");
  const ratio = (r: MeasuredStepRow) => predictEagerStep(measuredStepSpec(r, h200.id), h200, FUSED).secondsPerStep / (r.step_seconds as number);
  const gpuBound = stackRows.filter((r) => (r.kernel_seconds as number) / (r.step_seconds as number) >= 0.9);

  it("predicts every GPU-bound step (kernels ≥ 90% of the wall clock, up to Llama 3 70B's layer width, single sequences up to 16k tokens) within ±10%, but GPT-2 medium at 2,048 × 8 tokens (+11%: its element-wise kernels beat the H100 bandwidth cap here); the Llama 3 8B and 70B layer shapes on one 1,024-token sequence only with autocast's weight casts counted (their kernel time 13–16% short without them)", () => {
    expect(stackRows).toHaveLength(51);
    expect(gpuBound.length).toBeGreaterThanOrEqual(20);
    const edge = (r: MeasuredStepRow) => r.model === "gpt2-medium" && r.seq_len === 2048 && r.micro_batch === 8;
    const short = (r: MeasuredStepRow) => r.d_model >= 4096 && r.seq_len * r.micro_batch === 1024;
    expect(gpuBound.filter(short).length).toBeGreaterThanOrEqual(2);
    for (const r of gpuBound.filter(short)) {
      const kernels = (casts: boolean) => predictEagerStep(measuredStepSpec(r, h200.id), h200, {...FUSED, autocastCasts: casts}).gpuSeconds / (r.kernel_seconds as number);
      expect(kernels(false), `${r.model} kernels without casts`).toBeLessThan(0.9);
      expect(Math.abs(kernels(true) - 1), `${r.model} kernels`).toBeLessThanOrEqual(0.1);
    }
    for (const r of gpuBound) expect(Math.abs(ratio(r) - 1), `${r.model} s=${r.seq_len} b=${r.micro_batch}`).toBeLessThanOrEqual(edge(r) ? 0.15 : 0.1);
  });

  it("closes the long-sequence gap with the measured Hopper attention rate (attentionKernel.ts): single 16k-token sequences are 10–19% over with the H100 profile's flat attention factor in its place", () => {
    const long = gpuBound.filter((r) => r.seq_len >= 16384);
    expect(long).toHaveLength(3);
    for (const r of long) expect(Math.abs(ratio(r) - 1), r.model).toBeLessThanOrEqual(0.1);
    const flat = (r: MeasuredStepRow) => predictEagerStep(measuredStepSpec(r, h200.id), h200, {...FUSED, calibration: {flashAttentionEfficiency: 0.5 / EAGER_KERNELS.attentionTimeFactor}}).secondsPerStep / (r.step_seconds as number);
    for (const r of long) expect(flat(r), r.model).toBeGreaterThan(1.095);
  });

  it("predicts the host-bound ones within the 0.67–1.65× their wall clock varies between runs (bench/gpu/stack_steps_repeat.csv)", () => {
    for (const r of stackRows) {
      expect(ratio(r), `${r.model} s=${r.seq_len} b=${r.micro_batch}`).toBeGreaterThan(0.6);
      expect(ratio(r), `${r.model} s=${r.seq_len} b=${r.micro_batch}`).toBeLessThan(1.4);
    }
    expect(stackRows.filter((r) => Math.abs(ratio(r) - 1) <= 0.1).length).toBeGreaterThanOrEqual(35);
  });
});

describe("held out: one H200, torch.compile (data/gpu_stack_steps.csv, nothing fitted on them)", () => {
  const compiled = (loadDataset(datasetByName("gpu_stack_steps"), ROOT) as unknown as (MeasuredStepRow & {stack: "pytorch-compile"})[]).filter((r) => r.stack === "pytorch-compile");
  const kernelRatio = (r: MeasuredStepRow, calibration?: object) => predictEagerStep(measuredStepSpec(r, h200.id, "pytorch-compile"), h200, {...FUSED, kernels: "compiled", ...(calibration ? {calibration} : {})}).gpuSeconds / (r.kernel_seconds as number);

  it("times the Llama 3 8B and 70B layer shapes' kernels within ±10% at ≥ 4,096 tokens with the matmul rate measured on Hopper at training shapes (they ran 5–20% faster than the A100-derived fraction predicts)", () => {
    const wide = compiled.filter((r) => r.d_model >= 4096 && r.seq_len * r.micro_batch >= 4096);
    expect(wide).toHaveLength(11);
    for (const r of wide) {
      expect(Math.abs(kernelRatio(r) - 1), `${r.model} s=${r.seq_len} b=${r.micro_batch}`).toBeLessThanOrEqual(0.1);
      expect(kernelRatio(r, {matmulEfficiency: matmulEfficiency(h200, "amp-bf16")}), `${r.model} s=${r.seq_len} b=${r.micro_batch}`).toBeGreaterThan(1.05);
    }
  });

  it("keeps the fused model's fraction for layers narrower than the measured shapes (GPT-2)", () => {
    const spec = measuredStepSpec(compiled.find((r) => r.model === "gpt2-xl")!, h200.id, "pytorch-compile");
    expect(stackKernelCalibration(spec, h200, "compiled").matmulEfficiency).toBeUndefined();
    expect(stackKernelCalibration(measuredStepSpec(compiled.find((r) => r.d_model === 4096)!, h200.id, "pytorch-compile"), h200, "compiled").matmulEfficiency).toBeCloseTo(688.6 / 989.4, 6);
  });
});

describe("busBandwidthFromRows", () => {
  const rows = [{collective: "all_reduce", bytes: 1e6, busbw_gbps: 10}, {collective: "all_reduce", bytes: 1e8, busbw_gbps: 1000}];
  it("interpolates log–log between measured sizes and holds flat beyond them", () => {
    const bw = busBandwidthFromRows(rows);
    expect(bw("all_reduce", 1e7)).toBeCloseTo(100e9, -6);
    expect(bw("all_reduce", 1)).toBe(10e9);
    expect(bw("all_reduce", 1e12)).toBe(1000e9);
    expect(() => bw("all_gather", 1e7)).toThrow(/no measured all_gather/);
  });
});

describe("the fitted constants are least-squares minima on the GPT-2 2 × H200 rows (LLaMA rows held out)", () => {
  const fitRows = multi.filter((r) => !isMultiHeldOut(r));
  const sse = (rows: MeasuredMultiStepRow[], fit: Partial<EagerFit>, host?: number) =>
    rows.reduce((a, r) => a + Math.log(compareMeasuredMultiStep(r, h200, {busBandwidth, fit, ...(host === undefined ? {} : {hostSecondsPerLayer: host})})!.timeRatio) ** 2, 0);
  const cases: [Exclude<keyof EagerFit, "recomputeHostFactor">, (r: MeasuredMultiStepRow) => boolean][] = [
    ["ddpHostSecondsPerTensor", (r) => r.mode.startsWith("ddp")],
    ["ddpExposedCommFraction", (r) => r.mode.startsWith("ddp")],
    ["fsdpHostSecondsPerUnit", (r) => r.mode.startsWith("fsdp2")],
    ["tpHostSecondsPerLayer", (r) => r.mode === "tp2"]
  ];
  for (const [name, mode] of cases) {
    it(`${name}: 10% either way fits its GPT-2 rows worse`, () => {
      const rows = fitRows.filter(mode);
      const at = sse(rows, {});
      expect(sse(rows, {[name]: EAGER_FIT[name] * 1.1})).toBeGreaterThan(at);
      expect(sse(rows, {[name]: EAGER_FIT[name] * 0.9})).toBeGreaterThan(at);
    });
  }
  it("the H200 host's seconds per layer: 5% either way fits the GPT-2 single-GPU rows worse", () => {
    const rows = fitRows.filter((r) => r.mode === "single");
    const host = EAGER_HOST_SECONDS_PER_LAYER["h200-sxm-141gb"]!;
    const at = sse(rows, {}, host);
    expect(sse(rows, {}, host * 1.05)).toBeGreaterThan(at);
    expect(sse(rows, {}, host * 0.95)).toBeGreaterThan(at);
  });
});
