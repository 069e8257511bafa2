// The reader's calibration in a page's address (`?cal=…`, encoded by the engine's
// encodeCalibration) and the one-line note a page shows when it predicts with it. The calculator,
// memory and levers pages read it; the "Calibrate to your cluster" page writes it.
// Narrow engine imports (not ../engine/index.js): pages that read a calibration from the address
// should not load the whole engine.
import {calibrationEntryFor, decodeCalibration, matmulPrecisionOf} from "../engine/calibration/calibration.js";
import type {Calibration, CalibrationEntry} from "../engine/calibration/calibration.js";
import type {Precision, Stack} from "../engine/types.js";
import {quote} from "./urlParams.js";

/** The address parameter that carries a calibration, on every page that applies one. */
export const CALIBRATION_PARAM = "cal";

export interface AddressCalibration {
  calibration: Calibration | null;
  /** The encoded text as found (null when absent). */
  encoded: string | null;
  /** Why the address's calibration could not be used; null when it could (or there was none). */
  problem: string | null;
}

/** Reads `?cal=` from an address's query string. A bad value is reported, never applied. */
export function calibrationFromSearch(search: string): AddressCalibration {
  const encoded = new URLSearchParams(search).get(CALIBRATION_PARAM);
  if (encoded === null || encoded === "") return {calibration: null, encoded: null, problem: null};
  try {
    return {calibration: decodeCalibration(encoded), encoded, problem: null};
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {calibration: null, encoded, problem: `The calibration in this page’s address (${quote(encoded)}) could not be used: ${why}. The engine’s own constants are used.`};
  }
}

/** The named stacks a calibration has entries for on this accelerator and precision. */
function calibrationStacksFor(calibration: Calibration, gpuId: string, precision: Precision): Stack[] {
  const mp = matmulPrecisionOf(precision);
  return calibration.entries.filter((e) => e.gpu === gpuId && e.precision === mp && e.stack !== null).map((e) => e.stack as Stack);
}

/** The one stack every entry of a calibration names, if they agree (pages with a software control start on it). */
export function calibrationStack(calibration: Calibration): Stack | null {
  const stacks = new Set(calibration.entries.map((e) => e.stack));
  const [only] = [...stacks];
  return stacks.size === 1 && only !== null && only !== undefined ? only : null;
}

/** `path` with `cal=<encoded>` added to (or replacing it in) `search`. */
export function withCalibration(path: string, encoded: string, search = ""): string {
  const params = new URLSearchParams(search);
  params.set(CALIBRATION_PARAM, encoded);
  return `${path}?${params}`;
}

const PRECISION_NAMES: Readonly<Record<CalibrationEntry["precision"], string>> = {fp32: "FP32", bf16: "BF16", fp8: "FP8"};

/** The fitted factors of an entry in words, e.g. "matmul efficiency 0.50, memory-bound overhead 1.9×". */
export function entryFactorsText(e: CalibrationEntry): string {
  const parts: string[] = [];
  if (e.matmulEfficiency !== null) parts.push(`matmul efficiency ${e.matmulEfficiency.toFixed(2)}`);
  if (e.memoryBoundOverhead !== null) parts.push(`memory-bound overhead ${e.memoryBoundOverhead.toPrecision(2)}×`);
  if (e.communicationEfficiency !== null) parts.push(`communication efficiency ${e.communicationEfficiency.toFixed(2)}`);
  return parts.length === 0 ? "no factor pinned down (the engine’s constants)" : parts.join(", ");
}

/**
 * The sentence a page shows about the address's calibration for a prediction on `gpuId` in
 * `precision`: that it is used (and with which factors), that it does not cover this accelerator
 * and precision, or why it could not be read. Null when the address carries none.
 */
export function calibrationNoteText(address: AddressCalibration, gpuId: string, gpuName: string, precision: Precision, applied: boolean, stack?: Stack): string | null {
  if (address.problem !== null) return address.problem;
  const cal = address.calibration;
  if (cal === null) return null;
  const entry = calibrationEntryFor(cal, gpuId, precision, stack);
  if (entry !== null && applied) {
    return `Using your calibration for ${gpuName} in ${PRECISION_NAMES[entry.precision]}${entry.stack ? ` (${entry.stack})` : ""}: ${entryFactorsText(entry)}; the engine’s constants for the rest.`;
  }
  const covered = cal.entries.map((e) => `${e.gpu} ${PRECISION_NAMES[e.precision]}${e.stack ? ` (${e.stack})` : ""}`).join(", ");
  const otherStacks = [...new Set(calibrationStacksFor(cal, gpuId, precision))];
  if (entry === null && stack !== undefined && otherStacks.length > 0) {
    return `Your calibration for ${gpuName} in ${PRECISION_NAMES[matmulPrecisionOf(precision)]} was measured on ${otherStacks.join(" and ")}, not ${stack}: choose that software to use it. The engine’s own constants are used.`;
  }
  return entry !== null
    ? `Your calibration (${covered}) is not used here: this figure does not come from the step-time model.`
    : `Your calibration covers ${covered}, not ${gpuName} in ${precision}: the engine’s own constants are used.`;
}

/** calibrationNoteText as a `role="status"` paragraph with a link back to the calibrate page; hidden when there is nothing to say. */
export function calibrationNote(address: AddressCalibration, gpuId: string, gpuName: string, precision: Precision, applied: boolean, stack?: Stack): HTMLElement {
  const p = document.createElement("p");
  p.className = "calibration-note small";
  p.setAttribute("role", "status");
  p.dataset.testid = "calibration-note";
  p.dataset.applied = String(applied && address.calibration !== null);
  const text = calibrationNoteText(address, gpuId, gpuName, precision, applied, stack);
  if (text === null) {
    p.hidden = true;
    return p;
  }
  p.append(text, " ");
  const a = document.createElement("a");
  a.href = address.encoded !== null && address.problem === null ? withCalibration("./calibrate", address.encoded) : "./calibrate";
  a.textContent = "Calibrate to your cluster";
  p.append(a);
  return p;
}
