import {describe, expect, it} from "vitest";
import {layoutCell, layoutHeader, layoutLabel, layoutRows} from "../../src/components/layoutTable.js";
import type {RankedLayout} from "../../src/engine/perf/planner.js";

const ranked = (parallelism: Partial<RankedLayout["parallelism"]>): RankedLayout =>
  ({parallelism: {tp: 8, pp: 2, dp: 1024, cp: 1, ep: 1, zeroStage: 1, microBatch: 1, recompute: "selective", ...parallelism}, memoryBytesPerGpu: 61e9, mfu: 0.41, secondsPerStep: 5.2} as unknown as RankedLayout);

describe("the memory planner's ranked layouts (/memory)", () => {
  it("give the degrees in words, not TP/PP/DP shorthand", () => {
    expect(layoutLabel(ranked({}))).toBe("tensor 8 × pipeline 2 × data 1,024");
    expect(layoutLabel(ranked({cp: 2, ep: 8}))).toBe("tensor 8 × pipeline 2 × data 1,024 × context 2, experts over 8");
    // The cell is compact under a heading in words; the row's accessible name has the words.
    expect(layoutCell(ranked({cp: 2, ep: 8}))).toBe("8 × 2 × 1,024, context 2, experts over 8");
    expect(layoutRows([ranked({})])[0]).toMatchObject({Layout: "8 × 2 × 1,024", label: "tensor 8 × pipeline 2 × data 1,024", Memory: "61 GB"});
  });
  it("head the memory column per GPU, or per TPU chip on a TPU", () => {
    expect(layoutHeader("GPU")).toEqual({Layout: "Tensor × pipeline × data", Memory: "Memory per GPU"});
    expect(layoutHeader("TPU chip")).toMatchObject({Memory: "Memory per TPU chip"});
  });
});
