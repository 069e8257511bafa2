// Fitting the step-time model's efficiency factors to a reader's measured steps.
//
// The factors are the three the model's time rests on (perf/layerCost.ts CalibrationOverrides):
//   matmul efficiency          fraction of peak the step's matmuls reach (calibration.ts matmulEfficiency)
//   memory-bound overhead      multiplier on the element-wise kernels' time (1 = Megatron-style fused count)
//   communication efficiency   fraction of link line rate collectives reach (collectives.ts NCCL_BUS_EFFICIENCY)
// Rows are grouped by (accelerator, stack, matmul precision) and each group is fitted on its own,
// by least squares of log(predicted / measured) (relative error: small and large steps weigh
// alike), Levenberg–Marquardt on the logarithms of the factors from the engine's values.
//
// A factor is pinned down only when the rows can tell it apart: some row must spend a real share
// of its predicted time on it (IDENTIFY_MIN_SHARE), and its effect across the rows must not be a
// multiple of the effect of factors already pinned (IDENTIFY_MIN_INDEPENDENCE): with one row, or
// rows whose time splits the same way, two factors trade off exactly and only one can be fitted.
// Factors that are not pinned keep the engine's value, and the fit says why.
import type {GpuSpec, Stack, TrainingSpec} from "../types.js";
import {matmulEfficiency as engineMatmulEfficiency} from "../perf/calibration.js";
import {NCCL_BUS_EFFICIENCY} from "../perf/collectives.js";
import type {CalibrationOverrides} from "../perf/layerCost.js";
import {predictStep} from "../perf/stepTime.js";
import {memoryPerGpu} from "../memory.js";
import {MEMORY_BOUND_OVERHEAD_RANGE, matmulPrecisionOf} from "./calibration.js";
import type {Calibration, CalibrationEntry, MatmulPrecision} from "./calibration.js";

/** One measured training step: what ran, and how long one optimizer step took. */
export interface CalibrationStep {
  /** The reader's name for the row (unique in the file). */
  run: string;
  /** Line of the row in the reader's file, for messages. */
  line?: number;
  /** What ran; `spec.stack` (the training software, when the row names one) groups the rows. */
  spec: TrainingSpec;
  /** Seconds per optimizer step, steady state. */
  stepSeconds: number;
  /** Peak memory allocated per GPU, bytes; null when not measured. */
  peakMemoryBytes: number | null;
}

export type FactorName = "matmulEfficiency" | "memoryBoundOverhead" | "communicationEfficiency";
export const FACTOR_NAMES: readonly FactorName[] = ["matmulEfficiency", "memoryBoundOverhead", "communicationEfficiency"];

export const FACTOR_LABELS: Readonly<Record<FactorName, string>> = {
  matmulEfficiency: "matmul efficiency",
  memoryBoundOverhead: "memory-bound overhead",
  communicationEfficiency: "communication efficiency"
};

export type FactorFit =
  | {status: "pinned"; value: number; engineValue: number; /** One standard error, relative (0.05 = ±5%); null with as many rows as pinned factors. */ relativeUncertainty: number | null}
  | {status: "unidentified"; engineValue: number; reason: string};

export interface StepResidual {
  run: string;
  line: number | null;
  measuredSeconds: number;
  /** The engine's prediction with its own constants. */
  engineSeconds: number;
  /** The prediction with the fitted factors. */
  calibratedSeconds: number;
  /** calibratedSeconds / measuredSeconds − 1. */
  residual: number;
  measuredMemoryBytes: number | null;
  predictedMemoryBytes: number;
}

export interface GroupFit {
  gpu: string;
  stack: Stack | null;
  precision: MatmulPrecision;
  factors: Record<FactorName, FactorFit>;
  rows: StepResidual[];
  /** Root-mean-square of log(predicted / measured), before and after the fit. */
  rmsLogErrorEngine: number;
  rmsLogErrorCalibrated: number;
}

