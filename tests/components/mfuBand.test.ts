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
