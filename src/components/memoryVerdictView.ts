// The memory verdict as a reader sees it: fits or not, by how much, the largest part, and the
// single changes that would make it fit. Built from text nodes only.
import type {MemoryVerdict} from "./memoryAdvice.js";
import {partLabel} from "./memoryParts.js";
import {siPrefixed, sig, withArticle} from "./format.js";
import {acceleratorWords} from "./acceleratorWords.js";

export interface VerdictViewOptions {
  hbmBytes: number;
  gpuName: string;
  /** How many fixes to list. Default 5. */
  maxFixes?: number;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

const bytes = (b: number): string => siPrefixed(b, "B");

/** The parallel layout's degrees as the page states them: the control's data-parallel degree, and context and experts only where used. */
export interface JobLineLayout {
  tp: number;
  pp: number;
  cp?: number;
  ep?: number;
}

/**
 * The sentence at the top of /memory's verdict: the model on how many of the accelerator, in
 * which layout ("Llama 3.1 70B on 1,024 × NVIDIA H100 SXM5 80GB: tensor 8 × pipeline 4 × data
 * 32."); the count in bold. The page shows it, and its first view (scripts/firstViews/pages/memory.ts).
 */
export function memoryJobLine(modelName: string, gpuName: string, gpuCount: number, parallelism: JobLineLayout, dp: number): HTMLSpanElement {
  const line = el("span");
  const count = el("b", gpuCount.toLocaleString("en-US"));
  count.dataset.testid = "gpu-count";
  line.append(`${modelName} on `, count, ` × ${gpuName}: tensor ${parallelism.tp} × pipeline ${parallelism.pp} × data ${dp}${(parallelism.cp ?? 1) > 1 ? ` × context ${parallelism.cp}` : ""}${(parallelism.ep ?? 1) > 1 ? `, experts over ${parallelism.ep} ranks` : ""}.`);
  return line;
}

export function memoryVerdictView(verdict: MemoryVerdict, options: VerdictViewOptions): HTMLElement {
  const {hbmBytes, gpuName, maxFixes = 5} = options;
  const {breakdown, fits, headroomBytes, largest} = verdict;
  // "per TPU chip" on a TPU, "per GPU" elsewhere (issue 14: TPUs are not GPUs).
  const one = acceleratorWords(gpuName).one;
  const box = el("div", undefined, `verdict ${fits ? "verdict-fits" : "verdict-overflows"}`);
  box.setAttribute("role", "status");
  box.dataset.testid = "memory-verdict";
  const share = (breakdown.total / hbmBytes) * 100;
  const headline = el("p", undefined, "verdict-headline");
  const strong = el("strong", fits ? "✓ Fits." : "✗ Does not fit.");
  headline.append(strong, " ");
  const total = el("span", bytes(breakdown.total));
  total.dataset.testid = "memory-total";
  if (fits) {
    headline.append("Needs ", total, ` of the ${bytes(hbmBytes)} on each ${gpuName} (${sig(share, 2)}%), leaving ${bytes(headroomBytes)}.`);
  } else {
    headline.append("Needs ", total, ` per ${one}: ${bytes(-headroomBytes)} more than the ${bytes(hbmBytes)} of ${withArticle(gpuName)} (${sig(share, 2)}%).`);
  }
  box.append(headline);
  box.append(el("p", `The largest part is ${partLabel(largest).toLowerCase()}: ${bytes(breakdown[largest])} (${sig((breakdown[largest] / breakdown.total) * 100, 2)}% of the total).`));
  if (share > 90 && fits) {
    box.append(el("p", "That is above 90% of HBM: the CUDA context, communication buffers and fragmentation (not counted here) may push it over.", "muted"));
  }
  const fixes = verdict.fixes.slice(0, maxFixes);
  if (fixes.length > 0) {
    box.append(el("p", fits ? `Other single changes that save memory, with the same number of ${one}s:` : `Single changes that would help, with the same number of ${one}s:`));
    const list = el("ul", undefined, "verdict-fixes");
    for (const fix of fixes) {
      const item = el("li");
      item.append(el("strong", fix.change), ` → ${bytes(fix.breakdown.total)} `, el("span", fix.fits ? "(fits)" : "(still too big)", fix.fits ? "ok" : "bad"), `: ${fix.effect}.`);
      list.append(item);
    }
    box.append(list);
  } else if (!fits) {
    box.append(el("p", `No single change keeps the ${one} count and fits: add ${one}s (more pipeline or tensor parallelism), or choose an accelerator with more memory.`));
  }
  return box;
}
