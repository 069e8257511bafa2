// `engine estimate < spec.json`: a TrainingSpec in, the engine's Estimate out. An infeasible run
// (too few layers for its stages, a number format the chip lacks, memory over HBM) prints
// `feasible: false` with `reasons`, and no cost; where nothing can be timed (stages above the
// layers, or a format the chip has no throughput for) the output is `{feasible, reasons}` alone.
import {EstimateError, estimate, feasibility, layoutIssues, precisionReason, stageReason, trainingSpecSchema, validateSpec} from "../../src/engine/index.js";
import type {TrainingSpec} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {readJson} from "./command.js";
import {gpuById} from "./gpus.js";

export const estimateCommand: Command = {
  summary: "estimate < spec.json   FLOPs, GPU-hours, days, dollars, energy, CO₂ and memory per GPU of a training spec, and whether it is feasible",
  run(_args, stdin) {
    const input = readJson(stdin);
    const shape = trainingSpecSchema.safeParse(input);
    if (shape.success) {
      const spec = shape.data as TrainingSpec;
      const stages = stageReason(spec.model, spec.parallelism);
      if (stages && layoutIssues(spec).every((i) => i.path === "parallelism.pp")) {
        const format = precisionReason(gpuById(spec.hardware.gpu), spec.precision);
        return {feasible: false, reasons: format ? [stages, format] : [stages]};
      }
    }
    const spec = validateSpec(input);
    const gpu = gpuById(spec.hardware.gpu);
    try {
      return estimate(spec, gpu);
    } catch (error) {
      if (error instanceof EstimateError && precisionReason(gpu, spec.precision)) return feasibility(spec, gpu);
      throw error;
    }
  }
};
