// `engine estimate < spec.json`: a TrainingSpec in, the engine's Estimate out.
import {estimate, validateSpec} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {readJson} from "./command.js";
import {gpuById} from "./gpus.js";

export const estimateCommand: Command = {
  summary: "estimate < spec.json   FLOPs, GPU-hours, days, dollars, energy, CO₂ and memory per GPU of a training spec",
  run(_args, stdin) {
    const spec = validateSpec(readJson(stdin));
    return estimate(spec, gpuById(spec.hardware.gpu));
  }
};
