import {describe, expect, it} from "vitest";
import {utilisationPoints} from "../../src/components/runUtilisation.js";
import type {RunValidation} from "../../src/engine/validateRuns.js";

const run = (model: string, impliedUtilisation: number | null, mfuReported: number | null): RunValidation =>
  ({model, impliedUtilisation, mfuReported} as RunValidation);

describe("utilisationPoints", () => {
  it("keeps the runs whose reported GPU-hours imply a utilisation, in order, with their reported MFU or null", () => {
    expect(utilisationPoints([run("PaLM 540B", 0.3, 0.462), run("no hours", null, 0.4), run("LLaMA-65B", 0.47, null)])).toEqual([
      {run: "PaLM 540B", utilisation: 0.3, mfuReported: 0.462},
      {run: "LLaMA-65B", utilisation: 0.47, mfuReported: null}
    ]);
  });
});
