// The eager model and the "pytorch" stack's memory on a test set measured after they were written:
// 36 wide-layer 2 × H200 steps (bench/gpu/multi_steps_wide.csv and its repeat; the Llama 3 8B layer
// shape cut to 8 layers and the 70B shape cut to 2, six modes). Nothing is fitted to these rows.
// They are GPU-bound and repeat within 4%, so every miss is the model's; each is listed with its
// reason (measuredMulti.ts WIDE_*_KNOWN_MISSES) and held to its range here, so a change shows.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadCsvText, loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {
  FSDP_ROOT_STAYS_GATHERED, WIDE_MEMORY_KNOWN_MISSES, WIDE_STEP_TIME_KNOWN_MISSES, adamwSeconds, allGatherSeconds, allReduceSeconds, busBandwidthFromRows, parameterCount, compareMeasuredMultiStep, eagerTensorParallelSeconds,
  estimate, measuredMultiStepSpec, memoryPerGpu, predictEagerStep, predictStep, reduceScatterSeconds, stackKernelCalibration, wholeVocabularyHeadSeconds, wholeVocabularyParams
} from "../../../src/engine/index.js";
import type {MeasuredMultiStepRow, TimedEstimate} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const read = (file: string) => loadCsvText(readFileSync(join(ROOT, file), "utf8"), file, datasetByName("gpu_multi_steps")) as unknown as MeasuredMultiStepRow[];
const rows = read("bench/gpu/multi_steps_wide.csv");
const again = read("bench/gpu/multi_steps_wide_repeat.csv");
const h200 = gpu("h200-sxm-141gb");
const busBandwidth = busBandwidthFromRows(loadDataset(datasetByName("gpu_nccl"), ROOT) as unknown as {collective: string; bytes: number; busbw_gbps: number}[]);
const compared = rows.map((row) => ({row, c: compareMeasuredMultiStep(row, h200, {busBandwidth})!}));
const label = (row: MeasuredMultiStepRow) => `${row.model} s=${row.seq_len} b=${row.micro_batch} ${row.mode}`;
const within = (q: number) => Math.abs(q - 1) <= 0.1;

