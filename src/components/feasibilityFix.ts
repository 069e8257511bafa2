// What would make an infeasible calculator run feasible, in reader words: the fewest accelerators
// (powers of two) on which the planner finds a layout that fits, and that layout; or, for chips
// the step-time model cannot time, how many are needed just to hold the model's state.
import {fewestGpusLayout, modelStateGpuLowerBound} from "../engine/perf/fittingLayout.js";
import {precisionReason} from "../engine/feasibility.js";
import type {ParallelismSpec} from "../engine/types.js";
import type {CalculatorInput} from "./calculator.js";
import {acceleratorWords} from "./acceleratorWords.js";
import {calculatorTpDegrees} from "./calculatorPlan.js";
import {recomputeWords} from "./runOptions.js";

/** Largest accelerator count the calculator's slider offers: the search stops there. */
export const MAX_SEARCH_GPUS = 131072;

const count = (n: number) => n.toLocaleString("en-US");

/** "tensor 8 × pipeline 2 × data 4, ZeRO-1, selective recomputation". */
export function layoutWords(p: ParallelismSpec): string {
  const dims = [`tensor ${p.tp}`, `pipeline ${p.pp}`, `data ${count(p.dp)}`];
  if ((p.cp ?? 1) > 1) dims.push(`context ${p.cp}`);
  const ep = (p.ep ?? 1) > 1 ? `, experts over ${p.ep} ranks` : "";
  return `${dims.join(" × ")}${ep}, ZeRO-${p.zeroStage}, ${recomputeWords(p.recompute)}, micro-batch ${p.microBatch}`;
}

// The search depends on neither the accelerator count nor the layout the reader set, so while only
// those move (a drag of the Accelerators slider across counts that do not fit) the last search is
// reused: it was about 1 ms of each such move (bench/profile.ts).
let lastSearch: {model: CalculatorInput["model"]; gpu: CalculatorInput["gpu"]; precision: CalculatorInput["precision"]; globalBatchTokens: number; stack: CalculatorInput["stack"]; found: ReturnType<typeof fewestGpusLayout>} | null = null;

/** fewestGpusLayout over the layouts the calculator's controls can set, for this model, chip, format, batch and stack. */
function fewestFittingLayout(input: CalculatorInput): ReturnType<typeof fewestGpusLayout> {
  const {model, gpu, precision, globalBatchTokens, stack} = input;
  const last = lastSearch;
  if (last !== null && last.model === model && last.gpu === gpu && last.precision === precision && last.globalBatchTokens === globalBatchTokens && last.stack === stack) return last.found;
  // Only layouts the calculator's controls can set: no context parallelism, no interleaved stages, its tensor degrees.
  const space = {cp: [1], virtualStages: [1], tp: calculatorTpDegrees(model, Infinity)};
  const found = fewestGpusLayout({model, gpu, precision, globalBatchTokens, maxGpus: MAX_SEARCH_GPUS, space, ...(stack ? {stack} : {})});
  lastSearch = {model, gpu, precision, globalBatchTokens, stack, found};
  return found;
}

/**
 * Sentences saying what would make the run fit in memory (empty when the number format is the
 * problem: its reason already names the fix).
 */
export function feasibilityFixes(input: CalculatorInput, gpusUsed: number): string[] {
  if (precisionReason(input.gpu, input.precision)) return [];
  const words = acceleratorWords(input.gpu.id);
  const plural = (n: number) => `${count(n)} ${n === 1 ? words.one : `${words.one}s`}`;
  const found = fewestFittingLayout(input);
  if (found) {
    const where = found.gpus <= gpusUsed ? `A layout that fits on ${plural(found.gpus)}` : `It needs at least ${plural(found.gpus)} (searching 1, 2, 4, …); a layout that fits there`;
    return [`${where}: ${layoutWords(found.parallelism)}.`];
  }
  const bound = modelStateGpuLowerBound(input.model, input.gpu, input.precision);
  return [`At least ${plural(bound)} of ${input.gpu.name} are needed just to hold the weights, gradients and optimizer state spread over all of them (ZeRO-3), before any activations.`];
}
