// The calculator's "fastest layout" for the reader's model, accelerators and batch: a search over
// the knobs the calculator offers, judged by the calculator itself, so the layout it returns is
// one the page then shows as it is (feasible, at the reader's batch).
import {tpSplitsKvHeads} from "../engine/architecture.js";
import type {ModelSpec, Recompute, ZeroStage} from "../engine/types.js";
import {calculate, legalLayout} from "./calculator.js";
import type {CalculatorInput} from "./calculator.js";

/** The layout controls of the calculator, as the page holds them. */
export type CalculatorLayoutChoice = Pick<CalculatorInput, "tp" | "pp" | "ep" | "zeroStage" | "recompute" | "microBatch">;

/** Values the calculator's controls offer (src/index.md's URL parameters). */
export const CALCULATOR_TP = [1, 2, 4, 8, 16] as const;
export const CALCULATOR_EP = [1, 2, 4, 8, 16, 32, 64] as const;
export const CALCULATOR_MAX_PP = 128;
export const CALCULATOR_MICRO_BATCHES = [1, 2, 4, 8, 16, 32] as const;

/** The calculator's tensor degrees that split `model`'s heads (key/value heads evenly or replicated) on at most `maxTp` GPUs, ascending. */
export function calculatorTpDegrees(model: ModelSpec, maxTp: number): number[] {
  return CALCULATOR_TP.filter((t) => t <= maxTp && model.heads % t === 0 && tpSplitsKvHeads(model, t));
}

/**
 * How far the calculator may round the reader's batch for a layout to count: it makes each
 * data-parallel rank hold whole sequences (calculator.ts legalLayout, which says so in a note), so
 * a batch given in millions of tokens is rarely kept exactly; beyond 5% the layout is another run.
 */
const BATCH_TOLERANCE = 0.05;

const ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];
const RECOMPUTE_ORDER: readonly Recompute[] = ["none", "selective", "full"];

/**
 * What the search found: the fastest layout, or why there is none — "format": the chip lacks the
 * number format, so no layout runs; "untimed": the step-time model cannot time this accelerator,
 * so nothing can be ranked; "nothing-fits": no layout fits in memory at this batch — and how many
 * layouts it ran through the calculator.
 */
export type LayoutSearch =
  | {choice: CalculatorLayoutChoice; reason: null; tried: number}
  | {choice: null; reason: "format" | "untimed" | "nothing-fits"; tried: number};

/**
 * Pipeline depths worth trying: the smallest depth for each heaviest-stage size ⌈layers / pp⌉.
 * A deeper pipeline with the same heaviest stage runs each micro-batch no faster, leaves fewer
 * data-parallel ranks (so more micro-batches per step) and a longer bubble, and holds more
 * micro-batches in flight: it is never faster on the same accelerators.
 */
export function pipelineDepths(layers: number, maxDepth: number): number[] {
  const depths: number[] = [];
  let heaviest = Infinity;
  for (let pp = 1; pp <= Math.min(layers, maxDepth); pp++) {
    const h = Math.ceil(layers / pp);
    if (h < heaviest) {
      depths.push(pp);
      heaviest = h;
    }
  }
  return depths;
}

/** Largest tensor degree the starting layout tries: one 8-GPU node's NVLink domain (gpus.csv gpus_per_node is 8 for the NVIDIA parts). */
const STARTING_TP = 8;

/**
 * Largest tensor degree the "Fastest layout" search proposes on `gpu`: one machine's accelerators
 * (data/gpus.csv gpus_per_node: 8 for the NVIDIA, AMD and Intel parts; a TPU's ICI domain is its
 * pod), or 8 where the datasheet gives no node size. Tensor parallelism all-reduces activations
 * twice per layer on the critical path, so it belongs inside the fast scale-up links: "tensor model
 * parallelism should generally be used up to degree g when using g-GPU servers, and then pipeline
 * model parallelism can be used to scale up to larger models across servers" (Narayanan et al.
 * 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM", SC '21,
 * Sec 3.2 Takeaway #1; Sec 5.4.1 Fig 13 measures the loss beyond a node). The step-time model
 * prices a cross-node tensor group by the NICs' bandwidth plus NCCL's network latency per ring step
 * (collectives.ts ringAllReduceLatencySeconds), which makes it slower than one node's; the search
 * keeps to one machine as the paper advises. The reader can still set tensor 16 by hand.
 */