export interface CalibrationFit {
  calibration: Calibration;
  groups: GroupFit[];
}

/** A factor counts as exercised when it drives at least this share of some row's predicted time. */
export const IDENTIFY_MIN_SHARE = 0.03;
/** A factor counts as separable when at least this fraction of its effect is independent of the pinned factors'. */
export const IDENTIFY_MIN_INDEPENDENCE = 0.1;
/**
 * A fitted factor whose one-standard-error uncertainty exceeds this (relative: 0.3 = ±30%) is not
 * pinned down: it is dropped, keeps the engine's value, and the others are fitted again.
 */
export const IDENTIFY_MAX_RELATIVE_UNCERTAINTY = 0.3;

const BOUNDS: Readonly<Record<FactorName, {min: number; max: number}>> = {
  matmulEfficiency: {min: 0.01, max: 1},
  memoryBoundOverhead: MEMORY_BOUND_OVERHEAD_RANGE,
  communicationEfficiency: {min: 0.01, max: 1}
};

const LOG_STEP = 1e-4;

function engineValues(gpu: GpuSpec, spec: TrainingSpec): Record<FactorName, number> {
  return {matmulEfficiency: engineMatmulEfficiency(gpu, spec.precision), memoryBoundOverhead: 1, communicationEfficiency: NCCL_BUS_EFFICIENCY};
}

const predict = (s: CalibrationStep, gpu: GpuSpec, f: Record<FactorName, number>): number =>
  predictStep(s.spec, gpu, {calibration: f satisfies CalibrationOverrides}).secondsPerStep;

/** ∂ log(predicted time) / ∂ log(factor) for each row: the share of the row's time the factor drives. */
function jacobian(steps: readonly CalibrationStep[], gpu: GpuSpec, f: Record<FactorName, number>, names: readonly FactorName[]): number[][] {
  return steps.map((s) => {
    const base = Math.log(predict(s, gpu, f));
    return names.map((n) => (Math.log(predict(s, gpu, {...f, [n]: f[n] * Math.exp(LOG_STEP)})) - base) / LOG_STEP);
  });
}

/** Solves the k×k system a·x = b (k ≤ 3) by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-300) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= k; j++) m[r]![j]! -= factor * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[k]! / row[i]!);
}

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));

/** Which factors the rows can pin down, and for the others why not. */
function identify(steps: readonly CalibrationStep[], gpu: GpuSpec, f0: Record<FactorName, number>): {pinned: FactorName[]; reasons: Partial<Record<FactorName, string>>} {
  const J = jacobian(steps, gpu, f0, FACTOR_NAMES);
  const column = (j: number): number[] => J.map((row) => row[j] as number);
  const pinned: FactorName[] = [];
  const basis: number[][] = [];
  const reasons: Partial<Record<FactorName, string>> = {};
  const multiGpu = steps.some((s) => s.spec.hardware.count > 1);
  for (const [j, name] of FACTOR_NAMES.entries()) {
    const col = column(j);
    const share = Math.max(...col.map(Math.abs));
    if (share < IDENTIFY_MIN_SHARE) {
      reasons[name] =
        name === "communicationEfficiency" && !multiGpu
          ? "every row runs on one GPU: there is no communication to measure (add multi-GPU rows)"
          : `no row spends ${Math.round(IDENTIFY_MIN_SHARE * 100)}% of its predicted time on it (largest share ${(share * 100).toFixed(1)}%)`;
      continue;
    }
    // Gram–Schmidt: the part of this factor's effect the pinned factors cannot mimic.
    let rest = col;
    for (const b of basis) {
      const c = dot(rest, b);
      rest = rest.map((x, i) => x - c * (b[i] as number));
    }
    if (norm(rest) < IDENTIFY_MIN_INDEPENDENCE * norm(col)) {
      const others = pinned.map((p) => FACTOR_LABELS[p]).join(" and ");
      reasons[name] = steps.length <= pinned.length
        ? `${steps.length} row${steps.length === 1 ? "" : "s"} can pin down ${steps.length === 1 ? "one factor" : `${steps.length} factors`}, and ${others} came first (add rows)`
        : `its effect on these rows moves in step with ${others}: they cannot be told apart (add rows whose time splits differently, e.g. other micro-batches or sequence lengths)`;
      continue;
    }
    const r = norm(rest);
    basis.push(rest.map((x) => x / r));
    pinned.push(name);
  }
  return {pinned, reasons};
}

