// The calculator's view model: from the reader's choices to every figure the home page shows.
// Pure (no DOM): each number comes from an engine function; this file only wires them together
// and turns a requested layout into a legal one, saying what it changed.
import {calibrationOverridesFor} from "../engine/calibration/calibration.js";
import type {Calibration} from "../engine/calibration/calibration.js";
import {estimate} from "../engine/estimate.js";
import type {Estimate} from "../engine/estimate.js";
import {tpSplitsKvHeads} from "../engine/architecture.js";
import {gpuCountOf} from "../engine/parallelism.js";
import {predictStackStep} from "../engine/perf/stackStep.js";
import {mfuRangeFromBand, wholeRunTimeShare} from "../engine/runBand.js";
import {runGoodput} from "../engine/runGoodput.js";
import type {GpuSpec, ModelSpec, ParallelismSpec, Precision, Recompute, Stack, TrainingSpec, ZeroStage} from "../engine/types.js";
import type {StepPrediction} from "../engine/perf/stepTime.js";
import {grouped} from "./format.js";
import {recomputeRefusal} from "./runOptions.js";

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
  /** The reader's calibration (the "Calibrate to your cluster" page); applies where it has an entry for this GPU and precision. */
  calibration?: Calibration | null;
  /** The training software (engine stack.ts); default "megatron". */
  stack?: Stack;
  /**
   * The engine's whole-run track record (data/run_track_record.json correction, engine runBand.ts):
   * the unattributed overhead (median reported ÷ predicted GPU-hours of the fit runs) and the 10th
   * and 90th percentile of the out-of-sample residuals after it. When given and the MFU is
   * predicted, the point is the whole-run estimate (steady hours ÷ interruption goodput × overhead)
   * and the range spans the residuals around it.
   */
  gpuHoursBand?: {p10: number; p90: number; unattributedOverhead: number} | null;
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

/** "512 data-parallel ranks", "1 data-parallel rank". */
const ranks = (dp: number): string => `${grouped(dp)} data-parallel rank${dp === 1 ? "" : "s"}`;

/**
 * Turns a requested tp/pp over `gpuCount` GPUs into a layout predictStep accepts: tp divides the
 * heads, pp is at most the layers (uneven stages allowed), tp·pp ≤ gpuCount, dp = ⌊gpuCount / (tp·pp)⌋, and at least one
 * micro-batch per pipeline per step. Every change is reported, never silent.
 */