export function maxSearchTp(gpu: Pick<CalculatorInput["gpu"], "gpusPerNode">): number {
  return gpu.gpusPerNode ?? STARTING_TP;
}

/**
 * The fastest layout the calculator can express for `input.gpuCount` accelerators at
 * `input.globalBatchTokens`: tensor degrees that divide the heads and stay inside one machine
 * (`maxSearchTp`), pipeline depths up to the
 * layers, the expert degrees, ZeRO stages, recomputation modes and micro-batches its controls
 * offer, each run through `calculate` itself (data parallelism gets every GPU left, as on the
 * page). Layouts whose batch the calculator would round by more than 5% are skipped: the reader
 * set the batch. Fastest = shortest training time; ties go to fewer GPU-hours, then to the first
 * found (fewer model-parallel GPUs, smaller micro-batch, less recomputation, lower ZeRO stage).
 * Less recomputation is never slower, so for each tensor × pipeline × micro-batch the search stops
 * at the least recomputation that fits, and skips the split at once when even ZeRO-3 with full
 * recomputation does not fit; of pipeline depths with the same heaviest stage only the shallowest
 * is tried (`pipelineDepths`).
 */
export function fastestCalculatorLayout(input: Omit<CalculatorInput, keyof CalculatorLayoutChoice | "mfuOverride">): LayoutSearch {
  const {model} = input;
  const gpus = Math.max(1, Math.floor(input.gpuCount));
  const sequences = input.globalBatchTokens / model.seqLen;
  const tps = calculatorTpDegrees(model, Math.min(gpus, maxSearchTp(input.gpu)));
  const eps = model.experts ? CALCULATOR_EP.filter((e) => model.experts!.total % e === 0) : [1];
  let best: {choice: CalculatorLayoutChoice; seconds: number; gpuHours: number} | null = null;
  let untimeable: "untimed" | "format" | null = null;
  let tried = 0;
  const run = (choice: CalculatorLayoutChoice) => {
    tried++;
    try {
      const {estimate} = calculate({...input, ...choice});
      // A number format the chip lacks: no layout can run, whatever it is (estimate.ts UntimedEstimate).
      if (!estimate.timed) untimeable = "format";
      return estimate.feasible && estimate.timed ? estimate : null;
    } catch {
      // The step-time model cannot time this accelerator or format: nothing to rank by.
      untimeable = "untimed";
      return null;
    }
  };
  for (const tp of tps) {
    for (const pp of pipelineDepths(model.layers, Math.min(CALCULATOR_MAX_PP, Math.floor(gpus / tp)))) {
      const dp = Math.floor(gpus / (tp * pp));
      for (const microBatch of CALCULATOR_MICRO_BATCHES) {
        // The calculator's own rounding of the batch (legalLayout), checked before running it.
        const microSteps = Math.max(1, Math.round(sequences / (dp * microBatch)));
        if (Math.abs((microSteps * dp * microBatch) / sequences - 1) > BATCH_TOLERANCE) continue;
        for (const ep of eps) {
          if (dp % ep !== 0) continue;
          const stages = dp === 1 ? [0 as ZeroStage] : ZERO_STAGES;
          if (run({tp, pp, ep, zeroStage: stages[stages.length - 1] as ZeroStage, recompute: "full", microBatch}) === null) {
            if (untimeable !== null) return {choice: null, reason: untimeable, tried};
            continue;
          }
          for (const recompute of RECOMPUTE_ORDER) {
            let fitted = false;
            for (const zeroStage of stages) {
              const choice: CalculatorLayoutChoice = {tp, pp, ep, zeroStage, recompute, microBatch};
              const estimate = run(choice);
              if (estimate === null) continue;
              fitted = true;
              const tie = best !== null && Math.abs(estimate.trainingSeconds / best.seconds - 1) <= 1e-9;
              if (best === null || (!tie && estimate.trainingSeconds < best.seconds) || (tie && estimate.gpuHours < best.gpuHours * (1 - 1e-9))) {
                best = {choice, seconds: estimate.trainingSeconds, gpuHours: estimate.gpuHours};
              }
            }
            if (fitted) break;
          }
        }
      }
    }
  }
  return best === null ? {choice: null, reason: "nothing-fits", tried} : {choice: best.choice, reason: null, tried};
}

