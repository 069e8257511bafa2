// The calculator's results as cards: one figure per card, its range or basis underneath.
// Formatting happens here, at the edge; every value arrives in SI units from calculator.ts.
import type {CalculatorResult} from "./calculator.js";
import {duration, scientific, siPrefixed, sig, usd} from "./format.js";

export interface ResultsOptions {
  usdPerGpuHour: number;
  gpuName: string;
  hbmBytes: number;
  /** Link to the memory planner with this layout, if the page builds one. */
  memoryHref?: string;
}

/** 3.55e6 → "3.55M"; 12_300 → "12.3k". */
export function compact(value: number): string {
  if (!Number.isFinite(value)) return "—";
  for (const [size, suffix] of [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]] as const) {
    if (Math.abs(value) >= size) return `${sig(value / size)}${suffix}`;
  }
  return sig(value);
}

function card(testid: string, label: string, value: string, details: (string | Node)[]): HTMLElement {
  const box = document.createElement("div");
  box.className = "card";
  const l = document.createElement("p");
  l.className = "label";
  l.textContent = label;
  const v = document.createElement("p");
  v.className = "value";
  v.dataset.testid = testid;
  v.textContent = value;
  box.append(l, v);
  for (const d of details) {
    const p = document.createElement("p");
    p.className = "detail";
    p.append(d);
    box.append(p);
  }
  return box;
}

export function calculatorResults(r: CalculatorResult, o: ResultsOptions): HTMLElement {
  const root = document.createElement("div");
  root.className = "results";
  root.setAttribute("aria-live", "polite");
  const ratio = r.flops / r.flops6N;
  root.append(
    card("flops", "Training compute", scientific(r.flops, "FLOP"), [
      `6ND shortcut: ${scientific(r.flops6N, "FLOP")}`,
      `counted from the architecture: ${ratio >= 1 ? "+" : "−"}${sig(Math.abs(ratio - 1) * 100, 2)}% vs 6ND (attention and logits)`
    ]),
    card("gpu-hours", "GPU-hours", compact(r.gpuHours), [`${sig(r.gpuHours / (365.25 * 24), 2)} GPU-years`]),
    card("days", "Wall-clock time", duration(r.wallSeconds), [`on ${r.gpusUsed.toLocaleString("en-US")} × ${o.gpuName}`]),
    card("usd", "Compute cost", usd(r.usd), [`at $${sig(o.usdPerGpuHour)} per GPU-hour`]),
    card("mfu", r.mfuSource === "predicted" ? "MFU (predicted)" : "MFU (assumed)", `${sig(r.mfu * 100, 2)}%`, [
      r.mfuSource === "predicted"
        ? `step-time model: ${sig(r.step.secondsPerStep, 2)} s per ${compact(r.step.tokensPerStep)}-token step`
        : `the model predicts ${sig(r.step.mfu * 100, 2)}% for this layout`,
      `peak ${siPrefixed(r.peakFlopsPerSecond, "FLOP/s")} per GPU`
    ])
  );
  const memoryDetails: (string | Node)[] = [
    `${r.fitsInMemory ? "fits in" : "exceeds"} ${siPrefixed(o.hbmBytes, "B")} of HBM (${sig((r.memory.total / o.hbmBytes) * 100, 2)}%)`
  ];
  if (o.memoryHref) {
    const a = document.createElement("a");
    a.href = o.memoryHref;
    a.textContent = "See the breakdown in the memory planner";
    memoryDetails.push(a);
  }
  const memory = card("memory", "Memory per GPU", siPrefixed(r.memory.total, "B"), memoryDetails);
  if (!r.fitsInMemory) memory.classList.add("overflow");
  root.append(memory);
  return root;
}
