// The calculator's results as cards: one figure per card, its range or basis underneath.
// Formatting happens here, at the edge; every value arrives in SI units from the engine.
import type {CalculatorResult} from "./calculator.js";
import {acceleratorWords} from "./acceleratorWords.js";
import {mfuConventionNote} from "../engine/mfuConvention.js";
import {duration, grouped, scientific, siPrefixed, sig, usd} from "./format.js";
import {stepSeconds} from "./stepTimeParts.js";
import {html, toSvgDom} from "./virtualSvg.js";
import type {SvgChild, SvgElementSpec} from "./virtualSvg.js";

export interface ResultsOptions {
  usdPerGpuHour: number;
  gpuName: string;
  hbmBytes: number;
  /** Link to the memory planner with this layout, if the page builds one. */
  memoryHref?: string;
  /** For an infeasible run: what would make it feasible (feasibilityFix.ts). */
  fixes?: string[];
}

/** 3.55e6 → "3.55M"; 12_300 → "12.3k". */
export function compact(value: number): string {
  if (!Number.isFinite(value)) return "—";
  for (const [size, suffix] of [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]] as const) {
    if (Math.abs(value) >= size) return `${sig(value / size)}${suffix}`;
  }
  return sig(value);
}

/** kWh → "1.29 GWh", "730 MWh", "12 kWh". */
export function energy(kwh: number): string {
  return siPrefixed(kwh * 1000, "Wh");
}

/** kg → "552 t", "12 kg". */
export function mass(kg: number): string {
  return kg >= 1000 ? `${compact(kg / 1000)} t` : `${sig(kg)} kg`;
}

function card(testid: string, label: string, value: string, details: readonly SvgChild[], className = "card"): SvgElementSpec {
  return html("div", {class: className}, [
    html("p", {class: "label"}, [label]),
    html("p", {class: "value", "data-testid": testid}, [value]),
    ...details.map((d) => html("p", {class: "detail"}, [d]))
  ]);
}

const between = (low: string, high: string): string => (low === high ? `≈ ${low}` : `range ${low} – ${high}`);

export function calculatorResults(r: CalculatorResult, o: ResultsOptions): HTMLElement {
  return toSvgDom(calculatorResultsSpec(r, o)) as HTMLElement;
}

/**
 * The same cards described (virtualSvg.ts `html`), for a page that keeps them and patches them on
 * every slider move: only the text that changed is written.
 */
export function calculatorResultsSpec(r: CalculatorResult, o: ResultsOptions): SvgElementSpec {
  const e = r.estimate;
  const words = acceleratorWords(o.gpuName);
  const cards: SvgChild[] = [];
  // The verdict for the state sweep (tests/browser/sweep.test.ts): a region marked infeasible must show no dollar figure.
  const root = () => html("div", {class: "results", "data-feasible": String(e.feasible)}, cards);
  const ratio = e.trainingFlops / e.approx6ND;
  cards.push(
    card("flops", "Training compute", scientific(e.trainingFlops, "FLOP"), [
      `6ND shortcut: ${scientific(e.approx6ND, "FLOP")}`,
      `from the architecture: ${ratio >= 1 ? "+" : "−"}${sig(Math.abs(ratio - 1) * 100, 2)}% vs 6ND (attention, logits)`
    ])
  );
  // An infeasible run is never priced or timed: say why and what would make it feasible.
  if (!e.feasible) {
    cards.unshift(infeasibleNoteSpec(e.reasons, o.fixes ?? []));
    cards.push(memoryCard(r, o, words.one));
    return root();
  }
  cards.push(
    card("gpu-hours", words.hours[0]!.toUpperCase() + words.hours.slice(1), compact(e.gpuHours), [between(compact(e.range.gpuHours.low), compact(e.range.gpuHours.high))]),
    card("days", "Wall-clock time", duration(e.trainingSeconds), [
      between(duration(e.range.wallClockDays.low * 86400), duration(e.range.wallClockDays.high * 86400)),
      `on ${grouped(r.gpusUsed)} × ${o.gpuName}`
    ]),
    card("usd", "Compute cost", e.costUsd === null ? "—" : usd(e.costUsd), [
      e.range.costUsd === null ? "no price given" : between(usd(e.range.costUsd.low), usd(e.range.costUsd.high)),
      `at $${sig(o.usdPerGpuHour)} per ${words.hour}`
    ]),
    card("energy", "Energy", e.energyKwh === null ? "—" : energy(e.energyKwh), [
      e.range.energyKwh === null ? "this accelerator's power is not in the data" : between(energy(e.range.energyKwh.low), energy(e.range.energyKwh.high)),
      `${words.one} power at TDP × PUE 1.1`
    ]),
    card("co2", "CO₂", e.co2Kg === null ? "—" : mass(e.co2Kg), [
      e.range.co2Kg === null ? "needs the accelerator's power" : between(mass(e.range.co2Kg.low), mass(e.range.co2Kg.high)),
      "at 0.385 kg CO₂eq per kWh (US average)"
    ]),
    card("mfu", e.mfuSource === "predicted" ? "MFU (predicted)" : "MFU (assumed)", `${sig(e.mfu * 100, 2)}%`, [
      between(`${sig(e.range.mfu.low * 100, 2)}%`, `${sig(e.range.mfu.high * 100, 2)}%`),
      r.step === null
        ? "the step-time model has no figures to predict this accelerator"
        : e.mfuSource === "predicted"
          ? `${stepSeconds(r.step.secondsPerStep)} per ${compact(r.step.tokensPerStep)}-token step`
          : `the step-time model predicts ${sig(r.step.mfu * 100, 2)}% for this layout`,
      `of ${siPrefixed(e.peakFlopsPerSecond, "FLOP/s")} peak per ${words.one}`,
      ...[mfuConventionNote(e.mfu, e.mfuCausalAttention)].filter((n): n is string => n !== null)
    ])
  );
  cards.push(memoryCard(r, o, words.one));
  return root();
}

