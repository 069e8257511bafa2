import {describe, expect, it} from "vitest";
import {groupReports} from "../../src/components/reportedRuns.js";

const row = (run: string, scale: string | null, what: string) => ({run, scale, period: null, what, reported: "1", detail: null, where: null});

describe("groupReports", () => {
  it("keeps one group per run and scale, in first-seen order, with its rows in order", () => {
    const groups = groupReports([row("OPT-175B", "992 A100 80GB", "restarts"), row("BLOOM-176B", "384 A100", "GPU failures"), row("OPT-175B", "992 A100 80GB", "hosts cycled"), row("OPT-175B", "992 A100", "loss divergences")]);
    expect(groups.map((g) => [g.run, g.scale, g.rows.map((r) => r.what)])).toEqual([
      ["OPT-175B", "992 A100 80GB", ["restarts", "hosts cycled"]],
      ["BLOOM-176B", "384 A100", ["GPU failures"]],
      ["OPT-175B", "992 A100", ["loss divergences"]]
    ]);
  });
});
