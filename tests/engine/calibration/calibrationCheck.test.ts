// calibration.ts checks files and addresses without zod; it must accept and refuse exactly what
// the zod schema (calibrationSchema.ts, the types' definition) does.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {calibrationIssues, parseCalibration} from "../../../src/engine/calibration/calibration.js";
import {calibrationSchema} from "../../../src/engine/calibration/calibrationSchema.js";

const ENTRY = {gpu: "h100-sxm5-80gb", stack: "pytorch", precision: "bf16", matmulEfficiency: 0.7, memoryBoundOverhead: 1.3, communicationEfficiency: 0.8};
const FILE = {version: 1, entries: [ENTRY, {...ENTRY, gpu: "a100-sxm4-80gb", stack: null, matmulEfficiency: null}]};

const KEYS = ["version", "entries", "gpu", "stack", "precision", "matmulEfficiency", "memoryBoundOverhead", "communicationEfficiency", "extra"] as const;
const VALUES: unknown[] = [undefined, null, Number.NaN, Infinity, -1, 0, 0.04, 0.05, 0.5, 1, 1.0001, 2, 50, 50.1, "", "H100", "h100-x", "-h100", "bf16", "fp16", "fp8", "megatron", "jax", true, {}, [], [ENTRY]];

describe("calibrationIssues (calibrationSchema's rules without zod)", () => {
  it("accepts a file with a stack-less entry and null factors", () => {
    expect(calibrationIssues(FILE)).toEqual([]);
    expect(parseCalibration(FILE)).toBe(FILE);
  });

  it("agrees with the zod schema on files with one or two fields changed or added (fixed seed)", () => {
    const change = fc.record({key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES), entry: fc.constantFrom(-1, 0, 1)});
    fc.assert(fc.property(fc.array(change, {minLength: 1, maxLength: 2}), (changes) => {
      const file = structuredClone(FILE) as Record<string, unknown> & {entries: Record<string, unknown>[]};
      for (const {key, value, entry} of changes) {
        const target: Record<string, unknown> = entry === -1 || !Array.isArray(file.entries) || !file.entries[entry] || typeof file.entries[entry] !== "object" ? file : file.entries[entry]!;
        if (value === undefined) delete target[key];
        else target[key] = value;
      }
      expect(calibrationIssues(file).length === 0).toBe(calibrationSchema.safeParse(file).success);
    }), {seed: 14, numRuns: 3000});
  });

  it("refuses no entries, more than 64, and a version other than 1", () => {
    for (const bad of [{version: 1, entries: []}, {version: 1, entries: Array.from({length: 65}, () => ENTRY)}, {version: 2, entries: [ENTRY]}]) {
      expect(calibrationIssues(bad).length).toBeGreaterThan(0);
      expect(calibrationSchema.safeParse(bad).success).toBe(false);
    }
  });
});
