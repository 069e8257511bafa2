// `engine plan < spec.json`: a training spec without `parallelism` in, ranked layouts out.
//
// Input: the spec `estimate` takes (model, tokens, hardware, precision) with `parallelism`
// omitted, plus the global batch, either as `globalBatchTokens` or `parallelism.globalBatchTokens`.
// Optional: `objective` ("time" | "cost"; cost needs hardware.usdPerGpuHour), `limit` (default
// 10), `useAllGpus` (default false: layouts may leave GPUs idle when that is faster or cheaper),
// `space` (candidate values per dimension, e.g. {"tp": [8], "zeroStages": [1]} to pin some),
// `maxTrainingDays` (keep layouts that train `tokens` within this many days; with objective
// "cost", the cheapest layout that meets the deadline).
import {z} from "zod";
import {SpecError, globalBatchReason, issuesInWords, layoutIssues, planLayouts, precisionReason, trainingSpecSchema} from "../../src/engine/index.js";
import type {GpuSpec, TrainingSpec} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {CliError, readJson} from "./command.js";
import {gpuById} from "./gpus.js";
import {EXAMPLE_MODEL, MODEL_FIELDS} from "./specHelp.js";

const planSpecSchema = trainingSpecSchema
  .omit({parallelism: true})
  .extend({
    parallelism: z.object({globalBatchTokens: z.number().positive()}).strict().optional(),
    globalBatchTokens: z.number({invalid_type_error: "expected a number"}).positive({message: "expected tokens per step > 0"}).optional(),
    objective: z.enum(["time", "cost"]).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    useAllGpus: z.boolean().optional(),
    maxTrainingDays: z.number({invalid_type_error: "expected a number of days"}).positive({message: "expected days > 0"}).optional(),
    space: z
      .object({
        tp: z.array(z.number().int().positive()).nonempty().optional(),
        pp: z.array(z.number().int().positive()).nonempty().optional(),
        cp: z.array(z.number().int().positive()).nonempty().optional(),
        ep: z.array(z.number().int().positive()).nonempty().optional(),
        zeroStages: z.array(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])).nonempty().optional(),
        microBatches: z.array(z.number().int().positive()).nonempty().optional(),
        recompute: z.array(z.enum(["none", "selective", "full"])).nonempty().optional(),
        virtualStages: z.array(z.number().int().positive()).nonempty().optional()
      })
      .strict()
      .optional()
  })
  .strict();

const LAYOUT_KEYS = ["tp", "pp", "dp", "cp", "ep", "zeroStage", "microBatch", "recompute", "sequenceParallel", "flashAttention", "virtualStages"];

/** Why no layout came back, in plain words (an empty list when some did). */
function emptyPlanReasons(result: {examined: number; fitting: number; layouts: readonly unknown[]}, ctx: {gpu: GpuSpec; gpus: number; model: TrainingSpec["model"]; pinned: boolean; days?: number; fastestDays?: number}): string[] {
  if (result.layouts.length > 0) return [];
  const {gpu, gpus, model} = ctx;
  if (result.examined === 0) {
    return [`No candidate layout: no tp·pp·dp·cp of at most ${gpus} GPUs divides this model (heads = ${model.heads}, layers = ${model.layers}, seqLen = ${model.seqLen}) and the global batch${ctx.pinned ? " with the values given in space" : ""}; ${ctx.pinned ? "widen space or " : ""}change the GPU count or the global batch.`];
  }
  if (result.fitting === 0) {
    return [`None of the ${result.examined} layouts examined fits in the ${Math.round(gpu.hbmBytes / 1e9)} GB of one ${gpu.name} with ${gpus} GPU${gpus === 1 ? "" : "s"}: use more GPUs, a GPU with more memory, or a smaller model or sequence.`];
  }
  if (ctx.days !== undefined) {
    const fastest = ctx.fastestDays === undefined ? "" : ` (the fastest layout takes ${Number(ctx.fastestDays.toPrecision(3))} days)`;
    return [`None of the ${result.fitting} layouts that fit trains the tokens within maxTrainingDays = ${ctx.days}${fastest}: allow more days or use more GPUs.`];
  }
  return [`None of the ${result.fitting} layouts that fit could be timed on the ${gpu.name}.`];
}

/**
 * Pins in `space` that no layout of this model can take, each in one sentence (the planner would
 * skip every candidate and the reason would blame the GPU count or the memory instead): expert
 * parallelism on a model without experts, and interleaved chunks with only one pipeline stage.
 */
