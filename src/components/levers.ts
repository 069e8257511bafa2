// Cost levers: each one is the same training job computed twice (or more) by the engine, with
// one explicit, sourced input changed. Pure: the page formats and draws.
import {CHINCHILLA_APPROACH_3, parametricLoss} from "../engine/scalingLaws.js";
import {computeCostUsd} from "../engine/cost.js";
import {flopsPerToken} from "../engine/flops.js";
import type {GpuSpec, ModelSpec, Precision} from "../engine/types.js";
import type {Calibration} from "../engine/calibration/calibration.js";
import {calculate} from "./calculator.js";
import {DEFAULT_RUN, PRECISION_LABELS, PRECISION_OPTIONS, acceleratorOptions} from "./runOptions.js";
import {compact} from "./calculatorResults.js";
import type {CalculatorInput, CalculatorResult} from "./calculator.js";
import {siPrefixed, sig} from "./format.js";
import {modelSpecFromRecord} from "./models.js";
import type {ModelRecord} from "./models.js";

/** The controls of src/levers.md that set the job. */
export interface LeverJobControls {
  record: ModelRecord;
  gpu: GpuSpec;
  /** The token slider's value, in billions. */
  tokensBillions: number;
  gpuCount: number;
  usdPerGpuHour: number;
  /** The reader's calibration from the page's address, if any. */
  calibration: Calibration | null;
}

/**
 * Tokens per step when a model's batch is not published: 4M, Llama 2's (Touvron et al. 2023,
 * Sec 2.2), as on the calculator.
 */
const ASSUMED_BATCH_TOKENS_MILLIONS = 4;

/**
 * The job every lever changes one input of: the reader's model, tokens, accelerators and price, in
 * DEFAULT_RUN's precision, layout and software, at the model's published batch. The page
 * (src/levers.md) and its first view drawn at build time (scripts/firstViews/pages/levers.ts) both
 * build it here.
 */
export function leverJob(controls: LeverJobControls): CalculatorInput {
  const {record} = controls;
  return {
    model: modelSpecFromRecord(record),
    tokens: controls.tokensBillions * 1e9,
    gpu: controls.gpu,
    gpuCount: controls.gpuCount,
    usdPerGpuHour: controls.usdPerGpuHour,
    precision: DEFAULT_RUN.precision,
    // Expert parallelism 8 matters only to the MoE lever's model (Mixtral 8x7B's 8 experts): the
    // page's own models are dense.
    tp: DEFAULT_RUN.tp, pp: DEFAULT_RUN.pp, ep: 8, zeroStage: DEFAULT_RUN.zeroStage, recompute: DEFAULT_RUN.recompute, microBatch: DEFAULT_RUN.microBatch, stack: DEFAULT_RUN.stack,
    globalBatchTokens: (record.batch_tokens_millions ?? ASSUMED_BATCH_TOKENS_MILLIONS) * 1e6,
    calibration: controls.calibration
  };
}

/**
 * The sentence above the levers that states the job they change: the reader's model, tokens,
 * accelerators and price, and what the page fixes (precision, layout, MFU from the step-time model).
 */
export function leverJobWords(base: CalculatorInput, modelName: string): string {
  return `The job: ${modelName} on ${compact(base.tokens)} tokens, ${base.gpuCount.toLocaleString("en-US")} × ${base.gpu.name} at $${sig(base.usdPerGpuHour)} per GPU-hour, ${PRECISION_LABELS[base.precision]}, tensor ${base.tp} × pipeline ${base.pp} (adjusted where the model needs it), MFU predicted by the step-time model.`;
}

/**
 * The accelerators the levers can compare, in the pages' order, and the names of the others: every
 * lever needs the step-time model in FP32 and in DEFAULT_RUN's precision on a multi-node cluster
 * (4,096 of the chip running `probeModel`, Llama 3.1 70B on the page), which data/gpus.csv cannot
 * give for a chip without an FP32 or BF16 peak or the interconnect figures.
 */