export function legalLayout(input: CalculatorInput): LegalLayout {
  const {model} = input;
  const notes: string[] = [];
  const count = Math.max(1, Math.floor(input.gpuCount));
  // Megatron-style tensor parallelism splits whole query heads over the ranks; key/value heads are
  // split evenly or, when fewer than the ranks, replicated (architecture.ts tpSplitsKvHeads: PaLM's
  // one KV head on 12-way model parallelism, Llama 3 70B's 8 on tp 16).
  const kvHeads = model.kvHeads ?? model.heads;
  let tp = Math.max(1, Math.min(input.tp, count));
  while (tp > 1 && !(model.heads % tp === 0 && tpSplitsKvHeads(model, tp))) tp--;
  if (tp !== input.tp) {
    const heads = kvHeads === model.heads
      ? `the ${model.heads} attention heads`
      : `the ${model.heads} query heads and either divide the ${kvHeads} key/value head${kvHeads === 1 ? "" : "s"} or be a multiple of ${kvHeads === 1 ? "it" : "them"}`;
    notes.push(`Tensor parallelism ${input.tp} → ${tp}: it must divide ${heads}, and fit in ${grouped(count)} GPU${count === 1 ? "" : "s"}.`);
  }
  // Stages may hold unequal numbers of layers (the engine's pipelineSplit, as Llama 3 did), but
  // every stage needs at least one layer.
  let pp = Math.max(1, Math.min(Math.floor(input.pp), model.layers, Math.floor(count / tp)));
  if (pp !== input.pp) notes.push(`Pipeline parallelism ${input.pp} → ${pp}: at most one stage per layer (${model.layers} layers), and it must fit in the GPUs left after tensor parallelism.`);
  else if (model.layers % pp !== 0) notes.push(`${model.layers} layers over ${pp} pipeline stages: the heaviest stages hold ${Math.ceil(model.layers / pp)} layers, the first and last fewer, and the heaviest sets the pace.`);
  tp = Math.max(1, tp);
  pp = Math.max(1, pp);
  const dp = Math.max(1, Math.floor(count / (tp * pp)));
  const used = tp * pp * dp;
  if (used !== count) notes.push(`${grouped(count)} GPUs do not divide into tensor ${tp} × pipeline ${pp}: the run uses ${grouped(used)} of them.`);
  // A step holds a whole number of micro-batches on every data-parallel rank (validateSpec).
  const tokensPerMicroStep = model.seqLen * input.microBatch * dp;
  const microSteps = Math.max(1, Math.round(input.globalBatchTokens / tokensPerMicroStep));
  const globalBatchTokens = microSteps * tokensPerMicroStep;
  const change = globalBatchTokens / input.globalBatchTokens - 1;
  if (Math.abs(change) > 0.01) {
    notes.push(`The global batch must be a whole number of ${grouped(model.seqLen)}-token sequences × micro-batch ${input.microBatch} × ${ranks(dp)}: ${change > 0 ? "raised" : "lowered"} to ${(globalBatchTokens / 1e6).toPrecision(3)}M tokens.`);
  }
  let ep = 1;
  if (model.experts) {
    ep = largestDivisorAtMost(gcd(model.experts.total, dp), input.ep);
    if (ep !== input.ep) notes.push(`Expert parallelism ${input.ep} → ${ep}: it must divide both the ${model.experts.total} experts and the ${ranks(dp)}.`);
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
  /** The engine's estimate for the legal layout: FLOPs, time, cost, energy, CO₂, memory, ranges. */
  estimate: Estimate;
  /** The step-time model's prediction for this layout (also when the reader assumes an MFU); null when it cannot predict this accelerator. */
  step: StepPrediction | null;
  /** True when the step-time model used the reader's calibration for this GPU and precision. */
  calibrated: boolean;
}

export function calculate(input: CalculatorInput): CalculatorResult {
  const layout = legalLayout(input);
  const {model, gpu, precision, tokens} = input;
  const gpusUsed = gpuCountOf(layout.parallelism);
  const spec: TrainingSpec = {
    model,
    tokens,
    hardware: {gpu: gpu.id, count: gpusUsed, usdPerGpuHour: input.usdPerGpuHour, mfu: input.mfuOverride},
    parallelism: layout.parallelism,
    precision,
    ...(input.stack ? {stack: input.stack} : {})
  };
  const overrides = calibrationOverridesFor(input.calibration, gpu.id, precision, spec.stack ?? null);
  const perf = overrides ? {calibration: overrides} : {};
  let step: StepPrediction | undefined;
  try {
    step = predictStackStep(spec, gpu, perf);
  } catch {
    // The step-time model lacks figures for this accelerator, or the chip lacks the number format;
    // estimate says which (an untimed, infeasible answer for the format; an error for the MFU).
  }
  const band = input.gpuHoursBand;
  // The band's residuals are reported ÷ (predicted after the same interruption loss, runPrediction.ts, × the overhead).
  const goodput = band && input.mfuOverride === undefined && step ? runGoodput({accelerators: gpusUsed}) : null;
  const stalled = goodput !== null && !(goodput.effectiveTrainingTime > 0);
  const wholeRun = band && goodput !== null && step && !stalled
    ? {mfuRange: mfuRangeFromBand(step.mfu, band), effectiveTimeRatio: wholeRunTimeShare(goodput.effectiveTrainingTime, band.unattributedOverhead)}
    : {};
  const result = estimate(spec, gpu, {predictStep: (s, g) => step ?? predictStackStep(s, g, perf), ...wholeRun});
  return {
    layout,
    gpusUsed,
    estimate: stalled ? unpriced(result, interruptionStallReason(goodput, gpusUsed)) : result,
    step: step ?? null,
    calibrated: overrides !== null && step !== undefined
  };
}

/**
 * Why a run whose interruptions leave it no time to train is not priced. The interruption model
 * (runGoodput.ts) is first-order: it charges each interruption its recovery time and holds while
 * interruptions are rare. Once one arrives before the last is recovered from, it charges all the
 * time, and no published run says what training achieves there, so the figure is unknown.
 */
function interruptionStallReason(goodput: ReturnType<typeof runGoodput> | null, accelerators: number): string {
  const perHour = goodput?.interruptionsPerAcceleratorHour ?? null;
  const lost = goodput?.secondsLostPerInterruption ?? null;
  if (goodput === null || perHour === null || lost === null) return "Interruptions would leave this run no time to train, so it is not priced: use fewer accelerators.";
  return "Interruptions would leave no time to train on this many accelerators: at Llama 3's rate (466 in 54 days on 16,384 GPUs) the job would stop about every " +
    `${Math.round(60 / (perHour * accelerators))} minutes, and each stop costs about ${Math.round(lost / 60)} minutes to detect, restart and catch up (MegaScale). ` +
    "No published run shows what training achieves then, so the engine does not price it: use fewer accelerators.";
}

/** The estimate marked infeasible for `reason`: not priced (an impossible or unknown run never is). */
function unpriced(e: Estimate, reason: string): Estimate {
  if (!e.timed) return {...e, reasons: [...e.reasons, reason]};
  return {...e, feasible: false, reasons: [...e.reasons, reason], costUsd: null, range: {...e.range, costUsd: null}};
}

/** Accelerators the legal layout of `input` uses. */
function legalGpuCount(input: CalculatorInput): number {
  return gpuCountOf(legalLayout(input).parallelism);
}

/**
 * Plain words for a combination `calculate` refuses (it threw): an MFU the step-time model cannot
 * predict for this chip. Never the engine's internal text. (A number format the chip lacks is not
 * a refusal: the estimate comes back infeasible and untimed, with its reason.)
 */
export function refusalWords(input: CalculatorInput, error: unknown): {message: string; hint?: string} {
  const recompute = recomputeRefusal(input.model, input.recompute, "this model");
  if (recompute !== null) return {message: `${recompute}.`, hint: "Choose none, selective or full recomputation under “Parallel layout”."};
  if (input.mfuOverride === undefined && input.gpu.scaleUpBytesPerSecond === null && input.gpu.scaleOutBytesPerSecond === null && legalGpuCount(input) > 1) {
    // The one figure missing is named (collectives.ts refuses a group with no link bandwidth).
    return {
      message: `the site's data (data/gpus.csv) has no interconnect bandwidth for the ${input.gpu.name}, so the time ${grouped(legalGpuCount(input))} of them spend communicating, and with it the MFU, is unknown.`,
      hint: "Turn off “Predict MFU” and set the utilisation you expect with the “Assumed MFU” slider, or predict one accelerator alone."
    };
  }
  if (input.mfuOverride === undefined) {
    return {
      message: `the step-time model cannot predict the MFU of the ${input.gpu.name}${input.precision === "fp32" ? " in FP32" : ""}: it lacks the figures it needs for this chip.`,
      hint: "Turn off “Predict MFU” and set the utilisation you expect with the “Assumed MFU” slider."
    };
  }
  return {message: error instanceof Error ? error.message : String(error)};
}
