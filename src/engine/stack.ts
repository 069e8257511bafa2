// What the training software (`TrainingSpec.stack`) changes in the engine's memory model.
//
// - "megatron" (default): NeMo / Megatron-LM class. A fused, vocabulary-parallel cross-entropy
//   keeps only fp32 logits (Korthikanti et al. 2022 Sec 4.3), and gradients live in persistent
//   buffers the distributed optimizer reduces from (NVIDIA/Megatron-LM,
//   megatron/core/distributed/param_and_grad_buffer.py), so every part of memory adds up.
// - "pytorch": eager PyTorch with torch.autocast. `F.cross_entropy` on the fp32 copy of the
//   logits (memory.ts LOGITS_BYTES_PER_ELEMENT.unfused) and `zero_grad(set_to_none=True)`, so
//   gradients exist only during backward. This is how bench/gpu/calibrate.py trains, and
//   tests/engine/perf/measured.test.ts holds the engine to its 146 measured H100 steps.
// - "pytorch-compile": the same code under torch.compile. Not measured by the project: its memory
//   is taken as eager PyTorch's (Inductor may fuse the logits' fp32 cast into the loss, so the
//   unfused 14 bytes per logit is an upper bound for it).
//
// The step-time model (perf/stepTime.ts) counts kernels as a fused stack runs them; eager PyTorch's
// extra element-wise kernels are not yet a separate term (measured.test.ts records the gap).
import type {MemoryOptions} from "./memory.js";
import type {Stack} from "./types.js";

export const DEFAULT_STACK: Stack = "megatron";

/** The memory options each stack implies (memory.ts MemoryOptions). */
export const STACK_MEMORY: Readonly<Record<Stack, Required<MemoryOptions>>> = {
  megatron: {crossEntropy: "fused", gradientsFreedBetweenSteps: false},
  pytorch: {crossEntropy: "unfused", gradientsFreedBetweenSteps: true},
  "pytorch-compile": {crossEntropy: "unfused", gradientsFreedBetweenSteps: true}
};

/** One sentence per stack for pages: what picking it means. */
export const STACK_LABELS: Readonly<Record<Stack, {name: string; meaning: string}>> = {
  megatron: {
    name: "Megatron / NeMo",
    meaning: "fused loss and kernels, gradients kept in persistent buffers, distributed optimizer, communication overlapped with compute"
  },
  pytorch: {
    name: "Plain PyTorch",
    meaning: "eager autocast, an unfused cross-entropy that holds fp32 copies of the logits, gradients freed between steps, DDP or FSDP2"
  },
  "pytorch-compile": {
    name: "PyTorch + torch.compile",
    meaning: "plain PyTorch compiled with torch.compile; memory counted as eager PyTorch's (not yet measured on its own)"
  }
};

/** Memory options of `stack` (default "megatron"), with any explicitly given option winning. */
export function stackMemoryOptions(stack: Stack | undefined, overrides: MemoryOptions = {}): MemoryOptions {
  const base = STACK_MEMORY[stack ?? DEFAULT_STACK];
  return {
    crossEntropy: overrides.crossEntropy ?? base.crossEntropy,
    gradientsFreedBetweenSteps: overrides.gradientsFreedBetweenSteps ?? base.gradientsFreedBetweenSteps
  };
}
