// One call from a training spec to everything it costs: FLOPs, time, GPU-hours, dollars,
// energy, CO₂ and memory per GPU, with a range from the uncertainty in MFU.
import type {GpuSpec, MemoryBreakdown, TrainingSpec} from "./types.js";
import type {FlopsPerToken} from "./flops.js";
import {flopsPerToken} from "./flops.js";
import {memoryPerGpu} from "./memory.js";
import type {MemoryOptions} from "./memory.js";
import {peakFlopsOrNull} from "./gpu.js";
import {gpuHours as toGpuHours, wallClockDays as toDays, computeCostUsd} from "./cost.js";
import type {Pricing} from "./cost.js";
import {co2Kg as toCo2Kg, energyJoules, joulesToKwh} from "./energy.js";
import {checkSpec} from "./specCheck.js";
import {causalToFullFlopsRatio} from "./mfuConvention.js";
import {predictStackStep} from "./perf/stackStep.js";
import {memoryReason, precisionReason, tokensReason} from "./feasibility.js";
import {acceleratorWords} from "./acceleratorWords.js";
import {calibrationOverridesFor} from "./calibration/calibration.js";
import type {Calibration} from "./calibration/calibration.js";
import {LLAMA3_UNEXPECTED_INTERRUPTIONS_PER_GPU_HOUR, expectedInterruptions} from "./reliability.js";

/** A spec that validates but cannot be estimated (e.g. no MFU and no performance model). */
export class EstimateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EstimateError";
  }
}

/** What a step-time model must return for `estimate` to use its MFU. */
export interface StepPredictor {
  (spec: TrainingSpec, gpu: GpuSpec): {mfu: number};
}

/**
 * Default MFU band for the range, as factors of the point MFU: [0.65, 1.1].
 * - Low 0.65: published MFUs are steady-state figures; whole runs also spend time on restarts,
 *   evaluation and ramp-up. Across the runs of data/training_runs.csv that report MFU, GPU and
 *   GPU-hours, the utilisation their GPU-hours imply is 0.66–0.93 of the reported MFU (PaLM 540B
 *   the lowest: 46.2% MFU, Chowdhery et al. 2022 Table 3, against ~30% over 8.4M chip-hours that
 *   include downtime). tests/engine/validation.test.ts checks the band still covers those rows.
 * - High 1.1: the step-time model's error on held-out measurements is within 10%
 *   (tests/engine/perf, Korthikanti et al. 2022 Table 4).
 */
export const DEFAULT_MFU_RANGE_FACTORS = {low: 0.65, high: 1.1} as const;

export interface EstimateOptions {
  /** How GPU time is paid for. Default: on-demand at `spec.hardware.usdPerGpuHour` when given; otherwise cost is null. */
  pricing?: Pricing;
  /** Energy inputs (see energy.ts for the sourced defaults). */
  pue?: number;
  powerFractionOfTdp?: number;
  kgCo2PerKwh?: number;
  /**
   * Fraction of wall-clock time spent on useful training steps (restarts, checkpoints and
   * evaluation take the rest; reliability.ts estimates it). Default 1. Llama 3 reports "> 90%"
   * (Dubey et al. 2024 Sec 3.3.4).
   */
  effectiveTimeRatio?: number;
  /** Unexpected interruptions per GPU-hour. Default: Llama 3 405B's 419 in 54 days on 16,384 H100s (reliability.ts). */
  failuresPerGpuHour?: number;
  /** Count only the causal half of attention FLOPs. Default false (see flops.ts). */
  causalAttention?: boolean;
  /** How the training code holds logits and gradients (see memory.ts); default: what `spec.stack` implies (stack.ts). */
  memory?: MemoryOptions;
  /** Step-time model used when `spec.hardware.mfu` is absent. Default: the model of the spec's stack (perf/stackStep.ts: the fused-stack model for "megatron", the plain-PyTorch one for "pytorch" and "pytorch-compile"). */
  predictStep?: StepPredictor;
  /** MFU band for the range, as [low, high] in (0, 1]. Default: mfu × DEFAULT_MFU_RANGE_FACTORS, capped at 1. */
  mfuRange?: [number, number];
  /**
   * A reader's calibration (calibration/fit.ts): when it has an entry for this GPU and precision,
   * the default step-time model predicts with its factors instead of the engine's constants.
   */
  calibration?: Calibration | null;
}

/** A low–high pair: low is the optimistic (high-MFU) end for time and cost. */
export interface Range {
  low: number;
  high: number;
}

/** What every estimate has, whether or not the run can be timed. */
interface EstimateCommon {
  /** Model FLOPs of the whole run (MFU convention: no recomputation). */
  trainingFlops: number;
  /** Model FLOPs + recomputation. */
  hardwareFlops: number;
  /** Model FLOPs per token (forward + backward). */
  flopsPerToken: number;
  /** Per-token breakdown: forward, backward, recomputation, 6N. */
  flopsBreakdown: FlopsPerToken;
  /** 6 · N(active) · D, for comparison. */
  approx6ND: number;
  memoryPerGpuBytes: MemoryBreakdown;
  fitsInMemory: boolean;
  /** GPU memory left (negative when it does not fit), bytes. */
  memoryHeadroomBytes: number;
  /**
   * Whether the run can happen: the chip has the number format (precisionReason) and the memory
   * per GPU fits (memoryReason). When false, `reasons` says why in reader words and costUsd is null.
   */
  feasible: boolean;
  reasons: string[];
}

