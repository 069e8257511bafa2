// `engine validate`: the engine's predicted GPU-hours beside those reported in data/training_runs.csv.
import {loadWithReferences} from "../../loaders/compile.js";
import {validateTrainingRuns} from "../../src/engine/index.js";
import type {TrainingRunRecord} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";

export const validateCommand: Command = {
  summary: "validate               predicted vs reported GPU-hours of the published runs in data/training_runs.csv",
  run() {
    const runs = validateTrainingRuns(loadWithReferences("training_runs") as unknown as TrainingRunRecord[], allGpus());
    const complete = runs.filter((r) => r.complete);
    return {
      complete: complete.length,
      ratioRange: complete.length === 0 ? null : {min: Math.min(...complete.map((r) => r.ratio!)), max: Math.max(...complete.map((r) => r.ratio!))},
      runs
    };
  }
};
