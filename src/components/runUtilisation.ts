// The whole-run utilisation a published run's reported GPU-hours imply, beside the steady-state MFU
// its authors reported (engine validateRuns.ts): the points of the methodology page's
// utilisationChart. No DOM.
import type {RunValidation} from "../engine/validateRuns.js";

export interface UtilisationPoint {
  run: string;
  /** Training FLOPs ÷ (reported GPU-hours × peak). */
  utilisation: number;
  mfuReported: number | null;
}

/** The runs whose reported GPU-hours imply a utilisation, with their reported MFU where given. */
export function utilisationPoints(validation: readonly RunValidation[]): UtilisationPoint[] {
  return validation.flatMap((r) => (r.impliedUtilisation === null ? [] : [{run: r.model, utilisation: r.impliedUtilisation, mfuReported: r.mfuReported}]));
}
