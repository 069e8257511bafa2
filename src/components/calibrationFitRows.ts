// Rows of the "Calibrate to your cluster" page's fit views (src/engine/calibration/fit.ts): the
// factors and whether the rows pinned them down, and the per-row residuals. Pure, so tested in Node;
// the chart is in calibrationFitView.ts.
import {FACTOR_LABELS, FACTOR_NAMES} from "../engine/calibration/fit.js";
import type {FactorFit, FactorName, GroupFit, StepResidual} from "../engine/calibration/fit.js";
import {sig} from "./format.js";

const PRECISION_NAMES: Readonly<Record<GroupFit["precision"], string>> = {fp32: "FP32", bf16: "BF16", fp8: "FP8"};

/** "h100-sxm5-80gb, BF16, stack pytorch": the group a fit belongs to. */
export function groupTitle(g: GroupFit): string {
  return `${g.gpu}, ${PRECISION_NAMES[g.precision]}${g.stack === null ? "" : `, stack ${g.stack}`}`;
}

const factorValue = (name: FactorName, x: number): string => (name === "memoryBoundOverhead" ? `${sig(x, 3)}×` : sig(x, 3));

/** One row per factor: the engine's value, the fitted one (± one standard error) or why it stays. */
export function factorRows(g: GroupFit): Record<string, string>[] {
  return FACTOR_NAMES.map((name) => {
    const f: FactorFit = g.factors[name];
    return {
      Factor: FACTOR_LABELS[name],
      Engine: factorValue(name, f.engineValue),
      Yours: f.status === "pinned" ? `${factorValue(name, f.value)}${f.relativeUncertainty === null ? "" : ` ± ${sig(f.relativeUncertainty * 100, 2)}%`}` : "—",
      "Pinned down?": f.status === "pinned" ? "yes" : `no: ${f.reason}`
    };
  });
}

/** The rows behind the chart and table, SI units in the names, for the table and the download. */
export function residualRows(g: GroupFit): Record<string, string | number | null>[] {
  return g.rows.map((r: StepResidual) => ({
    run: r.run,
    line: r.line,
    measured_s: r.measuredSeconds,
    engine_s: r.engineSeconds,
    calibrated_s: r.calibratedSeconds,
    residual: r.residual,
    measured_memory_bytes: r.measuredMemoryBytes,
    predicted_memory_bytes: r.predictedMemoryBytes
  }));
}
