import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {LLAMA3_RUN, llamaInterruptionCauses} from "../../src/components/interruptionCauses.js";
import type {ReliabilityRow} from "../../src/components/interruptionCauses.js";

const row = (over: Partial<ReliabilityRow>): ReliabilityRow => ({run: LLAMA3_RUN, category: "GPU", component: "Faulty GPU", count: 148, pct: 30.1, ...over});

describe("llamaInterruptionCauses", () => {
  it("lists Table 5's root causes, most interruptions first: 148 faulty GPUs before 72 HBM3 failures", () => {
    const causes = llamaInterruptionCauses([row({component: "GPU HBM3 memory", count: 72, pct: 17.2}), row({})]);
    expect(causes).toEqual([
      {component: "Faulty GPU", category: "GPU", count: 148, pct: 30.1},
      {component: "GPU HBM3 memory", category: "GPU", count: 72, pct: 17.2}
    ]);
  });

  it("leaves out other runs, the summary and environment rows, and rows without a count or category", () => {
    const causes = llamaInterruptionCauses([
      row({run: "MPT-7B (MosaicML)"}),
      row({category: "summary", component: "Unexpected interruptions", count: 419}),
      row({category: "environment", component: "Diurnal temperature"}),
      row({category: null}),
      row({count: null}),
      row({component: "Software bug", category: "Software", count: 12, pct: 2.9})
    ]);
    expect(causes.map((c) => c.component)).toEqual(["Software bug"]);
  });

  it("lists Llama 3 405B's 18 root causes from data/reliability.csv, which add up to the paper's 419 unexpected interruptions", () => {
    const causes = llamaInterruptionCauses(loadWithReferences("reliability") as unknown as ReliabilityRow[]);
    expect(causes).toHaveLength(18);
    expect(causes.reduce((sum, c) => sum + c.count, 0)).toBe(419);
    expect(causes[0]).toMatchObject({component: "Faulty GPU", category: "GPU", count: 148});
  });
});
