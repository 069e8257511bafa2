// memoryPerGpu without the closure it created on every call (memory.ts keptShardBytes): the same
// results, bit for bit, over random models, layouts, precisions, stacks and memory options.
// referenceMemoryPerGpu below is memoryPerGpu as it was before (main at 4f33fc2), kept verbatim.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {
  LOGITS_BYTES_PER_ELEMENT, PRECISION_BYTES, activationLayout, computeWeightBytes, ddpHoldsBuckets, ffnDimOf, layerActivationBytes,
  memoryPerGpu, microbatchesInFlight, parameterCount, stackMemoryOptions, stageParameters, zeroModelStateBytes
} from "../../src/engine/index.js";
import type {MemoryBreakdown, MemoryInput, MemoryOptions, ParallelismSpec, Precision, Stack} from "../../src/engine/index.js";
import {precisionSchema, stackSchema} from "../../src/engine/specSchema.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

function referenceMemoryPerGpu({model, parallelism, precision, stack}: MemoryInput, explicit: MemoryOptions = {}): MemoryBreakdown {
  const options = stackMemoryOptions(stack, explicit);
  const cp = parallelism.cp ?? 1;
  const ep = parallelism.ep ?? 1;
  const tp = parallelism.tp;
  const stage = stageParameters(model, parallelism);
  // Blocks alone split over tp: the embedding, output layer and final norm stay whole on each
  // rank (an upper bound with pp > 1, where only the end stages hold them).
  const count = parameterCount(model);
  const wholeOutside = !(options.vocabularyParallel ?? true) && tp > 1 ? (1 - 1 / tp) * (count.embedding + count.output + count.finalNorm) * (model.params / count.total) : 0;
  const denseParams = stage.dense + wholeOutside;
  const denseShards = parallelism.dp * cp;
  const expertShards = Math.max(1, denseShards / ep);
  const dense = zeroModelStateBytes(denseParams, precision, parallelism.zeroStage, denseShards);
  const expert = zeroModelStateBytes(stage.expert, precision, parallelism.zeroStage, expertShards);

  const layout = activationLayout(model, parallelism);
  const perLayer = layerActivationBytes(model, {...layout, seqLen: model.seqLen / cp});
  const scale = PRECISION_BYTES[precision].activationScale;
  const inFlight = microbatchesInFlight(parallelism, model.seqLen);
  let activations = perLayer.total * stage.layers * inFlight * scale;
  // Eager SwiGLU keeps 2·s·b·f bytes a layer more than the fused count (MemoryOptions.swiglu),
  // wherever the MLP's activations are stored (not under full recomputation).
  const eagerSwiglu = (options.swiglu ?? "fused") === "eager" && (model.ffnKind ?? "gelu") === "swiglu";
  const swigluExtra = eagerSwiglu ? (2 * (model.seqLen / cp) * parallelism.microBatch * ffnDimOf(model) * (model.experts?.active ?? 1)) / tp : 0;
  if (parallelism.recompute !== "full") activations += swigluExtra * stage.layers * inFlight * scale;
  if (parallelism.recompute === "full") {
    const working = layerActivationBytes(model, {...layout, seqLen: model.seqLen / cp, recompute: "none"});
    activations += (working.total + swigluExtra) * scale;
  }

  const logitsBytes = LOGITS_BYTES_PER_ELEMENT[options.crossEntropy ?? "fused"];
  const logits = (logitsBytes * (model.seqLen / cp) * parallelism.microBatch * model.vocab) / ((options.vocabularyParallel ?? true) ? tp : 1);
  // ZeRO-3 gathers one layer's sharded weights at a time; unsharded groups need no gather.
  const gatheredParams = (denseShards > 1 ? stage.dense : 0) + (expertShards > 1 ? stage.expert : 0);
  let gathered = parallelism.zeroStage === 3 ? (gatheredParams / Math.max(1, stage.layers)) * computeWeightBytes(precision) : 0;
  if ((options.fsdp2Gathers ?? false) && parallelism.zeroStage === 3 && denseShards > 1) {
    // FSDP2 (MemoryOptions.fsdp2Gathers): the root unit whole in fp32 for the step, and the block
    // being computed plus the one prefetched, in fp32.
    const outside = ((count.embedding + count.output + count.finalNorm) * (model.params / count.total)) / tp;
    const perBlock = (stage.dense + stage.expert - outside) / Math.max(1, stage.layers);
    gathered = 4 * outside + 2 * 4 * perBlock;
  }
  // torch.autocast caches the bf16 casts of the fp32 weights for the whole forward pass
  // (PyTorch docs, torch.autocast `cache_enabled`, default True): 2 bytes per local parameter.
  const autocastCache = precision === "amp-bf16" ? 2 * (denseParams + stage.expert) : 0;
  const ddp = ddpHoldsBuckets(options.gradientsFreedBetweenSteps ?? false, parallelism.zeroStage, denseShards);
  const ddpBuckets = ddp ? dense.gradients + expert.gradients : 0;
  const buffers = logits + gathered + autocastCache + ddpBuckets;

  // FSDP2 without resharding (ZeRO-1/2 as PyTorch runs them) keeps each rank's shard beside the
  // gathered whole parameters.
  const keepsShard = (options.fsdp2KeepsShard ?? false) && (parallelism.zeroStage === 1 || parallelism.zeroStage === 2);
  const shardBytes = (p: number, shards: number) => (keepsShard && shards > 1 ? (p * PRECISION_BYTES[precision].weightBytesPerParam) / shards : 0);
  const weights = dense.weights + expert.weights + shardBytes(denseParams, denseShards) + shardBytes(stage.expert, expertShards);
  const gradients = dense.gradients + expert.gradients;
  const optimizer = dense.optimizer + expert.optimizer;
  // Gradients freed between steps grow as the activations are freed during backward: they add to
  // the peak only where they outgrow activations + buffers, and only that part is reported, so the
  // parts still sum to the total. With DDP's buckets they are all held.
  const freed = (options.gradientsFreedBetweenSteps ?? false) && !ddp;
  const gradientsAtPeak = freed ? Math.max(0, gradients - (activations + buffers)) : gradients;
  const backwardPeak = weights + gradientsAtPeak + optimizer + activations + buffers;

  // The optimizer step: activations, logits and casts are gone; the gradients (and DDP's
  // buckets) are all held, and foreach AdamW allocates its fp32 temporary over the parameters
  // this rank updates. FSDP2 has resharded by then: the gathered whole parameters are freed.
  const updated = (parallelism.zeroStage >= 1 ? denseParams / denseShards : denseParams) + (parallelism.zeroStage >= 1 ? stage.expert / expertShards : stage.expert);
  const temporary = (options.adamw ?? "fused") === "foreach" ? 4 * updated : 0;
  const weightsAtStep = keepsShard ? shardBytes(denseParams, denseShards) + shardBytes(stage.expert, expertShards) : weights;
  const stepPeak = weightsAtStep + gradients + optimizer + temporary + ddpBuckets;
  if (stepPeak > backwardPeak) {
    return {weights: weightsAtStep, gradients, optimizer: optimizer + temporary, activations: 0, buffers: ddpBuckets, total: stepPeak};
  }
  return {weights, gradients: gradientsAtPeak, optimizer, activations, buffers, total: backwardPeak};
}

