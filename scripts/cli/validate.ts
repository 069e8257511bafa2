// `engine validate`: the engine's predicted GPU-hours beside those reported in data/training_runs.csv.
import {loadWithReferences} from "../../loaders/compile.js";
import {validateTrainingRuns} from "../../src/engine/index.js";
import type {TrainingRunRecord} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";
import {runTrackRecord, trackRecordBand} from "../../src/components/runTrackRecord.js";
import type {RunRecord} from "../../src/components/runTrackRecord.js";
import type {ModelRecord} from "../../src/components/models.js";

export const validateCommand: Command = {
  summary: "validate               predicted (without the reported MFU, and from it) vs reported GPU-hours of the runs in data/training_runs.csv",
  run() {
    const runRows = loadWithReferences("training_runs");
    const runs = validateTrainingRuns(runRows as unknown as TrainingRunRecord[], allGpus());
    const complete = runs.filter((r) => r.complete);
    const withoutMfu = runTrackRecord(runRows as unknown as RunRecord[], loadWithReferences("models") as unknown as ModelRecord[], allGpus());
    const predicted = withoutMfu.filter((r) => r.ratio !== null);
    const absLog = predicted.map((r) => Math.abs(Math.log(r.ratio!))).sort((a, b) => a - b);
    return {
      withoutReportedMfu: {
        predicted: predicted.length,
        medianAbsLogRatio: absLog.length === 0 ? null : absLog[Math.floor((absLog.length - 1) / 2)]! / 2 + absLog[Math.ceil((absLog.length - 1) / 2)]! / 2,
        band: trackRecordBand(withoutMfu),
        runs: withoutMfu
      },
      complete: complete.length,
      ratioRange: complete.length === 0 ? null : {min: Math.min(...complete.map((r) => r.ratio!)), max: Math.max(...complete.map((r) => r.ratio!))},
      runs
    };
  }
};