/** Headroom in words: "fits in 80 GB of HBM (62%)", "exceeds 32 GB of HBM by 1.6 GB" (never "exceeds … (100%)"). */
export function memoryFitWords(totalBytes: number, hbmBytes: number): string {
  const hbm = siPrefixed(hbmBytes, "B");
  if (totalBytes > hbmBytes) return `exceeds ${hbm} of HBM by ${siPrefixed(totalBytes - hbmBytes, "B", 2)}`;
  // Floored, so a run that fits never reads 100%.
  return `fits in ${hbm} of HBM (${Math.floor((totalBytes / hbmBytes) * 100)}%)`;
}

function memoryCard(r: CalculatorResult, o: ResultsOptions, one: string): SvgElementSpec {
  const e = r.estimate;
  const memoryDetails: SvgChild[] = [memoryFitWords(e.memoryPerGpuBytes.total, o.hbmBytes)];
  if (o.memoryHref) memoryDetails.push(html("a", {href: o.memoryHref}, ["See the breakdown in the memory planner"]));
  return card("memory", `Memory per ${one}`, siPrefixed(e.memoryPerGpuBytes.total, "B"), memoryDetails, e.fitsInMemory ? "card" : "card overflow");
}

/** The verdict on a run that cannot happen: its reasons, then what would make it feasible. */
export function infeasibleNote(reasons: readonly string[], fixes: readonly string[]): HTMLElement {
  return toSvgDom(infeasibleNoteSpec(reasons, fixes)) as HTMLElement;
}

function infeasibleNoteSpec(reasons: readonly string[], fixes: readonly string[]): SvgElementSpec {
  return html("div", {class: "verdict verdict-overflows infeasible", role: "alert", "data-testid": "infeasible"}, [
    html("p", {}, [html("strong", {}, ["This run cannot happen, so it is not priced. "]), reasons.join(" ")]),
    ...fixes.map((fix) => html("p", {}, [fix]))
  ]);
}

/** A visible, announced message in place of results the engine refused to compute. */
export function errorNote(message: string, hint?: string): HTMLElement {
  const box = document.createElement("div");
  box.className = "verdict verdict-overflows";
  box.setAttribute("role", "alert");
  box.dataset.testid = "calc-error";
  const p = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent = "The engine cannot compute this combination: ";
  p.append(strong, message.replace(/^[a-z]/, (c) => c.toUpperCase()));
  box.append(p);
  if (hint) {
    const h = document.createElement("p");
    h.textContent = hint;
    box.append(h);
  }
  return box;
}
