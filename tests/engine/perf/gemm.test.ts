import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {fitMatmulRoofline, matmulFlopsPerSecond, matmulSeconds, waveEfficiency} from "../../../src/engine/index.js";

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

describe("waveEfficiency (tile and wave quantization, NVIDIA Matrix Multiplication Background guide Secs 3.1–3.2)", () => {
  it("is 1 for an output of exactly one full wave of 256×128 tiles on 108 SMs", () => {
    expect(waveEfficiency(256 * 12, 128 * 9, 108)).toBe(1);
  });
  it("charges a whole wave for one extra tile: 109 tiles take two waves of 108", () => {
    // 109 × 1 tiles of 256 × 128; the transposed tiling (218 half-empty 128 × 256 tiles, 3 waves) does worse.
    expect(waveEfficiency(256 * 109, 128, 108)).toBeCloseTo(109 / 216, 12);
  });
  it("charges the padding of a partial tile (tile quantization)", () => {
    // Two 256 × 128 tiles for 257 rows: the second holds one row.
    expect(waveEfficiency(257, 128, 1)).toBeCloseTo(257 / 512, 12);
  });
  it("takes the transposed tiling where it wastes less", () => {
    expect(waveEfficiency(128, 256, 1)).toBe(1);
  });
  it("is off (1) without an SM count, and 1 for an empty output (whose matmul takes no time)", () => {
    expect(waveEfficiency(1000, 1000, 0)).toBe(1);
    expect(waveEfficiency(0, 1000, 108)).toBe(1);
  });
  it("lies in (0, 1] for any shape and SM count", () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 1 << 17}), fc.integer({min: 1, max: 1 << 17}), fc.integer({min: 1, max: 200}), (m, n, sms) => {
        const e = waveEfficiency(m, n, sms);
        return e > 0 && e <= 1;
      })
    );
  });
});
