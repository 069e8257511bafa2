// GPU-hours, wall-clock time, dollars and checkpoint storage. Prices are inputs: the engine
// holds no price list (cloud prices change monthly and differ by contract).
import type {PricingModel, Precision} from "./types.js";
import {SECONDS_PER_DAY, SECONDS_PER_HOUR} from "./units.js";
import {PRECISION_BYTES} from "./precision.js";

/** GPU-hours of `gpuCount` GPUs busy for `seconds`. */
export function gpuHours(seconds: number, gpuCount: number): number {
  return (seconds * gpuCount) / SECONDS_PER_HOUR;
}

/** Seconds → days (wall clock). */
export function wallClockDays(seconds: number): number {
  return seconds / SECONDS_PER_DAY;
}

/**
 * How GPU time is bought. On-demand and reserved differ only in the rate the caller gives.
 * Spot capacity is cheaper but preempted: `preemptionOverhead` is the extra fraction of GPU-hours
 * spent re-doing lost work and restarting (0.1 = 10% more hours). It has no default: it depends
 * on the provider, region, checkpoint interval and restart time (see reliability.ts for the
 * checkpoint-interval arithmetic that bounds it).
 */
export type Pricing =
  | {model: Extract<PricingModel, "on-demand" | "reserved">; usdPerGpuHour: number}
  | {model: Extract<PricingModel, "spot">; usdPerGpuHour: number; preemptionOverhead: number};

export interface ComputeCost {
  /** GPU-hours billed (including spot re-work). */
  billedGpuHours: number;
  usd: number;
}

/** Dollars for `gpuHoursNeeded` of useful GPU time under a pricing model. */
export function computeCostUsd(gpuHoursNeeded: number, pricing: Pricing): ComputeCost {
  if (!(gpuHoursNeeded >= 0)) throw new RangeError(`gpuHours must be ≥ 0, got ${gpuHoursNeeded}`);
  if (!(pricing.usdPerGpuHour >= 0) || !Number.isFinite(pricing.usdPerGpuHour)) {
    throw new RangeError(`usdPerGpuHour must be a finite number ≥ 0, got ${pricing.usdPerGpuHour}`);
  }
  const overhead = pricing.model === "spot" ? pricing.preemptionOverhead : 0;
  if (!(overhead >= 0) || !Number.isFinite(overhead)) throw new RangeError(`preemptionOverhead must be a finite number ≥ 0, got ${overhead}`);
  const billedGpuHours = gpuHoursNeeded * (1 + overhead);
  return {billedGpuHours, usd: billedGpuHours * pricing.usdPerGpuHour};
}

export interface CheckpointOptions {
  /** Save optimizer state (needed to resume training). Default true. */
  includeOptimizer?: boolean;
}

/**
 * Bytes of one full training checkpoint: the weights as held in training plus, to resume, the
 * optimizer state (master weights and Adam moments); gradients are not saved. For bf16 with fp32
 * master weights that is 2 + 12 = 14 bytes/param, as BigScience reports for BLOOM-176B
 * ("fp32 optimizer 8 B + fp32 weights 4 B + bf16 weights 2 B = 14 bytes/param", 2.3 TB;
 * bigscience-workshop/bigscience train/tr11-176B-ml/README.md, Checkpoints).
 */
export function checkpointBytes(params: number, precision: Precision, options: CheckpointOptions = {}): number {
  const p = PRECISION_BYTES[precision];
  return params * (p.weightBytesPerParam + ((options.includeOptimizer ?? true) ? p.optimizerBytesPerParam : 0));
}

export interface StorageInput {
  bytesPerCheckpoint: number;
  /** Checkpoints kept at once. */
  checkpointsKept: number;
  /** Price of object storage, USD per GB (10^9 bytes) per month; an input (no default). */
  usdPerGbMonth: number;
  months: number;
}

/** Storage cost of keeping checkpoints: bytes × count × $/GB-month × months. */
export function checkpointStorageCostUsd({bytesPerCheckpoint, checkpointsKept, usdPerGbMonth, months}: StorageInput): number {
  for (const [name, v] of Object.entries({bytesPerCheckpoint, checkpointsKept, usdPerGbMonth, months})) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
  }
  return (bytesPerCheckpoint / 1e9) * checkpointsKept * usdPerGbMonth * months;
}
