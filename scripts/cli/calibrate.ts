// `engine calibrate < steps.csv`: a CSV of measured training steps (the format of
// src/tables/calibrationSteps.ts, documented on the "Calibrate to your cluster" page) in; the
// fitted calibration (for `estimate --calibration`), which factors the rows pinned down and the
// per-row residuals out. A bad cell fails with `stdin:line:column: what was expected`.
import {fitCalibration} from "../../src/engine/index.js";
import {DataError} from "../../src/tables/errors.js";
import {readCalibrationSteps} from "../../src/tables/calibrationSteps.js";
import type {Command} from "./command.js";
import {CliError} from "./command.js";
import {allGpus} from "./gpus.js";

export const calibrateCommand: Command = {
  summary: "fit the step-time model's efficiency factors to your measured steps (a calibration for estimate --calibration)",
  input: "csv",
  help: `usage: npm run -s engine -- calibrate < steps.csv > cal.json

Reads a CSV of your measured training steps on stdin (one row per step: the model, layout, GPU,
precision and stack, and the measured step_seconds; columns and units in
src/tables/calibrationSteps.ts and on the page "Calibrate to your cluster", which also offers a
template) and prints the fitted calibration ({calibration, groups}): the matmul efficiency,
memory-bound overhead and communication efficiency each group of rows pinned down, and every
row's residual. A bad cell fails with stdin:line:column and what was expected.

Then: npm run -s engine -- estimate --calibration cal.json < spec.json

example (the page's example: the project's own H100 steps, written by its data loader):
  npx tsx src/data/calibration-example.csv.ts | npm run -s engine -- calibrate > cal.json
`,
  run(_args, stdin) {
    const text = stdin();
    if (text.trim() === "") throw new CliError("expected a CSV of measured steps on stdin, got nothing");
    try {
      const gpus = allGpus();
      return fitCalibration(readCalibrationSteps(text, "stdin", gpus), (id) => gpus.find((g) => g.id === id));
    } catch (error) {
      if (error instanceof DataError) throw new CliError(error.message);
      throw error;
    }
  }
};
