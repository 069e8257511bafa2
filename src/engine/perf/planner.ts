// The parallelism planner: every legal layout of a model on a cluster, those that fit in memory,
// ranked by step time or by dollars. Built to re-plan on every slider move: per-model invariants
// are computed once, layer costs once per (tp, cp, micro-batch, ep), memory from cached parts,
// and the inner loop allocates nothing (bench/planner.ts measures it).
import type {GpuSpec, MemoryBreakdown, ModelSpec, ParallelismSpec, Precision, Recompute, Stack, ZeroStage} from "../types.js";
import {LOGITS_BYTES_PER_ELEMENT, ddpHoldsBuckets, layerActivationBytes, memoryPerGpu} from "../memory.js";
import {isMegatronStack, stackMemoryOptions} from "../stack.js";
import {planPlainPyTorchLayouts} from "./eagerPlanner.js";
import {microbatchesInFlight, pipelineSplit, stageLayout} from "../parallelism.js";
import type {StageLayout} from "../parallelism.js";
import {PRECISION_BYTES, computeWeightBytes} from "../precision.js";
import {tpSplitsKvHeads} from "../architecture.js";
import {perOpRecomputeDerived} from "../flops.js";
import {LAYER_SLOTS, Slot, layerCost} from "./layerCost.js";
import {STEP_SLOTS, StepSlot, assembleStep, breakdownFromSlots, hardwareFlopsPerTokenOf, stackPerfOptions, stepContext} from "./stepTime.js";
import type {PerfOptions, StepBreakdown} from "./stepTime.js";

export interface PlanSpace {
  tp?: readonly number[];
  pp?: readonly number[];
  cp?: readonly number[];
  ep?: readonly number[];
  zeroStages?: readonly ZeroStage[];
  microBatches?: readonly number[];
  recompute?: readonly Recompute[];
  virtualStages?: readonly number[];
}

export interface PlanRequest {
  model: ModelSpec;
  gpu: GpuSpec;
  /** GPUs available. Layouts use at most this many (all of them when `useAllGpus`). */
  gpus: number;
  precision: Precision;
  /** Tokens per optimizer step (global batch); a multiple of seqLen. */
  globalBatchTokens: number;
  /** Rank by step time (default) or by dollars per token (needs usdPerGpuHour). */
  objective?: "time" | "cost";
  usdPerGpuHour?: number;
  /**
   * Deadline: keep only layouts whose step time is at most this many seconds (e.g. training
   * days × 86,400 ÷ steps). With objective "cost" this finds the cheapest layout that finishes
   * in time instead of the one on the fewest GPUs.
   */
  maxSecondsPerStep?: number;
  /** Only layouts that use every GPU. Default false. */
  useAllGpus?: boolean;
  /** How many ranked layouts to return. Default 20. */
  limit?: number;
  /** Candidate values per dimension; defaults in `defaultPlanSpace`. */
  space?: PlanSpace;
  /** Usable fraction of HBM. Default 1 (memoryPerGpu already counts buffers). */
  memoryFraction?: number;
  /** Software-stack switches passed to the step-time model. */
  options?: PerfOptions;
  /** The training software, for memory (stack.ts). Default "megatron". */
  stack?: Stack;
  /** Prune layouts that cannot beat the current top `limit` and dominated recomputation modes. Default true. */
  prune?: boolean;
  /**
   * Attention by a FlashAttention-style fused kernel. Default true; false times and sizes attention
   * with the scores materialised (layerCost.ts, memory.ts), for a run whose code computed it so
   * (runPrediction.ts PublishedLayoutPins.flashAttention). The Megatron-stack search only.
   */
  flashAttention?: boolean;
}

export interface RankedLayout {
  parallelism: ParallelismSpec;
  gpus: number;
  secondsPerStep: number;
  mfu: number;
  hfu: number;
  tokensPerSecond: number;
  /** Dollars per step, when usdPerGpuHour is given. */
  usdPerStep: number | null;
  memoryBytesPerGpu: number;
  breakdown: StepBreakdown;
}

export interface PlanResult {
  layouts: RankedLayout[];
  /** Candidate layouts examined (memory checked). */
  examined: number;
  /** Layouts whose step time was computed. */
  evaluated: number;
  /** Layouts that fitted in memory. */
  fitting: number;
}

const DIVISOR_CAP = 1024;
function divisors(n: number, cap = DIVISOR_CAP): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, cap); d++) if (n % d === 0) out.push(d);
  return out;
}