describe("wide-layer 2 × H200 steps (a test set: nothing fitted)", () => {
  it("holds 36 GPU-bound steps that repeat within 4% in wall-clock time", () => {
    expect(rows).toHaveLength(36);
    for (const r of rows) {
      const b = again.find((x) => label(x) === label(r))!;
      expect(Math.abs(b.step_seconds! / r.step_seconds! - 1), label(r)).toBeLessThan(0.04);
    }
  });

  it("times all 36 within ±10% (17 before AdamW's measured rate and FSDP2's copies, 28 before tensor parallelism's whole-vocabulary optimizer and exposed all-reduces, 34 before autocast's weight casts), with no listed miss left", () => {
    expect(compared.filter(({c}) => within(c.timeRatio)).length).toBe(36);
    expect(WIDE_STEP_TIME_KNOWN_MISSES).toHaveLength(0);
    const range: Record<string, [number, number]> = {single: [0.9, 1.1], "fsdp2-reshard": [0.9, 1.1], "fsdp2-no-reshard": [0.9, 1.1], tp2: [0.9, 1.1], ddp: [0.9, 1.1], "ddp-bucket-view": [0.9, 1.1]};
    for (const {row, c} of compared) {
      const [lo, hi] = range[row.mode]!;
      expect(c.timeRatio, label(row)).toBeGreaterThan(lo);
      expect(c.timeRatio, label(row)).toBeLessThan(hi);
      if (!within(c.timeRatio)) expect(WIDE_STEP_TIME_KNOWN_MISSES.find((m) => m.match(row)), label(row)).toBeDefined();
    }
  });

  it("gives the same answer through estimate() (the public path, datasheet NVLink instead of the measured NCCL curve) within 12%: the two bandwidths' difference shows through DDP's exposed share (0.64) of the collectives, most on the 70B cut's FSDP2 steps", () => {
    for (const {row, c} of compared) {
      const seconds = (estimate(measuredMultiStepSpec(row, h200.id), h200) as TimedEstimate).trainingSeconds;
      expect(Math.abs(seconds / c.predictedSeconds - 1), label(row)).toBeLessThan(0.12);
    }
  });

  it("needs the whole-vocabulary output layer for tensor parallelism: it is worth 6 points or more of every tp2 step (without it 19–24% under when the optimizer was over-timed)", () => {
    const tp = compared.filter(({row}) => row.mode === "tp2");
    expect(tp).toHaveLength(6);
    for (const {row, c} of tp) {
      const spec = measuredMultiStepSpec(row, h200.id);
      const head = wholeVocabularyHeadSeconds(spec, h200, stackKernelCalibration(spec, h200, "eager"));
      expect(head, label(row)).toBeGreaterThan(0);
      expect(wholeVocabularyHeadSeconds({...spec, stack: "megatron"}, h200, {})).toBe(0);
      const e = predictEagerStep(spec, h200, {busBandwidth});
      expect(e.gpuSeconds, label(row)).toBeGreaterThan(e.hostSeconds);
      expect((c.predictedSeconds - head) / c.measuredSeconds, label(row)).toBeLessThan(c.timeRatio - 0.06);
      expect(c.timeRatio, label(row)).toBeGreaterThan(0.65);
    }
  });

  it("needs each tensor-parallel rank's AdamW over the whole-vocabulary layers it holds (wholeVocabularyParams, nothing fitted): the added seconds are what the AdamW step measured alone takes for those parameters, and without them 4 of the 6 tp2 steps fall more than 10% under", () => {
    const optimizerRows = loadDataset(datasetByName("gpu_optimizer"), ROOT) as unknown as {model: string; impl: string; params: number; seconds: number}[];
    const tp = compared.filter(({row}) => row.mode === "tp2");
    expect(tp).toHaveLength(6);
    let underWithout = 0;
    for (const {row, c} of tp) {
      const spec = measuredMultiStepSpec(row, h200.id);
      const whole = wholeVocabularyParams(spec);
      const count = parameterCount(spec.model);
      // the embedding, final norm and output layer, less the rank's 1/tp share of them
      expect(whole / (((count.embedding + count.output + count.finalNorm) * spec.model.params) / count.total)).toBeCloseTo(0.5, 9);
      expect(wholeVocabularyParams({...spec, stack: "megatron"})).toBe(0);
      const localParams = spec.model.params / 2;
      const added = adamwSeconds(localParams + whole, 0, h200, "foreach", 0) - adamwSeconds(localParams, 0, h200, "foreach", 0);
      const measuredAlone = optimizerRows.find((r) => r.model === row.model && r.impl === "foreach")!;
      expect(added / (whole * (measuredAlone.seconds / measuredAlone.params)), label(row)).toBeGreaterThan(0.9);
      expect(added / (whole * (measuredAlone.seconds / measuredAlone.params)), label(row)).toBeLessThan(1.1);
      if ((c.predictedSeconds - added) / c.measuredSeconds < 0.9) underWithout++;
    }
    expect(underWithout).toBeGreaterThanOrEqual(4);
  });

  it("times tensor parallelism's all-reduces exposed at the measured NCCL rate (eagerTensorParallelSeconds): 4 a layer per micro-batch, more than the fused model leaves exposed", () => {
    for (const {row} of compared.filter(({row}) => row.mode === "tp2")) {
      const spec = measuredMultiStepSpec(row, h200.id);
      const bytes = row.micro_batch * row.seq_len * row.d_model * 2;
      const perLayer = eagerTensorParallelSeconds(spec, busBandwidth);
      expect(perLayer, label(row)).toBeCloseTo(4 * allReduceSeconds(bytes, 2, busBandwidth("all_reduce", bytes)), 12);
      const e = predictEagerStep(spec, h200, {busBandwidth});
      expect(e.step.breakdown.tpComm, label(row)).toBeCloseTo(row.layers * perLayer, 12);
      expect(e.step.breakdown.tpComm, label(row)).toBeGreaterThan(predictStep({...spec, stack: "megatron"}, h200).breakdown.tpComm);
      // sequence parallelism moves the same bytes as an all-gather and a reduce-scatter
      const sp = {...spec, parallelism: {...spec.parallelism, sequenceParallel: true}};
      expect(eagerTensorParallelSeconds(sp, busBandwidth)).toBeCloseTo(4 * (allGatherSeconds(bytes, 2, busBandwidth("all_gather", bytes)) + reduceScatterSeconds(bytes, 2, busBandwidth("reduce_scatter", bytes))), 12);
      expect(eagerTensorParallelSeconds({...spec, parallelism: {...spec.parallelism, tp: 1}}, busBandwidth)).toBe(0);
    }
  });

  it("needs FSDP2's copies around its collectives (fsdpCopySeconds, nothing fitted): without them its steps are 1–24% under and 7 of the 12 within ±10%, with them all 12", () => {
    const fsdp = compared.filter(({row}) => row.mode.startsWith("fsdp2"));
    expect(fsdp).toHaveLength(12);
    const without = fsdp.map(({row, c}) => {
      const q = predictEagerStep(measuredMultiStepSpec(row, h200.id), h200, {busBandwidth, fsdpCopies: false}).secondsPerStep / c.measuredSeconds;
      expect(q, label(row)).toBeLessThan(c.timeRatio - 0.04);
      expect(q, label(row)).toBeLessThan(1);
      return q;
    });
    expect(without.filter(within).length).toBeLessThanOrEqual(7);
    expect(fsdp.filter(({c}) => within(c.timeRatio)).length).toBe(12);
  });

  it("needs autocast's per-step weight casts (autocastCastSeconds, nothing fitted): without them the 1,024-token steps of the 70B cut are 5–17% under (two beyond −10%), with them 6–10 points higher and all within ±10%", () => {
    const short = compared.filter(({row}) => row.model === "llama-3-70b-2l" && row.seq_len === 1024);
    expect(short).toHaveLength(6);
    const without = short.map(({row, c}) => {
      const q = predictEagerStep(measuredMultiStepSpec(row, h200.id), h200, {busBandwidth, autocastCasts: false}).secondsPerStep / c.measuredSeconds;
      expect(q, label(row)).toBeLessThan(0.95);
      expect(q, label(row)).toBeLessThan(c.timeRatio - 0.06);
      expect(within(c.timeRatio), label(row)).toBe(true);
      return q;
    });
    expect(without.filter(within).length).toBeLessThanOrEqual(4);
  });

  it("holds memory within ±10% for ≥ 32 of 36, the misses being DDP's bucket views (listed); FSDP2's fp32 gathers are needed for that", () => {
    expect(compared.filter(({c}) => within(c.memoryRatio)).length).toBeGreaterThanOrEqual(32);
    for (const {row, c} of compared.filter(({c}) => !within(c.memoryRatio))) {
      expect(WIDE_MEMORY_KNOWN_MISSES.find((m) => m.match(row)), label(row)).toBeDefined();
      expect(Math.abs(c.memoryRatio - 1), label(row)).toBeLessThan(0.25);
    }
    const reshard = compared.filter(({row}) => row.mode === "fsdp2-reshard");
    expect(reshard).toHaveLength(6);
    const without = reshard.filter(({row}) => !within(memoryPerGpu(measuredMultiStepSpec(row, h200.id), {fsdp2Gathers: false}).total / row.peak_memory_bytes!));
    expect(without.length).toBeGreaterThanOrEqual(3);
    for (const {row, c} of reshard) expect(within(c.memoryRatio), label(row)).toBe(true);
  });
});