function pinnedSpaceIssues(space: {ep?: number[]; pp?: number[]; virtualStages?: number[]} | undefined, model: TrainingSpec["model"]): {path: string; message: string}[] {
  const issues: {path: string; message: string}[] = [];
  if (!space) return issues;
  if (space.ep && !model.experts && space.ep.every((e) => e > 1)) {
    issues.push({path: "space.ep", message: `${space.ep.join(", ")} but the model has no experts (expert parallelism splits a mixture-of-experts layer's experts): leave ep out, or give model.experts`});
  }
  if (space.virtualStages && space.virtualStages.every((v) => v > 1) && space.pp && space.pp.every((p) => p === 1)) {
    issues.push({path: "space.virtualStages", message: `${space.virtualStages.join(", ")} interleaved chunks need pipeline parallelism, but space.pp allows only 1 stage: allow pp ≥ 2, or leave virtualStages out`});
  }
  return issues;
}

export const planCommand: Command = {
  summary: "every legal layout that fits, ranked by step time or dollars (a spec without parallelism)",
  input: "json",
  help: `usage: npm run -s engine -- plan < spec.json

Reads the spec \`estimate\` takes without the layout and without hardware.mfu (plan predicts
each layout's MFU), and prints the layouts that fit, ranked:
each with its parallelism, secondsPerStep, tokensPerSecond, mfu, memoryBytesPerGpu,
trainingDays, trainingGpuHours and trainingUsd (null without hardware.usdPerGpuHour). When no
layout qualifies, layouts is empty and reasons says why in words.

spec fields:
${MODEL_FIELDS}
  globalBatchTokens  tokens per optimizer step, a whole number of sequences  required
                     (or as parallelism.globalBatchTokens, the only parallelism field plan takes)
  objective      "time" (default) | "cost" (needs hardware.usdPerGpuHour)
  limit          layouts to print, 1–1000                             default 10
  useAllGpus     true: only layouts on all hardware.count GPUs        default false
  maxTrainingDays keep layouts that train the tokens within this many days
  space          candidate values to pin, e.g. {"tp": [8], "zeroStages": [1]}
                 (tp, pp, cp, ep, zeroStages, microBatches, recompute, virtualStages; lists)

example (LLaMA-2 7B on up to 64 A100s, 4M-token batches):
  echo '{${EXAMPLE_MODEL}
  "globalBatchTokens": 4194304, "precision": "bf16-master-fp32", "limit": 3}' | npm run -s engine -- plan
`,
  run(_args, stdin) {
    const input = readJson(stdin);
    const given = input !== null && typeof input === "object" && !Array.isArray(input) ? (input as {parallelism?: unknown}).parallelism : undefined;
    if (given !== null && typeof given === "object" && !Array.isArray(given)) {
      const degrees = Object.keys(given).filter((k) => LAYOUT_KEYS.includes(k));
      if (degrees.length > 0) {
        throw new CliError(`plan chooses the layout itself, so parallelism takes only globalBatchTokens (found ${degrees.join(", ")}); to pin a degree, use space, e.g. {"space": {"tp": [8]}}, or run estimate on this spec`);
      }
    }
    const hardware = input !== null && typeof input === "object" ? (input as {hardware?: unknown}).hardware : undefined;
    if (hardware !== null && typeof hardware === "object" && "mfu" in hardware) {
      throw new SpecError([{path: "hardware.mfu", message: "plan predicts each layout's MFU with the step-time model and would ignore a given one: remove hardware.mfu (estimate takes it)"}]);
    }
    const parsed = planSpecSchema.safeParse(input);
    if (!parsed.success) throw new SpecError(issuesInWords(parsed.error.issues, input, planSpecSchema));
    const spec = parsed.data;
    if (spec.globalBatchTokens !== undefined && spec.parallelism?.globalBatchTokens !== undefined && spec.globalBatchTokens !== spec.parallelism.globalBatchTokens) {
      throw new SpecError([{path: "globalBatchTokens", message: `${spec.globalBatchTokens} differs from parallelism.globalBatchTokens = ${spec.parallelism.globalBatchTokens}: give one`}]);
    }
    const globalBatchTokens = spec.globalBatchTokens ?? spec.parallelism?.globalBatchTokens;
    if (globalBatchTokens === undefined) throw new SpecError([{path: "globalBatchTokens", message: "expected the tokens per optimizer step (global batch), e.g. 4194304"}]);
    const model = spec.model as TrainingSpec["model"];
    // The model's own rules (dModel by heads, heads by kvHeads, experts), on a trivial layout.
    const modelIssues = layoutIssues({...spec, model, parallelism: {tp: 1, pp: 1, dp: spec.hardware.count, zeroStage: 0, microBatch: 1, recompute: "none"}} as TrainingSpec).filter((i) => i.path.startsWith("model."));
    if (modelIssues.length > 0) throw new SpecError(modelIssues);
    const spaceIssues = pinnedSpaceIssues(spec.space, model);
    if (spaceIssues.length > 0) throw new SpecError(spaceIssues);
    if (!Number.isInteger(globalBatchTokens / model.seqLen)) {
      throw new SpecError([{path: "globalBatchTokens", message: `${globalBatchTokens} is not a whole number of ${model.seqLen}-token sequences (model.seqLen)`}]);
    }
    const objective = spec.objective ?? "time";
    if (objective === "cost" && !(spec.hardware.usdPerGpuHour !== undefined && spec.hardware.usdPerGpuHour > 0)) {
      throw new SpecError([{path: "hardware.usdPerGpuHour", message: `objective "cost" ranks by dollars and needs a price per GPU-hour > 0${spec.hardware.usdPerGpuHour === undefined ? "" : `, got ${spec.hardware.usdPerGpuHour}`}`}]);
    }
    const gpu = gpuById(spec.hardware.gpu);
    const format = precisionReason(gpu, spec.precision);
    const header = {gpu: gpu.id, gpusAvailable: spec.hardware.count, objective, globalBatchTokens};
    if (format) return {...header, examined: 0, evaluated: 0, fitting: 0, layouts: [], reasons: [format]};
    const step = globalBatchReason(spec.tokens, globalBatchTokens);
    if (step) return {...header, examined: 0, evaluated: 0, fitting: 0, layouts: [], reasons: [step]};
    const request = {
      model,
      gpu,
      gpus: spec.hardware.count,
      precision: spec.precision,
      ...(spec.stack !== undefined ? {stack: spec.stack} : {}),
      globalBatchTokens,
      objective,
      ...(spec.hardware.usdPerGpuHour !== undefined ? {usdPerGpuHour: spec.hardware.usdPerGpuHour} : {}),
      limit: spec.limit ?? 10,
      useAllGpus: spec.useAllGpus ?? false,
      ...(spec.space ? {space: spec.space} : {})
    };
    const result = planLayouts({
      ...request,
      ...(spec.maxTrainingDays !== undefined ? {maxSecondsPerStep: (spec.maxTrainingDays * 86_400 * globalBatchTokens) / spec.tokens} : {})
    });
    const fastest = result.layouts.length === 0 && spec.maxTrainingDays !== undefined && result.fitting > 0 ? planLayouts({...request, objective: "time", limit: 1}).layouts[0] : undefined;
    const reasons = emptyPlanReasons(result, {
      gpu, gpus: spec.hardware.count, model, pinned: spec.space !== undefined,
      ...(spec.maxTrainingDays !== undefined ? {days: spec.maxTrainingDays} : {}),
      ...(fastest ? {fastestDays: spec.tokens / fastest.tokensPerSecond / 86_400} : {})
    });
    const secondsPerDay = 86_400;
    return {
      ...header,
      examined: result.examined,
      evaluated: result.evaluated,
      fitting: result.fitting,
      layouts: result.layouts.map((l, i) => {
        const trainingSeconds = spec.tokens / l.tokensPerSecond;
        return {
          rank: i + 1,
          parallelism: l.parallelism,
          gpus: l.gpus,
          secondsPerStep: l.secondsPerStep,
          tokensPerSecond: l.tokensPerSecond,
          mfu: l.mfu,
          hfu: l.hfu,
          memoryBytesPerGpu: l.memoryBytesPerGpu,
          trainingDays: trainingSeconds / secondsPerDay,
          trainingGpuHours: (trainingSeconds * l.gpus) / 3600,
          trainingUsd: spec.hardware.usdPerGpuHour === undefined ? null : ((trainingSeconds * l.gpus) / 3600) * spec.hardware.usdPerGpuHour,
          breakdownSeconds: l.breakdown
        };
      }),
      reasons
    };
  }
};
