import {describe, expect, it} from "vitest";
import {approxTrainingFlops, trainingSeconds} from "../../src/engine/index.js";

describe("6·N·D", () => {
  it("reproduces GPT-3's 3.14e23 training FLOPs (Brown et al. 2020, Table D.1: 174.6B params, 300B tokens)", () => {
    expect(approxTrainingFlops(174.6e9, 300e9)).toBeCloseTo(3.14e23, -21);
  });
});

describe("trainingSeconds", () => {
  it("divides work by the delivered FLOP rate", () => {
    expect(trainingSeconds(1e18, 10, 1e15, 0.5)).toBe(200);
  });
  it("refuses MFU outside (0, 1] and non-positive GPU counts", () => {
    expect(() => trainingSeconds(1, 1, 1, 0)).toThrow(RangeError);
    expect(() => trainingSeconds(1, 1, 1, 1.5)).toThrow(RangeError);
    expect(() => trainingSeconds(1, 0, 1, 0.5)).toThrow(RangeError);
  });
});
