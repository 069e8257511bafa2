import {describe, expect, it} from "vitest";
import {join} from "node:path";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {
  MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP,
  SLOW_HOST_JOB_EXTRA_TIME,
  TUNED_SHAPE_FRACTION_OF_MAMF,
  TUNED_STACK_MATMUL_EFFICIENCY,
  TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION,
  expectedStragglerFraction,
  hostsOf,
  mamfEfficiency,
  predictStep,
  specFromRow,
  stackPerfOptions,
  matmulEfficiency,
  tunedMatmulEfficiency,
  validateSystemMfu
} from "../../../src/engine/index.js";
import type {TrainingSpec} from "../../../src/engine/index.js";
import {GPUS, gpu, systemMfuRows} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

describe("stragglers (scale.ts, MegaScale Secs 5.1 and 6.3)", () => {
  it("costs 0.7 / 55.2 of the compute time when a slow host is certain, and nothing on one machine (it waits for no other)", () => {
    expect(SLOW_HOST_JOB_EXTRA_TIME).toBeCloseTo(0.0127, 4);
    expect(expectedStragglerFraction(1)).toBe(0);
    expect(expectedStragglerFraction(2)).toBeCloseTo(0.0127 * (1 - 0.995 ** 2), 6);
    expect(expectedStragglerFraction(hostsOf(12288, 8))).toBeGreaterThan(0.0126);
  });
  it("grows with the number of machines and never exceeds the certain-straggler cost", () => {
    let last = 0;
    for (const hosts of [2, 8, 32, 128, 512, 2048, 8192]) {
      const f = expectedStragglerFraction(hosts);
      expect(f).toBeGreaterThan(last);
      expect(f).toBeLessThanOrEqual(SLOW_HOST_JOB_EXTRA_TIME);
      last = f;
    }
  });
  it("counts machines by the accelerator's GPUs per node (8 GPUs per DGX)", () => {
    expect(hostsOf(8, 8)).toBe(1);
    expect(hostsOf(9, 8)).toBe(2);
    expect(hostsOf(12288, 8)).toBe(1536);
  });
});

describe("MFU at a fixed global batch falls as data parallelism grows (MegaScale Table 2, Megatron-LM baseline)", () => {
  const table = validateSystemMfu(systemMfuRows(), GPUS);
  const row = (id: string) => table.find((r) => r.id === id)!;
  for (const [batch, gpus] of [[768, [256, 512, 768, 1024]], [6144, [3072, 6144, 8192, 12288]]] as const) {
    it(`predicts a falling MFU at batch ${batch} over ${gpus.join(", ")} GPUs, as reported`, () => {
      const predicted = gpus.map((g) => row(`megascale-2024-megatron-175b-${g}gpu`).predicted as number);
      const reported = gpus.map((g) => row(`megascale-2024-megatron-175b-${g}gpu`).reported as number);
      for (let i = 1; i < gpus.length; i++) {
        expect(predicted[i]).toBeLessThan(predicted[i - 1] as number);
        expect(reported[i]).toBeLessThan(reported[i - 1] as number);
      }
      // Reported: 8.3 and 7.5 points over a 4× larger data-parallel degree. The model gives a
      // smaller fall (the bubble, exposed reduction and stragglers it counts); docs/performance-model.md
      // says what it leaves out.
      // With the fp32 gradient reduction of Megatron's bf16 runs and the host wait of MegaScale's
      // Table 3 the fall is 4.3 and 5.7 points (2.9 and 4.0 with neither).
      expect((predicted[0] as number) - (predicted[3] as number)).toBeGreaterThan(0.04);
    });
  }
  it("shows where the time goes as the micro-batches per replica fall from 192 to 48: a larger bubble and exposed reduction share", () => {
    const small = row("megascale-2024-megatron-175b-256gpu").prediction!;
    const large = row("megascale-2024-megatron-175b-1024gpu").prediction!;
    expect(small.microbatches).toBe(192);
    expect(large.microbatches).toBe(48);
    expect(large.breakdown.ppBubble / large.secondsPerStep).toBeGreaterThan((3 * small.breakdown.ppBubble) / small.secondsPerStep);
    expect(large.breakdown.dpComm / large.secondsPerStep).toBeGreaterThan((3 * small.breakdown.dpComm) / small.secondsPerStep);
  });
});

describe("the host wait of MegaScale's Megatron-LM baseline (Table 3: data pipeline and code fixes, +1.1 MFU points)", () => {
  it("is the 61.2% → 62.3% gain turned into seconds of a 175B step on 256 A100s at batch 256: 0.204 s", () => {
    expect(MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP).toBeCloseTo(0.204, 3);
    const ideal = (256 * 2048 * 1.0774e12) / (256 * 312e12);
    expect(MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP).toBeCloseTo(ideal / 0.612 - ideal / 0.623, 3);
  });
  it("is a fixed cost of every baseline step and of no other fused-stack system's (rows of a PyTorch stack wait for their own host: eagerStep.ts)", () => {
    const table = validateSystemMfu(systemMfuRows(), GPUS).filter((r) => r.status === "compared");
    for (const r of table) {
      const wait = r.prediction!.breakdown.hostWait;
      if (r.id.startsWith("megascale-2024-megatron-")) expect(wait).toBeCloseTo(MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP, 12);
      else if (r.stack === "pytorch") expect(wait >= 0 && wait < r.prediction!.secondsPerStep, r.id).toBe(true);
      else expect(wait).toBe(0);
    }
  });
});

