// Explains jargon where a reader first meets it: on every page (except the glossary itself) the
// first use of each glossary term in the page's prose becomes a link to its glossary entry with a
// one-line explanation that shows on hover and keyboard focus (CSS `.term` in src/style.css, from
// `data-tip`; screen readers get it as the link's description). Pages need no markup: the site's
// <head> (observablehq.config.ts via scripts/termLinksHead.ts) runs `installTermLinks` with the
// entries of src/components/glossary.ts, and it follows cells as they render.
//
// A linked term stays explained however often its text is rewritten: the text node the linker
// replaced keeps a stand-in (textStandIn.ts) through which code that rewrites it (the calculator's
// patcher, on every slider move) shows the new text around the same link; and a link that leaves
// the page anyway (a cell rendered again) makes its term unexplained, so the next pass links the
// term's first use again.

import {setStandIn} from "./textStandIn.js";

/** What the browser needs of a glossary entry. */
export interface TermSpec {
  id: string;
  short: string;
  /** Regular-expression sources for the words that are this term (see GlossaryEntry.matches). */
  matches: string[];
}

export interface TermMatch {
  start: number;
  end: number;
  id: string;
}

export interface TermMatcher {
  /** All terms' words as one alternation, longest first, whole words only. */
  pattern: RegExp;
  /** Each entry's own whole-string test, to say which entry a match belongs to. */
  entries: {id: string; test: RegExp}[];
}

/** A lowercase first letter also matches its capital, for the start of a sentence. */
function sentenceCase(source: string): string {
  const first = source[0];
  return first !== undefined && /[a-z]/.test(first) ? `[${first}${first.toUpperCase()}]${source.slice(1)}` : source;
}

export function termMatcher(specs: readonly TermSpec[]): TermMatcher {
  const sources = specs.flatMap((s) => s.matches.map(sentenceCase)).sort((a, b) => b.length - a.length);
  return {
    pattern: new RegExp(sources.length ? `(?<![\\w-])(?:${sources.join("|")})(?![\\w-])` : "(?!)", "g"),
    entries: specs.filter((s) => s.matches.length).map((s) => ({id: s.id, test: new RegExp(`^(?:${s.matches.map(sentenceCase).join("|")})$`)}))
  };
}

/**
 * The first match in `text` of each term not yet in `explained`, in text order; adds their ids
 * to `explained`, so across calls each term is matched once per page.
 */
export function firstTermMatches(text: string, matcher: TermMatcher, explained: Set<string>): TermMatch[] {
  const out: TermMatch[] = [];
  matcher.pattern.lastIndex = 0;
  for (const m of text.matchAll(matcher.pattern)) {
    const id = matcher.entries.find((e) => e.test.test(m[0]))?.id;
    if (id === undefined || explained.has(id)) continue;
    explained.add(id);
    out.push({start: m.index, end: m.index + m[0].length, id});
  }
  return out;
}

/**
 * Text that is not prose, or already interactive: code, controls, charts, headings, links,
 * Observable Inputs (all inside <form>), the inspector, and anything marked data-no-terms.
 */
export const SKIP_SELECTOR =
  "a, abbr, button, code, pre, kbd, script, style, svg, label, select, option, textarea, form, summary, h1, h2, h3, h4, h5, h6, figure, [contenteditable], [data-no-terms], .observablehq--inspect, .observablehq--error";

