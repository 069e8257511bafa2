// Subcommands of `npm run -s engine -- <command>`. Add one import and one line per command.
import type {Command} from "./command.js";
import {calibrateCommand} from "./calibrate.js";
import {estimateCommand} from "./estimate.js";
import {gpusCommand} from "./gpus.js";
import {planCommand} from "./plan.js";
import {validateCommand} from "./validate.js";
import {validateMfuCommand} from "./validateMfu.js";
import {validateStepsCommand} from "./validateSteps.js";

export const COMMANDS: Readonly<Record<string, Command>> = {
  calibrate: calibrateCommand,
  estimate: estimateCommand,
  gpus: gpusCommand,
  plan: planCommand,
  validate: validateCommand,
  "validate-mfu": validateMfuCommand,
  "validate-steps": validateStepsCommand
};
