// The calibration CSV format: good files read into specs, bad ones refused at the cell with the
// loaders' file:line:column messages.
import {describe, expect, it} from "vitest";
import {MAX_CALIBRATION_ROWS, calibrationSteps, readCalibrationSteps} from "../../src/tables/calibrationSteps.js";
import {DataError} from "../../src/tables/errors.js";
import {isFp32FitRow} from "../../src/engine/index.js";
import {GOOD_ROW, GPUS, HEADER, MEASURED_ROWS, columnOf, csvWith, projectCsv} from "./fixtures.js";

const read = (text: string) => readCalibrationSteps(text, "steps.csv", GPUS);
const failure = (text: string): string => {
  try {
    read(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error("expected the file to be refused");
};

describe("reading a calibration CSV", () => {
  it("reads a row into a training spec, filling blanks with the engine's defaults", () => {
    const [step] = read(csvWith());
    expect(step!.run).toBe("7b-tp2");
    expect(step!.line).toBe(2);
    expect(step!.spec.stack).toBe("megatron");
    expect(step!.stepSeconds).toBe(9.5);
    expect(step!.peakMemoryBytes).toBeNull();
    expect(step!.spec.parallelism).toMatchObject({tp: 2, pp: 1, dp: 4, zeroStage: 1, microBatch: 1, globalBatchTokens: 1048576, recompute: "none"});
    expect(step!.spec.hardware).toEqual({gpu: "h100-sxm5-80gb", count: 8});
    expect(step!.spec.model.dropout).toBe(false);
    // params blank: counted from the shape (Llama 2 7B: 6.74B, Touvron et al. 2023 Table 1).
    expect(step!.spec.model.params / 1e9).toBeCloseTo(6.74, 2);
  });

  it("reads the project's 146 comparable H100 steps converted by projectStepsAsCalibrationRows, keeping their kernel seconds", () => {
    const steps = read(projectCsv());
    expect(steps.length).toBe(146);
    const fit = MEASURED_ROWS.filter(isFp32FitRow);
    const first = steps.find((s) => s.spec.precision === "fp32" && s.spec.model.layers === fit[0]!.layers && s.spec.model.seqLen === fit[0]!.seq_len && s.spec.parallelism.microBatch === fit[0]!.micro_batch && s.spec.parallelism.recompute === "none");
    expect(first!.stepSeconds).toBe(fit[0]!.kernel_seconds);
    expect(first!.peakMemoryBytes).toBe(fit[0]!.peak_memory_bytes);
  });

  it("documents every column with a description", () => {
    for (const c of calibrationSteps.columns) expect(c.description.length, c.name).toBeGreaterThan(10);
    expect(HEADER.split(",")).toContain("step_seconds");
  });
});

describe("refusing a bad file at its cell", () => {
  it("an unknown accelerator", () => {
    expect(failure(csvWith({gpu_id: "h900"}))).toBe(`steps.csv:2:${columnOf("gpu_id")}: column "gpu_id": expected a known gpus id, found unknown "h900"`);
  });
  it("a step time that is not a number", () => {
    expect(failure(csvWith({step_seconds: "9.5s"}))).toBe(`steps.csv:2:${columnOf("step_seconds")}: column "step_seconds": expected a number (digits, optional decimal point and exponent; no units or commas), found "9.5s"`);
  });
  it("a zero step time", () => {
    expect(failure(csvWith({step_seconds: "0"}))).toBe(`steps.csv:2:${columnOf("step_seconds", {step_seconds: "0"})}: column "step_seconds": expected a number > 0, found "0"`);
  });
  it("GPUs that do not equal tp · pp · dp · cp", () => {
    expect(failure(csvWith({gpus: "16"}))).toBe(`steps.csv:2:${columnOf("gpus", {gpus: "16"})}: column "gpus": expected gpus = tp · pp · dp · cp (tp·pp·dp·cp = 2·1·4·1 = 8), found 16`);
  });
  it("a tensor-parallel degree that does not divide the heads", () => {
    expect(failure(csvWith({tp: "3", gpus: "12"}))).toMatch(new RegExp(`^steps\\.csv:2:${columnOf("tp", {tp: "3", gpus: "12"})}: column "tp": expected a layout the model allows: heads = 32 is not divisible by tp = 3`));
  });
  it("a parameter count the architecture contradicts (70B given for Llama 2 7B's shape), at the params cell", () => {
    expect(failure(csvWith({params: "70e9"}))).toMatch(new RegExp(`^steps\\.csv:2:${columnOf("params", {params: "70e9"})}: column "params": expected a count this architecture holds \\(or blank, to count it from the shape\\): 70 billion parameters, but the architecture \\(32 layers of width 4,096, .*\\) holds 6\\.74 billion`));
    expect(read(csvWith({params: "7e9"}))[0]!.spec.model.params).toBe(7e9);
  });
  it("a global batch that is not a whole number of micro-batches", () => {
    expect(failure(csvWith({global_batch_tokens: "1000000"}))).toMatch(new RegExp(`^steps\\.csv:2:${columnOf("global_batch_tokens", {global_batch_tokens: "1000000"})}: column "global_batch_tokens": expected a layout the model allows: 1000000 is not a whole number of micro-batches`));
  });
  it("a precision the accelerator has no peak for (fp32 on a TPU v4), at the precision cell", () => {
    expect(failure(csvWith({gpu_id: "tpu-v4", precision: "fp32"}))).toBe(`steps.csv:2:${columnOf("precision", {gpu_id: "tpu-v4", precision: "fp32"})}: a step the model can predict on tpu-v4: tpu-v4 has no FP32 peak throughput in data/gpus.csv`);
  });
  it("an unknown precision, with the allowed values", () => {
    expect(failure(csvWith({precision: "fp4"}))).toMatch(/^steps\.csv:2:\d+: column "precision": expected "fp32", "amp-bf16", "bf16-master-fp32" or "fp8", found "fp4" \(did you mean "fp8"\?\)$/);
  });
  it("a stack the engine does not know, with the engine's own message", () => {
    expect(failure(csvWith({stack: "jax"}))).toBe(`steps.csv:2:${columnOf("stack", {stack: "jax"})}: column "stack": expected "megatron", "megatron-tuned", "pytorch" or "pytorch-compile", found "jax"`);
  });
  it("a duplicate run name", () => {
    expect(failure(csvWith({}, [{step_seconds: "9.6"}]))).toBe('steps.csv:3:1: a unique key (run), found a duplicate of line 2');
  });
  it("a missing column", () => {
    const text = csvWith().split("\n").map((l) => l.split(",").slice(0, -1).join(",")).join("\n");
    expect(failure(text)).toBe('steps.csv:1:1: a column named "notes" in the header');
  });
  it("a ragged row", () => {
    expect(failure(`${HEADER}\n${Object.values(GOOD_ROW).slice(0, 5).join(",")}\n`)).toMatch(/^steps\.csv:2:\d+: 32 cells as in the header, found 5$/);
  });
  it("a header and no rows", () => {
    expect(failure(`${HEADER}\n`)).toBe("steps.csv:2:1: at least one measured step after the header, found none");
  });
  it("an empty file", () => {
    expect(failure("")).toBe("steps.csv:1:1: a header row, found an empty file");
  });
  it(`more than ${MAX_CALIBRATION_ROWS} rows`, () => {
    const extra = Array.from({length: MAX_CALIBRATION_ROWS}, (_, i) => ({run: `r${i}`}));
    expect(failure(csvWith({}, extra))).toBe(`steps.csv:${MAX_CALIBRATION_ROWS + 2}:1: at most ${MAX_CALIBRATION_ROWS} measured steps, found ${MAX_CALIBRATION_ROWS + 1}`);
  });
});
