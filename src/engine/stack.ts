// What the training software (`TrainingSpec.stack`) changes in the engine's memory model.
//
// - "megatron" (default): NeMo / Megatron-LM class. A fused, vocabulary-parallel cross-entropy
//   keeps only fp32 logits (Korthikanti et al. 2022 Sec 4.3), and gradients live in persistent
//   buffers the distributed optimizer reduces from (NVIDIA/Megatron-LM,
//   megatron/core/distributed/param_and_grad_buffer.py), so every part of memory adds up.
// - "megatron-tuned": the same software run as NeMo's performance recipes run it (NVIDIA/NeMo
//   nemo/collections/llm/recipes/*.py pretrain_performance_optimizations; NVIDIA/dgxc-benchmarking):
//   memory as "megatron"; step time with tensor-parallel collectives pipelined inside the matmuls
//   (Transformer Engine userbuffers, MegatronCommOverlapCallback tp_comm_overlap), pipeline sends
//   overlapped when interleaved, gradients reduced in bf16 (grad_reduce_in_fp32 = False) and
//   matmuls at the rate the project measured for them in isolation (perf/calibration.ts
//   TUNED_STACK_MATMUL_EFFICIENCY). What each switch does: perf/stepTime.ts PerfOptions and
//   stackPerfOptions.
// - "pytorch": eager PyTorch with torch.autocast. `F.cross_entropy` on the fp32 copy of the
//   logits (memory.ts LOGITS_BYTES_PER_ELEMENT.unfused) and `zero_grad(set_to_none=True)`, so
//   gradients exist only during backward. This is how bench/gpu/calibrate.py trains, and
//   tests/engine/perf/measured.test.ts holds the engine to its 146 measured H100 steps.
// - "pytorch-compile": the same code under torch.compile (regional, per decoder block, as
//   torchtitan does). Inductor fuses the logits' fp32 cast, log-softmax and its backward into the
//   loss kernels, so no fp32 copy of the logits is kept: at the backward peak the bf16 logits and
//   their bf16 gradient are alive, 4 bytes per logit, the "fused" figure. Gradients are freed
//   between steps as in eager code. Measured by the project on an H200 (data/gpu_stack_steps.csv,
//   bench/gpu/calibrate.py --parts stacks, 2026-12-01): with this choice, not a fit, the engine's
//   memory is within ±10% for 29 of the 30 compiled steps (tests/engine/perf/measuredStack.test.ts).
//
// Step time follows the stack too (perf/stackStep.ts predictStackStep): the fused-stack model for
// "megatron"; for the PyTorch stacks the plain-PyTorch model (perf/eagerStep.ts: eager or compiled
// kernels, the host's Python and launch work, DDP / FSDP2 / DTensor), held to the project's
// 2 × H200 and one-GPU measurements (tests/engine/perf/measuredMulti.test.ts, stackStep.test.ts).
// Memory: the PyTorch stacks also count foreach AdamW's temporary, tensor parallelism over the
// blocks alone, FSDP2's kept shard and (eager only) SwiGLU's extra saved tensor (memory.ts
// MemoryOptions, each held to the 2 × H200 steps).
import type {MemoryOptions} from "./memory.js";
import type {Stack} from "./types.js";

export const DEFAULT_STACK: Stack = "megatron";

/**
 * Every stack, in the order pages list them. specSchema.ts builds its enum from this list, and the
 * zod-free checkers (specCheck.ts, calibration/calibration.ts) use it too, so the names live once.
 */
export const STACK_NAMES = ["megatron", "megatron-tuned", "pytorch", "pytorch-compile"] as const;

/** The message every checker gives for a stack outside STACK_NAMES. */
export const STACK_EXPECTED = `expected ${STACK_NAMES.slice(0, -1).map((s) => `"${s}"`).join(", ")} or "${STACK_NAMES[STACK_NAMES.length - 1]}"`;

/** True for the stacks the fused step-time model (perf/stepTime.ts) describes: Megatron-LM / NeMo. */
export function isMegatronStack(stack: Stack | undefined): boolean {
  return stack === undefined || stack === "megatron" || stack === "megatron-tuned";
}