const clamp = (name: FactorName, x: number): number => Math.min(BOUNDS[name].max, Math.max(BOUNDS[name].min, x));

function sumSquares(steps: readonly CalibrationStep[], gpu: GpuSpec, f: Record<FactorName, number>): number {
  return steps.reduce((s, step) => s + Math.log(predict(step, gpu, f) / step.stepSeconds) ** 2, 0);
}

/** Levenberg–Marquardt on the logarithms of the pinned factors. */
function leastSquares(steps: readonly CalibrationStep[], gpu: GpuSpec, f0: Record<FactorName, number>, names: readonly FactorName[]): Record<FactorName, number> {
  let f = {...f0};
  let sse = sumSquares(steps, gpu, f);
  let lambda = 1e-3;
  for (let iter = 0; iter < 100 && names.length > 0; iter++) {
    const J = jacobian(steps, gpu, f, names);
    const r = steps.map((s) => Math.log(predict(s, gpu, f) / s.stepSeconds));
    const JtJ = names.map((_, a) => names.map((__, b) => J.reduce((s, row) => s + (row[a] as number) * (row[b] as number), 0)));
    const Jtr = names.map((_, a) => J.reduce((s, row, i) => s + (row[a] as number) * (r[i] as number), 0));
    let improved = false;
    for (let tries = 0; tries < 20; tries++) {
      const A = JtJ.map((row, a) => row.map((x, b) => (a === b ? x * (1 + lambda) + 1e-12 : x)));
      const delta = solve(A, Jtr.map((x) => -x));
      if (delta === null) break;
      const next = {...f};
      names.forEach((n, i) => (next[n] = clamp(n, f[n] * Math.exp(delta[i] as number))));
      const nextSse = sumSquares(steps, gpu, next);
      if (nextSse < sse) {
        const gain = sse - nextSse;
        f = next;
        sse = nextSse;
        lambda = Math.max(lambda / 10, 1e-9);
        improved = gain > 1e-14;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return f;
}

/** Standard errors of the log-factors from the curvature at the optimum; null without spare rows. */
function relativeUncertainties(steps: readonly CalibrationStep[], gpu: GpuSpec, f: Record<FactorName, number>, names: readonly FactorName[]): (number | null)[] {
  const dof = steps.length - names.length;
  if (dof <= 0) return names.map(() => null);
  const J = jacobian(steps, gpu, f, names);
  const sigma2 = sumSquares(steps, gpu, f) / dof;
  const JtJ = names.map((_, a) => names.map((__, b) => J.reduce((s, row) => s + (row[a] as number) * (row[b] as number), 0)));
  return names.map((_, j) => {
    const e = names.map((__, i) => (i === j ? 1 : 0));
    const col = solve(JtJ, e);
    return col === null ? null : Math.sqrt(sigma2 * (col[j] as number));
  });
}

const rms = (xs: readonly number[]): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);

function fitGroup(steps: readonly CalibrationStep[], gpu: GpuSpec, stack: Stack | null, precision: MatmulPrecision): GroupFit {
  const f0 = engineValues(gpu, steps[0]!.spec);
  const {pinned, reasons} = identify(steps, gpu, f0);
  let f = leastSquares(steps, gpu, f0, pinned);
  let se = relativeUncertainties(steps, gpu, f, pinned);
  for (;;) {
    // Drop the worst-determined factor while any is known only loosely, and fit the rest again.
    let worst = -1;
    se.forEach((u, i) => {
      if (u !== null && u > IDENTIFY_MAX_RELATIVE_UNCERTAINTY && (worst < 0 || u > (se[worst] as number))) worst = i;
    });
    if (worst < 0) break;
    const name = pinned[worst] as FactorName;
    reasons[name] = `the rows pin it only to ±${Math.round((se[worst] as number) * 100)}% (one standard error; the limit is ±${Math.round(IDENTIFY_MAX_RELATIVE_UNCERTAINTY * 100)}%): add rows whose time splits differently`;
    pinned.splice(worst, 1);
    f = leastSquares(steps, gpu, f0, pinned);
    se = relativeUncertainties(steps, gpu, f, pinned);
  }
  const factors = Object.fromEntries(
    FACTOR_NAMES.map((n): [FactorName, FactorFit] => {
      const i = pinned.indexOf(n);
      return [n, i >= 0 ? {status: "pinned", value: f[n], engineValue: f0[n], relativeUncertainty: se[i] ?? null} : {status: "unidentified", engineValue: f0[n], reason: reasons[n] as string}];
    })
  ) as Record<FactorName, FactorFit>;
  const rows = steps.map((s): StepResidual => {
    const engineSeconds = predict(s, gpu, f0);
    const calibratedSeconds = predict(s, gpu, f);
    return {
      run: s.run,
      line: s.line ?? null,
      measuredSeconds: s.stepSeconds,
      engineSeconds,
      calibratedSeconds,
      residual: calibratedSeconds / s.stepSeconds - 1,
      measuredMemoryBytes: s.peakMemoryBytes,
      predictedMemoryBytes: memoryPerGpu(s.spec).total
    };
  });
  return {
    gpu: gpu.id,
    stack,
    precision,
    factors,
    rows,
    rmsLogErrorEngine: rms(rows.map((r) => Math.log(r.engineSeconds / r.measuredSeconds))),
    rmsLogErrorCalibrated: rms(rows.map((r) => Math.log(r.calibratedSeconds / r.measuredSeconds)))
  };
}

/**
 * Fits the efficiency factors to `steps`, one group per (accelerator, stack, matmul precision).
 * `gpuById` resolves each row's accelerator (data/gpus.csv). Throws a RangeError when there are no
 * rows or a row names an unknown accelerator; rows must already be valid specs (the CSV reader,
 * src/tables/measuredSteps.ts, checks them cell by cell).
 */
export function fitCalibration(steps: readonly CalibrationStep[], gpuById: (id: string) => GpuSpec | undefined): CalibrationFit {
  if (steps.length === 0) throw new RangeError("fitCalibration: no measured steps");
  const groups = new Map<string, {gpu: GpuSpec; stack: Stack | null; precision: MatmulPrecision; steps: CalibrationStep[]}>();
  for (const s of steps) {
    const gpu = gpuById(s.spec.hardware.gpu);
    if (!gpu) throw new RangeError(`fitCalibration: row "${s.run}" names unknown accelerator "${s.spec.hardware.gpu}"`);
    const precision = matmulPrecisionOf(s.spec.precision);
    const stack = s.spec.stack ?? null;
    const key = `${gpu.id}|${stack ?? ""}|${precision}`;
    const g = groups.get(key) ?? {gpu, stack, precision, steps: []};
    g.steps.push(s);
    groups.set(key, g);
  }
  const fits = [...groups.values()].map((g) => fitGroup(g.steps, g.gpu, g.stack, g.precision));
  const value = (f: FactorFit): number | null => (f.status === "pinned" ? Number(f.value.toPrecision(4)) : null);
  const entries = fits.map((g): CalibrationEntry => ({
    gpu: g.gpu,
    stack: g.stack,
    precision: g.precision,
    matmulEfficiency: value(g.factors.matmulEfficiency),
    memoryBoundOverhead: value(g.factors.memoryBoundOverhead),
    communicationEfficiency: value(g.factors.communicationEfficiency)
  }));
  return {calibration: {version: 1, entries}, groups: fits};
}
