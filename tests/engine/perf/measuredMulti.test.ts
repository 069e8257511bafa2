// The engine against the project's own 2 × H200 measurements (data/gpu_multi_steps.csv and
// data/gpu_nccl.csv, written by bench/gpu/multi_gpu.py on 2026-12-01). The memory model was not
// fitted to these rows. The eager step-time model (perf/eagerStep.ts) fitted its host and parallel
// constants on the GPT-2 rows only; the LLaMA-family rows (MULTI_HELD_OUT_MODELS) are held out.
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {busBandwidthFromRows, compareMeasuredMultiStep, isMultiHeldOut, measuredMultiStepSpec, multiStepTimeKnownMiss, MULTI_MEMORY_KNOWN_MISSES, MULTI_STEP_TIME_KNOWN_MISSES, unmodelledLayoutBytes} from "../../../src/engine/index.js";
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

  it("predicts DDP peak memory (gradients held plus a bucket copy, memory.ts ddpHoldsBuckets) within ±10% for every GPT-2 step and ±12% for every step", () => {
    const ddp = of("ddp");
    expect(ddp).toHaveLength(19);
    for (const x of ddp) {
      expect(Math.abs(x.c.memoryRatio - 1), label(x)).toBeLessThanOrEqual(x.row.family === "gpt2" ? 0.1 : 0.12);
    }
  });

  it("misses tensor-parallel (−19 to −31%) and unresharded FSDP2 (−9 to −20%) memory by what the script's layout keeps whole: adding it back brings every GPT-2 step within ±10%, and LLaMA steps to their single-GPU miss (within −15%)", () => {
    for (const miss of MULTI_MEMORY_KNOWN_MISSES) {
      const hit = compared.filter(({row}) => miss.match(row));
      expect(hit.length).toBeGreaterThanOrEqual(15);
      for (const x of hit) {
        expect(x.c.memoryRatio, label(x)).toBeLessThan(0.92);
        expect(x.c.memoryRatio, label(x)).toBeGreaterThan(0.68);
        const explained = (x.c.predictedMemoryBytes + unmodelledLayoutBytes(x.row)!) / x.c.measuredMemoryBytes;
        expect(explained, label(x)).toBeGreaterThan(x.c.memoryRatio);
        expect(Math.abs(explained - 1), label(x)).toBeLessThanOrEqual(x.row.family === "gpt2" ? 0.1 : 0.15);
      }
    }
    expect(unmodelledLayoutBytes(rows.find((r) => r.mode === "ddp")!)).toBeNull();
  });

  it("measures DDP holding 4–8 more bytes per parameter than one GPU alone (its buckets, and at the peak the gradients too)", () => {
    for (const x of of("ddp")) {
      const alone = compared.find(({row}) => row.mode === "single" && row.model === x.row.model && row.seq_len === x.row.seq_len && row.micro_batch === x.row.micro_batch)!;
      const extraBytesPerParam = (x.c.measuredMemoryBytes - alone.c.measuredMemoryBytes) / x.row.params;
      expect(extraBytesPerParam, label(x)).toBeGreaterThan(3.5);
      expect(extraBytesPerParam, label(x)).toBeLessThan(8.5);
    }
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