describe("FSDP2's root unit stays gathered from forward to backward (FSDP_ROOT_STAYS_GATHERED)", () => {
  it("so resharding adds one all-gather per block, not per unit: the reshard − no-reshard collective time of a 70B-cut step is its 2 blocks' gathers alone, the root being 55% of the parameters", () => {
    expect(FSDP_ROOT_STAYS_GATHERED).toBe(true);
    const row = rows.find((r) => r.model === "llama-3-70b-2l" && r.seq_len === 2048 && r.micro_batch === 1 && r.mode === "fsdp2-reshard")!;
    const spec = measuredMultiStepSpec(row, h200.id);
    const noReshard = {...spec, parallelism: {...spec.parallelism, zeroStage: 2 as const}};
    const count = parameterCount(spec.model);
    const rootParams = ((count.embedding + count.output + count.finalNorm) * spec.model.params) / count.total;
    expect(rootParams / spec.model.params).toBeGreaterThan(0.5);
    const blockBytes = (4 * (spec.model.params - rootParams)) / spec.model.layers;
    const extra = predictEagerStep(spec, h200, {busBandwidth}).commSeconds - predictEagerStep(noReshard, h200, {busBandwidth}).commSeconds;
    expect(extra).toBeCloseTo(spec.model.layers * allGatherSeconds(blockBytes, 2, busBandwidth("all_gather", blockBytes)), 9);
  });
});
