// The calculator's view model: from the reader's choices to every figure the home page shows.
// Pure (no DOM): each number comes from an engine function; this file only wires them together
// and turns a requested layout into a legal one, saying what it changed.
import {flopsPerToken, gpuCountOf, memoryPerGpu, predictStep, peakFlopsForPrecision} from "../engine/index.js";
import type {GpuSpec, MemoryBreakdown, ModelSpec, ParallelismSpec, Precision, Recompute, ZeroStage} from "../engine/types.js";
import type {StepPrediction} from "../engine/perf/stepTime.js";

/** What the reader asked for. */
export interface CalculatorInput {
  model: ModelSpec;
  /** Training tokens. */
  tokens: number;
  gpu: GpuSpec;
  /** Accelerators the reader has. */
  gpuCount: number;
  usdPerGpuHour: number;
  precision: Precision;
  /** Requested tensor and pipeline degrees (made legal by `legalLayout`). */
  tp: number;
  pp: number;
  /** Requested expert-parallel degree (MoE models only; ignored for dense ones). */
  ep: number;
  zeroStage: ZeroStage;
  recompute: Recompute;
  microBatch: number;
  /** Tokens per optimizer step (global batch). */
  globalBatchTokens: number;
  /** Model FLOPs utilisation to assume instead of the prediction, in (0, 1]; undefined = predict. */
  mfuOverride?: number;
}

export interface LegalLayout {
  parallelism: ParallelismSpec;
  /** One sentence per adjustment made to the request. */
  notes: string[];
}

const largestDivisorAtMost = (n: number, limit: number): number => {
  for (let d = Math.max(1, Math.min(n, Math.floor(limit))); d >= 1; d--) if (n % d === 0) return d;
  return 1;
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Turns a requested tp/pp over `gpuCount` GPUs into a layout predictStep accepts: tp divides the
 * heads, pp divides the layers, tp·pp ≤ gpuCount, dp = ⌊gpuCount / (tp·pp)⌋, and at least one
 * micro-batch per pipeline per step. Every change is reported, never silent.
 */
export function legalLayout(input: CalculatorInput): LegalLayout {
  const {model} = input;
  const notes: string[] = [];
  const count = Math.max(1, Math.floor(input.gpuCount));
  let tp = largestDivisorAtMost(model.heads, Math.min(input.tp, count));
  if (tp !== input.tp) notes.push(`Tensor parallelism ${input.tp} → ${tp}: it must divide the ${model.heads} attention heads and fit in ${count.toLocaleString("en-US")} GPUs.`);
  let pp = largestDivisorAtMost(model.layers, Math.min(input.pp, Math.floor(count / tp)));
  if (pp !== input.pp) notes.push(`Pipeline parallelism ${input.pp} → ${pp}: it must divide the ${model.layers} layers and fit in the GPUs left after tensor parallelism.`);
  tp = Math.max(1, tp);
  pp = Math.max(1, pp);
  const dp = Math.max(1, Math.floor(count / (tp * pp)));
  const used = tp * pp * dp;
  if (used !== count) notes.push(`${count.toLocaleString("en-US")} GPUs do not divide into tensor ${tp} × pipeline ${pp}: the run uses ${used.toLocaleString("en-US")} of them.`);
  const tokensPerMicroStep = model.seqLen * input.microBatch * dp;
  let globalBatchTokens = input.globalBatchTokens;
  if (globalBatchTokens < tokensPerMicroStep) {
    globalBatchTokens = tokensPerMicroStep;
    notes.push(`The global batch must hold at least one ${model.seqLen.toLocaleString("en-US")}-token sequence × micro-batch ${input.microBatch} per data-parallel rank: raised to ${(tokensPerMicroStep / 1e6).toPrecision(3)}M tokens.`);
  }
  let ep = 1;
  if (model.experts) {
    ep = largestDivisorAtMost(gcd(model.experts.total, dp), input.ep);
    if (ep !== input.ep) notes.push(`Expert parallelism ${input.ep} → ${ep}: it must divide both the ${model.experts.total} experts and the ${dp.toLocaleString("en-US")} data-parallel ranks.`);
  }
  const zeroStage = dp === 1 ? 0 : input.zeroStage;
  if (zeroStage !== input.zeroStage) notes.push("ZeRO needs more than one data-parallel rank: using stage 0.");
  return {
    parallelism: {tp, pp, dp, ep, zeroStage, microBatch: input.microBatch, globalBatchTokens, recompute: input.recompute},
    notes
  };
}

export interface CalculatorResult {
  layout: LegalLayout;
  gpusUsed: number;
  /** Training FLOPs counted from the architecture (model FLOPs, no recomputation). */
  flops: number;
  /** 6 · active parameters · tokens. */
  flops6N: number;
  /** The step-time model's prediction for this layout. */
  step: StepPrediction;
  /** The MFU used for time and cost: predicted, or the reader's override. */
  mfu: number;
  mfuSource: "predicted" | "assumed";
  peakFlopsPerSecond: number;
  wallSeconds: number;
  gpuHours: number;
  usd: number;
  memory: MemoryBreakdown;
  fitsInMemory: boolean;
}

export function calculate(input: CalculatorInput): CalculatorResult {
  const layout = legalLayout(input);
  const {model, gpu, precision, tokens} = input;
  const perToken = flopsPerToken(model);
  const flops = perToken.modelFlops * tokens;
  const flops6N = perToken.approx6N * tokens;
  const step = predictStep({model, tokens, hardware: {gpu: gpu.id, count: gpuCountOf(layout.parallelism)}, parallelism: layout.parallelism, precision}, gpu);
  const mfuSource = input.mfuOverride === undefined ? "predicted" : "assumed";
  const mfu = input.mfuOverride ?? step.mfu;
  const peakFlopsPerSecond = peakFlopsForPrecision(gpu, precision);
  const gpusUsed = gpuCountOf(layout.parallelism);
  const wallSeconds = flops / (gpusUsed * peakFlopsPerSecond * mfu);
  const gpuHours = (wallSeconds * gpusUsed) / 3600;
  const memory = memoryPerGpu({model, parallelism: layout.parallelism, precision});
  return {
    layout,
    gpusUsed,
    flops,
    flops6N,
    step,
    mfu,
    mfuSource,
    peakFlopsPerSecond,
    wallSeconds,
    gpuHours,
    usd: gpuHours * input.usdPerGpuHour,
    memory,
    fitsInMemory: memory.total <= gpu.hbmBytes
  };
}
