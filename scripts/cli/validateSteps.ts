// `engine validate-steps`: the plain-PyTorch step model and the "pytorch" stacks' memory against the
// project's own measured steps: the 2 × H200 DDP / FSDP2 / tensor-parallel steps
// (data/gpu_multi_steps.csv, with the machine's measured NCCL bandwidth, data/gpu_nccl.csv) and the
// one-H200 eager and torch.compile steps (data/gpu_stack_steps.csv). Every step-time miss is printed
// with its verdict: within the measurement's own run-to-run spread (host-bound steps,
// bench/gpu/stack_steps_repeat.csv) or a listed known miss and its reason.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {REPO_ROOT, loadWithReferences} from "../../loaders/compile.js";
import {loadCsvText} from "../../loaders/load.js";
import {datasetByName} from "../../loaders/datasets/index.js";
import {
  CALIBRATE_PY_MEMORY, MULTI_MEMORY_KNOWN_MISSES, WIDE_MEMORY_KNOWN_MISSES, WIDE_STEP_TIME_KNOWN_MISSES, busBandwidthFromRows, compareMeasuredMultiStep, estimate, hostBoundRepeatSpread,
  isMultiHeldOut, measuredMultiStepSpec, measuredStepSpec, memoryPerGpu, multiStepKey, multiStepTimeVerdict, predictEagerStep
} from "../../src/engine/index.js";
import type {MeasuredMultiStepRow, MeasuredStepRow, NcclRow, Stack, TimedEstimate} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";

type StackRow = MeasuredStepRow & {stack: Stack};
const within = (ratio: number) => Math.abs(ratio - 1) <= 0.1;
const count = <T>(xs: readonly T[], ok: (x: T) => boolean) => ({steps: xs.length, within10: xs.filter(ok).length});
const round = (x: number) => Number(x.toPrecision(4));

/** The repeated grid of calibrate.py's stack steps, paired with the first measurement. */
function repeatedSteps(first: readonly StackRow[]) {
  const spec = datasetByName("gpu_stack_steps");
  const path = "bench/gpu/stack_steps_repeat.csv";
  const again = loadCsvText(readFileSync(join(REPO_ROOT, path), "utf8"), path, {...spec, columns: spec.columns.filter((c) => c.name !== "kernels_per_step")}) as unknown as StackRow[];
  const key = (r: StackRow) => `${r.model}|${r.seq_len}|${r.micro_batch}|${r.stack}`;
  const byKey = new Map(first.map((r) => [key(r), r]));
  return again.flatMap((b) => {
    const a = byKey.get(key(b));
    return a ? [{stepSeconds: [a.step_seconds!, b.step_seconds!] as const, kernelSeconds: [a.kernel_seconds!, b.kernel_seconds!] as const}] : [];
  });
}

