import {describe, expect, it} from "vitest";
import {mfuBandWords} from "../../src/components/mfuBand.js";
import {DEFAULT_MFU_RANGE_FACTORS} from "../../src/engine/estimate.js";
import {memoryFitWords} from "../../src/components/calculatorResults.js";

describe("words for what the pages show", () => {
  it("the range text names the engine's band, [0.65, 1.1] → −35% to +10% (not ±25%)", () => {
    expect(DEFAULT_MFU_RANGE_FACTORS).toEqual({low: 0.65, high: 1.1});
    expect(mfuBandWords()).toBe("−35% to +10%");
    expect(mfuBandWords({low: 0.75, high: 1.25})).toBe("−25% to +25%");
  });
  it("memory over HBM never reads 100%: 33.6 GB on 32 GB exceeds it by 1.6 GB; 31.99 GB fits at 99%", () => {
    expect(memoryFitWords(33.6e9, 32e9)).toBe("exceeds 32 GB of HBM by 1.6 GB");
    expect(memoryFitWords(32.1e9, 32e9)).toBe("exceeds 32 GB of HBM by 100 MB");
    expect(memoryFitWords(31.99e9, 32e9)).toBe("fits in 32 GB of HBM (99%)");
  });
});

describe("plural", () => {
  it("one of a thing is singular as printed: 1 GPU, 1 epoch, 4,096 GPUs, 1.5 epochs", async () => {
    const {plural, sig} = await import("../../src/components/format.js");
    expect(plural(1, "GPU")).toBe("1 GPU");
    expect(plural(4096, "GPU")).toBe("4,096 GPUs");
    expect(plural(1, "epoch", sig)).toBe("1 epoch");
    expect(plural(1.5, "epoch", sig)).toBe("1.5 epochs");
    expect(plural(1.0004, "epoch", (x) => sig(x, 2))).toBe("1 epoch");
  });
});
