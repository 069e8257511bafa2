// `engine validate`: the engine's predicted GPU-hours beside those reported in data/training_runs.csv.
import {loadWithReferences} from "../../loaders/compile.js";
import {validateTrainingRuns} from "../../src/engine/index.js";
import type {TrainingRunRecord} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";
import {runTrackRecord, trackRecordBand, trackRecordSummary} from "../../src/components/runTrackRecord.js";
import type {RunLayoutRecord, RunRecord} from "../../src/components/runTrackRecord.js";
import type {ModelRecord} from "../../src/components/models.js";

export const validateCommand: Command = {
  summary: "validate               predicted (without the reported MFU, and from it) vs reported GPU-hours of the runs in data/training_runs.csv",
  run() {
    const runRows = loadWithReferences("training_runs");
    const runs = validateTrainingRuns(runRows as unknown as TrainingRunRecord[], allGpus());
    const complete = runs.filter((r) => r.complete);
    const withoutMfu = runTrackRecord(runRows as unknown as RunRecord[], loadWithReferences("models") as unknown as ModelRecord[], allGpus(), loadWithReferences("run_layouts") as unknown as RunLayoutRecord[]);
    const summary = trackRecordSummary(withoutMfu);
    return {
      withoutReportedMfu: {
        predicted: summary.all.predicted,
        medianAbsLogRatio: summary.all.medianAbsLogRatio,
        heldOut: {
          ...summary.heldOut,
          note: "BLOOM is held out, but its layout, failures, cluster network, framework (unoverlapped DeepSpeed collectives) and fp32 loss were looked up after its residual had been seen; each is cited and applied to every run it concerns, none is fitted (src/methodology.md)."
        },
        band: trackRecordBand(withoutMfu),
        runs: withoutMfu
      },
      complete: complete.length,
      ratioRange: complete.length === 0 ? null : {min: Math.min(...complete.map((r) => r.ratio!)), max: Math.max(...complete.map((r) => r.ratio!))},
      runs
    };
  }
};
