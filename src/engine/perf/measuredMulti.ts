// The engine against the project's own multi-GPU measurements (data/gpu_multi_steps.csv, written
// by bench/gpu/multi_gpu.py on the lent 2 × H200 machine): plain-PyTorch steps under DDP, FSDP2
// and tensor parallelism, predicted by memoryPerGpu (the "pytorch" stack: foreach AdamW, tensor
// parallelism over the blocks alone, FSDP2, memory.ts MemoryOptions) and predictEagerStep, set
// beside what ran.
import type {GpuSpec, TrainingSpec} from "../types.js";
import {memoryPerGpu} from "../memory.js";
import type {MemoryOptions} from "../memory.js";
import {predictEagerStep} from "./eagerStep.js";
import type {EagerStepOptions} from "./eagerStep.js";
import {MEASURED_STACK} from "./measured.js";
import type {MeasuredStepRow} from "./measured.js";

export type MultiGpuMode = "single" | "ddp" | "ddp-bucket-view" | "fsdp2-reshard" | "fsdp2-no-reshard" | "tp2";

/** One row of data/gpu_multi_steps.csv, as the loader parses it: gpu_training_steps' model and
 * shape columns, with the GPU count and parallel mode in place of recompute and kernel time. */
export interface MeasuredMultiStepRow extends Pick<MeasuredStepRow,
  "model" | "family" | "layers" | "d_model" | "heads" | "kv_heads" | "ffn" | "seq_len" | "micro_batch" | "vocab" | "tied_embeddings" | "params" | "peak_memory_bytes" | "step_seconds"> {
  device: string;
  gpus: number;
  precision: "amp-bf16";
  mode: MultiGpuMode;
  status: "ok" | "oom" | "error";
}

/**
 * The rows of data/gpu_multi_steps.csv held out from every fit of the eager ("pytorch") step-time
 * model (perf/eagerStep.ts): every LLaMA-family row (TinyLlama 1.1B and Llama 3.2 3B: RMSNorm,
 * SwiGLU, rotary positions, grouped-query attention, a 128k vocabulary), 42 of the 110. Chosen on
 * 2026-12-01 before any constant was fitted; the GPT-2 rows are the fitting set.
 */
export const MULTI_HELD_OUT_MODELS: readonly string[] = ["tinyllama-1.1b", "llama-3.2-3b"];

/** Whether a measured multi-GPU row is held out from fitting (MULTI_HELD_OUT_MODELS). */
export function isMultiHeldOut(row: Pick<MeasuredMultiStepRow, "model">): boolean {
  return MULTI_HELD_OUT_MODELS.includes(row.model);
}

/** The layout of a mode in the engine's terms (FSDP2 without resharding keeps each layer's
 * gathered weights from forward to backward: weights whole at the peak, states sharded, ZeRO-2's
 * memory; Rajbhandari et al. 2020 Sec 5). */
function modeLayout(row: MeasuredMultiStepRow): Pick<TrainingSpec["parallelism"], "tp" | "dp" | "zeroStage"> {
  const n = row.gpus;
  switch (row.mode) {
    case "single": return {tp: 1, dp: 1, zeroStage: 0};
    case "ddp":
    case "ddp-bucket-view": return {tp: 1, dp: n, zeroStage: 0};
    case "fsdp2-reshard": return {tp: 1, dp: n, zeroStage: 3};
    case "fsdp2-no-reshard": return {tp: 1, dp: n, zeroStage: 2};
    case "tp2": return {tp: n, dp: 1, zeroStage: 0};
  }
}