describe("Megatron-LM reduces bf16 gradients in fp32 (megatron/training/arguments.py)", () => {
  const gpus = new Map(GPUS.map((g) => [g.id, g] as const));
  const built = specFromRow(systemMfuRows().find((r) => r.id === "megascale-2024-megatron-175b-1024gpu")!, gpus);
  if ("missing" in built) throw new Error(`row incomplete: ${built.missing.join(", ")}`);
  const {spec, gpu: a100, options} = built;
  it("moves 4 bytes per parameter in the reduce-scatter and 2 in the parameter all-gather (ZeRO-1, nothing overlapped)", () => {
    expect(spec.stack).toBe("megatron");
    expect(options.overlapGradReduce).toBe(false);
    const step = predictStep(spec, a100, options);
    const asTwo = predictStep(spec, a100, {...options, gradReduceBytesPerParam: 2});
    // Ring reduce-scatter and all-gather move (n − 1)/n of the buffer each: (4 + 2) / (2 + 2).
    expect(step.breakdown.dpComm / asTwo.breakdown.dpComm).toBeCloseTo(1.5, 9);
  });
  it("applies to Megatron stacks in bf16 only: fp16 Megatron, plain PyTorch, NeMo's performance recipes (grad_reduce_in_fp32 = False) and an explicit option keep their own bytes", () => {
    expect(stackPerfOptions("megatron", a100, "bf16-master-fp32").gradReduceBytesPerParam).toBe(4);
    expect(stackPerfOptions("megatron-tuned", a100, "bf16-master-fp32").gradReduceBytesPerParam).toBeUndefined();
    expect(stackPerfOptions(undefined, a100, "bf16-master-fp32").gradReduceBytesPerParam).toBe(4);
    expect(stackPerfOptions("megatron", a100, "fp16-master-fp32").gradReduceBytesPerParam).toBeUndefined();
    expect(stackPerfOptions("pytorch", a100, "bf16-master-fp32").gradReduceBytesPerParam).toBeUndefined();
    expect(stackPerfOptions("megatron", a100, "bf16-master-fp32", {gradReduceBytesPerParam: 2}).gradReduceBytesPerParam).toBe(2);
    const asPytorch = predictStep({...spec, stack: "pytorch"}, a100, options);
    expect(asPytorch.breakdown.dpComm).toBeLessThan(predictStep(spec, a100, options).breakdown.dpComm);
  });
});