export function leverAccelerators(allGpus: readonly GpuSpec[], probeModel: ModelSpec): {gpus: GpuSpec[]; excluded: string[]} {
  const times = (gpu: GpuSpec, precision: Precision) => {
    try {
      return calculate({model: probeModel, tokens: 1e12, gpu, gpuCount: 4096, usdPerGpuHour: 2, precision, tp: 8, pp: 4, ep: 8, zeroStage: 1, recompute: "selective", microBatch: 1, globalBatchTokens: 4e6}).estimate.timed;
    } catch {
      return false;
    }
  };
  const gpus = acceleratorOptions(allGpus).gpus.filter((g) => times(g, "fp32") && times(g, DEFAULT_RUN.precision));
  return {gpus, excluded: allGpus.filter((g) => !gpus.includes(g)).map((g) => g.name)};
}

/** The note under the controls naming the accelerators the levers leave out ("" when none is). */
export function notOfferedWords(excluded: readonly string[]): string {
  return excluded.length === 0 ? "" : `Not offered here: ${excluded.join(", ")} — the levers compare FP32 with BF16, and data/gpus.csv lacks an FP32 or BF16 peak or the interconnect figures the performance model needs for these.`;
}

/** One computed variant of the job. */
export interface LeverRow {
  lever: string;
  variant: string;
  /** Null when the engine cannot time this variant (a number format the chip lacks). */
  gpuHours: number | null;
  /** Null when this variant cannot run (feasibility.ts): an infeasible run is never priced. */
  usd: number | null;
  /** Memory per GPU, bytes (where the lever is about memory). */
  memoryBytes?: number;
  /** usd ÷ the baseline's usd; null when either cannot run. */
  relativeCost: number | null;
}

const row = (lever: string, variant: string, r: CalculatorResult, baselineUsd: number | null, price: number): LeverRow => {
  const e = r.estimate;
  const usd = e.feasible ? (e.costUsd ?? e.gpuHours * price) : null;
  return {lever, variant, gpuHours: r.estimate.gpuHours, usd, memoryBytes: r.estimate.memoryPerGpuBytes.total, relativeCost: usd === null || baselineUsd === null ? null : usd / baselineUsd};
};

/** The precision lever's bars: FP32 (the baseline) first, then each 16- and 8-bit regime. */
const PRECISION_ORDER_FROM_FP32: readonly Precision[] = ["fp32", ...PRECISION_OPTIONS.filter((p) => p !== "fp32")];

/** Mixed precision: the same job in each precision regime, MFU predicted for each. */
export function precisionLever(base: CalculatorInput): LeverRow[] {
  const fp32 = calculate({...base, precision: "fp32"});
  const baselineUsd = fp32.estimate.costUsd;
  return PRECISION_ORDER_FROM_FP32.map((p) => row("Mixed precision", PRECISION_LABELS[p], calculate({...base, precision: p}), baselineUsd, base.usdPerGpuHour));
}

/** Mixture of experts: an MoE against a dense model of matched quality, and against its own weights all active. */
export function moeLever(base: CalculatorInput, moe: ModelSpec, dense: ModelSpec, names: {moe: string; dense: string}): LeverRow[] {
  const denseRun = calculate({...base, model: dense});
  const baselineUsd = denseRun.estimate.costUsd;
  const allActive: ModelSpec = {...moe, experts: moe.experts ? {total: moe.experts.total, active: moe.experts.total} : undefined, activeParams: moe.params};
  return [
    row("Mixture of experts", `${names.dense} (dense)`, denseRun, baselineUsd, base.usdPerGpuHour),
    row("Mixture of experts", `${names.moe}, every expert active (same weights, dense compute)`, calculate({...base, model: allActive}), baselineUsd, base.usdPerGpuHour),
    row("Mixture of experts", `${names.moe} (routed)`, calculate({...base, model: moe}), baselineUsd, base.usdPerGpuHour)
  ];
}

export interface DistillationResult {
  rows: LeverRow[];
  /** Teacher forward-pass GPU-hours added to the student's training. */
  teacherForwardGpuHours: number | null;
}

