// `engine estimate [--calibration cal.json] < spec.json`: a TrainingSpec in, the engine's Estimate
// out; with a calibration file (downloaded from the calibrate page or printed by `engine
// calibrate`), the predicted MFU uses its factors where it has an entry for the spec's GPU and precision.
// An infeasible run (more pipeline stages than layers, a number format the chip lacks, memory
// over HBM) prints `feasible: false` with `reasons` and no cost. A number format the chip has no
// throughput for cannot be timed: the estimate's time, cost and energy fields are null. More
// pipeline stages than layers cannot even be laid out: the output is `{feasible, reasons}` alone.
// `unknownBecause` says why each null number is null. Options are checked by the dispatcher
// (command.ts checkArgs); a bad spec is refused with one sentence per field (specIssues.ts).
import {readFileSync} from "node:fs";
import {CalibrationError, estimate, layoutIssues, parameterCount, parseCalibration, precisionReason, stageReason, trainingSpecSchema, validateSpec} from "../../src/engine/index.js";
import type {Calibration, Estimate, GpuSpec, TrainingSpec} from "../../src/engine/index.js";
import type {Command} from "./command.js";
import {CliError, readJson, stripBom} from "./command.js";
import {gpuById} from "./gpus.js";
import {EXAMPLE_MODEL, MODEL_FIELDS, PARALLELISM_FIELDS} from "./specHelp.js";

/** The value of `--name value` or `--name=value` in `args` (checked by checkArgs); undefined when absent. */
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
    const code = (error as {code?: string}).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read calibration file ${path}: ${why} (write one with npm run -s engine -- calibrate < steps.csv > cal.json)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch (error) {
    throw new CliError(`the calibration file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
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

/**
 * Why each null number of an estimate is null, by field: the format the chip lacks (nothing is
 * timed), no price given, an infeasible run (no cost), or a TDP the datasheet does not give.
 */
export function unknownBecause(spec: TrainingSpec, gpu: GpuSpec, result: Estimate): Record<string, string> {
  const out: Record<string, string> = {};
  if (!result.timed) {
    const why = precisionReason(gpu, spec.precision) ?? `the ${gpu.name} has no throughput for ${spec.precision}`;
    // Every field the untimed estimate leaves null (estimate.ts UntimedEstimate).
    for (const [key, value] of Object.entries(result)) if (value === null) out[key] = why;
    return out;
  }
  if (result.costUsd === null) {
    out.costUsd = spec.hardware.usdPerGpuHour === undefined ? "no hardware.usdPerGpuHour was given" : "the run is not feasible (see reasons), so it has no cost";
  }
  if (result.energyKwh === null) {
    const why = gpu.tdpWatts === null ? `data/gpus.csv lists no TDP for the ${gpu.name}, so energy and CO₂ are not estimated` : "energy could not be estimated";
    out.energyKwh = why;
    out.co2Kg = why;
  }
  return out;
}

export const estimateCommand: Command = {
  summary: "FLOPs, GPU-hours, days, dollars, energy, CO₂ and memory per GPU of a training spec, and whether it is feasible",
  input: "json",
  options: ["--calibration"],
  help: `usage: npm run -s engine -- estimate [--calibration cal.json] < spec.json

Reads a training spec (JSON, SI units) on stdin and prints the estimate:
  trainingFlops, hardwareFlops (with recomputation), flopsPerToken, flopsBreakdown, approx6ND,
  architectureParams (what layers, width, FFN and vocabulary count: FLOPs come from it, weight and
  optimizer memory from model.params, which must agree with it up to counting conventions)
  memoryPerGpuBytes {weights, gradients, optimizer, activations, buffers, total}, fitsInMemory,
  memoryHeadroomBytes
  timed (false: a number format the chip lacks), mfu, mfuSource ("input" | "predicted"), calibrated,
  mfuCausalAttention (the same steps with only the causal half of the attention matrix counted: mfu
  counts the full matrix, as PaLM, Megatron-LM and published MFUs do, so at long sequences mfu runs
  above the share of peak the matmuls deliver),
  peakFlopsPerSecond, trainingSeconds, gpuHours, wallClockDays, costUsd, energyKwh, co2Kg,
  expectedInterruptions (at Llama 3's failure rate)
  feasible and reasons (plain words: what would make it feasible), range (low/high of each figure
  over the MFU band), unknownBecause (why each null number is null)

options:
  --calibration cal.json   use the factors fitted by \`engine calibrate\` for this GPU and precision

spec fields:
${MODEL_FIELDS}
${PARALLELISM_FIELDS}

example (LLaMA-2 7B on 64 A100s):
  echo '{${EXAMPLE_MODEL}
  "parallelism": {"tp": 1, "pp": 1, "dp": 64, "zeroStage": 3, "microBatch": 1, "recompute": "none"},
  "precision": "bf16-master-fp32"}' | npm run -s engine -- estimate
`,
  run(args, stdin) {
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
    const gpu = gpuById(spec.hardware.gpu);
    const result = estimate(spec, gpu, {calibration});
    return {...result, architectureParams: parameterCount(spec.model).total, unknownBecause: unknownBecause(spec, gpu, result)};
  }
};