/** A run the engine can time: the chip has a peak for its number format. It may still not fit in memory (feasible false, cost null). */
export interface TimedEstimate extends EstimateCommon {
  timed: true;
  mfu: number;
  mfuSource: "input" | "predicted";
  /**
   * The same steps' MFU with only the causal half of the attention matrix counted (mfuConvention.ts):
   * `mfu` counts the full matrix, as PaLM, Megatron-LM and the published MFUs do.
   */
  mfuCausalAttention: number;
  /** True when the predicted MFU used the reader's calibration (EstimateOptions.calibration). */
  calibrated: boolean;
  /** Dense peak FLOP/s per GPU used as the MFU denominator. */
  peakFlopsPerSecond: number;
  trainingSeconds: number;
  gpuHours: number;
  wallClockDays: number;
  /** Null when no price was given, and when the run is infeasible (an impossible run is never priced). */
  costUsd: number | null;
  /** Null when the GPU's TDP is unknown. */
  energyKwh: number | null;
  co2Kg: number | null;
  /** Expected unexpected interruptions over the run's wall-clock time at `failuresPerGpuHour`. */
  expectedInterruptions: number;
  /** Ranges from the MFU band. */
  range: {mfu: Range; gpuHours: Range; wallClockDays: Range; costUsd: Range | null; energyKwh: Range | null; co2Kg: Range | null};
}

/**
 * A run in a number format the chip lacks (precisionReason): it cannot happen, and with no peak to
 * divide by nothing about its time can be computed, so every time, cost and energy field is null.
 */
export interface UntimedEstimate extends EstimateCommon {
  timed: false;
  feasible: false;
  mfu: null;
  mfuSource: null;
  mfuCausalAttention: null;
  calibrated: false;
  peakFlopsPerSecond: null;
  trainingSeconds: null;
  gpuHours: null;
  wallClockDays: null;
  costUsd: null;
  energyKwh: null;
  co2Kg: null;
  expectedInterruptions: null;
  range: null;
}

/** The engine's answer for a spec: timed (and priced when feasible), or untimed with the reasons why. */
export type Estimate = TimedEstimate | UntimedEstimate;

/**
 * Estimates a spec on a GPU. MFU is `spec.hardware.mfu` when given, else predicted by the
 * step-time model. A run the chip cannot train (a number format it lacks) is not an error: the
 * answer is an UntimedEstimate with `feasible: false` and the reasons. Throws SpecError for a bad
 * spec, and EstimateError when the options are bad or the MFU cannot be predicted.
 */
/** `x` to three significant figures, for messages. */
function sigFigures(x: number): string {
  return x.toPrecision(3);
}

