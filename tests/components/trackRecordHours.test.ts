// The track-record chart's tooltip wording for GPU-hours, from a few hundred to tens of millions.
import {describe, expect, it} from "vitest";
import {gpuHoursWords} from "../../src/components/trackRecordTable.js";

describe("GPU-hours in the track-record chart's tooltips", () => {
  it("keeps small runs readable (Pythia 70M's 266 h is not '0k') and shortens large ones", () => {
    expect(gpuHoursWords(266.4)).toBe("266");
    expect(gpuHoursWords(510)).toBe("510");
    expect(gpuHoursWords(72_300)).toBe("72.3k");
    expect(gpuHoursWords(1_082_990)).toBe("1.08M");
    expect(gpuHoursWords(30_840_000)).toBe("30.8M");
  });
});