/** The memory options each stack implies (memory.ts MemoryOptions). */
export const STACK_MEMORY: Readonly<Record<Stack, Required<MemoryOptions>>> = {
  megatron: {crossEntropy: "fused", gradientsFreedBetweenSteps: false, adamw: "fused", vocabularyParallel: true, fsdp2KeepsShard: false, swiglu: "fused", fsdp2Gathers: false, ddpFirstStepBuckets: true, ddpGradientAsBucketView: false, autocastCache: true},
  "megatron-tuned": {crossEntropy: "fused", gradientsFreedBetweenSteps: false, adamw: "fused", vocabularyParallel: true, fsdp2KeepsShard: false, swiglu: "fused", fsdp2Gathers: false, ddpFirstStepBuckets: true, ddpGradientAsBucketView: false, autocastCache: true},
  // PyTorch's defaults: foreach AdamW, DDP's own bucket copy; tensor parallelism over the blocks
  // (bench/gpu/multi_gpu.py); ZeRO-1/2 as FSDP2 without resharding (memory.ts MemoryOptions).
  pytorch: {crossEntropy: "unfused", gradientsFreedBetweenSteps: true, adamw: "foreach", vocabularyParallel: false, fsdp2KeepsShard: true, swiglu: "eager", fsdp2Gathers: true, ddpFirstStepBuckets: true, ddpGradientAsBucketView: false, autocastCache: true},
  "pytorch-compile": {crossEntropy: "fused", gradientsFreedBetweenSteps: true, adamw: "foreach", vocabularyParallel: false, fsdp2KeepsShard: true, swiglu: "fused", fsdp2Gathers: true, ddpFirstStepBuckets: true, ddpGradientAsBucketView: false, autocastCache: true}
};

/** One sentence per stack for pages: what picking it means. */
export const STACK_LABELS: Readonly<Record<Stack, {name: string; meaning: string}>> = {
  megatron: {
    name: "Megatron / NeMo",
    meaning: "fused loss and kernels, gradients kept in persistent buffers, distributed optimizer, communication overlapped with compute"
  },
  "megatron-tuned": {
    name: "Megatron / NeMo, tuned",
    meaning:
      "as Megatron / NeMo, run the way NVIDIA's performance recipes run it: tensor-parallel and pipeline communication hidden behind the matmuls and gradients reduced in bf16 (the matmuls themselves run no faster: NVIDIA's published benchmarks say so)"
  },
  pytorch: {
    name: "Plain PyTorch",
    meaning: "eager autocast, an unfused cross-entropy that holds fp32 copies of the logits, gradients freed between steps, DDP or FSDP2"
  },
  "pytorch-compile": {
    name: "PyTorch + torch.compile",
    meaning: "plain PyTorch compiled with torch.compile: the loss and element-wise work are fused, so no fp32 copy of the logits is kept; gradients freed between steps"
  }
};

/** Memory options of `stack` (default "megatron"), with any explicitly given option winning. */
export function stackMemoryOptions(stack: Stack | undefined, overrides: MemoryOptions = {}): MemoryOptions {
  const base = STACK_MEMORY[stack ?? DEFAULT_STACK];
  return {
    crossEntropy: overrides.crossEntropy ?? base.crossEntropy,
    gradientsFreedBetweenSteps: overrides.gradientsFreedBetweenSteps ?? base.gradientsFreedBetweenSteps,
    adamw: overrides.adamw ?? base.adamw,
    vocabularyParallel: overrides.vocabularyParallel ?? base.vocabularyParallel,
    fsdp2KeepsShard: overrides.fsdp2KeepsShard ?? base.fsdp2KeepsShard,
    swiglu: overrides.swiglu ?? base.swiglu,
    fsdp2Gathers: overrides.fsdp2Gathers ?? base.fsdp2Gathers,
    ddpFirstStepBuckets: overrides.ddpFirstStepBuckets ?? base.ddpFirstStepBuckets,
    ddpGradientAsBucketView: overrides.ddpGradientAsBucketView ?? base.ddpGradientAsBucketView,
    autocastCache: overrides.autocastCache ?? base.autocastCache
  };
}
