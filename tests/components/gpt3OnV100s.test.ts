import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {gpt3OnV100s, gpt3V100Case, GPT3_V100_MFU, SECONDS_PER_YEAR} from "../../src/components/gpt3OnV100s.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {gpuSpecFromRecord} from "../../src/engine/gpu.js";
import type {GpuRecord} from "../../src/engine/gpu.js";

const gpt3 = modelSpecFromRecord(loadWithReferences("models").find((m) => m.id === "gpt3-175b") as unknown as ModelRecord);
const v100 = gpuSpecFromRecord(loadWithReferences("gpus").find((g) => g.id === "v100-sxm2-32gb") as unknown as GpuRecord);
const gpt3Run = loadWithReferences("training_runs").find((r) => r.id === "gpt-3-175b") as unknown as {train_flops_reported: number};

describe("case 1: GPT-3 on V100s", () => {
  it("at 21.3% MFU, GPT-3's ~3.2e23 FLOP take a few hundred V100-years (the page shows 384)", () => {
    const run = gpt3OnV100s(gpt3, v100, GPT3_V100_MFU.default / 100);
    expect(run.feasible).toBe(true);
    const years = run.gpuHours! * 3600 / SECONDS_PER_YEAR;
    expect(years).toBeGreaterThan(300);
    expect(years).toBeLessThan(450);
  });

  it("the case at the default MFU shows its years, the two claims and the ratio to 288 years", () => {
    const study = gpt3V100Case(gpt3, v100, gpt3Run, GPT3_V100_MFU.default);
    expect(study.id).toBe("gpt3-v100");
    expect(study.reported.map((f) => f.value)).toEqual(["288 years", "355 years"]);
    expect(study.engine[0]!.label).toBe("At 21.3% MFU");
    const hours = gpt3OnV100s(gpt3, v100, 0.213).gpuHours!;
    expect(study.ratio).toBeCloseTo(hours / (288 * SECONDS_PER_YEAR / 3600), 9);
    expect(study.feasible).toBe(true);
  });

  it("doubling the MFU halves the engine's years", () => {
    const at = (mfu: number) => gpt3V100Case(gpt3, v100, gpt3Run, mfu).ratio!;
    expect(at(40) / at(20)).toBeCloseTo(0.5, 6);
  });
});
