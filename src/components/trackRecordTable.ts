// The whole-run track record's factors as a plain table whose cells wrap (Inputs.table truncates
// long layouts): run, layout (with where it comes from), predicted MFU, ramp-up factor, effective
// training time (with its source), the overheads the run publishes, reported ÷ predicted and the
// held-out split. Predicted rows only.
import type {TrackRecordRow} from "./runTrackRecord.js";
import {sig} from "./format.js";

const COLUMNS: readonly [string, (r: TrackRecordRow) => string][] = [
  ["Run", (r) => r.model],
  ["Parallelism (layout)", (r) => `${r.layoutDegrees} (${r.layoutSource})`],
  ["Memory settings", (r) => r.layoutMemory ?? ""],
  ["Predicted MFU", (r) => `${sig((r.predictedMfu as number) * 100, 2)}%`],
  ["Ramp-up", (r) => sig(r.rampFactor as number, 3)],
  ["Effective time", (r) => (r.goodput ? `${sig(r.goodput.effectiveTrainingTime * 100, 3)}% (${r.goodput.interruptionSource})` : "")],
  ["Published overheads", (r) => publishedOverheads(r)],
  ["Reported ÷ predicted", (r) => `${sig(r.ratio as number, 2)}×`],
  ["Split", (r) => (r.heldOut ? "held out" : "")]
];

/** Evaluation, checkpoint pauses, repeated steps and itemised downtime, where the run publishes them; "" where it publishes none. */
export function publishedOverheads(r: Pick<TrackRecordRow, "goodput" | "repeatedGpuHours" | "downtimeGpuHours">): string {
  const parts: string[] = [];
  const evaluation = r.goodput?.evaluationFraction ?? 0;
  const checkpoint = r.goodput?.checkpointFraction ?? 0;
  if (evaluation > 0) parts.push(`evaluation ${sig(evaluation * 100, 2)}%`);
  if (checkpoint > 0) parts.push(`checkpoint saves ${sig(checkpoint * 100, 2)}%`);
  if ((r.repeatedGpuHours ?? 0) > 0) parts.push(`repeated steps ${gpuHoursWords(r.repeatedGpuHours as number)} GPU-h`);
  if ((r.downtimeGpuHours ?? 0) > 0) parts.push(`downtime ${gpuHoursWords(r.downtimeGpuHours as number)} GPU-h`);
  return parts.join(", ");
}

export function trackRecordTable(rows: readonly TrackRecordRow[]): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "track-record-table";
  const head = table.createTHead().insertRow();
  for (const [name] of COLUMNS) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const r of rows.filter((x) => x.ratio !== null)) {
    const tr = body.insertRow();
    for (const [, cell] of COLUMNS) tr.insertCell().textContent = cell(r);
  }
  return table;
}

/** GPU-hours in words: 266 → "266", 72,300 → "72.3k", 30.8e6 → "30.8M" (a small run must not read "0k"). */
export function gpuHoursWords(hours: number): string {
  if (hours >= 1e6) return `${sig(hours / 1e6)}M`;
  if (hours >= 1e3) return `${sig(hours / 1e3)}k`;
  return sig(hours);
}
