// `engine validate-mfu`: predicted vs published MFU (or HFU) of the systems in data/system_mfu.csv.
import {loadWithReferences} from "../../loaders/compile.js";
import {summarizeValidation, validateSystemMfu} from "../../src/engine/index.js";
import type {SystemMfuRow} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";

export const validateMfuCommand: Command = {
  summary: "validate-mfu           predicted vs published MFU of the systems in data/system_mfu.csv (summary and every row)",
  run() {
    const table = validateSystemMfu(loadWithReferences("system_mfu") as unknown as SystemMfuRow[], allGpus());
    return {
      summary: summarizeValidation(table),
      rows: table.map(({prediction: _prediction, ...row}) => row)
    };
  }
};