/** The prose text nodes under `root` (or `root` itself), skipping whole SKIP_SELECTOR subtrees. */
function proseTextNodes(root: Node): Text[] {
  const doc = root.ownerDocument!;
  if (root.nodeType === 3) {
    const parent = root.parentElement;
    return parent && !parent.closest(SKIP_SELECTOR) && (root as Text).data.trim() ? [root as Text] : [];
  }
  if (root.nodeType !== 1 || (root as Element).closest(SKIP_SELECTOR)) return [];
  const nodes: Text[] = [];
  // Elements: rejecting one skips its subtree (charts, tables of inputs), so the walk stays cheap.
  const walker = doc.createTreeWalker(root, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) => (node.nodeType === 1 ? ((node as Element).matches(SKIP_SELECTOR) ? 2 /* REJECT */ : 3 /* SKIP */) : (node as Text).data.trim() ? 1 /* ACCEPT */ : 3)
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** A cell's root as Framework 1.13 keeps it: the `<!--:id:-->` comment after the nodes the cell displayed. */
interface CellRoot extends Comment {
  _nodes?: Node[];
}

/**
 * Replaces `node` with `parts`. A text node a cell displayed itself (an inline `${name}`, a
 * fragment's top-level text) is listed in its root's `_nodes`, which Framework removes when the
 * cell runs again; the parts take its place there, or they would stay on the page as stale text
 * beside the cell's next output (the state sweep found "DeepSeek-V2 (236B MoE)" left before
 * "Gemma 2B on …" on /memory). The root is the first later sibling that has `_nodes`
 * (Framework inserts a cell's nodes right before its root).
 */
function replaceDisplayed(node: Text, parts: Node[]): void {
  for (let sibling = node.nextSibling; sibling; sibling = sibling.nextSibling) {
    const nodes = (sibling as CellRoot)._nodes;
    if (sibling.nodeType !== 8 || !Array.isArray(nodes)) continue;
    const at = nodes.indexOf(node);
    if (at >= 0) nodes.splice(at, 1, ...parts);
    break;
  }
  node.replaceWith(...parts);
}

/**
 * The parts of `text` around the first match of each of `ids`, in that order, after one another:
 * [text, match, text, match, …, text] (texts may be empty), or null when one is not found.
 */
export function splitAtTerms(text: string, ids: readonly string[], matcher: TermMatcher): string[] | null {
  const parts: string[] = [];
  let at = 0;
  let want = 0;
  matcher.pattern.lastIndex = 0;
  for (const m of text.matchAll(matcher.pattern)) {
    if (want >= ids.length) break;
    if (m.index < at) continue;
    const id = matcher.entries.find((e) => e.test.test(m[0]))?.id;
    if (id !== ids[want]) continue;
    parts.push(text.slice(at, m.index), m[0]);
    at = m.index + m[0].length;
    want++;
  }
  if (want < ids.length) return null;
  parts.push(text.slice(at));
  return parts;
}

/**
 * Links the first use of each unexplained term under `root`; returns the links it made. Each
 * replaced text node becomes text, link, text, … (a text part may be empty), and keeps a stand-in
 * that shows new text in those same nodes while it still holds the same terms (textStandIn.ts).
 */
export function linkTerms(root: Node, specs: readonly TermSpec[], matcher: TermMatcher, explained: Set<string>, glossaryHref: string): HTMLAnchorElement[] {
  const doc = root.ownerDocument!;
  const nodes = proseTextNodes(root);
  const byId = new Map(specs.map((s) => [s.id, s]));
  const made: HTMLAnchorElement[] = [];
  for (const node of nodes) {
    if (explained.size >= byId.size) break;
    const matches = firstTermMatches(node.data, matcher, explained);
    if (!matches.length) continue;
    const parts: Node[] = [];
    const texts: Text[] = [];
    const links: HTMLAnchorElement[] = [];
    let at = 0;
    for (const {start, end, id} of matches) {
      texts.push(doc.createTextNode(node.data.slice(at, start)));
      const link = doc.createElement("a");
      link.className = "term";
      link.href = `${glossaryHref}#${id}`;
      link.dataset.term = id;
      link.dataset.tip = byId.get(id)!.short;
      link.setAttribute("aria-description", byId.get(id)!.short);
      link.textContent = node.data.slice(start, end);
      parts.push(texts.at(-1)!, link);
      links.push(link);
      at = end;
    }
    texts.push(doc.createTextNode(node.data.slice(at)));
    parts.push(texts.at(-1)!);
    const ids = matches.map((m) => m.id);
    setStandIn(node, {
      nodes: parts,
      retext(text) {
        const split = splitAtTerms(text, ids, matcher);
        if (split === null) return false;
        split.forEach((part, i) => {
          const target = i % 2 === 0 ? texts[i / 2]! : links[(i - 1) / 2]!;
          if (target.textContent !== part) target.textContent = part;
        });
        return true;
      }
    });
    replaceDisplayed(node, parts);
    made.push(...links);
  }
  return made;
}

/**
 * Which edge of the term its explanation hangs from: "start" (its left edge, the default) unless a
 * tip of the widest size src/style.css allows (min(22rem, 80vw), plus its padding and border)
 * would then pass the right edge of a window `viewportPx` wide and hanging from the right edge
 * keeps it inside. (At 640 px and below the tip runs along the bottom of the screen instead.)
 */
export function tipSide(term: {left: number; right: number}, viewportPx: number, remPx: number): "start" | "end" {
  const tipPx = Math.min(22 * remPx, 0.8 * viewportPx) + 1.2 * remPx + 2;
  return term.left + tipPx > viewportPx && term.right - tipPx >= 0 ? "end" : "start";
}

/**
 * Runs `linkTerms` on the page's main column once it exists, then, when the browser is idle, on
 * just the nodes that cells have added since (a slider's repaint is not followed by a walk of the
 * whole page). The glossary link reuses the sidebar's own relative link to /glossary, so
 * it works at any depth and under any base path.
 */
export function installTermLinks(specs: readonly TermSpec[]): void {
  if (/\/glossary(\.html)?$/.test(location.pathname)) return;
  const matcher = termMatcher(specs);
  const explained = new Set<string>();
  /** Each explained term's link. */
  const links = new Map<string, HTMLAnchorElement>();
  let queued = false;
  let walkedMain = false;
  /** A term whose link left the page was not found again in the nodes added with it: walk the whole column. */
  let rewalk = false;
  const added = new Set<Node>();
  const glossaryHref = (): string => document.querySelector<HTMLAnchorElement>("#observablehq-sidebar a[href$='glossary']")?.getAttribute("href") ?? "./glossary";
  const link = (roots: readonly Node[]): void => {
    const href = glossaryHref();
    for (const root of roots) for (const made of linkTerms(root, specs, matcher, explained, href)) links.set(made.dataset.term!, made);
  };
  /** Forgets the links that left the page (their terms are unexplained again); returns their terms. */
  const forgetLost = (): string[] => {
    const lost: string[] = [];
    for (const [id, a] of links) {
      if (!a.isConnected) {
        links.delete(id);
        explained.delete(id);
        lost.push(id);
      }
    }
    return lost;
  };
  const addedIn = (main: HTMLElement): Node[] => [...added].filter((node) => node.isConnected && main.contains(node));
  const run = (): void => {
    queued = false;
    const main = document.getElementById("observablehq-main");
    if (!main) return;
    if (forgetLost().length > 0) rewalk = true;
    const roots = walkedMain && !rewalk ? addedIn(main) : [main];
    walkedMain = true;
    rewalk = false;
    added.clear();
    link(roots);
  };
  const later = (): void => {
    if (queued) return;
    queued = true;
    // Off the frame that paints a slider's result: idle time, or 200 ms at the latest.
    if ("requestIdleCallback" in window) requestIdleCallback(run, {timeout: 200});
    else setTimeout(run, 50);
  };
  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      for (const node of record.addedNodes) added.add(node);
      if (record.removedNodes.length > 0) removed = true;
    }
    // A redraw that replaced the nodes holding a link (the memory card rebuilt when the run stops
    // fitting, a cell rendered again) took the link with it. The term is linked again now, in the
    // nodes that replaced them, before the frame that paints the redraw (this callback runs at the
    // end of the task that changed the page), so no frame shows it unexplained; a term not found
    // there is left to the walk of the whole column in idle time.
    if (removed && links.size > 0 && walkedMain) {
      const lost = forgetLost();
      const main = document.getElementById("observablehq-main");
      if (lost.length > 0 && main) {
        link(addedIn(main));
        if (lost.some((id) => !explained.has(id))) rewalk = true;
      }
    }
    if (added.size > 0 || rewalk) later();
  });
  observer.observe(document.documentElement, {childList: true, subtree: true});
  // The explanation hangs from the term's left edge (src/style.css); a term near the window's
  // right edge (the calculator's memory card, the last of four columns) would push it past the
  // edge, so there it hangs from the term's right edge instead (data-tip-side="end").
  const place = (event: Event): void => {
    const target = event.target;
    const term = target instanceof Element ? target.closest<HTMLElement>("a.term") : null;
    if (term === null) return;
    const side = tipSide(term.getBoundingClientRect(), document.documentElement.clientWidth, parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
    if (term.dataset.tipSide !== side) term.dataset.tipSide = side;
  };
  document.addEventListener("pointerover", place, {capture: true, passive: true});
  document.addEventListener("focusin", place, {capture: true});
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, {once: true});
  else run();
}
