// The calibration in the address and as a file: compact, round-trips, refuses anything else.
import {describe, expect, it} from "vitest";
import {CalibrationError, MAX_ENCODED_CALIBRATION_LENGTH, decodeCalibration, encodeCalibration, parseCalibration} from "../../src/engine/index.js";
import type {Calibration} from "../../src/engine/index.js";

const cal: Calibration = {
  version: 1,
  entries: [
    {gpu: "h100-sxm5-80gb", stack: "pytorch", precision: "bf16", matmulEfficiency: 0.5008, memoryBoundOverhead: 1.864, communicationEfficiency: null},
    {gpu: "h100-sxm5-80gb", stack: null, precision: "fp32", matmulEfficiency: 0.6447, memoryBoundOverhead: null, communicationEfficiency: 0.71}
  ]
};

describe("calibration in the address", () => {
  it("encodes to a short URL-safe string and back", () => {
    const text = encodeCalibration(cal);
    expect(text).toBe("h100-sxm5-80gb_pytorch_bf16_0.5008_1.864_-*h100-sxm5-80gb__fp32_0.6447_-_0.71");
    expect(encodeURIComponent(text)).toBe(text);
    expect(new URLSearchParams({cal: text}).toString()).toBe(`cal=${text}`);
    expect(decodeCalibration(text)).toEqual(cal);
  });

  it("keeps four significant digits", () => {
    const text = encodeCalibration({version: 1, entries: [{...cal.entries[0]!, matmulEfficiency: 0.123456789}]});
    expect(decodeCalibration(text).entries[0]!.matmulEfficiency).toBe(0.1235);
  });

  it.each([
    ["", /entry 1 has 1 field, expected 6/],
    ["h100_x_bf16_0.5_1", /entry 1 has 5 fields/],
    ["h100__bf16_abc_-_-", /matmul efficiency "abc" is not a number/],
    ["h100__bf16_1.5_-_-", /entries\.0\.matmulEfficiency: expected a fraction in \(0, 1\]/],
    ["h100__bf16_0.5_1e9_-", /memoryBoundOverhead: expected a multiplier ≤ 50/],
    ["H100__bf16_0.5_-_-", /gpu: expected lower-case letters/],
    ["h100__fp4_0.5_-_-", /precision: expected "fp32", "bf16" or "fp8", got the string "fp4"/],
    ["h100__bf16_0.5_-_-*h100__bf16_0.6_-_-", /two entries for h100, stack \(none\), bf16/],
    ["h100__bf16_-_-_NaN", /communication efficiency "NaN" is not a number/],
    ["x".repeat(MAX_ENCODED_CALIBRATION_LENGTH + 1), /longer than 4096 characters/]
  ])("refuses %j", (text, message) => {
    expect(() => decodeCalibration(text)).toThrow(CalibrationError);
    expect(() => decodeCalibration(text)).toThrow(message);
  });
});

describe("calibration as a JSON file", () => {
  it("reads back what JSON.stringify wrote", () => {
    expect(parseCalibration(JSON.parse(JSON.stringify(cal)))).toEqual(cal);
  });
  it("refuses other shapes, naming the field", () => {
    expect(() => parseCalibration({version: 2, entries: cal.entries})).toThrow("invalid calibration: version: expected version 1");
    expect(() => parseCalibration({version: 1, entries: []})).toThrow("entries: expected at least one entry");
    expect(() => parseCalibration({version: 1, entries: [{...cal.entries[0], extra: 1}]})).toThrow(/entries\.0: unknown field "extra"; the fields here are gpu, stack, precision, matmulEfficiency, memoryBoundOverhead, communicationEfficiency/);
    expect(() => parseCalibration(null)).toThrow(CalibrationError);
  });
});
