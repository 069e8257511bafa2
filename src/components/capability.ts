// Joins published benchmark scores to each model's training compute, the engine's estimate of its
// run (data/run_estimates.json) and the run's published GPU-hours, and summarises the cloud of
// points: the compute-efficient frontier and the gain per 10× compute.
import {approxTrainingFlops} from "../engine/flops.js";
import {computeCostUsd} from "../engine/cost.js";
import {wholeRunTimeShare} from "../engine/runBand.js";
import type {RunEstimate} from "./runTrackRecord.js";

/**
 * The run estimates as the calculator states a whole run: its GPU-hours are the steady-state hours
 * divided by wholeRunTimeShare(goodput, unattributed overhead) (src/components/calculator.ts,
 * engine runBand.ts), where a run estimate's own hours are the steady-state hours divided by the
 * goodput alone. So each estimate's hours × goodput ÷ that share. Downtime a run itemises is
 * wall-clock time with every accelerator idle, not divided by the goodput, so it is carried as it is.
 * MFU and layout are unchanged.
 * Without an overhead (the track record has too few fit runs) the estimates are returned as they are.
 */
export function wholeRunEstimates(estimates: readonly RunEstimate[], unattributedOverhead: number | null): RunEstimate[] {
  if (unattributedOverhead === null) return [...estimates];
  return estimates.map((e) => {
    if (e.predictedGpuHours === null) return e;
    if (e.effectiveTrainingTime === null) throw new Error(`run estimate ${e.id}: GPU-hours without the share of time it trained`);
    const downtime = e.downtimeGpuHours ?? 0;
    return {...e, predictedGpuHours: (e.predictedGpuHours - downtime) * e.effectiveTrainingTime / wholeRunTimeShare(e.effectiveTrainingTime, unattributedOverhead) + downtime};
  });
}

/** The columns of the three tables this analysis reads (rows as the Arrow loaders produce them). */
export interface BenchmarkRow {
  id: string; model_id: string; benchmark: string; score_percent: number; shots: number; metric: string;
  chain_of_thought: boolean; evaluated_by: string; source: string; source_location: string; source_url: string;
}
export interface ModelRow {
  id: string; name: string; org: string; year: number; params_billions: number; active_params_billions: number | null;
  training_tokens_billions: number | null; training_run_id: string | null; source: string;
}
export interface RunRow {
  id: string; accelerator: string | null; accelerator_count: number | null; wall_clock_days: number | null;
  accelerator_hours: number | null; primary_source: string; source_location: string;
}

export interface CapabilityPoint {
  benchmarkRowId: string;
  modelId: string;
  model: string;
  org: string;
  year: number;
  benchmark: string;
  scorePercent: number;
  shots: number;
  metric: string;
  evaluatedBy: string;
  /** Short label of the evaluation setting: who ran it, with how many shots. */
  setting: string;
  scoreSource: string;
  /** Parameters used per token (active parameters for MoE). */
  paramsPerToken: number;
  tokens: number;
  /** 6 × parameters per token × tokens (Kaplan et al. 2020; the engine's approxTrainingFlops). */
  trainingFlops: number;
  /** Accelerator-hours of the run as published (or the source's chips × days × 24), null when not published. */
  acceleratorHours: number | null;
  accelerator: string | null;
  runSource: string | null;
  /** acceleratorHours × the reader's price, via the engine's computeCostUsd; null without hours. */
  usdPublished: number | null;
  /** GPU-hours the engine predicts from the architecture, accelerator, count and tokens (no reported MFU or hours). */
  engineGpuHours: number | null;
  /** The step-time model's MFU on the layout below. */
  engineMfu: number | null;
  engineLayout: string | null;
  engineLayoutSource: RunEstimate["layoutSource"];
  /** engineGpuHours × the reader's price: the estimated training cost. Null when the engine gives no estimate. */
  usdEngine: number | null;
  /** Why there is no engine estimate (no linked run, missing inputs, or no layout fits), else null. */
  engineWhyNot: string | null;
}

/** Why the engine gives no estimate for a model's run, or null when it does. */
export function engineWhyNot(runId: string | null, estimate: RunEstimate | undefined): string | null {
  if (runId === null) return "no published training run";
  if (!estimate) return `run ${runId} has no engine estimate`;
  if (estimate.predictedGpuHours !== null) return null;
  if (estimate.missingInputs.length > 0) return `the run lacks: ${estimate.missingInputs.join(", ")}`;
  return `the engine refuses it: ${estimate.refusal ?? "no estimate"}`;
}

const BILLION = 1e9;
const HOURS_PER_DAY = 24;

/** A run's accelerator-hours: the published figure, else the published count × days. */
export function runAcceleratorHours(run: RunRow): number | null {
  if (run.accelerator_hours !== null) return run.accelerator_hours;
  if (run.accelerator_count !== null && run.wall_clock_days !== null) return run.accelerator_count * run.wall_clock_days * HOURS_PER_DAY;
  return null;
}