export function estimate(input: TrainingSpec, gpu: GpuSpec, options: EstimateOptions = {}): Estimate {
  const spec = checkSpec(input);
  if (spec.hardware.gpu !== gpu.id) throw new EstimateError(`spec.hardware.gpu is "${spec.hardware.gpu}" but the GPU given is "${gpu.id}"`);
  const effective = options.effectiveTimeRatio ?? 1;
  if (!(effective > 0 && effective <= 1)) throw new EstimateError(`effectiveTimeRatio must be in (0, 1], got ${effective}`);

  const fpt = flopsPerToken(spec.model, {recompute: spec.parallelism.recompute, causalAttention: options.causalAttention ?? false});
  const trainingFlops = fpt.modelFlops * spec.tokens;
  const memory = memoryPerGpu(spec, options.memory);
  const common = {
    trainingFlops,
    hardwareFlops: fpt.hardwareFlops * spec.tokens,
    flopsPerToken: fpt.modelFlops,
    flopsBreakdown: fpt,
    approx6ND: fpt.approx6N * spec.tokens,
    memoryPerGpuBytes: memory,
    fitsInMemory: memory.total <= gpu.hbmBytes,
    memoryHeadroomBytes: gpu.hbmBytes - memory.total
  };
  const reasons = [precisionReason(gpu, spec.precision), tokensReason(spec), memoryReason(gpu, memory.total)].filter((r): r is string => r !== null);
  const peak = peakFlopsOrNull(gpu, spec.precision);
  // No peak for the run's number format: nothing to time, and nothing to ask the step-time model.
  if (peak === null) return untimed(common, reasons);

  let mfu = spec.hardware.mfu;
  let mfuSource: TimedEstimate["mfuSource"] = "input";
  const overrides = options.predictStep ? null : calibrationOverridesFor(options.calibration, gpu.id, spec.precision, spec.stack ?? null);
  if (mfu === undefined) {
    try {
      mfu = (options.predictStep ?? ((s: TrainingSpec, g: GpuSpec) => predictStackStep(s, g, overrides ? {calibration: overrides} : {})))(spec, gpu).mfu;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EstimateError(`cannot predict MFU: ${reason}. Give an MFU instead (hardware.mfu, in (0, 1])`);
    }
    mfuSource = "predicted";
    if (!(mfu > 0 && mfu <= 1)) throw new EstimateError(`the performance model predicted an MFU of ${mfu}, outside (0, 1]`);
  }

  const count = spec.hardware.count;

  const at = (m: number) => {
    const seconds = trainingFlops / (count * peak * m) / effective;
    // A spec can pass every field's check and still ask for more than a number holds (1e308 tokens):
    // name the input rather than the internal quantity that overflowed.
    if (!Number.isFinite(seconds * count)) throw new EstimateError(`tokens: ${sigFigures(spec.tokens)} tokens at ${sigFigures(fpt.modelFlops)} FLOPs each need more ${acceleratorWords(gpu.id).hours} than a number can hold; give fewer tokens`);
    const hours = toGpuHours(seconds, count);
    const pricing: Pricing | undefined =
      options.pricing ?? (spec.hardware.usdPerGpuHour !== undefined ? {model: "on-demand", usdPerGpuHour: spec.hardware.usdPerGpuHour} : undefined);
    const cost = pricing ? computeCostUsd(hours, pricing).usd : null;
    if (cost !== null && !Number.isFinite(cost)) throw new EstimateError(`hardware.usdPerGpuHour: ${sigFigures(pricing?.usdPerGpuHour ?? 0)} US$ per ${acceleratorWords(gpu.id).hour} over ${sigFigures(hours)} ${acceleratorWords(gpu.id).hours} is more dollars than a number can hold; give a real price`);
    const energyKwh =
      gpu.tdpWatts === null
        ? null
        : joulesToKwh(energyJoules({gpuHours: hours, tdpWatts: gpu.tdpWatts, powerFractionOfTdp: options.powerFractionOfTdp, pue: options.pue}));
    const co2 = energyKwh === null ? null : toCo2Kg(energyKwh, options.kgCo2PerKwh);
    return {seconds, hours, days: toDays(seconds), cost, energyKwh, co2};
  };

  const [mfuLow, mfuHigh] = options.mfuRange ?? [mfu * DEFAULT_MFU_RANGE_FACTORS.low, Math.min(1, mfu * DEFAULT_MFU_RANGE_FACTORS.high)];
  if (!(mfuLow > 0 && mfuLow <= mfuHigh && mfuHigh <= 1)) throw new EstimateError(`mfuRange must satisfy 0 < low ≤ high ≤ 1, got [${mfuLow}, ${mfuHigh}]`);
  const mid = at(mfu);
  const fast = at(mfuHigh);
  const slow = at(mfuLow);
  const range = (a: number | null, b: number | null): Range | null => (a === null || b === null ? null : {low: a, high: b});

  const feasible = reasons.length === 0;
  return {
    ...common,
    timed: true,
    mfu,
    mfuSource,
    mfuCausalAttention: options.causalAttention ? mfu : mfu * causalToFullFlopsRatio(spec.model),
    calibrated: mfuSource === "predicted" && overrides !== null,
    peakFlopsPerSecond: peak,
    trainingSeconds: mid.seconds,
    gpuHours: mid.hours,
    wallClockDays: mid.days,
    costUsd: feasible ? mid.cost : null,
    energyKwh: mid.energyKwh,
    co2Kg: mid.co2,
    expectedInterruptions: expectedInterruptions({
      failuresPerGpuHour: options.failuresPerGpuHour ?? LLAMA3_UNEXPECTED_INTERRUPTIONS_PER_GPU_HOUR,
      gpuCount: count,
      seconds: mid.seconds
    }),
    feasible,
    reasons,
    range: {
      mfu: {low: mfuLow, high: mfuHigh},
      gpuHours: {low: fast.hours, high: slow.hours},
      wallClockDays: {low: fast.days, high: slow.days},
      costUsd: feasible ? range(fast.cost, slow.cost) : null,
      energyKwh: range(fast.energyKwh, slow.energyKwh),
      co2Kg: range(fast.co2, slow.co2)
    }
  };
}

/** The answer for a run the chip has no number format for: the FLOPs and memory, no time, no price. */
function untimed(common: Omit<EstimateCommon, "feasible" | "reasons">, reasons: string[]): UntimedEstimate {
  return {
    ...common,
    timed: false,
    feasible: false,
    reasons,
    mfu: null,
    mfuSource: null,
    mfuCausalAttention: null,
    calibrated: false,
    peakFlopsPerSecond: null,
    trainingSeconds: null,
    gpuHours: null,
    wallClockDays: null,
    costUsd: null,
    energyKwh: null,
    co2Kg: null,
    expectedInterruptions: null,
    range: null
  };
}