/**
 * Teacher forward passes on `tokens` tokens, in GPU-hours: the teacher's forward FLOPs at the MFU
 * the engine predicts for training it (an assumption: inference-only forward passes run at
 * least as efficiently as training steps).
 */
function teacherForwardGpuHours(base: CalculatorInput, teacher: ModelSpec, tokens: number): number | null {
  const teacherRun = calculate({...base, model: teacher, tokens});
  const perToken = flopsPerToken(teacher);
  return teacherRun.estimate.gpuHours === null ? null : teacherRun.estimate.gpuHours * (perToken.forward / perToken.modelFlops);
}

/** a + b, or null when either is unknown. */
const plus = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

/**
 * Distillation (student trained on the teacher's outputs for all its tokens) and pruning with
 * distillation (Minitron: the pruned student retrained on `tokens / tokenReduction`), against
 * training the student from scratch and training the teacher.
 */
export function distillationLever(base: CalculatorInput, teacher: ModelSpec, student: ModelSpec, names: {teacher: string; student: string}, tokenReduction: number): DistillationResult {
  const teacherRun = calculate({...base, model: teacher});
  const baselineUsd = teacherRun.estimate.costUsd;
  const price = base.usdPerGpuHour;
  const studentRun = calculate({...base, model: student});
  const forward = teacherForwardGpuHours(base, teacher, base.tokens);
  const distilledHours = plus(studentRun.estimate.gpuHours, forward);
  const prunedTokens = base.tokens / tokenReduction;
  const prunedRun = calculate({...base, model: student, tokens: prunedTokens});
  const prunedHours = plus(prunedRun.estimate.gpuHours, teacherForwardGpuHours(base, teacher, prunedTokens));
  // The student's runs price only when the student and the teacher's forward passes can run.
  const cost = (hours: number | null, runs: boolean) => (runs && hours !== null ? computeCostUsd(hours, {model: "on-demand", usdPerGpuHour: price}).usd : null);
  const relative = (usd: number | null) => (usd === null || baselineUsd === null ? null : usd / baselineUsd);
  const distilledUsd = cost(distilledHours, studentRun.estimate.feasible && teacherRun.estimate.feasible);
  const prunedUsd = cost(prunedHours, prunedRun.estimate.feasible && teacherRun.estimate.feasible);
  return {
    teacherForwardGpuHours: forward,
    rows: [
      row("Distillation and pruning", `Train the teacher, ${names.teacher}`, teacherRun, baselineUsd, price),
      row("Distillation and pruning", `Train ${names.student} from scratch`, studentRun, baselineUsd, price),
      {lever: "Distillation and pruning", variant: `Distil ${names.student} from the teacher (same tokens)`, gpuHours: distilledHours, usd: distilledUsd, relativeCost: relative(distilledUsd)},
      {lever: "Distillation and pruning", variant: `Prune the teacher and distil on ${tokenReduction}× fewer tokens`, gpuHours: prunedHours, usd: prunedUsd, relativeCost: relative(prunedUsd)}
    ]
  };
}

export interface EarlyStopRow extends LeverRow {
  tokens: number;
  /** Chinchilla Approach 3 loss at (N, tokens), nats per token. */
  loss: number;
}

/** Early stopping: stop after a fraction of the tokens; cost scales down, the fitted loss rises. */
export function earlyStoppingLever(base: CalculatorInput, fractions: readonly number[]): EarlyStopRow[] {
  const full = calculate(base);
  const baselineUsd = full.estimate.costUsd;
  const params = base.model.activeParams ?? base.model.params;
  return fractions.map((f) => {
    const r = calculate({...base, tokens: base.tokens * f});
    return {...row("Early stopping", `Stop at ${Math.round(f * 100)}% of the tokens`, r, baselineUsd, base.usdPerGpuHour), tokens: base.tokens * f, loss: parametricLoss(CHINCHILLA_APPROACH_3, params, base.tokens * f)};
  });
}

export interface SpotResult {
  rows: LeverRow[];
  /** Spot saves money while the preemption overhead stays below this fraction. */
  breakEvenOverhead: number;
}