export const validateStepsCommand: Command = {
  summary: "plain-PyTorch step time and memory vs the project's measured 2 × H200 and one-H200 steps, every miss with its verdict",
  input: "none",
  help: `usage: npm run -s engine -- validate-steps

Reads nothing; prints the plain-PyTorch step model and the "pytorch" stacks' memory against the
project's measured steps: twoGpu (2 × H200 DDP / FSDP2 / tensor parallel, data/gpu_multi_steps.csv;
steps within ±10%, fit and held-out), twoGpuWide (a test set of wide layers), oneGpu (eager and
torch.compile, data/gpu_stack_steps.csv), and every miss with its verdict and reason.
`,
  run() {
    const gpus = allGpus();
    const h200 = gpus.find((g) => g.id === "h200-sxm-141gb")!;
    const multi = loadWithReferences("gpu_multi_steps") as unknown as MeasuredMultiStepRow[];
    const busBandwidth = busBandwidthFromRows(loadWithReferences("gpu_nccl") as unknown as NcclRow[]);
    const stackRows = loadWithReferences("gpu_stack_steps") as unknown as StackRow[];
    const spread = hostBoundRepeatSpread(repeatedSteps(stackRows));

    const compared = multi.flatMap((row) => {
      const c = compareMeasuredMultiStep(row, h200, {busBandwidth});
      return c === null ? [] : [{row, c, verdict: multiStepTimeVerdict(row, c, spread)}];
    });
    const publicPath = multi.map((row) => (estimate(measuredMultiStepSpec(row, h200.id), h200) as TimedEstimate).trainingSeconds / row.step_seconds!);
    const oneGpu = (stack: Stack) => {
      const rows = stackRows.filter((r) => r.stack === stack);
      const predicted = rows.map((r) => ({r, e: predictEagerStep(measuredStepSpec(r, h200.id, stack), h200, {optimizer: "fused", kernels: stack === "pytorch" ? "eager" : "compiled"})}));
      return {
        wallClock: count(predicted, ({r, e}) => within(e.secondsPerStep / r.step_seconds!)),
        gpuBoundKernels: count(predicted.filter(({r}) => r.kernel_seconds! / r.step_seconds! >= 0.9), ({r, e}) => within(e.gpuSeconds / r.kernel_seconds!)),
        memory: count(rows, (r) => within(memoryPerGpu(measuredStepSpec(r, h200.id, stack), CALIBRATE_PY_MEMORY).total / r.peak_memory_bytes!))
      };
    };
    const step = (row: MeasuredMultiStepRow) => multiStepKey(row);
    return {
      twoGpu: {
        source: "data/gpu_multi_steps.csv (2 × NVIDIA H200, NVLink, plain PyTorch; LLaMA rows held out of every fit)",
        stepTime: {
          all: count(compared, ({c}) => within(c.timeRatio)),
          fit: count(compared.filter(({row}) => !isMultiHeldOut(row)), ({c}) => within(c.timeRatio)),
          heldOut: count(compared.filter(({row}) => isMultiHeldOut(row)), ({c}) => within(c.timeRatio)),
          withinMeasurementSpread: compared.filter(({verdict}) => verdict.verdict === "measurement-spread").length,
          knownMisses: compared.filter(({verdict}) => verdict.verdict === "known-miss").length,
          unexplained: compared.filter(({verdict}) => verdict.verdict === "unexplained").length,
          hostBoundRepeatSpread: round(spread),
          throughEstimate: {steps: publicPath.length, within10: publicPath.filter(within).length}
        },
        memory: {
          all: count(compared, ({c}) => within(c.memoryRatio)),
          heldOut: count(compared.filter(({row}) => isMultiHeldOut(row)), ({c}) => within(c.memoryRatio)),
          ddpFirstOrSteadyStep: ddpStates(compared)
        },
        timeMisses: compared.filter(({verdict}) => verdict.verdict !== "within").map(({row, c, verdict}) => ({
          step: step(row), heldOut: isMultiHeldOut(row), measuredSeconds: round(c.measuredSeconds), predictedSeconds: round(c.predictedSeconds),
          ratio: round(c.timeRatio), hostBound: c.hostBound, verdict: verdict.verdict, reason: "reason" in verdict ? verdict.reason : null
        })),
        memoryMisses: compared.filter(({c}) => !within(c.memoryRatio)).map(({row, c}) => ({
          step: step(row), heldOut: isMultiHeldOut(row), measuredGB: round(c.measuredMemoryBytes / 1e9), predictedGB: round(c.predictedMemoryBytes / 1e9),
          ratio: round(c.memoryRatio), steadyStateRatio: round(c.steadyMemoryRatio), reason: MULTI_MEMORY_KNOWN_MISSES.find((m) => m.match(row))?.reason ?? null
        }))
      },
      twoGpuWide: wideSteps(h200, busBandwidth),
      oneGpu: {
        source: "data/gpu_stack_steps.csv (one NVIDIA H200; nothing fitted on these rows)",
        pytorch: oneGpu("pytorch"),
        "pytorch-compile": oneGpu("pytorch-compile")
      }
    };
  }
};

/** The wide-layer 2 × H200 test set (bench/gpu/multi_steps_wide.csv, measured after the model was written; nothing fitted). */
function wideSteps(h200: Parameters<typeof compareMeasuredMultiStep>[1], busBandwidth: ReturnType<typeof busBandwidthFromRows>) {
  const path = "bench/gpu/multi_steps_wide.csv";
  const rows = loadCsvText(readFileSync(join(REPO_ROOT, path), "utf8"), path, datasetByName("gpu_multi_steps")) as unknown as MeasuredMultiStepRow[];
  const compared = rows.flatMap((row) => {
    const c = compareMeasuredMultiStep(row, h200, {busBandwidth});
    return c === null ? [] : [{row, c}];
  });
  return {
    source: `${path} (2 × NVIDIA H200; Llama 3 8B and 70B layer shapes; a test set, nothing fitted)`,
    stepTime: count(compared, ({c}) => within(c.timeRatio)),
    memory: count(compared, ({c}) => within(c.memoryRatio)),
    ddpFirstOrSteadyStep: ddpStates(compared),
    timeMisses: compared.filter(({c}) => !within(c.timeRatio)).map(({row, c}) => ({
      step: multiStepKey(row), ratio: round(c.timeRatio), reason: WIDE_STEP_TIME_KNOWN_MISSES.find((m) => m.match(row))?.reason ?? null
    })),
    memoryMisses: compared.filter(({c}) => !within(c.memoryRatio)).map(({row, c}) => ({
      step: multiStepKey(row), ratio: round(c.memoryRatio), steadyStateRatio: round(c.steadyMemoryRatio), reason: WIDE_MEMORY_KNOWN_MISSES.find((m) => m.match(row))?.reason ?? null
    }))
  };
}

/**
 * The DDP steps (both bucket modes) against the two peaks a DDP run can have (memory.ts
 * MemoryOptions.ddpFirstStepBuckets): the second step's, with the construction-time buckets still
 * allocated (the engine's prediction), and every later step's; which one a run's measured peak
 * caught is a race with the NCCL watchdog (bench/gpu/ddp_memory_sites.csv).
 */
function ddpStates(compared: readonly {row: MeasuredMultiStepRow; c: {memoryRatio: number; steadyMemoryRatio: number}}[]) {
  const ddp = compared.filter(({row}) => row.mode === "ddp" || row.mode === "ddp-bucket-view");
  return {
    steps: ddp.length,
    withinFirstStep: ddp.filter(({c}) => within(c.memoryRatio)).length,
    withinSteadyState: ddp.filter(({c}) => within(c.steadyMemoryRatio)).length,
    withinEither: ddp.filter(({c}) => within(c.memoryRatio) || within(c.steadyMemoryRatio)).length
  };
}
