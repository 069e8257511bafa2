import {describe, expect, it} from "vitest";
import {scaledGpuHours, storageCostUsd, storageName} from "../../src/components/curationCost.js";

describe("curation costs", () => {
  it("scales FineWeb-Edu's classifier run (6,000 H100-hours for 15T tokens) to 1.5T tokens: 600 hours", () => {
    expect(scaledGpuHours({tokens: 1.5e12, referenceTokens: 15e12, referenceGpuHours: 6000})).toBeCloseTo(600, 9);
  });

  it("prices 43,056.6 GB (FineWeb on disk) at $0.023/GB-month for 12 months: about $11,900", () => {
    expect(storageCostUsd({bytes: 43_056.6e9, usdPerGbMonth: 0.023, months: 12})).toBeCloseTo(11_883.6, 1);
  });

  it("returns null, not NaN, for unusable inputs", () => {
    expect(scaledGpuHours({tokens: 1, referenceTokens: 0, referenceGpuHours: 6000})).toBeNull();
    expect(scaledGpuHours({tokens: Number.NaN, referenceTokens: 1, referenceGpuHours: 1})).toBeNull();
    expect(storageCostUsd({bytes: -1, usdPerGbMonth: 0.02, months: 1})).toBeNull();
    expect(storageCostUsd({bytes: 1, usdPerGbMonth: 0.02, months: Number.POSITIVE_INFINITY})).toBeNull();
  });
});

describe("storageName", () => {
  it("names an offering without repeating the word its service and class share", () => {
    expect(storageName("Amazon S3", "S3 Standard (first 50 TB/month)")).toBe("Amazon S3 Standard (first 50 TB/month)");
    expect(storageName("R2", "Infrequent Access")).toBe("R2 Infrequent Access");
    expect(storageName("Cloud Storage", "Standard")).toBe("Cloud Storage Standard");
    expect(storageName("S3", "S3Express")).toBe("S3 S3Express");
  });
});
