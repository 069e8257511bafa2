import {describe, expect, it} from "vitest";
import {matmulEfficiency, tunedMatmulEfficiency, tunedStackMatmulEfficiency} from "../../../src/engine/perf/calibration.js";
import {fitTunedStackFraction, tunedStackRows} from "../../../src/engine/perf/tunedFit.js";
import {isHeldOut} from "../../../src/engine/perf/heldOut.js";
import {validateSystemMfu} from "../../../src/engine/index.js";
import {GPUS, gpu, systemMfuRows} from "./helpers.js";

describe("the tuned stack's matmul rate, checked against NVIDIA's published tuned benchmarks", () => {
  const rows = systemMfuRows();
  const tuned = tunedStackRows(rows);
  const h100 = gpu("h100-sxm5-80gb");

  it("runs at the production rate, which the least-squares share of the isolated rate over the fit-side rows matches within 3% (0.768 against 0.781)", () => {
    const fit = fitTunedStackFraction(rows, GPUS);
    expect(fit.fitRows).toBe(26);
    const production = matmulEfficiency(h100, "bf16-master-fp32") / tunedMatmulEfficiency(h100, "bf16-master-fp32");
    expect(Math.abs(fit.fraction / production - 1)).toBeLessThan(0.03);
    expect(tunedStackMatmulEfficiency(h100, "bf16-master-fp32")).toBe(matmulEfficiency(h100, "bf16-master-fp32"));
    expect(tunedStackMatmulEfficiency(h100, "fp8")).toBe(matmulEfficiency(h100, "fp8"));
  }, 120_000);

  it("the fit never sees a held-out row: halving every held-out tuned row's reported MFU leaves it unchanged", () => {
    const moved = rows.map((r) => (isHeldOut(r.id) && r.stack === "megatron-tuned" && r.mfu !== null ? {...r, mfu: r.mfu * 0.5} : r));
    expect(fitTunedStackFraction(moved, GPUS).fraction).toBe(fitTunedStackFraction(rows, GPUS).fraction);
  }, 120_000);

  it("at the isolated rate the same rows were over-predicted (the premise this replaced): every fit-side row higher, the median by more than 5 points", () => {
    const at = (share: number | undefined) => validateSystemMfu(tuned, GPUS, share === undefined ? undefined : {tunedStackFraction: share}).filter((r) => r.status === "compared");
    const isolated = at(1);
    const production = at(undefined);
    const errors = isolated.map((r) => r.errorPoints as number).sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]!).toBeGreaterThan(5);
    isolated.forEach((r, i) => expect(r.errorPoints as number).toBeGreaterThan(production[i]!.errorPoints as number));
    // The three held-out rows at the production rate: within ±5.
    for (const r of production.filter((x) => x.split === "held-out")) expect(Math.abs(r.errorPoints as number)).toBeLessThan(5);
  });
});
