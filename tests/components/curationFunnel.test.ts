import {describe, expect, it} from "vitest";
import {refinedWebFunnel} from "../../src/components/curationFunnel.js";
import type {CurationRow} from "../../src/components/curationFunnel.js";

const row = (over: Partial<CurationRow>): CurationRow => ({corpus: "RefinedWeb", kind: "stage_retention", item: "Language identification: documents kept", value: 48, approximate: true, ...over});

describe("refinedWebFunnel", () => {
  it("starts from CommonCrawl at 100% and names each stage by the words before its colon", () => {
    expect(refinedWebFunnel([row({}), row({item: "Deduplication: documents kept", value: 11.7, approximate: false})])).toEqual([
      {stage: "CommonCrawl", percent: 100},
      {stage: "Language identification", percent: 48, detail: "Language identification: documents kept", approximate: true},
      {stage: "Deduplication", percent: 11.7, detail: "Deduplication: documents kept", approximate: false}
    ]);
  });

  it("keeps only RefinedWeb's stage_retention rows, in the file's order", () => {
    const stages = refinedWebFunnel([row({kind: "filter_removal"}), row({corpus: "FineWeb"}), row({item: "URL filtering"})]);
    expect(stages.map((s) => s.stage)).toEqual(["CommonCrawl", "URL filtering"]);
  });
});
