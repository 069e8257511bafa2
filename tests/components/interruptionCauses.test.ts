import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {interruptionCauses, LLAMA3_405B_PRETRAINING} from "../../src/components/interruptionCauses.js";
import type {ReliabilityRow} from "../../src/components/interruptionCauses.js";

const rows = loadWithReferences("reliability") as unknown as ReliabilityRow[];

describe("interruptionCauses", () => {
  it("lists Llama 3 405B's 18 root causes of Table 5, which add up to the paper's 419 unexpected interruptions", () => {
    const causes = interruptionCauses(rows, LLAMA3_405B_PRETRAINING);
    expect(causes).toHaveLength(18);
    expect(causes.reduce((sum, c) => sum + c.interruptions, 0)).toBe(419);
    expect(causes[0]).toEqual({cause: "Faulty GPU", category: "GPU", interruptions: 148});
  });

  it("leaves out the summary rows, the environment rows and rows without a count", () => {
    const run = "a run";
    const causes = interruptionCauses([
      {run, category: "summary", component: "unexpected interruptions", count: 3},
      {run, category: "environment", component: "diurnal throughput variation", count: 1},
      {run, category: "GPU", component: "Faulty GPU", count: null},
      {run, category: "Host", component: "NIC", count: 2},
      {run: "another run", category: "Host", component: "SSD", count: 5}
    ], run);
    expect(causes).toEqual([{cause: "NIC", category: "Host", interruptions: 2}]);
  });
});