/** The training spec of a measured multi-GPU row ("single": one GPU of the pair, alone). */
export function measuredMultiStepSpec(row: MeasuredMultiStepRow, gpuId: string): TrainingSpec {
  const llama = row.family === "llama";
  const layout = modeLayout(row);
  const count = row.mode === "single" ? 1 : row.gpus;
  const tokensPerStep = row.micro_batch * row.seq_len * layout.dp;
  return {
    model: {
      params: row.params, layers: row.layers, dModel: row.d_model, heads: row.heads, kvHeads: row.kv_heads,
      ffnDim: row.ffn, ffnKind: llama ? "swiglu" : "gelu", vocab: row.vocab, seqLen: row.seq_len,
      tiedEmbeddings: row.tied_embeddings, positionEmbedding: llama ? "rotary" : "learned", dropout: false
    },
    tokens: tokensPerStep,
    hardware: {gpu: gpuId, count},
    parallelism: {
      ...layout, pp: 1, microBatch: row.micro_batch, globalBatchTokens: tokensPerStep, recompute: "none",
      // the script's tensor parallel splits attention and MLP only, no sequence parallelism
      sequenceParallel: false, flashAttention: true
    },
    precision: row.precision,
    stack: MEASURED_STACK
  };
}

/**
 * The memory options a measured row ran with, beyond its stack's: DDP's gradient_as_bucket_view
 * (mode "ddp-bucket-view"), and with `steady` the peak of every step after the second, where DDP's
 * construction-time buckets are gone (memory.ts MemoryOptions.ddpFirstStepBuckets).
 */
export function measuredMultiMemoryOptions(row: Pick<MeasuredMultiStepRow, "mode">, steady = false): MemoryOptions {
  return {ddpGradientAsBucketView: row.mode === "ddp-bucket-view", ...(steady ? {ddpFirstStepBuckets: false} : {})};
}

export interface MeasuredMultiComparison {
  /** The run's predicted peak: for DDP the second step's, with both bucket sets (MemoryOptions.ddpFirstStepBuckets). */
  predictedMemoryBytes: number;
  measuredMemoryBytes: number;
  memoryRatio: number;
  /**
   * The steady-state peak of every later step (DDP: one bucket set; equal to predictedMemoryBytes
   * for the other modes) against the measured one. Whether a DDP run's measured peak caught the
   * second step's extra set is a race (memory.ts MemoryOptions.ddpFirstStepBuckets); a DDP row the
   * first-step prediction misses is judged against this one.
   */
  steadyMemoryRatio: number;
  predictedSeconds: number;
  measuredSeconds: number;
  timeRatio: number;
  /** The model's host seconds are at least its GPU seconds: the step's wall clock is the host's, the noisy kind. */
  hostBound: boolean;
}

/**
 * Predicted against measured peak memory and wall-clock step time of a row that ran. The step time
 * is eager PyTorch's (eagerStep.ts predictEagerStep: GPU kernels, host work and the collectives'
 * exposed share); pass the machine's measured NCCL bandwidth in `options.busBandwidth`.
 */
export function compareMeasuredMultiStep(row: MeasuredMultiStepRow, gpu: GpuSpec, options: EagerStepOptions = {}): MeasuredMultiComparison | null {
  if (row.status !== "ok" || row.peak_memory_bytes === null || row.step_seconds === null) return null;
  const spec = measuredMultiStepSpec(row, gpu.id);
  const predictedMemoryBytes = memoryPerGpu(spec, measuredMultiMemoryOptions(row)).total;
  const steadyMemoryBytes = memoryPerGpu(spec, measuredMultiMemoryOptions(row, true)).total;
  const eager = predictEagerStep(spec, gpu, options);
  const predictedSeconds = eager.secondsPerStep;
  return {
    predictedMemoryBytes, measuredMemoryBytes: row.peak_memory_bytes, memoryRatio: predictedMemoryBytes / row.peak_memory_bytes,
    steadyMemoryRatio: steadyMemoryBytes / row.peak_memory_bytes,
    predictedSeconds, measuredSeconds: row.step_seconds, timeRatio: predictedSeconds / row.step_seconds,
    hostBound: eager.hostSeconds >= eager.gpuSeconds
  };
}

