// A check set nothing was fitted to: NVIDIA/Megatron-LM README's H100 weak-scaling table
// (data/check_megatron_readme.csv, transcribed from images/model_table.png at commit f2e5db402c,
// Megatron-Core r0.8.0): GPT 1.7B on 48 GPUs to 462B on 6,144, every layout and batch as printed.
// data/system_mfu.csv holds only the README's ranges (rows megatron-core-h100-weak-scaling and
// -strong-scaling-175b, incomplete), never these rows. Inputs the table does not print (micro-batch
// 1, no recomputation, the least interleaving the layout allows) were set before the engine was
// run on the rows and are named in each row's assumptions column.
import {describe, expect, it} from "vitest";
import {checkMegatronReadme} from "../../../loaders/datasets/checkSets.js";
import {CHECK_SETS, summarizeCheckSet, validateCheckSet} from "../../../src/engine/index.js";
import {GPUS, checkSetFileUnderTest, checkSetUnderTest, systemMfuRows} from "./helpers.js";

const NAME = "check_megatron_readme";
const {rows, table, summary} = checkSetUnderTest(NAME);

describe("Megatron-LM README's H100 weak-scaling table as a check set (nothing fitted to it)", () => {
  it("reads the table's 9 rows with their printed layouts: 48 data-parallel ranks each, GPUs = TP × PP × 48, MFU = TFLOP/s ÷ 989 within rounding", () => {
    expect(rows.map((r) => r.model)).toEqual(["GPT 1.7B", "GPT 7.1B", "GPT 16B", "GPT 32B", "GPT 70B", "GPT 119B", "GPT 177B", "GPT 314B", "GPT 462B"]);
    for (const r of rows) {
      expect(r.dp).toBe(48);
      expect(r.accelerators).toBe(r.tp * r.pp * 48);
      const tflops = (r as unknown as {tflops_per_gpu: number}).tflops_per_gpu;
      expect(Math.abs(tflops / 989.4 - r.mfu)).toBeLessThan(0.01);
    }
  });

  it("shares no row with data/system_mfu.csv (which keeps only the README's ranges, uncompared)", () => {
    const ids = new Set(rows.map((r) => r.id));
    expect(systemMfuRows().filter((r) => ids.has(r.id))).toEqual([]);
    const readme = systemMfuRows().filter((r) => r.source_system === "Megatron-LM / Megatron-Core (README, H100)");
    expect(readme.map((r) => r.mfu)).toEqual([null, null]);
  });

  it("predicts 6 or more of the 9 within ±5 MFU points, mean |error| under 4 points (6 and 3.72 with Megatron's unfused fp32 loss; 4.13 with the fused loss)", () => {
    expect(summary.compared).toBe(9);
    expect(summary.within5Points).toBeGreaterThanOrEqual(6);
    expect(summary.meanAbsErrorPoints).toBeLessThan(4);
    expect(summary.medianAbsErrorPoints).toBeLessThan(3.5);
  });

  it("says it is no longer out of sample for the loss kernel, which was read from the code after its first report", () => {
    expect(rows.every((r) => r.loss === "vocab-parallel-fp32")).toBe(true);
    expect(summary.mechanismFoundHere).toMatch(/^the loss kernel\. After the first report \(6 of 9 within ±5 points, mean 4\.13/);
    // The fused loss the step model assumes gives the first report's figures back.
    const fused = summarizeCheckSet(CHECK_SETS.find((s) => s.name === NAME)!, validateCheckSet(NAME, rows.map((r) => ({...r, loss: null})), GPUS));
    expect(fused.meanAbsErrorPoints).toBeCloseTo(4.13, 2);
  });
});

describe("a malformed check-set row stops the load at file:line:column", () => {
  const {file, first, load, error} = checkSetFileUnderTest(NAME, checkMegatronReadme);

  it("loads the untouched first row", () => {
    expect(load(first)).toEqual([expect.objectContaining({id: "mcore-readme-gpt-1-7b", accelerators: 48, mfu: 0.41})]);
  });

  it("refuses a GPU count that is not tp · pp · dp · cp", () => {
    const row = first.replace("h100-sxm5-80gb,48,", "h100-sxm5-80gb,64,");
    expect(error(row).message).toMatch(new RegExp(`^${file}:2:\\d+: column "accelerators": expected tp · pp · dp · cp accelerators`));
  });

  it("refuses an unknown precision, naming its column", () => {
    const row = first.replace(",bf16-master-fp32,", ",bf16,");
    expect(error(row).message).toMatch(new RegExp(`^${file}:2:${row.indexOf(",bf16,") + 2}: column "precision": expected .*found "bf16" \\(did you mean "bf16-master-fp32"\\?\\)$`));
  });
});
