// `engine validate-mfu`: predicted vs published MFU (or HFU) of the systems in data/system_mfu.csv.
import {loadWithReferences} from "../../loaders/compile.js";
import {CHECK_SETS, summarizeCheckSet, summarizeSplits, summarizeValidation, validateCheckSet, validateSystemMfu} from "../../src/engine/index.js";
import type {CheckSetRow, SystemMfuRow} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {allGpus} from "./gpus.js";

export const validateMfuCommand: Command = {
  summary: "predicted vs published MFU of the systems in data/system_mfu.csv and of the check sets data/check_*.csv",
  input: "none",
  help: `usage: npm run -s engine -- validate-mfu

Reads nothing; prints the step-time model's predicted MFU beside the published figures of
data/system_mfu.csv: summary (median and mean absolute error in MFU points, rows within ±5 points),
the same over the fit rows and the held-out rows (src/engine/perf/heldOut.ts), checkSets (published
scaling tables nothing was fitted to, data/check_*.csv) and every row with its status.
`,
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
