import {describe, expect, it} from "vitest";
import {calibrationFromSearch, calibrationNoteText, calibrationStack, entryFactorsText, withCalibration} from "../../src/components/calibrationAddress.js";
import {factorRows, groupTitle} from "../../src/components/calibrationFitRows.js";
import {fitCalibration, isFp32FitRow} from "../../src/engine/index.js";
import {readCalibrationSteps} from "../../src/tables/calibrationSteps.js";
import {GPUS, gpuById, projectCsv} from "../calibration/fixtures.js";

const CAL = "h100-sxm5-80gb_pytorch_bf16_0.5_1.9_-";

describe("calibration in a page's address", () => {
  it("reads ?cal= and leaves the engine alone without it", () => {
    expect(calibrationFromSearch("")).toEqual({calibration: null, encoded: null, problem: null});
    expect(calibrationFromSearch("?cal=").calibration).toBeNull();
    expect(calibrationFromSearch(`?n=8&cal=${CAL}`).calibration?.entries[0]).toMatchObject({gpu: "h100-sxm5-80gb", matmulEfficiency: 0.5, memoryBoundOverhead: 1.9});
  });

  it("reports a bad value, quoted without control characters, and applies nothing", () => {
    const r = calibrationFromSearch("?cal=%0Abad");
    expect(r.calibration).toBeNull();
    expect(r.problem).toMatch(/^The calibration in this page’s address \(“ bad”\) could not be used: invalid calibration: entry 1 has 1 field,/);
  });

  it("names the one stack a calibration's entries share, for pages with a software control", () => {
    expect(calibrationStack(calibrationFromSearch(`?cal=${CAL}`).calibration!)).toBe("pytorch");
    expect(calibrationStack(calibrationFromSearch("?cal=h100__bf16_0.5_-_-").calibration!)).toBeNull();
    expect(calibrationStack(calibrationFromSearch(`?cal=${CAL}*h100_megatron_fp32_0.6_-_-`).calibration!)).toBeNull();
  });

  it("adds or replaces cal in a link, keeping the other settings", () => {
    expect(withCalibration("./memory", CAL)).toBe(`./memory?cal=${CAL}`);
    expect(withCalibration("/calibrate", "x", "?cal=old&n=8")).toBe("/calibrate?cal=x&n=8");
  });

  it("says whether the calibration is used, with its factors, or why not", () => {
    const a = calibrationFromSearch(`?cal=${CAL}`);
    expect(calibrationNoteText(a, "h100-sxm5-80gb", "NVIDIA H100", "bf16-master-fp32", true)).toBe("Using your calibration for NVIDIA H100 in BF16 (pytorch): matmul efficiency 0.50, memory-bound overhead 1.9×; the engine’s constants for the rest.");
    expect(calibrationNoteText(a, "h100-sxm5-80gb", "NVIDIA H100", "fp32", false)).toBe("Your calibration covers h100-sxm5-80gb BF16 (pytorch), not NVIDIA H100 in fp32: the engine’s own constants are used.");
    expect(calibrationNoteText(a, "h100-sxm5-80gb", "NVIDIA H100", "amp-bf16", false)).toMatch(/is not used here: this figure does not come from the step-time model/);
    expect(calibrationNoteText(calibrationFromSearch(""), "h100-sxm5-80gb", "NVIDIA H100", "amp-bf16", false)).toBeNull();
    expect(calibrationNoteText(a, "h100-sxm5-80gb", "NVIDIA H100", "amp-bf16", false, "megatron")).toBe("Your calibration for NVIDIA H100 in BF16 was measured on pytorch, not megatron: choose that software to use it. The engine’s own constants are used.");
    expect(calibrationNoteText(a, "h100-sxm5-80gb", "NVIDIA H100", "amp-bf16", true, "pytorch")).toMatch(/^Using your calibration/);
    expect(entryFactorsText({gpu: "x", stack: null, precision: "fp32", matmulEfficiency: null, memoryBoundOverhead: null, communicationEfficiency: null})).toBe("no factor pinned down (the engine’s constants)");
  });
});

describe("the fit's factor table", () => {
  it("shows the engine's value, the fitted one with its uncertainty, and why a factor stays", () => {
    const g = fitCalibration(readCalibrationSteps(projectCsv(isFp32FitRow), "h100.csv", GPUS), gpuById).groups[0]!;
    expect(groupTitle(g)).toBe("h100-sxm5-80gb, FP32, stack pytorch");
    const rows = factorRows(g);
    expect(rows[0]).toMatchObject({Factor: "matmul efficiency", Engine: "0.645", "Pinned down?": "yes"});
    expect(rows[0]!.Yours).toMatch(/^0\.645 ± \d(\.\d)?%$/);
    expect(rows[1]).toMatchObject({Factor: "memory-bound overhead", Engine: "1×", Yours: "—"});
    expect(rows[2]!["Pinned down?"]).toBe("no: every row runs on one GPU: there is no communication to measure (add multi-GPU rows)");
  });
});
