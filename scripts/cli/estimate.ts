// `engine estimate [--calibration cal.json] < spec.json`: a TrainingSpec in, the engine's Estimate
// out; with a calibration file (downloaded from the calibrate page or printed by `engine
// calibrate`), the predicted MFU uses its factors where it has an entry for the spec's GPU and precision.
// An infeasible run (more pipeline stages than layers, a number format the chip lacks, memory
// over HBM) prints `feasible: false` with `reasons` and no cost. A number format the chip has no
// throughput for cannot be timed: the estimate's time, cost and energy fields are null. More
// pipeline stages than layers cannot even be laid out: the output is `{feasible, reasons}` alone.
import {readFileSync} from "node:fs";
import {CalibrationError, estimate, layoutIssues, parseCalibration, precisionReason, stageReason, trainingSpecSchema, validateSpec} from "../../src/engine/index.js";
import type {Calibration, TrainingSpec} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {CliError, readJson} from "./command.js";
import {gpuById} from "./gpus.js";

/** The value of `--name value` or `--name=value` in `args`; undefined when absent. */
export function optionValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === name) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--")) throw new CliError(`${name} needs a value`);
      return v;
    }
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

/** Reads and validates a calibration JSON file, or throws a CliError naming the file. */
export function readCalibrationFile(path: string): Calibration {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read calibration file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  // `engine calibrate` prints {calibration, groups}; the page downloads the calibration itself.
  const candidate = json !== null && typeof json === "object" && "calibration" in json ? (json as {calibration: unknown}).calibration : json;
  try {
    return parseCalibration(candidate);
  } catch (error) {
    if (error instanceof CalibrationError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

export const estimateCommand: Command = {
  summary: "estimate [--calibration cal.json] < spec.json   FLOPs, GPU-hours, days, dollars, energy, CO₂ and memory per GPU of a training spec, and whether it is feasible",
  run(args, stdin) {
    const unknown = args.filter((a, i) => a.startsWith("--") && a !== "--calibration" && !a.startsWith("--calibration=") && args[i - 1] !== "--calibration");
    if (unknown.length > 0) throw new CliError(`unknown option ${unknown[0]} (estimate takes --calibration cal.json)`);
    const path = optionValue(args, "--calibration");
    const calibration = path === undefined ? null : readCalibrationFile(path);
    const input = readJson(stdin);
    const shape = trainingSpecSchema.safeParse(input);
    if (shape.success) {
      const spec = shape.data as TrainingSpec;
      const stages = stageReason(spec.model, spec.parallelism);
      if (stages && layoutIssues(spec).every((i) => i.path === "parallelism.pp")) {
        const format = precisionReason(gpuById(spec.hardware.gpu), spec.precision);
        return {feasible: false, reasons: format ? [stages, format] : [stages]};
      }
    }
    const spec = validateSpec(input);
    return estimate(spec, gpuById(spec.hardware.gpu), {calibration});
  }
};