/** Default search space: every value that the constraints allow, within practical caps. */
export function defaultPlanSpace(model: ModelSpec): Required<PlanSpace> {
  return {
    tp: divisors(model.heads, 64),
    // Every stage count up to the layer count: pp need not divide the layers (uneven stages,
    // parallelism.ts pipelineSplit; e.g. Llama 3 405B, 126 layers on pp 16).
    pp: Array.from({length: Math.min(model.layers, 128)}, (_, i) => i + 1),
    // Context parallelism only where each rank keeps at least 512 tokens (shorter blocks leave
    // ring attention nothing to overlap with); cp = 1 always.
    cp: [1, 2, 4, 8, 16, 32].filter((c) => c === 1 || (model.seqLen % c === 0 && model.seqLen / c >= 512)),
    ep: model.experts ? divisors(model.experts.total, 256) : [1],
    zeroStages: [0, 1, 2, 3],
    microBatches: [1, 2, 4, 8, 16, 32, 64],
    // per-op (torchtitan's per-operation checkpointing) for dense models; only the PyTorch stacks'
    // planner (eagerPlanner.ts) tries it, Megatron has no such mode (RECOMPUTE_ORDER below).
    recompute: perOpRecomputeDerived(model) ? ["none", "selective", "per-op", "full"] : ["none", "selective", "full"],
    virtualStages: [1, 2, 4]
  };
}

/** The Megatron stacks' modes: per-op checkpointing is torch.utils.checkpoint's, not Megatron's. */
const RECOMPUTE_ORDER: readonly Recompute[] = ["none", "selective", "full"];

/**
 * Searches layouts of `req.model` on up to `req.gpus` GPUs. Constraints: heads % tp, kvHeads % tp
 * or tp % kvHeads (replicated KV heads, architecture.ts tpSplitsKvHeads),
 * pp ≤ layers (pp need not divide them: the heaviest stage holds ceil(layers/pp) and sets the
 * pace, parallelism.ts pipelineSplit), ceil(layers/pp) % v = 0 for v > 1 virtual stages (with
 * an even split: layers % (pp·v) = 0), experts % ep, (dp·cp) % ep, seqLen % cp,
 * tp·pp·dp·cp ≤ gpus, and global batch sequences % (dp · micro-batch) = 0. A layout is kept when
 * its memory per GPU (memory.ts) fits in HBM. Ranked by step time (or dollars per step), best
 * first.
 */
