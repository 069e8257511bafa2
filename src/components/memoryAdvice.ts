// Why a layout does or does not fit in HBM, and which single change would make it fit.
// Pure: calls the engine's memoryPerGpu for the layout and for each candidate change.
import {memoryPerGpu} from "../engine/memory.js";
import {perOpRecomputeDerived} from "../engine/flops.js";
import type {MemoryBreakdown, ModelSpec, ParallelismSpec, Precision, Stack, ZeroStage} from "../engine/types.js";
import {MEMORY_PARTS} from "./memoryParts.js";
import type {MemoryPart} from "./memoryParts.js";

export interface MemoryQuestion {
  model: ModelSpec;
  parallelism: ParallelismSpec;
  precision: Precision;
  /** The training software (engine stack.ts); default "megatron". */
  stack?: Stack;
  /** Accelerator memory, bytes. */
  hbmBytes: number;
  /** Largest tensor-parallel degree to suggest (the GPUs of one NVLink node). Default 8. */
  maxTp?: number;
}

/** One alternative layout: what changes, and what memory it needs. */
export interface MemoryFix {
  /** A short imperative: "Use ZeRO stage 3". */
  change: string;
  /** Why this helps, one clause. */
  effect: string;
  parallelism: ParallelismSpec;
  breakdown: MemoryBreakdown;
  fits: boolean;
}

export interface MemoryVerdict {
  breakdown: MemoryBreakdown;
  fits: boolean;
  /** hbmBytes − total: negative when the layout overflows. */
  headroomBytes: number;
  /** The part that holds the most bytes. */
  largest: MemoryPart;
  /** Single changes that keep the GPU count, best (smallest total) first. */
  fixes: MemoryFix[];
}

function largestPart(b: MemoryBreakdown): MemoryPart {
  let best: MemoryPart = "weights";
  for (const {key} of MEMORY_PARTS) if (b[key] > b[best]) best = key;
  return best;
}

/**
 * Candidate single changes that keep the number of GPUs: a higher ZeRO stage, recomputation,
 * a smaller micro-batch, and moving a factor of 2 from data parallelism to tensor, pipeline or
 * expert parallelism (each of which shards weights or activations further).
 */
function candidates(q: MemoryQuestion): {change: string; effect: string; parallelism: ParallelismSpec}[] {
  const p = q.parallelism;
  const maxTp = q.maxTp ?? 8;
  const out: {change: string; effect: string; parallelism: ParallelismSpec}[] = [];
  for (let stage = p.zeroStage + 1; stage <= 3; stage++) {
    if (p.dp * (p.cp ?? 1) < 2) break;
    const sharded = stage === 1 ? "optimizer states" : stage === 2 ? "optimizer states and gradients" : "optimizer states, gradients and weights";
    out.push({change: `Use ZeRO stage ${stage}`, effect: `shards ${sharded} over the ${(p.dp * (p.cp ?? 1)).toLocaleString("en-US")} data-parallel ranks`, parallelism: {...p, zeroStage: stage as ZeroStage}});
  }
  if (p.recompute !== "full") {
    out.push({change: "Recompute activations (full)", effect: "keeps only each layer's input and recomputes the rest in the backward pass (about a third more compute)", parallelism: {...p, recompute: "full"}});
  }
  // PyTorch's per-operation checkpointing, where the stack runs torch.utils.checkpoint and the engine derives it.
  const pytorch = q.stack === "pytorch" || q.stack === "pytorch-compile";
  if (pytorch && (p.recompute === "none" || p.recompute === "selective") && perOpRecomputeDerived(q.model)) {
    out.push({change: "Recompute per operation (per-op)", effect: "keeps every other matmul's output and attention's, recomputes the rest (torchtitan's policy)", parallelism: {...p, recompute: "per-op"}});
  }
  if (p.recompute === "none") {
    out.push({change: "Recompute attention (selective)", effect: "drops the attention-score activations for a few percent more compute", parallelism: {...p, recompute: "selective"}});
  }
  if (p.microBatch > 1) {
    out.push({change: `Micro-batch ${Math.max(1, Math.floor(p.microBatch / 2))}`, effect: "halves the activations in flight", parallelism: {...p, microBatch: Math.max(1, Math.floor(p.microBatch / 2))}});
  }
  if (p.dp % 2 === 0) {
    if (p.tp * 2 <= maxTp && q.model.heads % (p.tp * 2) === 0) {
      out.push({change: `Tensor parallel ${p.tp * 2} (data parallel ${(p.dp / 2).toLocaleString("en-US")})`, effect: "splits each layer's weights and activations over twice as many accelerators", parallelism: {...p, tp: p.tp * 2, dp: p.dp / 2}});
    }
    if (p.pp * 2 <= q.model.layers) {
      out.push({change: `Pipeline parallel ${p.pp * 2} (data parallel ${(p.dp / 2).toLocaleString("en-US")})`, effect: "gives each accelerator half as many layers", parallelism: {...p, pp: p.pp * 2, dp: p.dp / 2}});
    }
  }
  const ep = p.ep ?? 1;
  if (q.model.experts && ep * 2 <= q.model.experts.total && ep * 2 <= p.dp * (p.cp ?? 1)) {
    out.push({change: `Expert parallel ${ep * 2}`, effect: "spreads the experts over twice as many accelerators", parallelism: {...p, ep: ep * 2}});
  }
  return out;
}

export function memoryVerdict(q: MemoryQuestion): MemoryVerdict {
  const breakdown = memoryPerGpu({model: q.model, parallelism: q.parallelism, precision: q.precision, stack: q.stack});
  const fixes = candidates(q)
    .map((c) => {
      const b = memoryPerGpu({model: q.model, parallelism: c.parallelism, precision: q.precision, stack: q.stack});
      return {...c, breakdown: b, fits: b.total <= q.hbmBytes};
    })
    .filter((f) => f.breakdown.total < breakdown.total)
    .sort((a, b) => a.breakdown.total - b.breakdown.total);
  return {
    breakdown,
    fits: breakdown.total <= q.hbmBytes,
    headroomBytes: q.hbmBytes - breakdown.total,
    largest: largestPart(breakdown),
    fixes
  };
}

/**
 * The pipeline degree a model can take: every stage needs at least one layer (the engine's
 * pipelineSplit refuses more stages than layers), so a larger request is lowered to the layer
 * count, with a sentence saying so for the page.
 */
export function pipelineStages(requested: number, layers: number, modelName: string): {pp: number; note: string | null} {
  if (requested <= layers) return {pp: requested, note: null};
  return {pp: layers, note: `Pipeline parallelism ${requested} → ${layers}: every stage needs at least one layer, and ${modelName} has ${layers}.`};
}
