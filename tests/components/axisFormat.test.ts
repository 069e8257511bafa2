import {describe, expect, it} from "vitest";
import {countTick, powerOfTenTick, usdTick} from "../../src/components/axisFormat.js";

describe("powerOfTenTick", () => {
  it("labels exact powers of ten with superscripts and nothing else", () => {
    expect(powerOfTenTick(1e23)).toBe("10²³");
    expect(powerOfTenTick(1e-3)).toBe("10⁻³");
    expect(powerOfTenTick(1)).toBe("10⁰");
    expect(powerOfTenTick(3e23)).toBe("");
    expect(powerOfTenTick(0)).toBe("");
    expect(powerOfTenTick(Number.NaN)).toBe("");
  });
});

describe("countTick", () => {
  it("names powers of ten with M, B and T", () => {
    expect(countTick(1e7)).toBe("10M");
    expect(countTick(1e9)).toBe("1B");
    expect(countTick(1e14)).toBe("100T");
    expect(countTick(2e9)).toBe("");
  });
});

describe("usdTick", () => {
  it("writes plain dollars, never exponent notation", () => {
    expect([0, 10, 12.5, 1500, 0.25].map(usdTick)).toEqual(["$0", "$10", "$12.5", "$1,500", "$0.25"]);
  });
});
