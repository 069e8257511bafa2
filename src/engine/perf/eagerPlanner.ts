// The planner for the PyTorch stacks ("pytorch", "pytorch-compile"): the layouts plain PyTorch runs
// (DDP or FSDP2 over data-parallel ranks, DTensor tensor parallelism; no pipeline, context or
// expert parallelism, which eagerStep.ts has never seen measured), each fitted by memoryPerGpu in
// the stack's memory options and timed by the stack's own step model (stackStep.ts), so the memory
// page's ranked layouts agree with the calculator. planner.ts planLayouts hands these stacks here.
import type {ParallelismSpec, Recompute, TrainingSpec, ZeroStage} from "../types.js";
import {memoryPerGpu} from "../memory.js";
import {predictStackStep} from "./stackStep.js";
import type {PlanRequest, PlanResult, RankedLayout} from "./planner.js";
import {defaultPlanSpace} from "./planner.js";

/**
 * Least recomputation first: each mode keeps no more activation memory than the one before (with
 * flash attention selective keeps what none keeps; per-op keeps its policy's share; full each
 * layer's input) and, on the GPU, recomputes a subset of what the next one does (per-op re-runs
 * three of the seven matmuls and the element-wise kernels, full all of the forward), so the first
 * mode that fits is the fastest, but for per-op against full, whose host cost per layer is lower
 * (eagerStep.ts EAGER_FIT): both are timed. per-op is tried for dense models only (defaultPlanSpace).
 */
const RECOMPUTE_ORDER: readonly Recompute[] = ["none", "selective", "per-op", "full"];

/** Ranked plain-PyTorch layouts of `req` (planLayouts' contract, pp = cp = ep = 1). */
export function planPlainPyTorchLayouts(req: PlanRequest): PlanResult {
  const {model, gpu, precision} = req;
  const N = req.gpus;
  const seqs = req.globalBatchTokens / model.seqLen;
  const space = {...defaultPlanSpace(model), ...req.space};
  const kvHeads = model.kvHeads ?? model.heads;
  // DTensor splits whole query and key/value heads (bench/gpu/multi_gpu.py skips tp otherwise).
  const tps = space.tp.filter((t) => model.heads % t === 0 && kvHeads % t === 0 && t <= N);
  const recomputes = RECOMPUTE_ORDER.filter((r) => space.recompute.includes(r));
  const mbs = [...space.microBatches].sort((a, b) => a - b);
  const hbm = gpu.hbmBytes * (req.memoryFraction ?? 1);
  const objective = req.objective ?? "time";
  const usd = req.usdPerGpuHour ?? 0;
  const deadline = req.maxSecondsPerStep ?? Infinity;
  const found: {score: number; layout: RankedLayout}[] = [];
  let examined = 0;
  let evaluated = 0;
  let fitting = 0;
  for (const tp of tps) {
    const maxDp = Math.floor(N / tp);
    // Every data-parallel rank takes whole sequences: dp divides the global batch's sequences.
    const dps = req.useAllGpus ? (N % tp === 0 && seqs % maxDp === 0 ? [maxDp] : []) : sequenceDivisorsUpTo(seqs, maxDp);
    for (const dp of dps) {
      for (const zeroStage of space.zeroStages.filter((z) => dp > 1 || z === 0) as ZeroStage[]) {
        for (const microBatch of mbs) {
          if (seqs % (dp * microBatch) !== 0) continue;
          let anyFit = false;
          // The fastest fitting mode: the first that fits, except that per-op checkpointing's host
          // cost (eagerStep.ts, measured) can make it slower than full recomputation on small
          // steps, so when per-op is the first to fit full is timed too and the faster kept.
          let best: {score: number; layout: RankedLayout} | null = null;
          for (const recompute of recomputes) {
            if (anyFit && recompute !== "full") break;
            examined++;
            const parallelism: ParallelismSpec = {tp, pp: 1, dp, cp: 1, ep: 1, zeroStage, microBatch, recompute, globalBatchTokens: req.globalBatchTokens, sequenceParallel: false, flashAttention: true, virtualStages: 1};
            const spec: TrainingSpec = {model, tokens: req.globalBatchTokens, hardware: {gpu: gpu.id, count: tp * dp}, parallelism, precision, ...(req.stack ? {stack: req.stack} : {})};
            const memory = memoryPerGpu(spec).total;
            if (memory > hbm) continue;
            fitting++;
            const firstFit = !anyFit;
            anyFit = true;
            evaluated++;
            const step = predictStackStep(spec, gpu, req.options ?? {});
            const gpus = tp * dp;
            const score = objective === "cost" ? step.secondsPerStep * gpus : step.secondsPerStep;
            if (step.secondsPerStep <= deadline && (best === null || score < best.score)) {
              best = {
                score,
                layout: {
                  parallelism, gpus, secondsPerStep: step.secondsPerStep, mfu: step.mfu, hfu: step.hfu, tokensPerSecond: step.tokensPerSecond,
                  usdPerStep: usd > 0 ? (gpus * step.secondsPerStep * usd) / 3600 : null, memoryBytesPerGpu: memory, breakdown: step.breakdown
                }
              };
            }
            // Otherwise less recomputation is never slower (less GPU and host work): heavier modes are dominated.
            if (!(firstFit && recompute === "per-op")) break;
          }
          if (best !== null) found.push(best);
          // Larger micro-batches only need more memory.
          if (!anyFit) break;
        }
      }
    }
  }
  found.sort((a, b) => a.score - b.score);
  return {layouts: found.slice(0, Math.max(1, req.limit ?? 20)).map((f) => f.layout), examined, evaluated, fitting};
}

/** Divisors of `n` up to `max`, largest first. */
function sequenceDivisorsUpTo(n: number, max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    if (d <= max) out.push(d);
    const e = n / d;
    if (e !== d && e <= max) out.push(e);
  }
  return out.sort((a, b) => b - a);
}