/** The settings that identify a measured multi-GPU step, as one string. */
export function multiStepKey(r: Pick<MeasuredMultiStepRow, "model" | "seq_len" | "micro_batch" | "mode">): string {
  return `${r.model}|${r.seq_len}|${r.micro_batch}|${r.mode}`;
}

/** A group of measured multi-GPU steps whose wall-clock time the eager model misses by more than ±10%, and why. */
export interface MultiStepTimeMiss {
  match: (row: MeasuredMultiStepRow) => boolean;
  reason: string;
}

/** Host-bound single and DDP steps missed by 10–17% (listed one by one, so no other row hides here). */
const EDGE_ROWS = new Set([
  "gpt2-medium|1024|1|ddp", "gpt2-medium|1024|4|single", "gpt2-large|1024|1|single", "gpt2-large|1024|4|ddp-bucket-view", "tinyllama-1.1b|1024|1|ddp"
]);

/**
 * Where predictEagerStep misses the measured 2 × H200 step time by more than ±10%
 * (tests/engine/perf/measuredMulti.test.ts: every other row within ±10%, these within ±30%).
 */
export const MULTI_STEP_TIME_KNOWN_MISSES: readonly MultiStepTimeMiss[] = [
  {
    match: (r) => r.mode === "fsdp2-reshard" || r.mode === "fsdp2-no-reshard",
    reason: "FSDP2's own host work is one constant per fully_shard unit (fitted on GPT-2), and the measurements do not follow one constant: beyond a single GPU's host time it falls from about 4.6 ms a unit for GPT-2 medium to 3.4 ms for GPT-2 XL and 2.7–3.1 ms for the LLaMA blocks (6 parameter tensors each against GPT-2's 12), and steps of one shape differ by up to 50 ms with no pattern in batch size (GPT-2 medium without resharding: 0.164 s at b = 1, 0.112 s at b = 4). Which part scales with parameter tensors is not yet modelled. Checked and not adopted: a host term of its own for resharding (each block's extra unshard before its backward), fitted jointly with the per-unit one on the GPT-2 FSDP2 rows (2.9 ms a unit + 1.0 ms a resharded block), took those from 11 to 14 of 24 within ±10% but the held-out LLaMA ones from 12 to 10 of 14. Most of these steps are host-bound, where wall-clock time repeats only within 0.67–1.65× between runs (bench/gpu/stack_steps_repeat.csv). Llama 3.2 3B with resharding on one 1,024-token sequence (18–20% under the two runs, 0.212 and 0.216 s) is where host and GPU work are even in the model: resharding cost it 32–43 ms over not resharding in the two runs, about what the backward's 28 extra fp32 all-gathers (23 ms at the measured NCCL rate) and their copy-outs (8 ms) take with none of it hidden, where the model hides 36% of every collective behind compute. Checked and not adopted: exposing only what each block's matmul and attention time cannot cover leaves 41% of this step's collectives exposed, less than the model's 64%, so it does not reach it either; the copy-outs run on the compute stream and are counted."
  },
  {
    match: (r) => r.mode === "tp2",
    reason: "Eager DTensor tensor parallelism is host-bound (0.16–0.35 s a step whatever the batch). Its dispatch is one constant per layer (fitted on GPT-2), but measured it takes 7.4–11 ms a layer in all, by model: most for Llama 3.2 3B, least for TinyLlama. Being host-bound, these steps repeat only within 0.67–1.65× between runs (bench/gpu/stack_steps_repeat.csv)."
  },


  {
    match: (r) => EDGE_ROWS.has(multiStepKey(r)),
    reason: "Missed by 10–17%. TinyLlama under DDP on one 1,024-token sequence (15% under) ran 0.070 s here and 0.090 s when the grid was measured again (bench/gpu/multi_steps_repeat.csv), 1.29× apart, and the model's GPU and host work for it are within 6% of each other, where the wall clock is least stable; DDP with gradient_as_bucket_view, the same work less one gradient copy, took 0.063 s. Host-bound steps (one to four 1,024-token sequences) are below the measurement's own repeatability: two runs of the same host-bound step on the same H200 differ by 0.58–1.72× in wall-clock time (median 1.16×) while kernel time reproduces within 2% (bench/gpu/stack_steps_repeat.csv). A longer timing protocol does not remove it: with 35 timed steps a configuration, 8 of 20 host-bound one-H200 steps still differed by more than 10% between two runs (up to 1.33×), and trials within one run by up to 1.86× (bench/gpu/stack_steps_protocol.csv)."
  }
];