/** The setting label readers filter by: "Meta, 5-shot". */
export function settingLabel(b: Pick<BenchmarkRow, "evaluated_by" | "shots" | "chain_of_thought">): string {
  return `${b.evaluated_by}, ${b.shots}-shot${b.chain_of_thought ? ", CoT" : ""}`;
}

/**
 * One point per benchmark row whose model has published training tokens. Rows of models without
 * tokens are left out (their compute is unknown) and counted in `skipped`.
 */
export function capabilityPoints(benchmarks: readonly BenchmarkRow[], models: readonly ModelRow[], runs: readonly RunRow[], usdPerGpuHour: number, estimates: readonly RunEstimate[]): {points: CapabilityPoint[]; skipped: string[]} {
  if (!(usdPerGpuHour > 0) || !Number.isFinite(usdPerGpuHour)) throw new RangeError(`usdPerGpuHour must be a finite number > 0, got ${usdPerGpuHour}`);
  const modelById = new Map(models.map((m) => [m.id, m]));
  const runById = new Map(runs.map((r) => [r.id, r]));
  const estimateById = new Map(estimates.map((e) => [e.id, e]));
  const price = (hours: number | null): number | null => (hours === null ? null : computeCostUsd(hours, {model: "on-demand", usdPerGpuHour}).usd);
  const points: CapabilityPoint[] = [];
  const skipped: string[] = [];
  for (const b of benchmarks) {
    const m = modelById.get(b.model_id);
    if (!m) throw new Error(`benchmark row ${b.id}: no model "${b.model_id}"`);
    if (m.training_tokens_billions === null) { skipped.push(m.name); continue; }
    const paramsPerToken = (m.active_params_billions ?? m.params_billions) * BILLION;
    const tokens = m.training_tokens_billions * BILLION;
    const run = m.training_run_id ? runById.get(m.training_run_id) ?? null : null;
    const acceleratorHours = run ? runAcceleratorHours(run) : null;
    const estimate = m.training_run_id ? estimateById.get(m.training_run_id) : undefined;
    const whyNot = engineWhyNot(m.training_run_id, estimate);
    const engineGpuHours = whyNot === null ? estimate?.predictedGpuHours ?? null : null;
    points.push({
      benchmarkRowId: b.id, modelId: m.id, model: m.name, org: m.org, year: m.year, benchmark: b.benchmark,
      scorePercent: b.score_percent, shots: b.shots, metric: b.metric, evaluatedBy: b.evaluated_by, setting: settingLabel(b),
      scoreSource: `${b.source}, ${b.source_location}`, paramsPerToken, tokens, trainingFlops: approxTrainingFlops(paramsPerToken, tokens),
      acceleratorHours, accelerator: run?.accelerator ?? null, runSource: run ? `${run.primary_source}, ${run.source_location}` : null,
      usdPublished: price(acceleratorHours),
      engineGpuHours, engineMfu: engineGpuHours === null ? null : estimate?.predictedMfu ?? null,
      engineLayout: engineGpuHours === null ? null : estimate?.layout ?? null,
      engineLayoutSource: engineGpuHours === null ? null : estimate?.layoutSource ?? null,
      usdEngine: price(engineGpuHours), engineWhyNot: whyNot
    });
  }
  return {points, skipped: [...new Set(skipped)]};
}

/**
 * The compute-efficient frontier (upper envelope): walking from least to most x, the points that
 * score higher than every point with less x. Ties in x keep the best score.
 */
export function frontier<T>(points: readonly T[], x: (p: T) => number, y: (p: T) => number): T[] {
  const sorted = [...points].sort((a, b) => x(a) - x(b) || y(b) - y(a));
  const out: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (y(p) > best) { out.push(p); best = y(p); }
  }
  return out;
}

export interface LogFit {
  /** Score points gained per 10× more x (the slope against log10 x). */
  pointsPerDecade: number;
  intercept: number;
  n: number;
  xMin: number;
  xMax: number;
  /** Fraction of the score variance the line explains. */
  r2: number;
}

/** Least-squares line of score against log10(x); null with fewer than 3 points or one x value. */
export function fitPerDecade<T>(points: readonly T[], x: (p: T) => number, y: (p: T) => number): LogFit | null {
  const pts = points.filter((p) => x(p) > 0 && Number.isFinite(x(p)) && Number.isFinite(y(p)));
  if (pts.length < 3) return null;
  const xs = pts.map((p) => Math.log10(x(p)));
  const ys = pts.map(y);
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i]! - mx) ** 2; sxy += (xs[i]! - mx) * (ys[i]! - my); syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return {pointsPerDecade: slope, intercept: my - slope * mx, n: pts.length, xMin: 10 ** Math.min(...xs), xMax: 10 ** Math.max(...xs), r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy)};
}

/** flops: 6ND; usd: the engine's estimated cost; usd-published: the published GPU-hours at the same price. */
export type CapabilityAxis = "flops" | "usd" | "usd-published";

/** A point's place on the horizontal axis; NaN where the axis has no value for it (no estimate, no published hours). */
export const axisValue = (axis: CapabilityAxis) => (p: CapabilityPoint): number =>
  (axis === "flops" ? p.trainingFlops : axis === "usd" ? p.usdEngine ?? NaN : p.usdPublished ?? NaN);

