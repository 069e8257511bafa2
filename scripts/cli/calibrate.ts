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
  summary: "calibrate < steps.csv  fit the step-time model's efficiency factors to your measured steps (calibration for estimate --calibration)",
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
