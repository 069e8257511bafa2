import {describe, expect, it} from "vitest";
import {fitMatmulRoofline, matmulFlopsPerSecond, matmulSeconds} from "../../../src/engine/index.js";

const P = 989e12; // H100 SXM dense BF16 (data/gpus.csv)
const B = 3.35e12; // H100 SXM HBM3 (data/gpus.csv)

describe("roofline matmul", () => {
  it("is compute-bound for a large square matmul: 8192³ at 80% of 989 TFLOP/s", () => {
    expect(matmulFlopsPerSecond(8192, 8192, 8192, 2, 0.8 * P, 0.9 * B)).toBeCloseTo(0.8 * P, -9);
  });
  it("is memory-bound for a matrix-vector product (intensity ≈ 1 FLOP/byte)", () => {
    const t = matmulSeconds(1, 8192, 8192, 2, 0.8 * P, 0.9 * B);
    expect(t).toBeCloseTo(((8192 + 8192 * 8192 + 8192) * 2) / (0.9 * B), 12);
  });
});

describe("fitMatmulRoofline", () => {
  it("recovers the efficiencies that generated a set of timings (compute- and memory-bound shapes)", () => {
    const shapes = [[8192, 8192, 8192], [4096, 11008, 4096], [16, 8192, 8192], [1, 4096, 4096], [2048, 2048, 128], [65536, 128, 4096]] as const;
    const rows = shapes.map(([m, n, k]) => ({m, n, k, bytesPerElement: 2, seconds: matmulSeconds(m, n, k, 2, 0.72 * P, 0.86 * B)}));
    const fit = fitMatmulRoofline(rows, P, B);
    expect(fit.computeEfficiency).toBeCloseTo(0.72, 2);
    expect(fit.memoryEfficiency).toBeCloseTo(0.86, 2);
    expect(fit.rmsLogError).toBeLessThan(0.01);
  });
  it("refuses an empty table", () => {
    expect(() => fitMatmulRoofline([], P, B)).toThrow(RangeError);
  });
});