/** The evaluation-setting filter's value for every setting at once. */
export const ALL_SETTINGS = "all";

/** The chart as a reader first sees it (src/capability.md's address controls start here): MMLU, every setting, against compute. */
export const CAPABILITY_DEFAULTS: Readonly<{benchmark: string; setting: string; axis: CapabilityAxis}> = {benchmark: "mmlu", setting: ALL_SETTINGS, axis: "flops"};

/** The benchmarks the page's menu offers, in its order, with the names it shows. */
export const BENCHMARK_NAMES: Readonly<Record<string, string>> = {mmlu: "MMLU", "arc-challenge": "ARC-Challenge", hellaswag: "HellaSwag", gsm8k: "GSM8K"};

/** The horizontal axis menu's wording for each axis. */
export const AXIS_CHOICES: Readonly<Record<CapabilityAxis, string>> = {flops: "training compute (FLOP)", usd: "estimated training cost (engine)", "usd-published": "published GPU-hours × price"};

/**
 * The page's controls above the chart, as Inputs options (the page binds them to the address; its
 * first views draw them at their defaults, scripts/firstViews/pages/capability.ts).
 */
export const CAPABILITY_CONTROLS = {
  benchmark: {label: "Benchmark", format: (b: string): string => BENCHMARK_NAMES[b] ?? b},
  axis: {label: "Horizontal axis", format: (a: CapabilityAxis): string => AXIS_CHOICES[a]},
  price: {label: "US$ per GPU-hour"},
  setting: {label: "Evaluation setting"}
} as const;

/** The price slider's range, US$ per GPU-hour. */
export const PRICE_RANGE = {min: 0.1, max: 50, step: 0.05} as const;

/** The evaluation-setting menu for `benchmark`: every setting at once, then each setting its scores were run in, in data order. */
export function evaluationSettings(benchmarks: readonly BenchmarkRow[], benchmark: string): string[] {
  return [ALL_SETTINGS, ...new Set(benchmarks.filter((b) => b.benchmark === benchmark).map(settingLabel))];
}

/** The page's opening sentence about its data: how many scores, for how many of the models. */
export function capabilitySummary(benchmarks: readonly Pick<BenchmarkRow, "model_id">[], models: readonly unknown[]): string {
  return `The ${benchmarks.length} scores in data/benchmarks.csv cover ${new Set(benchmarks.map((b) => b.model_id)).size} of the ${models.length} models in data/models.csv; each names its source, the number of examples in the prompt (shots) and who ran the evaluation.`;
}

/**
 * The default price, US$ per GPU-hour: Karpathy's llm.c GPT-2 1.5B run, 8×H100 at $28/hour = $3.50
 * (data/training_runs.csv row llm-c-gpt2-1558m, column usd_per_accelerator_hour).
 */
export function defaultUsdPerGpuHour(runs: readonly {id: string; usd_per_accelerator_hour?: number | null}[]): number {
  const price = runs.find((r) => r.id === "llm-c-gpt2-1558m")?.usd_per_accelerator_hour;
  if (typeof price !== "number") throw new Error("capability: data/training_runs.csv row llm-c-gpt2-1558m has no usd_per_accelerator_hour");
  return price;
}

/** The calculator's unattributed overhead from data/run_track_record.json, or null when the track record has no correction. */
export function unattributedOverheadOf(trackRecord: {correction: {unattributedOverhead: number} | null}): number | null {
  return trackRecord.correction === null ? null : trackRecord.correction.unattributedOverhead;
}

export interface CapabilityChoice {
  benchmark: string;
  /** ALL_SETTINGS, or one settingLabel. */
  setting: string;
  axis: CapabilityAxis;
  usdPerGpuHour: number;
}

export interface CapabilitySelection {
  /** Every point of the benchmark, any setting, any axis value. */
  allPoints: CapabilityPoint[];
  /** Models left out for want of published training tokens. */
  skipped: string[];
  /** allPoints in the chosen setting (the cost table's models). */
  inSetting: CapabilityPoint[];
  /** inSetting with a value on the chosen axis: the chart's points. */
  points: CapabilityPoint[];
  front: CapabilityPoint[];
  fit: LogFit | null;
}

/** What the capability chart shows for a choice of benchmark, setting, axis and price. */
export function capabilitySelection(benchmarks: readonly BenchmarkRow[], models: readonly ModelRow[], runs: readonly RunRow[], estimates: readonly RunEstimate[], choice: CapabilityChoice): CapabilitySelection {
  const {points: allPoints, skipped} = capabilityPoints(benchmarks.filter((b) => b.benchmark === choice.benchmark), models, runs, choice.usdPerGpuHour, estimates);
  const x = axisValue(choice.axis);
  const inSetting = allPoints.filter((p) => choice.setting === ALL_SETTINGS || p.setting === choice.setting);
  const points = inSetting.filter((p) => Number.isFinite(x(p)));
  const score = (p: CapabilityPoint): number => p.scorePercent;
  return {allPoints, skipped, inSetting, points, front: frontier(points, x, score), fit: fitPerDecade(points, x, score)};
}