const MODELS = loadWithReferences("models").map((r) => modelSpecFromRecord(r as unknown as ModelRecord));
const PRECISIONS: readonly Precision[] = precisionSchema.options;
const STACKS: readonly (Stack | undefined)[] = [undefined, ...stackSchema.options];
const divisorsOf = (n: number): number[] => Array.from({length: n}, (_, i) => i + 1).filter((d) => n % d === 0);
const pick = <T>(items: readonly T[], choice: number): T => items[choice % items.length]!;
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: undefined});

const caseArb = fc
  .record({
    model: fc.nat({max: MODELS.length - 1}),
    precision: fc.constantFrom(...PRECISIONS),
    stack: fc.constantFrom(...STACKS),
    tpChoice: fc.nat(),
    ppChoice: fc.nat(),
    dp: fc.constantFrom(1, 2, 3, 8, 64, 1024),
    cpChoice: fc.nat(),
    epChoice: fc.nat(),
    zeroStage: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    microBatch: fc.integer({min: 1, max: 16}),
    recompute: fc.constantFrom("none" as const, "selective" as const, "full" as const),
    flashAttention: fc.boolean(),
    sequenceParallel: optional(fc.boolean()),
    virtualStages: optional(fc.integer({min: 1, max: 4})),
    globalBatchTokens: optional(fc.constantFrom(2 ** 20, 2 ** 22, 2 ** 24)),
    options: fc.record({
      crossEntropy: optional(fc.constantFrom("fused" as const, "unfused" as const)),
      gradientsFreedBetweenSteps: optional(fc.boolean()),
      adamw: optional(fc.constantFrom("fused" as const, "foreach" as const)),
      vocabularyParallel: optional(fc.boolean()),
      fsdp2KeepsShard: optional(fc.boolean()),
      swiglu: optional(fc.constantFrom("fused" as const, "eager" as const)),
      fsdp2Gathers: optional(fc.boolean())
    }, {requiredKeys: []})
  })
  .map((r): [MemoryInput, MemoryOptions] => {
    const model = MODELS[r.model]!;
    const tp = pick(divisorsOf(model.kvHeads ?? model.heads).filter((t) => t <= 16), r.tpChoice);
    const pp = 1 + (r.ppChoice % Math.min(model.layers, 16));
    const cp = pick([1, 2, 4].filter((c) => model.seqLen % c === 0), r.cpChoice);
    const ep = model.experts ? pick(divisorsOf(model.experts.total).filter((e) => (r.dp * cp) % e === 0), r.epChoice) : 1;
    const parallelism: ParallelismSpec = {tp, pp, dp: r.dp, cp, ep, zeroStage: r.zeroStage, microBatch: r.microBatch, recompute: r.recompute, flashAttention: r.flashAttention};
    if (r.sequenceParallel !== undefined) parallelism.sequenceParallel = r.sequenceParallel;
    if (r.virtualStages !== undefined) parallelism.virtualStages = r.virtualStages;
    if (r.globalBatchTokens !== undefined) parallelism.globalBatchTokens = r.globalBatchTokens;
    const input: MemoryInput = {model, parallelism, precision: r.precision};
    if (r.stack !== undefined) input.stack = r.stack;
    return [input, r.options as MemoryOptions];
  });

describe("memoryPerGpu's fast path (no closure per call)", () => {
  it("equals the implementation it replaced, every part bit for bit, over 3,000 random specs and memory options", () => {
    fc.assert(fc.property(caseArb, ([input, options]) => {
      const fast: MemoryBreakdown = memoryPerGpu(input, options);
      expect(fast).toEqual(referenceMemoryPerGpu(input, options));
    }), {numRuns: 3000, seed: 11});
  });

  it("covers the branch it changed: FSDP2 keeping its shard under ZeRO-1/2 over more than one rank", () => {
    let kept = 0;
    fc.assert(fc.property(caseArb, ([input, options]) => {
      const o = stackMemoryOptions(input.stack, options);
      if ((o.fsdp2KeepsShard ?? false) && (input.parallelism.zeroStage === 1 || input.parallelism.zeroStage === 2) && input.parallelism.dp > 1) kept++;
    }), {numRuns: 3000, seed: 11});
    expect(kept).toBeGreaterThan(100);
  });
});
