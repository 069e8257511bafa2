import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {acceleratorPoints, growthSummary, mergeNames, shortName} from "../../src/components/acceleratorPoints.js";
import type {AcceleratorRecord} from "../../src/components/acceleratorPoints.js";

const records = loadWithReferences("gpus") as unknown as AcceleratorRecord[];

describe("accelerator timeline points", () => {
  it("drops the vendor and memory size from a name and merges names that differ in their last word", () => {
    expect(shortName("NVIDIA H100 SXM5 80GB", "NVIDIA")).toBe("H100 SXM5");
    expect(shortName("NVIDIA B200 180GB", "NVIDIA")).toBe("B200");
    expect(shortName("Google TPU v4", "Google")).toBe("TPU v4");
    expect(mergeNames(["V100 SXM2 32GB", "V100 SXM2 16GB"])).toBe("V100 SXM2 16GB/32GB");
    expect(mergeNames(["TPU v5e", "MI300X"])).toBe("TPU v5e · MI300X");
  });

  it("gives chips of one vendor, year and 16-bit peak one shared dot (A100 40/80GB); the V100's 16 GB (2017) and 32 GB (2018) parts keep two dots, named with their memory", () => {
    const points = acceleratorPoints(records);
    expect(points.map((p) => p.names.length).reduce((a, b) => a + b, 0)).toBe(records.length);
    expect(points.find((p) => p.label === "V100 SXM2 16GB")).toMatchObject({names: ["NVIDIA V100 SXM2 16GB"], releaseYear: 2017});
    expect(points.find((p) => p.label === "V100 SXM2 32GB")).toMatchObject({names: ["NVIDIA V100 SXM2 32GB"], releaseYear: 2018});
    expect(new Set(points.map((p) => p.label)).size).toBe(points.length);
    expect(points.find((p) => p.label === "A100 SXM4")?.peakFlopsPerSecond).toBe(312e12);
  });

  it("marks the frontier: V100, A100, H100 SXM5, MI300X, B200 each set a 16-bit record", () => {
    expect(acceleratorPoints(records).filter((p) => p.setsRecord).map((p) => p.label))
      .toEqual(["V100 SXM2 16GB", "A100 SXM4", "H100 SXM5", "MI300X", "B200"]);
  });

  it("compares the fastest 2017 chip (V100, 125 TFLOP/s, 16 GB) with the fastest 2024 chip (B200, 2,250 TFLOP/s, 180 GB)", () => {
    const growth = growthSummary(records)!;
    expect(growth.first.name).toBe("NVIDIA V100 SXM2 16GB");
    expect(growth.last.name).toBe("NVIDIA B200 180GB");
    expect(growth.computeGrowth).toBeCloseTo(2250 / 125);
    expect(growth.memoryGrowth).toBeCloseTo(180 / 16);
  });
});
