// The step-time model of the training software a spec names (TrainingSpec.stack, stack.ts):
// the fused-stack model (stepTime.ts predictStep) for "megatron" and "megatron-tuned", and the plain-PyTorch model
// (eagerStep.ts predictEagerStep: GPU kernels, host work, DDP / FSDP2 / DTensor) for "pytorch"
// (eager kernels) and "pytorch-compile" (the fused model's kernels, the same host and wrappers).
// estimate(), the CLI and the calculator call this, so a spec's stack reaches its step time.
import type {GpuSpec, TrainingSpec} from "../types.js";
import {isMegatronStack} from "../stack.js";
import {predictEagerStep} from "./eagerStep.js";
import {predictStep} from "./stepTime.js";
import type {PerfOptions, StepPrediction} from "./stepTime.js";

/** Predicted step of `spec` on `gpu` by the model of its stack (default "megatron"; "megatron-tuned" is the fused model too, stepTime.ts stackPerfOptions). */
export function predictStackStep(spec: TrainingSpec, gpu: GpuSpec, perf: PerfOptions = {}): StepPrediction {
  const stack = spec.stack;
  if (isMegatronStack(stack)) return predictStep(spec, gpu, perf);
  return predictEagerStep(spec, gpu, {
    kernels: stack === "pytorch-compile" ? "compiled" : "eager",
    ...(perf.calibration ? {calibration: perf.calibration} : {})
  }).step;
}