/** The known step-time miss that covers `row`, if any. */
export function multiStepTimeKnownMiss(row: MeasuredMultiStepRow): MultiStepTimeMiss | undefined {
  return MULTI_STEP_TIME_KNOWN_MISSES.find((m) => m.match(row));
}

/** A group of measured multi-GPU steps whose peak memory the engine misses by more than ±10%, and why. */
export const MULTI_MEMORY_KNOWN_MISSES: readonly MultiStepTimeMiss[] = [
  {
    match: (r) => r.mode === "ddp" || r.mode === "ddp-bucket-view",
    reason: "DDP, both bucket modes: a DDP run has two peaks, and which one its measured peak caught is a race. DDP rebuilds its gradient buckets at the start of the second step, and the set it made at construction stays allocated until the NCCL watchdog thread finds the first step's all-reduces complete (ProcessGroupNCCL stashes each collective's inputs in its work object; DDP never waits on the work): an allocator trace of the same 11-step protocol on one H200 names both sets alive at the second step's backward peak, 4 bytes a parameter each, and one set in every later step (bench/gpu/ddp_memory.py, ddp_memory_sites.csv); waiting 0.5 s after the first step removes the second set (ddp_memory_pause0.csv against ddp_memory_pause05.csv). The engine predicts the second step's peak, the one a run must fit: 30 of the 38 DDP steps here are within ±10% of it. The other 8 (5 with gradient_as_bucket_view) are its listed misses, and each is within −4 to +2% of the steady-state prediction of every later step (all 38 within ±10% of one of the two). Measured again, 8 of the 38 peaked exactly one set (4 bytes a parameter, ±1%) away from the first run and others part of a set (bench/gpu/multi_steps_repeat.csv)."
  },
  {
    match: (r) => multiStepKey(r) === "gpt2-medium|1024|1|fsdp2-reshard",
    reason: "Over-predicted by 21%: GPT-2 medium on one 1,024-token sequence, where the unsharded logits, autocast copies and FSDP2's fp32 gathered root unit and two blocks are a large share of a small peak; every other FSDP2 step is within ±10% (−5 to +6%). The one-GPU part is right: the same step alone on one H200 peaks at 18.50 bytes a parameter in its backward (bench/gpu/fsdp_memory_phases.csv), the engine's 18.31; what FSDP2 on two ranks leaves out of that peak is not yet known (FSDP2 on one rank gathers nothing, so the one-H200 run cannot show it)."
  }
];

/** Two timings of the same step (data/gpu_stack_steps.csv and bench/gpu/stack_steps_repeat.csv, the same grid measured again the same day). */
export interface RepeatedStep {
  stepSeconds: readonly [number, number];
  kernelSeconds: readonly [number, number];
}

/**
 * The measurement's own error bar on a host-bound wall-clock step: the median factor by which two
 * runs of the same step differ, over the repeated steps whose GPU was busy less than 90% of the
 * step in both runs (kernel time reproduces within 2%; the wall clock does not). Computed from the
 * files, not set by hand.
 */