/**
 * The layout the calculator starts a model on (a link's own layout wins): ZeRO-1, selective
 * recomputation, one sequence per micro-batch — Megatron-LM's usual settings — and of the tensor
 * degrees up to 8 (one node; those that divide the heads and fit) and the pipeline depths
 * (`pipelineDepths`), the pair that trains soonest and fits. Some tens of calculator runs (a few to
 * 60 ms), so it can follow every change of model; the "Fastest layout" button searches every knob.
 * Before, it always took the largest tensor degree: small models started 1.3–3.5× slower than
 * need be (Pythia 6.9B on 4,096 H100s at tensor 8 × pipeline 11, where tensor 1 without a pipeline
 * trains 2.1× sooner; GPT-2 124M at tensor 4, 3.2×). Full recomputation only when nothing fits
 * with selective; when nothing fits either way, the largest tensor degree, no pipeline, and the
 * page says what would fit.
 */
export function startingLayout(input: Omit<CalculatorInput, keyof CalculatorLayoutChoice | "mfuOverride">): CalculatorLayoutChoice {
  const {model} = input;
  const gpus = Math.max(1, Math.floor(input.gpuCount));
  const tps = calculatorTpDegrees(model, Math.min(STARTING_TP, gpus));
  const largestTp = tps.at(-1) ?? 1;
  // Selective recomputation first; full recomputation only when nothing fits without it.
  for (const recompute of ["selective", "full"] as const) {
    let best: {tp: number; pp: number; seconds: number} | null = null;
    for (const tp of tps.length > 0 ? tps : [1]) {
      for (const pp of pipelineDepths(model.layers, Math.min(CALCULATOR_MAX_PP, Math.floor(gpus / tp)))) {
        let estimate;
        try {
          estimate = calculate({...input, tp, ep: 8, zeroStage: 1, recompute, microBatch: 1, pp}).estimate;
        } catch {
          // The step-time model cannot time this chip: no layout can be ranked.
          return {tp: largestTp, pp: 1, ep: 8, zeroStage: 1, recompute: "selective", microBatch: 1};
        }
        // A number format the chip lacks: nothing is timed on any layout.
        if (!estimate.timed) return {tp: largestTp, pp: 1, ep: 8, zeroStage: 1, recompute: "selective", microBatch: 1};
        if (estimate.feasible && (best === null || estimate.trainingSeconds < best.seconds)) best = {tp, pp, seconds: estimate.trainingSeconds};
      }
    }
    if (best !== null) return {tp: best.tp, pp: best.pp, ep: 8, zeroStage: 1, recompute, microBatch: 1};
  }
  return {tp: largestTp, pp: 1, ep: 8, zeroStage: 1, recompute: "selective", microBatch: 1};
}

/**
 * The global batch (tokens) the calculator starts a model on with `layout`: the model's figure
 * (`input.globalBatchTokens`: its published batch, or the page's assumption) moved to the nearest
 * batch the layout holds on these accelerators — a whole number of sequences on every data-parallel
 * rank (calculator.ts legalLayout) — to 3 significant figures, so a model's first view needs no
 * adjustment. Only within 5% (BATCH_TOLERANCE: papers give the batch to one or two figures, "4M
 * tokens"); beyond that the figure is kept and the layout note says what the run holds instead.
 */
export function startingBatchTokens(input: Omit<CalculatorInput, keyof CalculatorLayoutChoice | "mfuOverride">, layout: CalculatorLayoutChoice): number {
  const held = legalLayout({...input, ...layout}).parallelism.globalBatchTokens ?? input.globalBatchTokens;
  if (!(held > 0) || Math.abs(held / input.globalBatchTokens - 1) > BATCH_TOLERANCE) return input.globalBatchTokens;
  return Number(held.toPrecision(3));
}
