// The layout rules a TrainingSpec's parallelism dimensions must satisfy, and the error that lists
// a spec's problems. No zod here: the pages' estimate path (specCheck.ts) imports this module, and
// validateSpec.ts (the zod schema, for the CLI and any JSON) builds on it.
import type {TrainingSpec} from "./types.js";
import {kvHeadsOf, tpSplitsKvHeads} from "./architecture.js";
import {gpuCountOf} from "./parallelism.js";
import {activeParamsReason, paramsReason} from "./parameterConventions.js";

/** One problem with a spec: the dotted path of the field and what was wrong. */
export interface SpecIssue {
  path: string;
  message: string;
}

/** A spec that cannot be estimated. `issues` lists every problem found; the message joins them. */
export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];
  constructor(issues: SpecIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "));
    this.name = "SpecError";
    this.issues = issues;
  }
}

/** Layout rules beyond the shape: the dimensions must multiply out and divide the model evenly. */
export function layoutIssues(spec: TrainingSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const {model: m, parallelism: p, hardware: h} = spec;
  const cp = p.cp ?? 1;
  const ep = p.ep ?? 1;
  const kv = kvHeadsOf(m);
  const add = (path: string, message: string) => issues.push({path, message});
  const product = gpuCountOf(p);
  if (product !== h.count) add("parallelism", `tp·pp·dp·cp = ${p.tp}·${p.pp}·${p.dp}·${cp} = ${product}, but hardware.count is ${h.count}`);
  // With headDim given the heads need not tile dModel (Gemma 7B: 16 heads of 256 on a 3,072 residual).
  if (m.headDim === undefined && m.dModel % m.heads !== 0) add("model.dModel", `${m.dModel} is not divisible by heads = ${m.heads} (give model.headDim where the heads are not dModel / heads wide)`);
  if (kv > m.heads) add("model.kvHeads", `${kv} exceeds heads = ${m.heads} (each key/value head serves one or more query heads, so kvHeads ≤ heads and divides it)`);
  else if (m.heads % kv !== 0) add("model.kvHeads", `heads = ${m.heads} is not divisible by kvHeads = ${kv}`);
  if (m.heads % p.tp !== 0) add("parallelism.tp", `heads = ${m.heads} is not divisible by tp = ${p.tp}`);
  if (!tpSplitsKvHeads(m, p.tp)) add("parallelism.tp", `kvHeads = ${kv} neither divides by tp = ${p.tp} nor divides it (KV heads are split or replicated across tensor ranks)`);
  // pp need not divide the layers: the heaviest stage holds ceil(layers/pp) (parallelism.ts
  // pipelineSplit, as Llama 3 405B's 126 layers on pp 16), but every stage needs a layer, and
  // interleaving cuts each stage's layers into virtualStages equal chunks (for an even split
  // this is layers % (pp·virtualStages) = 0).
  const virtual = p.virtualStages ?? 1;
  if (virtual > 1 && p.pp === 1) {
    // Interleaving cuts each pipeline stage into chunks to shrink the bubble between stages
    // (Narayanan et al. 2021, Sec 2.2.2); with one stage there is no bubble and nothing to interleave.
    add("parallelism.virtualStages", `${virtual} interleaved chunks need pipeline parallelism, but pp = 1 (one stage, no pipeline bubble to shrink): use pp ≥ 2, or leave virtualStages out`);
  } else if (m.layers < p.pp) {
    add("parallelism.pp", `layers = ${m.layers} is fewer than pp = ${p.pp} (every pipeline stage holds at least one layer)`);
  } else if (virtual > 1 && Math.ceil(m.layers / p.pp) % virtual !== 0) {
    add("parallelism.virtualStages", `${Math.ceil(m.layers / p.pp)} layers on the heaviest stage (layers = ${m.layers}, pp = ${p.pp}) are not divisible by virtualStages = ${virtual}`);
  }
  if (m.seqLen % cp !== 0) add("parallelism.cp", `seqLen = ${m.seqLen} is not divisible by cp = ${cp}`);
  if (m.experts) {
    if (m.experts.active > m.experts.total) add("model.experts.active", `${m.experts.active} routed experts exceed the ${m.experts.total} experts`);
    if (m.experts.total % ep !== 0) add("parallelism.ep", `experts = ${m.experts.total} is not divisible by ep = ${ep}`);
    if ((p.dp * cp) % ep !== 0) add("parallelism.ep", `ep = ${ep} must divide dp·cp = ${p.dp * cp} (expert parallelism is carved from the data-parallel ranks)`);
    if (m.denseLayers !== undefined && m.denseLayers >= m.layers) add("model.denseLayers", `${m.denseLayers} leading dense layers leave none of the ${m.layers} layers for the experts: use fewer than layers, or leave experts out for a dense model`);
    // memory.ts perOpLayerActivationBytes derives what the policy keeps for dense blocks only.
    if (p.recompute === "per-op") add("parallelism.recompute", "per-op recomputation is worked out for dense transformer blocks only, not for mixture-of-experts layers: choose none, selective or full");
  } else {
    if (ep > 1) add("parallelism.ep", `ep = ${ep} but the model has no experts`);
    for (const field of ["sharedExperts", "denseLayers", "expertFfnDim"] as const) {
      if (m[field] !== undefined) add(`model.${field}`, "describes mixture-of-experts layers, but this model has no experts: leave it out, or give model.experts");
    }
  }
  if (m.latentAttention && m.headDim !== undefined) {
    add("model.headDim", "latent attention sets its own head widths (latentAttention.qkNopeHeadDim, qkRopeHeadDim, vHeadDim): leave headDim out");
  }
  if (m.latentAttention && m.kvHeads !== undefined && m.kvHeads !== m.heads) {
    add("model.kvHeads", `${m.kvHeads} key/value heads, but latent attention decompresses a key and a value head for each of the ${m.heads} query heads: leave kvHeads out, or set it to heads`);
  }
  // The per-op policy's kept tensors are derived for standard attention (Q, K, V and output projections).
  if (m.latentAttention && !m.experts && p.recompute === "per-op") {
    add("parallelism.recompute", "per-op recomputation is worked out for standard attention only, not for latent attention: choose none, selective or full");
  }
  // Without experts every parameter is active: a separate active count would change only the
  // 6·N·D shortcut, while the FLOPs come from the architecture, so the spec would mean two things.
  if (m.activeParams !== undefined && !m.experts) add("model.activeParams", "applies to mixture-of-experts models (the parameters a token is routed through); this model has no experts, so every parameter is active: leave activeParams out, or give model.experts");
  else if (m.activeParams !== undefined && m.activeParams > m.params) add("model.activeParams", `${m.activeParams} exceeds params = ${m.params}`);
  else {
    const active = activeParamsReason(m);
    if (active) add("model.activeParams", active);
  }
  const params = paramsReason(m);
  if (params) add("model.params", params);
  if (p.globalBatchTokens !== undefined) {
    const perMicro = m.seqLen * p.microBatch * p.dp;
    const micro = p.globalBatchTokens / perMicro;
    if (micro < 1) {
      add("parallelism.globalBatchTokens", `${p.globalBatchTokens} tokens are less than one micro-batch on every data-parallel rank (seqLen·microBatch·dp = ${m.seqLen}·${p.microBatch}·${p.dp} = ${perMicro} tokens), the smallest step: use a global batch of at least ${perMicro} tokens, or a smaller micro-batch or fewer data-parallel ranks`);
    } else if (!Number.isInteger(micro)) {
      add("parallelism.globalBatchTokens", `${p.globalBatchTokens} is not a whole number of micro-batches (seqLen·microBatch·dp = ${perMicro} tokens each)`);
    }
  }
  return issues;
}