export function hostBoundRepeatSpread(pairs: readonly RepeatedStep[]): number {
  const logs = pairs
    .filter((p) => p.kernelSeconds[0] / p.stepSeconds[0] < 0.9 && p.kernelSeconds[1] / p.stepSeconds[1] < 0.9)
    .map((p) => Math.abs(Math.log(p.stepSeconds[0] / p.stepSeconds[1])))
    .sort((a, b) => a - b);
  if (logs.length === 0) throw new RangeError("hostBoundRepeatSpread: no host-bound step was measured twice");
  const mid = logs.length / 2;
  return Math.exp(logs.length % 2 === 1 ? logs[Math.floor(mid)]! : (logs[mid - 1]! + logs[mid]!) / 2);
}

/** How a measured step's predicted time stands: within ±10%, within the measurement's own spread, or a listed miss. */
export type MultiStepTimeVerdict =
  | {verdict: "within"}
  | {verdict: "measurement-spread"; reason: string}
  | {verdict: "known-miss"; reason: string}
  | {verdict: "unexplained"};

/**
 * The verdict on one step's time: within ±10%; else, when the model says the step is host-bound and
 * the miss is within `spread` (hostBoundRepeatSpread) either way, not a miss of the model but of a
 * single wall-clock run; else its MULTI_STEP_TIME_KNOWN_MISSES reason; else unexplained (the tests
 * allow none).
 */
export function multiStepTimeVerdict(row: MeasuredMultiStepRow, c: Pick<MeasuredMultiComparison, "timeRatio" | "hostBound">, spread: number): MultiStepTimeVerdict {
  if (Math.abs(c.timeRatio - 1) <= 0.1) return {verdict: "within"};
  if (c.hostBound && Math.abs(Math.log(c.timeRatio)) <= Math.log(spread)) {
    return {verdict: "measurement-spread", reason: `host-bound, and missed by less than two runs of the same host-bound step differ (median ${spread.toFixed(2)}×, bench/gpu/stack_steps_repeat.csv; a longer timing protocol still leaves 8 of 20 such steps more than 10% apart between runs, bench/gpu/stack_steps_protocol.csv)`};
  }
  const miss = multiStepTimeKnownMiss(row);
  return miss ? {verdict: "known-miss", reason: miss.reason} : {verdict: "unexplained"};
}

/**
 * Where the eager model misses the wide-layer 2 × H200 steps (bench/gpu/multi_steps_wide.csv: the
 * Llama 3 8B layer shape cut to 8 layers and the 70B shape cut to 2, measured twice, after the model
 * was written; nothing fitted to them). These steps are GPU-bound and repeat within 4%, so each miss
 * is the model's. tests/engine/perf/multiWide.test.ts holds every step to its group's range.
 */
export const WIDE_STEP_TIME_KNOWN_MISSES: readonly MultiStepTimeMiss[] = [
  // None since 2026-12-01: the last, FSDP2 with resharding on the 70B cut at one 1,024-token
  // sequence (13–17% under), came within ±10% (−10%) when autocast's weight casts were counted at
  // the rate measured for them (eagerStep.ts autocastCastSeconds, bench/gpu/op_breakdown.csv) and
  // the fitted constants were refitted on the GPT-2 rows. Its root unit (the embedding and output
  // layer, 55% of the parameters) is gathered before any compute and reduce-scattered after it,
  // which the fitted exposed share does not single out; it is the step of this set the model
  // times shortest.
];

/** Where memoryPerGpu misses the wide-layer 2 × H200 steps, and why. */
export const WIDE_MEMORY_KNOWN_MISSES: readonly MultiStepTimeMiss[] = [
  {
    match: (r) => r.mode === "ddp-bucket-view",
    reason: "DDP with gradient_as_bucket_view, over-predicted by 13–22% on the three 70B-cut shapes and one 8B shape: their measured peaks are the steady state of every step after the second (within −1 to +2% of it), where DDP's construction-time buckets are gone; the engine predicts the second step's peak with them. Measured again, the 70B cut at 2,048 × 1 caught 3 of the second set's 4 bytes a parameter: 88.2 against 76.8 GB (bench/gpu/multi_steps_wide_repeat.csv)."
  }
];
