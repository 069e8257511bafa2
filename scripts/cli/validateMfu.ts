// `engine validate-mfu`: predicted vs published MFU (or HFU) of the systems in data/system_mfu.csv.
import {loadWithReferences} from "../../loaders/compile.js";
import {CHECK_SETS, summarizeCheckSet, summarizeSplits, summarizeValidation, validateCheckSet, validateSystemMfu} from "../../src/engine/index.js";
import type {CheckSetRow, SystemMfuRow} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";

export const validateMfuCommand: Command = {
  summary: "validate-mfu           predicted vs published MFU of the systems in data/system_mfu.csv (summary, fit and held-out summaries, every row) and of the check sets data/check_*.csv (checkSets)",
  run() {
    const table = validateSystemMfu(loadWithReferences("system_mfu") as unknown as SystemMfuRow[], allGpus());
    return {
      summary: summarizeValidation(table),
      // The same figures over the rows constants may be fitted to and over the held-out rows (heldOut.ts).
      fit: summarizeSplits(table).fit,
      heldOut: summarizeSplits(table).heldOut,
      // Published tables nothing was fitted to (perf/checkSets.ts): per set rows, within ±5, median, mean.
      checkSets: CHECK_SETS.map((set) => {
        const rows = validateCheckSet(set.name, loadWithReferences(set.name) as unknown as CheckSetRow[], allGpus());
        return {...summarizeCheckSet(set, rows), rows: rows.map(({prediction: _prediction, ...row}) => row)};
      }),
      rows: table.map(({prediction: _prediction, ...row}) => row)
    };
  }
};
