// The run options every planning page offers — the calculator (/), /memory, /levers and
// /case-studies — from one place: the precisions and their labels, the software stacks, the
// recomputation modes, how a model and an accelerator are named and ordered, and the default job.
// A page may offer fewer (levers: dense models only), never a differently named or ordered one.
import {STACK_LABELS} from "../engine/stack.js";
import type {GpuSpec, ModelSpec, Precision, Recompute, Stack} from "../engine/types.js";
import {perOpRecomputeDerived} from "../engine/flops.js";
import {sortAccelerators} from "./acceleratorOrder.js";
import {compact} from "./calculatorResults.js";
import {trainingTokens} from "./models.js";
import type {ModelRecord} from "./models.js";

/** Precisions in the order pickers list them: the usual choice first, FP32 last. */
export const PRECISION_OPTIONS: readonly Precision[] = ["bf16-master-fp32", "fp16-master-fp32", "fp8", "amp-bf16", "fp32"];

/** What each precision is called on every page (engine precision.ts says what each holds). */
export const PRECISION_LABELS: Readonly<Record<Precision, string>> = {
  "bf16-master-fp32": "BF16 mixed precision (FP32 master weights)",
  "fp16-master-fp32": "FP16 mixed precision (loss scaling, FP32 master weights)",
  fp8: "FP8 (Transformer Engine)",
  "amp-bf16": "PyTorch AMP (BF16 compute, FP32 weights)",
  fp32: "FP32"
};

/** Software stacks in the engine's order (stack.ts), named by STACK_LABELS. */
export const STACK_OPTIONS: readonly Stack[] = Object.keys(STACK_LABELS) as Stack[];

export const RECOMPUTE_LABELS: Readonly<Record<Recompute, string>> = {none: "None", selective: "Selective (attention)", "per-op": "Per-op (PyTorch)", full: "Full"};

/** A recompute mode in running text: "selective recomputation", "no recomputation". */
export function recomputeWords(recompute: Recompute): string {
  return `${recompute === "none" ? "no" : recompute} recomputation`;
}

/** One sentence per recompute mode, shown under the picker (memory.ts and flops.ts say how each is counted). */
export const RECOMPUTE_MEANINGS: Readonly<Record<Recompute, string>> = {
  none: "every activation the backward pass needs is kept",
  selective: "the attention scores are recomputed in the backward pass, as Megatron-LM does (with flash attention none are kept anyway)",
  "per-op": "PyTorch's per-operation checkpointing as torchtitan runs it: the outputs of every other matmul and of attention are kept, everything else is recomputed",
  full: "only each layer's input is kept and its whole forward pass runs again in the backward pass"
};

/**
 * Why the engine cannot count a recompute mode for this model, as a clause (no capital, no full
 * stop); null when it can. Only per-op has such a case: its kept tensors are worked out for dense
 * models with standard attention (engine flops.ts perOpRecomputeDerived; validateSpec refuses the rest).
 */
export function recomputeRefusal(model: ModelSpec, recompute: Recompute, modelName: string): string | null {
  if (recompute !== "per-op" || perOpRecomputeDerived(model)) return null;
  return `per-op recomputation is worked out for dense models with standard attention only, and ${modelName} has ${model.experts ? "experts" : "latent attention"}`;
}

/** The job every planning page opens on (Llama 3.1 70B on H100s in BF16, Megatron-style). */
export const DEFAULT_RUN = {
  model: "llama3.1-70b",
  gpu: "h100-sxm5-80gb",
  precision: "bf16-master-fp32",
  stack: "megatron",
  tp: 8,
  pp: 4,
  zeroStage: 1,
  recompute: "selective",
  microBatch: 1
} as const satisfies {model: string; gpu: string; precision: Precision; stack: Stack; tp: number; pp: number; zeroStage: number; recompute: Recompute; microBatch: number};

/**
 * The accelerators and price the calculator and /levers open on: 4,096 of DEFAULT_RUN's
 * accelerator (512 eight-GPU nodes: the site's choice, a large run's scale, not a published figure)
 * at $2 per accelerator-hour, the H800 rental price DeepSeek-AI assumed for DeepSeek-V3
 * (DeepSeek-V3 Technical Report, Table 1).
 */
export const DEFAULT_FLEET = {
  gpuCount: 4096,
  usdPerGpuHour: 2
} as const satisfies {gpuCount: number; usdPerGpuHour: number};

/**
 * The calculator's layout parameters when the address has none: Megatron-LM's usual settings
 * (tensor 8 within a node, ZeRO-1, selective recomputation, micro-batch 1) with no pipeline. The
 * page itself starts each model on calculatorPlan.ts `startingLayout` (the same settings with the
 * pipeline depth that trains soonest and fits); for DEFAULT_RUN on 4,096 H100s that is this layout.
 * DEFAULT_RUN's own layout (pipeline 4) stays the baseline of /levers and /memory.
 */
export const DEFAULT_CALCULATOR_LAYOUT = {
  tp: 8,
  pp: 1,
  zeroStage: 1,
  recompute: "selective",
  microBatch: 1
} as const satisfies {tp: number; pp: number; zeroStage: number; recompute: Recompute; microBatch: number};

/** Model picker: ids in data/models.csv order, each named by its `name`. */
export function modelOptions<T extends {id: string; name: string}>(records: readonly T[]): {ids: string[]; label: (id: string) => string} {
  return {ids: records.map((m) => m.id), label: (id) => records.find((m) => m.id === id)?.name ?? id};
}

/** Accelerator picker: sorted by vendor, year and name (acceleratorOrder.ts), each named by its `name`. */
export function acceleratorOptions<T extends Pick<GpuSpec, "id" | "name" | "releaseYear">>(gpus: readonly T[]): {gpus: T[]; ids: string[]; label: (id: string) => string} {
  const sorted = sortAccelerators(gpus);
  return {gpus: sorted, ids: sorted.map((g) => g.id), label: (id) => sorted.find((g) => g.id === id)?.name ?? id};
}

/**
 * The training tokens a page starts a model on: its published count, else 20 tokens per parameter
 * (Hoffmann et al. 2022, Chinchilla). Every page that asks for tokens follows the model this way.
 */
export function defaultTokens(record: Pick<ModelRecord, "training_tokens_billions" | "params_billions">): number {
  return trainingTokens(record as ModelRecord) ?? 20 * record.params_billions * 1e9;
}

/** The sentence under a software select: the stack's name and what it runs (the calculator, /memory). */
export function stackNote(stack: Stack): string {
  return `${STACK_LABELS[stack].name}: ${STACK_LABELS[stack].meaning}.`;
}

/** The sentence under a recompute select: the mode's label and what it keeps (the calculator, /memory). */
export function recomputeChoiceNote(recompute: Recompute): string {
  return `${RECOMPUTE_LABELS[recompute]}: ${RECOMPUTE_MEANINGS[recompute]}.`;
}

/**
 * The sentence under the calculator's token slider: the tokens the model was trained on and their
 * source (the first part of its `source`), or why the slider starts at Chinchilla's 20 per parameter.
 */
export function modelTokensNote(record: Pick<ModelRecord, "name" | "source" | "training_tokens_billions" | "params_billions">): string {
  const reported = trainingTokens(record as ModelRecord);
  return reported === null
    ? `${record.name}'s training tokens are not published; the default is 20 tokens per parameter (Hoffmann et al. 2022, Chinchilla).`
    : `${record.name} was trained on ${compact(reported)} tokens (${record.source.split(";")[0]!.split(" (")[0]}).`;
}
