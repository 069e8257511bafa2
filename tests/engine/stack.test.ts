// `TrainingSpec.stack`: one schema for the types and the CLI, and what each stack does to memory,
// held to the project's own measured H100 steps (eager PyTorch).
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {median} from "d3";
import {loadDataset} from "../../loaders/load.js";
import {datasetByName} from "../../loaders/datasets/index.js";
import {
  CALIBRATE_PY_MEMORY,
  DEVICE_GPU_IDS,
  MEASURED_STACK,
  STACK_LABELS,
  STACK_MEMORY,
  SpecError,
  compareMeasuredStep,
  estimate,
  measuredStepSpec,
  memoryPerGpu,
  stackSchema,
  stackMemoryOptions,
  validateSpec
} from "../../src/engine/index.js";
import type {MeasuredStepRow, Stack, TrainingSpec} from "../../src/engine/index.js";
import {gpu} from "./perf/helpers.js";

const spec: TrainingSpec = {
  model: {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096},
  tokens: 2e12,
  hardware: {gpu: "h100-sxm5-80gb", count: 64, mfu: 0.45},
  parallelism: {tp: 1, pp: 1, dp: 64, zeroStage: 1, microBatch: 1, recompute: "none"},
  precision: "bf16-master-fp32"
};
const h100 = gpu("h100-sxm5-80gb");

describe("the spec schema is the types' one source", () => {
  it("accepts model.dropout and every stack, and refuses an unknown stack with the allowed values", () => {
    expect(validateSpec({...spec, model: {...spec.model, dropout: false}}).model.dropout).toBe(false);
    for (const stack of stackSchema.options) expect(validateSpec({...spec, stack}).stack).toBe(stack);
    expect(() => validateSpec({...spec, stack: "jax"})).toThrow(SpecError);
    expect(() => validateSpec({...spec, stack: "jax"})).toThrow(/stack: expected "megatron", "megatron-tuned", "pytorch" or "pytorch-compile"/);
  });

  it("has a label and memory options for every stack the schema allows", () => {
    expect(Object.keys(STACK_MEMORY).sort()).toEqual([...stackSchema.options].sort());
    expect(Object.keys(STACK_LABELS).sort()).toEqual([...stackSchema.options].sort());
  });
});

describe("what the stack does to memory", () => {
  it("defaults to Megatron: fused loss, persistent gradients", () => {
    expect(stackMemoryOptions(undefined)).toEqual({crossEntropy: "fused", gradientsFreedBetweenSteps: false, adamw: "fused", vocabularyParallel: true, fsdp2KeepsShard: false, swiglu: "fused", fsdp2Gathers: false, ddpFirstStepBuckets: true, ddpGradientAsBucketView: false, autocastCache: true});
    expect(memoryPerGpu(spec)).toEqual(memoryPerGpu({...spec, stack: "megatron"}));
  });

  it("gives plain PyTorch the unfused loss and gradients freed between steps, and lets explicit options win", () => {
    const pytorch = memoryPerGpu({...spec, stack: "pytorch"});
    expect(pytorch).toEqual(memoryPerGpu(spec, {crossEntropy: "unfused", gradientsFreedBetweenSteps: true, adamw: "foreach", vocabularyParallel: false, fsdp2KeepsShard: true, swiglu: "eager", fsdp2Gathers: true}));
    expect(pytorch.buffers).toBeGreaterThan(memoryPerGpu(spec).buffers);
    expect(memoryPerGpu({...spec, stack: "pytorch"}, STACK_MEMORY.megatron)).toEqual(memoryPerGpu(spec));
  });

  it("reports only the gradients that outgrow activations and buffers when they are freed between steps, so the parts still sum to the total", () => {
    for (const recompute of ["none", "full"] as const) {
      const b = memoryPerGpu({...spec, parallelism: {...spec.parallelism, recompute}, stack: "pytorch"});
      expect(b.weights + b.gradients + b.optimizer + b.activations + b.buffers).toBeCloseTo(b.total, 0);
      const allGradients = memoryPerGpu({...spec, parallelism: {...spec.parallelism, recompute}}).gradients;
      expect(b.gradients).toBeCloseTo(Math.max(0, allGradients - b.activations - b.buffers), 0);
    }
  });

  it("carries the stack through estimate", () => {
    const byStack = (stack: Stack) => estimate({...spec, stack}, h100).memoryPerGpuBytes.total;
    expect(byStack("pytorch")).not.toBe(byStack("megatron"));
    expect(byStack("pytorch")).toBe(memoryPerGpu({...spec, stack: "pytorch"}).total);
  });
});

describe("the measured H100 steps (eager PyTorch) are predicted better in the stack that ran them", () => {
  const ROOT = join(import.meta.dirname, "..", "..");
  const rows = loadDataset(datasetByName("gpu_training_steps"), ROOT) as unknown as MeasuredStepRow[];
  const device = gpu(DEVICE_GPU_IDS["NVIDIA H100 80GB HBM3"]!);
  const compared = rows.filter((r) => compareMeasuredStep(r, device) !== null);
  const medianError = (stack: Stack) =>
    median(compared, (r) => Math.abs(memoryPerGpu({...measuredStepSpec(r, device.id), stack}, CALIBRATE_PY_MEMORY).total / r.peak_memory_bytes! - 1))!;

  it("records the measured steps as the pytorch stack", () => {
    expect(MEASURED_STACK).toBe("pytorch");
    expect(measuredStepSpec(compared[0]!, device.id).stack).toBe("pytorch");
  });

  it("has a median memory error under 5% as pytorch (4.5%) and over 10% when taken for Megatron (11%)", () => {
    expect(compared.length).toBe(146);
    expect(medianError("pytorch")).toBeLessThan(0.05);
    expect(medianError("megatron")).toBeGreaterThan(0.1);
  });
});