/** Spot capacity: a discounted rate, paid on the extra GPU-hours of re-done work after preemptions. */
export function spotLever(base: CalculatorInput, spotUsdPerGpuHour: number, preemptionOverhead: number): SpotResult {
  const e = calculate(base).estimate;
  const breakEvenOverhead = base.usdPerGpuHour / spotUsdPerGpuHour - 1;
  // A job that cannot run is priced neither on demand nor on spot.
  if (!e.feasible) {
    return {
      breakEvenOverhead,
      rows: [
        {lever: "Spot instances", variant: "On-demand", gpuHours: e.gpuHours, usd: null, relativeCost: null},
        {lever: "Spot instances", variant: "Spot, with re-done work", gpuHours: e.gpuHours === null ? null : e.gpuHours * (1 + preemptionOverhead), usd: null, relativeCost: null}
      ]
    };
  }
  const onDemand = computeCostUsd(e.gpuHours, {model: "on-demand", usdPerGpuHour: base.usdPerGpuHour});
  const spot = computeCostUsd(e.gpuHours, {model: "spot", usdPerGpuHour: spotUsdPerGpuHour, preemptionOverhead});
  return {
    breakEvenOverhead,
    rows: [
      {lever: "Spot instances", variant: "On-demand", gpuHours: onDemand.billedGpuHours, usd: onDemand.usd, relativeCost: 1},
      {lever: "Spot instances", variant: "Spot, with re-done work", gpuHours: spot.billedGpuHours, usd: spot.usd, relativeCost: spot.usd / onDemand.usd}
    ]
  };
}

/**
 * Gradient accumulation: the same global batch as few large micro-batches or many small ones.
 * Micro-batch sizes that would change the global batch (too few sequences per data-parallel
 * rank) are left out, so every bar trains on the same batches. The first bar is the largest
 * micro-batch that divides the batch (the least accumulation); costs are relative to the largest
 * one that also fits in memory.
 */
export function accumulationLever(base: CalculatorInput, maxMicroBatch: number): AccumulationRow[] {
  // The reference batch: the requested one made legal with micro-batch 1; it holds m sequences
  // per data-parallel rank, and every micro-batch size that divides m keeps it exactly.
  const first = calculate({...base, microBatch: 1});
  const reference = first.layout.parallelism.globalBatchTokens ?? base.globalBatchTokens;
  const sequencesPerRank = Math.round(reference / (base.model.seqLen * first.layout.parallelism.dp));
  const sizes: number[] = [];
  for (let mb = 1; mb <= Math.min(maxMicroBatch, sequencesPerRank); mb++) if (sequencesPerRank % mb === 0) sizes.push(mb);
  const runs = sizes
    .map((mb) => ({mb, r: calculate({...base, microBatch: mb, globalBatchTokens: reference})}))
    .filter(({r}) => r.layout.parallelism.globalBatchTokens === reference)
    .sort((a, b) => b.mb - a.mb);
  if (runs.length === 0) return [];
  // The baseline is the largest micro-batch that fits; larger ones that do not fit are shown unpriced.
  const baselineUsd = runs.find(({r}) => r.estimate.feasible)?.r.estimate.costUsd ?? null;
  return runs.map(({mb, r}) => ({
    ...row("Gradient accumulation", `Micro-batch ${mb}, ${sigInt(reference / (base.model.seqLen * mb * r.layout.parallelism.dp))} accumulated per step`, r, baselineUsd, base.usdPerGpuHour),
    microBatch: mb,
    pipelineStages: r.layout.parallelism.pp
  }));
}

/** A gradient-accumulation bar: its micro-batch and the pipeline depth it ran with. */
export interface AccumulationRow extends LeverRow {
  microBatch: number;
  pipelineStages: number;
}

const percent = (x: number): string => `${sig(x * 100, 2)}%`;
const gb = (bytes: number | undefined): string => (bytes === undefined ? "—" : siPrefixed(bytes, "B"));

/**
 * The gradient-accumulation lever in words, from the very rows its chart draws (largest micro-batch
 * first): which micro-batch is cheapest and which dearest, why (only the cause the direction
 * supports), the memory accumulation frees, and which sizes cannot run.
 */
