import {describe, expect, it} from "vitest";
import {acceleratorWords} from "../../src/components/acceleratorWords.js";

describe("acceleratorWords", () => {
  it("counts TPUs in chip-hours, by id or by name", () => {
    expect(acceleratorWords("tpu-v5p").hours).toBe("chip-hours");
    expect(acceleratorWords("Google TPU v4")).toEqual({one: "TPU chip", hours: "chip-hours", hour: "chip-hour"});
  });
  it("counts everything else in GPU-hours, including names that merely contain the letters", () => {
    expect(acceleratorWords("h100-sxm5-80gb").hours).toBe("GPU-hours");
    expect(acceleratorWords("AMD Instinct MI300X").one).toBe("GPU");
    expect(acceleratorWords("outputs").one).toBe("GPU");
  });
});