describe("a tuned stack (NeMo performance recipe) on H100", () => {
  it("TUNED_STACK_MATMUL_EFFICIENCY is the median H100 bf16 rate of data/gpu_gemm.csv at non-square shapes with every dimension ≥ 2048", () => {
    const rows = loadDataset(datasetByName("gpu_gemm"), ROOT) as unknown as {device: string; dtype: string; m: number; n: number; k: number; tflops: number}[];
    const rates = rows
      .filter((r) => r.device === "NVIDIA H100 80GB HBM3" && r.dtype === "bf16" && Math.min(r.m, r.n, r.k) >= 2048 && !(r.m === r.n && r.n === r.k))
      .map((r) => r.tflops)
      .sort((a, b) => a - b);
    expect(rates.length).toBe(34);
    const median = (rates[16]! + rates[17]!) / 2;
    expect(TUNED_STACK_MATMUL_EFFICIENCY["h100-sxm5-80gb"]).toBeCloseTo(median / 989.4, 3);
  });
  it("predicts NeMo's Nemotron-4 340B benchmark on 256 H100s (50.5% MFU) within 5 points in the recipe's settings (a held-out row; it was over-predicted by 5.7 with the matmuls at their isolated rate)", () => {
    const row = validateSystemMfu(systemMfuRows(), GPUS).find((r) => r.id === "dgxc-nemotron4-340b-h100-bf16-256gpu")!;
    expect(row.status).toBe("compared");
    expect(row.stack).toBe("megatron-tuned");
    expect(row.split).toBe("held-out");
    expect(Math.abs(row.errorPoints as number)).toBeLessThan(5);
    expect(row.note).toBeNull();
  });
  const spec: TrainingSpec = {
    model: {params: 341e9, layers: 96, dModel: 18432, heads: 96, kvHeads: 8, ffnDim: 73728, vocab: 256000, seqLen: 4096, ffnKind: "gelu", tiedEmbeddings: false, positionEmbedding: "rotary"},
    tokens: 64 * 4096,
    hardware: {gpu: "h100-sxm5-80gb", count: 256},
    parallelism: {tp: 8, pp: 8, dp: 4, zeroStage: 1, microBatch: 1, globalBatchTokens: 64 * 4096, recompute: "none", sequenceParallel: true, flashAttention: true, virtualStages: 12},
    precision: "bf16-master-fp32"
  };
  it("the megatron-tuned stack is the tensor-parallel overlap, overlapped data parallelism and bf16 gradient reduction at the production matmul rate, and explicit options win", () => {
    const h100 = gpu("h100-sxm5-80gb");
    const tuned = predictStep({...spec, stack: "megatron-tuned"}, h100);
    const spelled = predictStep({...spec, stack: "megatron"}, h100, {
      tpCommOverlap: true,
      overlapGradReduce: true,
      ppCommOverlap: true,
      gradReduceBytesPerParam: 2,
      calibration: {matmulEfficiency: matmulEfficiency(h100, "bf16-master-fp32")}
    });
    expect(tuned.secondsPerStep).toBeCloseTo(spelled.secondsPerStep, 12);
    // The overlaps alone: the matmuls run at the production rate, yet the recipe gains ~4 points.
    expect(tuned.mfu).toBeGreaterThan(predictStep(spec, h100).mfu + 0.03);
    const calibrated = predictStep({...spec, stack: "megatron-tuned"}, h100, {calibration: {matmulEfficiency: 0.5}});
    expect(calibrated.secondsPerStep).toBeGreaterThan(tuned.secondsPerStep);
    expect(predictStep({...spec, stack: "megatron-tuned"}, h100, {tpCommOverlap: false}).breakdown.tpComm).toBeGreaterThan(0);
  });
  it("takes the H200's tuned rates from data/gpu_gemm.csv the same way, and carries the H100's shape loss to chips not measured", () => {
    const rows = loadDataset(datasetByName("gpu_gemm"), ROOT) as unknown as {device: string; dtype: string; m: number; n: number; k: number; tflops: number}[];
    const medianOf = (dtype: string) => {
      const rates = rows.filter((r) => r.device === "NVIDIA H200" && r.dtype === dtype && Math.min(r.m, r.n, r.k) >= 2048 && !(r.m === r.n && r.n === r.k)).map((r) => r.tflops).sort((a, b) => a - b);
      expect(rates.length).toBe(34);
      return (rates[16]! + rates[17]!) / 2;
    };
    expect(TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION["h200-sxm-141gb"]!.bf16).toBeCloseTo(medianOf("bf16") / 989.4, 3);
    expect(TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION["h200-sxm-141gb"]!.fp8).toBeCloseTo(medianOf("fp8") / 1978.9, 3);
    const a100 = gpu("a100-sxm4-80gb");
    expect(tunedMatmulEfficiency(a100, "bf16-master-fp32")).toBeCloseTo(mamfEfficiency(a100, "bf16-master-fp32") * TUNED_SHAPE_FRACTION_OF_MAMF, 12);
    expect(TUNED_SHAPE_FRACTION_OF_MAMF).toBeCloseTo(0.88, 2);
    expect(tunedMatmulEfficiency(gpu("h100-sxm5-80gb"), "bf16-master-fp32")).toBe(TUNED_STACK_MATMUL_EFFICIENCY["h100-sxm5-80gb"]);
  });
  it("overlapped pipeline sends leave only the fill and drain exposed, 2 (pp·v − 1) of 2 m·v sends, and need interleaving", () => {
    const h100 = gpu("h100-sxm5-80gb");
    const p = spec.parallelism;
    const m = 64 / p.dp;
    const v = p.virtualStages!;
    const plain = predictStep(spec, h100).breakdown.ppComm;
    expect(predictStep(spec, h100, {ppCommOverlap: true}).breakdown.ppComm).toBeCloseTo((plain * (p.pp * v - 1)) / (m * v), 12);
    const flat = {...spec, parallelism: {...p, virtualStages: 1}};
    expect(predictStep(flat, h100, {ppCommOverlap: true}).breakdown.ppComm).toBe(predictStep(flat, h100).breakdown.ppComm);
  });
  it("tensor-parallel overlap hides the collectives behind the GEMMs and never makes a step slower", () => {
    const h100 = gpu("h100-sxm5-80gb");
    const plain = predictStep(spec, h100);
    const overlapped = predictStep(spec, h100, {tpCommOverlap: true});
    expect(plain.breakdown.tpComm).toBeGreaterThan(0);
    expect(overlapped.breakdown.tpComm).toBe(0);
    expect(overlapped.secondsPerStep).toBeLessThan(plain.secondsPerStep);
    const tp1 = {...spec, parallelism: {...spec.parallelism, tp: 1, dp: 32}};
    expect(predictStep(tp1, h100, {tpCommOverlap: true}).secondsPerStep).toBeCloseTo(predictStep(tp1, h100).secondsPerStep, 9);
  });
});
