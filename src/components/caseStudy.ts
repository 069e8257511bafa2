// One public claim reproduced: what was claimed (quoted, with its source), what the engine
// computes from explicit inputs, the ratio between them, and why they differ.
import {sig} from "./format.js";

export interface Figure {
  label: string;
  /** Formatted at the edge, e.g. "$4.6M" or "288 years". */
  value: string;
  /** Small print under the value: the basis of the number. */
  note?: string;
}

export interface CaseStudy {
  id: string;
  /** The claim, as the source put it. */
  claim: string;
  /** Who said it, where: "Narayanan et al. 2021, Sec 1". */
  source: string;
  reported: Figure[];
  engine: Figure[];
  /**
   * Whether the engine's runs behind the figures can happen (estimate's verdict); marked on the
   * view as data-feasible so the state sweep checks that an infeasible one shows no price.
   */
  feasible?: boolean;
  /** Engine ÷ reported for the headline figure, when both are numbers. */
  ratio?: number;
  /** The explicit inputs, each with where it comes from. */
  inputs: string[];
  /** Why the two differ, in a few sentences. */
  explanation: string[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function figures(title: string, items: Figure[]): HTMLElement {
  const box = el("div", undefined, "card");
  box.append(el("p", title, "label"));
  for (const f of items) {
    const row = el("p");
    row.append(el("span", `${f.label}: `), el("span", f.value, "value"));
    box.append(row);
    if (f.note) box.append(el("p", f.note, "muted small"));
  }
  return box;
}

/** The claim, the two columns of figures, the ratio, the inputs and the explanation. */
export function caseStudyView(c: CaseStudy): HTMLElement {
  const root = el("div", undefined, "case-study");
  root.dataset.testid = `case-${c.id}`;
  if (c.feasible !== undefined) root.dataset.feasible = String(c.feasible);
  const quote = el("blockquote", c.claim);
  const cite = el("p", `— ${c.source}`, "muted small");
  root.append(quote, cite);
  const grid = el("div", undefined, "case-figures");
  grid.append(figures("Reported", c.reported), figures("Engine", c.engine));
  if (c.ratio !== undefined && Number.isFinite(c.ratio)) {
    const near = c.ratio > 0.8 && c.ratio < 1.25;
    const box = el("div", undefined, "card");
    box.append(el("p", "Engine ÷ reported", "label"));
    const value = el("p", `${sig(c.ratio, 2)}×`, `value ${near ? "ratio-good" : "ratio-off"}`);
    value.dataset.testid = `ratio-${c.id}`;
    box.append(value, el("p", near ? "within 25%" : c.ratio > 1 ? "the engine is higher" : "the engine is lower", "muted small"));
    grid.append(box);
  }
  root.append(grid);
  const why = el("div", undefined, "case-why");
  for (const sentence of c.explanation) why.append(el("p", sentence));
  root.append(why);
  const details = el("details");
  details.append(el("summary", "Inputs and their sources"));
  const list = el("ul");
  for (const input of c.inputs) list.append(el("li", input));
  details.append(list);
  root.append(details);
  return root;
}

/** FLOPs a cluster delivers: GPUs × peak FLOP/s × MFU × seconds (the inverse of trainingSeconds). */
export function flopsDelivered(gpuCount: number, peakFlopsPerSecond: number, mfu: number, seconds: number): number {
  return gpuCount * peakFlopsPerSecond * mfu * seconds;
}

/** The MFU a claim implies: FLOPs ÷ (GPU-seconds × peak FLOP/s). */
export function impliedMfu(flops: number, gpuSeconds: number, peakFlopsPerSecond: number): number {
  return flops / (gpuSeconds * peakFlopsPerSecond);
}
