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
import {SpecError, planLayouts, trainingSpecSchema} from "../../src/engine/index.js";
import type {TrainingSpec} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {readJson} from "./command.js";
import {gpuById} from "./gpus.js";

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

export const planCommand: Command = {
  summary: "plan < spec.json       every legal layout that fits, ranked by step time or dollars (spec without parallelism)",
  run(_args, stdin) {
    const parsed = planSpecSchema.safeParse(readJson(stdin));
    if (!parsed.success) throw new SpecError(parsed.error.issues.map((i) => ({path: i.path.join("."), message: i.message})));
    const spec = parsed.data;
    const globalBatchTokens = spec.globalBatchTokens ?? spec.parallelism?.globalBatchTokens;
    if (globalBatchTokens === undefined) throw new SpecError([{path: "globalBatchTokens", message: "expected the tokens per optimizer step (global batch), e.g. 4194304"}]);
    const model = spec.model as TrainingSpec["model"];
    const gpu = gpuById(spec.hardware.gpu);
    const objective = spec.objective ?? "time";
    const result = planLayouts({
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
      ...(spec.space ? {space: spec.space} : {}),
      ...(spec.maxTrainingDays !== undefined ? {maxSecondsPerStep: (spec.maxTrainingDays * 86_400 * globalBatchTokens) / spec.tokens} : {})
    });
    const secondsPerDay = 86_400;
    return {
      gpu: gpu.id,
      gpusAvailable: spec.hardware.count,
      objective,
      globalBatchTokens,
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
      })
    };
  }
};