export function planLayouts(req: PlanRequest): PlanResult {
  const {model, gpu, precision} = req;
  const N = req.gpus;
  if (!(Number.isInteger(N) && N >= 1)) throw new RangeError(`planLayouts: gpus must be a whole number ≥ 1, got ${N}`);
  const seqs = req.globalBatchTokens / model.seqLen;
  if (!(Number.isInteger(seqs) && seqs >= 1)) throw new RangeError(`planLayouts: global batch (${req.globalBatchTokens} tokens) must be a whole number of ${model.seqLen}-token sequences`);
  const objective = req.objective ?? "time";
  if (objective === "cost" && !(req.usdPerGpuHour !== undefined && req.usdPerGpuHour > 0)) throw new RangeError("planLayouts: ranking by cost needs usdPerGpuHour > 0");
  // The PyTorch stacks: their own layouts and step model (eagerPlanner.ts).
  if (!isMegatronStack(req.stack)) return planPlainPyTorchLayouts(req);
  const limit = Math.max(1, req.limit ?? 20);
  const prune = req.prune ?? true;
  const space = {...defaultPlanSpace(model), ...req.space};
  const hbm = gpu.hbmBytes * (req.memoryFraction ?? 1);
  const ctx = stepContext(model, gpu, precision, stackPerfOptions(req.stack, gpu, precision, req.options ?? {}));
  const pb = PRECISION_BYTES[precision];
  const actScale = pb.activationScale;
  const wBytes = computeWeightBytes(precision);
  const stackMemory = stackMemoryOptions(req.stack);
  const logitsBytesPerElement = LOGITS_BYTES_PER_ELEMENT[stackMemory.crossEntropy ?? "fused"];
  const gradientsFreed = stackMemory.gradientsFreedBetweenSteps ?? false;
  const batchDivisors = divisors(seqs, seqs);
  const flashAttention = req.flashAttention ?? true;

  // Reusable spec for the engine functions that take one (no allocation per layout).
  const spec: ParallelismSpec = {tp: 1, pp: 1, dp: 1, cp: 1, ep: 1, zeroStage: 0, microBatch: 1, recompute: "none", globalBatchTokens: req.globalBatchTokens, virtualStages: 1};

  // Caches: layer costs per (tp, cp, ep, micro-batch), activations per (tp, cp, micro-batch,
  // recompute), stage parameters per (tp, pp, ep). Built outside the inner loops.
  const mbs = space.microBatches;
  const rcs = RECOMPUTE_ORDER.filter((rc) => space.recompute.includes(rc));
  const layerCache = new Map<string, Float64Array>();
  const stageCache = new Map<string, StageLayout>();
  const layerVec = (tp: number, cp: number, ep: number, mb: number): Float64Array => {
    const key = `${tp},${cp},${ep},${mb}`;
    let v = layerCache.get(key);
    if (!v) layerCache.set(key, (v = layerCost(ctx.inv, tp, cp, ep, mb, tp > 1, flashAttention, new Float64Array(LAYER_SLOTS))));
    return v;
  };
  const stageOf = (tp: number, pp: number, ep: number) => {
    const key = `${tp},${pp},${ep}`;
    let v = stageCache.get(key);
    if (!v) {
      spec.tp = tp; spec.pp = pp; spec.ep = ep;
      v = stageLayout(model, spec);
      stageCache.set(key, v);
    }
    return v;
  };
  const actTable = new Float64Array(mbs.length * RECOMPUTE_ORDER.length);
  const workingTable = new Float64Array(mbs.length);
  const layerTable: Float64Array[] = new Array(mbs.length);

  // Top-K, kept sorted by (score, simplicity) ascending: among equal step times the layout with
  // fewer and smaller parallel dimensions ranks first.
  const topScore: number[] = [];
  const topTie: number[] = [];
  const topLayouts: {tp: number; pp: number; dp: number; cp: number; ep: number; zero: ZeroStage; mb: number; rc: Recompute; vs: number; memory: number}[] = [];
  const worstKept = (): number => (topScore.length < limit ? Infinity : (topScore[topScore.length - 1] as number));
  const out = new Float64Array(STEP_SLOTS);
  let examined = 0;
  let evaluated = 0;
  let fitting = 0;
  const usd = req.usdPerGpuHour ?? 0;
  const deadline = req.maxSecondsPerStep ?? Infinity;
  if (!(deadline > 0)) throw new RangeError(`planLayouts: maxSecondsPerStep must be > 0, got ${req.maxSecondsPerStep}`);
  const epValues = space.ep.filter((ep) => (model.experts ? model.experts.total % ep === 0 : ep === 1));
  const dpDescending = [...batchDivisors].reverse();

  // Stage counts: at most one per split. A larger pp with the same layers on its heaviest, first
  // and last stages has the same stage weights and per-micro-batch time, a longer bubble, more
  // activations in flight and more GPUs, so with pruning on (and GPUs not required to be all
  // used) it is dominated by the smallest such pp.
  const ppValues: number[] = [];
  {
    const seen = new Set<string>();
    for (const pp of [...space.pp].sort((a, b) => a - b)) {
      if (!(Number.isInteger(pp) && pp >= 1 && pp <= model.layers)) continue;
      if (prune && !req.useAllGpus) {
        const split = pipelineSplit(model.layers, pp);
        const key = `${split.heaviest},${split.first},${split.last}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      ppValues.push(pp);
    }
  }

  // Lower bounds for pruning: one micro-batch through the slowest stage takes at least its
  // matmuls (the heaviest stage's layers, or the last stage's plus the output projection), and
  // the step at least (m + (pp − 1)/v) of those, v at most the largest virtual-stage count.
  const maxVs = Math.max(1, ...space.virtualStages);
  const microGemm = (lv: Float64Array, st: StageLayout): number => {
    const g = (lv[Slot.GemmF] as number) + (lv[Slot.GemmB] as number);
    return Math.max(st.layers * g, st.lastLayers * g + (lv[Slot.HeadGemm] as number));
  };

  for (const tp of space.tp) {
    if (model.heads % tp !== 0 || !tpSplitsKvHeads(model, tp) || tp > N) continue;
    for (const cp of space.cp) {
      if (model.seqLen % cp !== 0 || tp * cp > N) continue;
      for (let i = 0; i < mbs.length; i++) {
        const mb = mbs[i] as number;
        for (let j = 0; j < RECOMPUTE_ORDER.length; j++) {
          const layout = {seqLen: model.seqLen / cp, microBatch: mb, tp, sequenceParallel: tp > 1, flashAttention, recompute: RECOMPUTE_ORDER[j] as Recompute};
          actTable[i * RECOMPUTE_ORDER.length + j] = layerActivationBytes(model, layout).total;
        }
        workingTable[i] = actTable[i * RECOMPUTE_ORDER.length] as number;
      }
      for (const ep of epValues) {
        for (let i = 0; i < mbs.length; i++) layerTable[i] = layerVec(tp, cp, ep, mbs[i] as number);
        for (const pp of ppValues) {
          if (tp * cp * pp > N) continue;
          // Every GPU used: tp·cp·pp·dp = N needs tp·cp·pp to divide N (most stage counts do not).
          if (req.useAllGpus && N % (tp * cp * pp) !== 0) continue;
          const stage = stageOf(tp, pp, ep);
          const autocastCache = precision === "amp-bf16" ? 2 * (stage.dense + stage.expert) : 0;
          const maxDp = Math.floor(N / (tp * cp * pp));
          for (const dp of dpDescending) {
            if (dp > maxDp) continue;
            const gpus = tp * cp * pp * dp;
            if (req.useAllGpus && gpus !== N) continue;
            if ((dp * cp) % ep !== 0) continue;
            // Group lower bound: the matmuls alone, at the best micro-batch, cannot beat the top-K.
            if (prune && topScore.length >= limit) {
              let lb = Infinity;
              const bubbleLb = (pp - 1) / maxVs;
              for (let i = 0; i < mbs.length; i++) {
                const mb = mbs[i] as number;
                if (seqs % (dp * mb) !== 0) continue;
                const lv = layerTable[i] as Float64Array;
                const c = (seqs / (dp * mb) + bubbleLb) * microGemm(lv, stage);
                if (c < lb) lb = c;
              }
              if ((objective === "cost" ? lb * gpus : lb) >= worstKept()) continue;
            }
            const denseShards = dp * cp;
            const expertShards = Math.max(1, denseShards / ep);
            for (const zero of space.zeroStages) {
              // Model states (memory.ts: zeroModelStateBytes), same arithmetic.
              const grads = (stage.dense * pb.gradientBytesPerParam) / (zero >= 2 ? denseShards : 1) + (stage.expert * pb.gradientBytesPerParam) / (zero >= 2 ? expertShards : 1);
              const statesLessGrads =
                (stage.dense * pb.weightBytesPerParam) / (zero >= 3 ? denseShards : 1) + (stage.expert * pb.weightBytesPerParam) / (zero >= 3 ? expertShards : 1) +
                (stage.dense * pb.optimizerBytesPerParam) / (zero >= 1 ? denseShards : 1) + (stage.expert * pb.optimizerBytesPerParam) / (zero >= 1 ? expertShards : 1);
              const states = statesLessGrads + grads;
              // ZeRO-3's gathered layer (unsharded groups need none) and AMP's autocast cache (memory.ts).
              const gatheredParams = (denseShards > 1 ? stage.dense : 0) + (expertShards > 1 ? stage.expert : 0);
              const gathered = (zero === 3 ? (gatheredParams / Math.max(1, stage.layers)) * wBytes : 0) + autocastCache;
              // Plain PyTorch DDP: at the second step's peak its bucket set and the one it made at
              // construction, the gradients' size each (memory.ts ddpHoldsBuckets, ddpFirstStepBuckets).
              const ddp = ddpHoldsBuckets(gradientsFreed, zero, denseShards);
              const freed = gradientsFreed && !ddp;
              const held = states + gathered + (ddp ? grads : 0);
              const floor = freed ? statesLessGrads + Math.max(grads, gathered) : held;
              if (floor > hbm) { examined++; continue; }
              for (const vs of space.virtualStages) {
                // Interleaving splits each GPU's layers into vs equal chunks (layers % (pp·vs) = 0 when
                // the split is even); with an uneven one the lighter stages hold one layer less, as in
                // Llama 3 405B (pp 16, 8 one-layer chunks per GPU, Llama Team 2024 Sec 3.3.2).
                if (vs > 1 && (pp === 1 || stage.layers % vs !== 0)) continue;
                for (let i = 0; i < mbs.length; i++) {
                  const mb = mbs[i] as number;
                  if (seqs % (dp * mb) !== 0) continue;
                  const m = seqs / (dp * mb);
                  spec.pp = pp; spec.dp = dp; spec.microBatch = mb; spec.virtualStages = vs;
                  const inFlight = microbatchesInFlight(spec, model.seqLen);
                  const logits = (logitsBytesPerElement * (model.seqLen / cp) * mb * model.vocab) / tp;
                  const layer = layerTable[i] as Float64Array;
                  let anyFit = false;
                  for (const rc of rcs) {
                    examined++;
                    const j = RECOMPUTE_ORDER.indexOf(rc);
                    // Full recomputation also holds one layer's working activations (memory.ts).
                    const working = rc === "full" ? (workingTable[i] as number) : 0;
                    const act = ((actTable[i * RECOMPUTE_ORDER.length + j] as number) * stage.layers * inFlight + working) * actScale;
                    // With gradients freed between steps they share the peak with activations (memory.ts).
                    const memory = freed ? statesLessGrads + Math.max(grads, act + logits + gathered) : held + act + logits;
                    if (memory > hbm) continue;
                    fitting++;
                    anyFit = true;
                    // Lower bound: the matmuls alone cannot beat the kept top-K → skip the step model.
                    if (prune) {
                      const computeOnly = (m + (pp - 1) / vs) * microGemm(layer, stage);
                      if ((objective === "cost" ? computeOnly * gpus : computeOnly) >= worstKept() || computeOnly > deadline) break;
                    }
                    evaluated++;
                    const seconds = assembleStep(ctx, layer, tp, pp, dp, cp, ep, zero, rc, vs, m, stage, out);
                    if (seconds > deadline) continue;
                    const score = objective === "cost" ? seconds * gpus : seconds;
                    if (score <= worstKept()) {
                      const tie = cp * 1e9 + ep * 1e7 + pp * 1e4 + tp * 1e2 + zero * 10 + vs;
                      let k = topScore.length;
                      while (k > 0 && ((topScore[k - 1] as number) > score * (1 + 1e-12) || (Math.abs((topScore[k - 1] as number) - score) <= score * 1e-12 && (topTie[k - 1] as number) > tie))) k--;
                      if (k < limit) {
                        topScore.splice(k, 0, score);
                        topTie.splice(k, 0, tie);
                        topLayouts.splice(k, 0, {tp, pp, dp, cp, ep, zero, mb, rc, vs, memory});
                        if (topScore.length > limit) {
                          topScore.pop();
                          topTie.pop();
                          topLayouts.pop();
                        }
                      }
                    }
                    // Less recomputation is never slower in this model: once one mode fits, heavier ones are dominated.
                    if (prune) break;
                  }
                  // Larger micro-batches only need more memory (activations grow with it).
                  if (prune && !anyFit) break;
                }
              }
            }
          }
        }
      }
    }
  }

  const layouts = topLayouts.map((l): RankedLayout => {
    const parallelism: ParallelismSpec = {
      tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, ep: l.ep, zeroStage: l.zero, microBatch: l.mb, recompute: l.rc,
      globalBatchTokens: req.globalBatchTokens, sequenceParallel: l.tp > 1, flashAttention, virtualStages: l.vs
    };
    const stage = stageOf(l.tp, l.pp, l.ep);
    const m = seqs / (l.dp * l.mb);
    const seconds = assembleStep(ctx, layerVec(l.tp, l.cp, l.ep, l.mb), l.tp, l.pp, l.dp, l.cp, l.ep, l.zero, l.rc, l.vs, m, stage, out);
    const gpus = l.tp * l.pp * l.dp * l.cp;
    const denom = gpus * ctx.peakFlopsPerSecond * seconds;
    return {
      parallelism,
      gpus,
      secondsPerStep: seconds,
      mfu: (ctx.modelFlopsPerToken * req.globalBatchTokens) / denom,
      hfu: (hardwareFlopsPerTokenOf(ctx, l.rc, flashAttention) * req.globalBatchTokens) / denom,
      tokensPerSecond: req.globalBatchTokens / seconds,
      usdPerStep: usd > 0 ? (gpus * seconds * usd) / 3600 : null,
      memoryBytesPerGpu: l.memory,
      breakdown: breakdownFromSlots(out)
    };
  });
  return {layouts, examined, evaluated, fitting};
}

/** The engine's memory model for one layout: what the planner's cached arithmetic must equal. */
export function layoutMemory(model: ModelSpec, parallelism: ParallelismSpec, precision: Precision, stack?: Stack): MemoryBreakdown {
  return memoryPerGpu({model, parallelism, precision, stack});
}
