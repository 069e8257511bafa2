import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {grouped, sig, withArticle} from "../../src/components/format.js";

describe("sig", () => {
  it("writes 1234 as 1,230, 0.01234 as 0.0123, 2.0 as 2 and 989.4 to two figures as 990", () => {
    expect(sig(1234)).toBe("1,230");
    expect(sig(0.01234)).toBe("0.0123");
    expect(sig(2.0)).toBe("2");
    expect(sig(989.4, 2)).toBe("990");
    expect(sig(-0.5)).toBe("-0.5");
  });

  it("writes what toLocaleString wrote before its formatter was cached, for any value and 1–4 digits", () => {
    fc.assert(fc.property(fc.double({noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30}), fc.integer({min: 1, max: 4}), (value, digits) => {
      const expected = value === 0 ? "0" : Number(value.toPrecision(digits)).toLocaleString("en-US", {maximumFractionDigits: 20, maximumSignificantDigits: digits});
      expect(sig(value, digits)).toBe(expected);
    }), {seed: 14, numRuns: 2000});
  });
});

describe("grouped", () => {
  it("writes 4096 as 4,096 and 131072 as 131,072", () => {
    expect(grouped(4096)).toBe("4,096");
    expect(grouped(131072)).toBe("131,072");
    expect(grouped(1)).toBe("1");
  });

  it("writes what n.toLocaleString(\"en-US\") writes, for any number", () => {
    fc.assert(fc.property(fc.double({noNaN: false, min: -1e30, max: 1e30}), (value) => {
      expect(grouped(value)).toBe(value.toLocaleString("en-US"));
    }), {seed: 14, numRuns: 2000});
  });
});

describe("withArticle", () => {
  it("writes 'an' before a vowel and before initials read with a vowel sound, 'a' otherwise", () => {
    expect(withArticle("Intel Gaudi 3")).toBe("an Intel Gaudi 3");
    expect(withArticle("AMD MI300X")).toBe("an AMD MI300X");
    expect(withArticle("NVIDIA H100 SXM5 80GB")).toBe("an NVIDIA H100 SXM5 80GB");
    expect(withArticle("H200")).toBe("an H200");
    expect(withArticle("Google TPU v4")).toBe("a Google TPU v4");
    expect(withArticle("TPU v5p")).toBe("a TPU v5p");
    expect(withArticle("Nebius node")).toBe("a Nebius node");
  });
});