export function accumulationWords(rows: readonly AccumulationRow[]): string {
  if (rows.length === 0) return "No micro-batch size keeps this global batch whole, so there is nothing to compare.";
  const sentences: string[] = [];
  const priced = rows.filter((r): r is AccumulationRow & {usd: number; relativeCost: number} => r.usd !== null && r.relativeCost !== null);
  if (priced.length === 0) {
    sentences.push("No micro-batch size can run in this layout, so none is priced; the table still shows the memory each would need.");
  } else if (priced.length === 1) {
    sentences.push(`Only micro-batch ${priced[0]!.microBatch} can run in this layout, so there is no cost to compare.`);
  } else {
    const cheapest = priced.reduce((a, b) => (b.usd < a.usd ? b : a));
    const dearest = priced.reduce((a, b) => (b.usd > a.usd ? b : a));
    const spread = dearest.usd / cheapest.usd - 1;
    if (spread < 0.005) {
      sentences.push(`Here the cost barely moves: every micro-batch that runs is within ${percent(Math.max(spread, 0.001))} of the others.`);
    } else {
      sentences.push(`Here micro-batch ${cheapest.microBatch} is the cheapest (${percent(cheapest.relativeCost)} of the baseline) and micro-batch ${dearest.microBatch} the dearest (${percent(dearest.relativeCost)}).`);
      const smallerIsCheaper = cheapest.microBatch < dearest.microBatch;
      const stages = cheapest.pipelineStages;
      sentences.push(
        smallerIsCheaper
          ? stages > 1
            ? `Smaller micro-batches cost less in this layout: with ${stages} pipeline stages, more micro-batches per step leave less of the pipeline bubble idle, which outweighs their smaller matrix multiplications.`
            : "Smaller micro-batches cost less in this layout."
          : "Smaller micro-batches cost more in this layout: their matrix multiplications are smaller, so reading each layer's weights again for every micro-batch weighs more against the arithmetic."
      );
    }
  }
  const largest = rows[0]!;
  const smallest = rows[rows.length - 1]!;
  if (largest !== smallest) sentences.push(`Going from micro-batch ${largest.microBatch} to ${smallest.microBatch} takes memory per GPU from ${gb(largest.memoryBytes)} to ${gb(smallest.memoryBytes)}.`);
  const cannot = rows.filter((r) => r.usd === null).map((r) => r.microBatch);
  if (cannot.length > 0 && priced.length > 0) sentences.push(`Micro-batch ${cannot.join(", ")} cannot run here (it does not fit), so ${cannot.length === 1 ? "it is" : "they are"} not priced.`);
  return sentences.join(" ");
}

/**
 * The mixture-of-experts lever in words, from its three rows (dense, every expert active, routed):
 * a bar that is not priced is never described as priced.
 */
export function moeWords(rows: readonly LeverRow[], names: {moe: string; dense: string}, tokensWords: string): string {
  const [dense, allActive, routed] = rows;
  if (!dense || !allActive || !routed) return "";
  const sentences: string[] = [];
  if (routed.relativeCost !== null) {
    sentences.push(`Trained on the same ${tokensWords} tokens on the same hardware, the engine puts it at ${percent(routed.relativeCost)} of ${names.dense}'s cost.`);
  } else if (routed.usd === null) {
    sentences.push(`On this hardware and layout ${names.moe} cannot run, so the engine does not price it (see its bar).`);
  } else {
    sentences.push(`${names.dense} cannot run on this hardware and layout, so there is no dense cost to compare ${names.moe} with.`);
  }
  if (allActive.relativeCost !== null && routed.relativeCost !== null) {
    sentences.push(`The middle bar is the same weights with every expert active: the gap between it and the last bar (${percent(allActive.relativeCost)} against ${percent(routed.relativeCost)}) is what routing saves.`);
  } else if (allActive.usd === null) {
    sentences.push(`The middle bar, the same weights with every expert active, cannot run in this layout, so it carries no price.`);
  }
  return sentences.join(" ");
}

const sigInt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(3));
