// SVG charts described as plain objects and kept on the page by comparing descriptions.
//
// The calculator's charts first followed a slider by building the whole new chart as detached DOM
// (hundreds of createElementNS and setAttribute calls) and then reading both trees back
// (getAttributeNames, getAttribute) to find what changed. That was most of a
// slider move's script: a CPU profile of 30 "Accelerators" drag moves gave ~14 ms a move to the
// two cost/days charts (build 8 ms, patch 6 ms) for a change of a few attributes (bench/profile.ts,
// load 9). Here a chart is first described as plain objects (`svg("circle", {cx: 3})`), which is
// cheap; `mountSvg` builds the DOM once, and `patchSvg` compares the new description with the
// last one, string with string, writing to the DOM only what differs. The DOM is never read.
//
// HTML elements are described the same way (`html("p", {class: "detail"}, ["…"])`): the
// calculator's result cards and captions follow a slider by the same comparison (a drag's CPU
// profile gave ~1.7 ms a move to building them as detached DOM and reading both trees back).
//
// A mounted tree belongs to its root. The one exception is a text node that the glossary's term
// linker has replaced by text and a link (the first use of a term on the page, such as the memory
// card's "HBM"): it leaves a stand-in on the node (textStandIn.ts), and patching writes the new
// text through it, so the link stays and the figures around it change in the same task. Should
// other code replace or remove a node otherwise, the next patch finds that node no longer in its
// parent and rebuilds that parent's children from the description, so the page never keeps a
// stale figure. Either way the page shows the text of `toSvgDom(next)`
// (tests/components/virtualSvg.test.ts).

import {isShownIn, replaceShown, shownNodes, writeText} from "./textStandIn.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const HTML_NS = "http://www.w3.org/1999/xhtml";

export interface SvgElementSpec {
  readonly tag: string;
  /** Attribute values as written to the DOM. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly SvgChild[];
  /** Its `data-key` attribute, if any: children that all have one are matched by it. */
  readonly key: string | null;
  /** Built in the HTML namespace (`html`) rather than SVG's (`svg`). */
  readonly html: boolean;
}
/** An element or a text node. */
export type SvgChild = SvgElementSpec | string;

/** svg("rect", {x: 0, width: 10}, [svg("title", {}, ["A bar"])]) */
export function svg(tag: string, attributes: Record<string, string | number> = {}, children: readonly SvgChild[] = []): SvgElementSpec {
  return described(tag, attributes, children, false);
}

/** html("p", {class: "detail"}, ["range 52 – 70 days"]): an HTML element described. */
export function html(tag: string, attributes: Record<string, string | number> = {}, children: readonly SvgChild[] = []): SvgElementSpec {
  return described(tag, attributes, children, true);
}

// Every description is built by this one literal, so SVG and HTML descriptions have one shape
// (an HTML one used to be a spread copy of an SVG one with `html` added). V8 still deoptimises the
// patcher a few times in a drag's first moves ("wrong map": 5 bailouts in 120 moves, the same
// before this change, --trace-deopt on 2026-12-02), from the other objects it reads.
function described(tag: string, attributes: Record<string, string | number>, children: readonly SvgChild[], inHtml: boolean): SvgElementSpec {
  const attrs: Record<string, string> = {};
  for (const name in attributes) attrs[name] = String(attributes[name]);
  return {tag, attrs, children, key: attrs["data-key"] ?? null, html: inHtml};
}

/**
 * A detached DOM node (built by code that makes DOM, such as a notice shared with other pages)
 * described, so that it can sit among described nodes: its elements, attributes and text as they
 * are, read once. Comments and other kinds of node are left out.
 */
export function describeNode(node: Node): SvgChild | null {
  if (node.nodeType === 3) return (node as Text).data;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  const attrs: Record<string, string> = {};
  for (const name of el.getAttributeNames()) attrs[name] = el.getAttribute(name)!;
  const children: SvgChild[] = [];
  for (const c of Array.from(el.childNodes)) {
    const d = describeNode(c);
    if (d !== null) children.push(d);
  }
  return el.namespaceURI === SVG_NS ? svg(el.localName, attrs, children) : html(el.localName, attrs, children);
}

/**
 * A memo of descriptions by key (a string of everything the description is drawn from): the same
 * key gives back the same object, which patching skips at once (it compares by identity first),
 * instead of a new description that must be compared part by part. A chart's axis ticks stay the
 * same over most slider moves. Keeps at most `limit` keys (then starts again).
 */
export function descriptionMemo<T extends SvgChild>(limit = 32): (key: string, describe: () => T) => T {
  const kept = new Map<string, T>();
  return (key, describe) => {
    let spec = kept.get(key);
    if (spec === undefined) {
      if (kept.size >= limit) kept.clear();
      kept.set(key, (spec = describe()));
    }
    return spec;
  };
}

/** A description built as DOM, in the SVG namespace (HTML for `html` elements) (the whole tree, for tests and one-off use). */
export function toSvgDom(spec: SvgChild, doc: Document = document): Node {
  return mount(spec, doc).node;
}

interface Mounted {
  spec: SvgChild;
  node: Node;
  children: Mounted[];
}

function mount(spec: SvgChild, doc: Document): Mounted {
  if (typeof spec === "string") return {spec, node: doc.createTextNode(spec), children: []};
  const el = spec.html ? doc.createElementNS(HTML_NS, spec.tag) : doc.createElementNS(SVG_NS, spec.tag);
  for (const name in spec.attrs) el.setAttribute(name, spec.attrs[name]!);
  const children = spec.children.map((c) => mount(c, doc));
  for (const c of children) el.appendChild(c.node);
  return {spec, node: el, children};
}

/** Makes `m`'s node equal to `next`, reusing it when both are text or both the same tag; returns what is now in place. */
function patch(m: Mounted, next: SvgChild, doc: Document): Mounted {
  const prev = m.spec;
  if (prev === next) return m;
  if (typeof prev === "string" && typeof next === "string") {
    writeText(m.node as Text, next);
    m.spec = next;
    return m;
  }
  if (typeof prev === "string" || typeof next === "string" || prev.tag !== next.tag || prev.html !== next.html) {
    const fresh = mount(next, doc);
    replaceShown(m.node, fresh.node);
    return fresh;
  }
  const el = m.node as Element;
  for (const name in prev.attrs) if (!(name in next.attrs)) el.removeAttribute(name);
  for (const name in next.attrs) if (prev.attrs[name] !== next.attrs[name]) el.setAttribute(name, next.attrs[name]!);
  m.children = patchChildren(el, m.children, next.children, doc);
  m.spec = next;
  return m;
}

const keyed = (xs: readonly SvgChild[]): boolean => xs.length > 0 && xs.every((x) => typeof x !== "string" && x.key !== null);

/**
 * `parent`'s children made equal to `next`: matched by position, or by key where every present
 * and every new child has one (a chart's points, keyed by what they stand for), so that inserting
 * one point does not rewrite every point after it.
 */
function patchChildren(parent: Element, present: Mounted[], next: readonly SvgChild[], doc: Document): Mounted[] {
  // A node someone else replaced (but for a term link's stand-in) or removed: build these children
  // afresh (see the top of the file).
  for (const m of present) {
    if (!isShownIn(m.node, parent)) {
      const fresh = next.map((c) => mount(c, doc));
      parent.replaceChildren(...fresh.map((f) => f.node));
      return fresh;
    }
  }
  if (keyed(present.map((m) => m.spec)) && keyed(next)) return patchKeyed(parent, present, next as readonly SvgElementSpec[], doc);
  const out: Mounted[] = [];
  for (let i = 0; i < next.length; i++) {
    const have = present[i];
    if (have === undefined) {
      const fresh = mount(next[i]!, doc);
      parent.appendChild(fresh.node);
      out.push(fresh);
    } else out.push(patch(have, next[i]!, doc));
  }
  for (let i = next.length; i < present.length; i++) for (const n of shownNodes(present[i]!.node)) parent.removeChild(n);
  return out;
}

function patchKeyed(parent: Element, present: Mounted[], next: readonly SvgElementSpec[], doc: Document): Mounted[] {
  // The children whose key and tag are unchanged at the start and at the end stay where they are
  // (a slider move inserts, removes or replaces one point in the middle): patched in place, and
  // only the middle is matched by key.
  const same = (m: Mounted, spec: SvgElementSpec) => (m.spec as SvgElementSpec).key === spec.key && (m.spec as SvgElementSpec).tag === spec.tag && (m.spec as SvgElementSpec).html === spec.html;
  let head = 0;
  while (head < present.length && head < next.length && same(present[head]!, next[head]!)) head++;
  let tail = 0;
  while (tail < present.length - head && tail < next.length - head && same(present[present.length - 1 - tail]!, next[next.length - 1 - tail]!)) tail++;
  const out: Mounted[] = [];
  for (let i = 0; i < head; i++) out.push(patch(present[i]!, next[i]!, doc));
  const before = tail > 0 ? present[present.length - tail]!.node : null;
  out.push(...patchKeyedMiddle(parent, present.slice(head, present.length - tail), next.slice(head, next.length - tail), before, doc));
  for (let i = tail; i > 0; i--) out.push(patch(present[present.length - i]!, next[next.length - i]!, doc));
  return out;
}

/** Children matched by key between the unchanged head and `before` (the first child of the unchanged tail, or null). */
function patchKeyedMiddle(parent: Element, present: Mounted[], next: readonly SvgElementSpec[], before: Node | null, doc: Document): Mounted[] {
  if (present.length === 0 && next.length === 0) return [];
  const byKey = new Map<string, Mounted>();
  for (const m of present) {
    const key = (m.spec as SvgElementSpec).key!;
    if (!byKey.has(key)) byKey.set(key, m);
  }
  // Each new child takes the present one with its key (the first, of the same tag), patched.
  const placed = next.map((spec) => {
    const have = byKey.get(spec.key!);
    if (have === undefined || (have.spec as SvgElementSpec).tag !== spec.tag || (have.spec as SvgElementSpec).html !== spec.html) return mount(spec, doc);
    byKey.delete(spec.key!);
    return patch(have, spec, doc);
  });
  const kept = new Set(placed.map((m) => m.node));
  const going = new Set(present.map((m) => m.node).filter((n) => !kept.has(n)));
  // Put them in order, moving only what is out of place; children that go are skipped, then removed.
  let ref: Node | null = present[0]?.node ?? before;
  for (const m of placed) {
    while (ref !== null && going.has(ref)) ref = ref.nextSibling;
    if (m.node === ref) ref = ref.nextSibling;
    else parent.insertBefore(m.node, ref);
  }
  for (const n of going) parent.removeChild(n);
  return placed;
}

export interface SvgRoot {
  /** Makes the root's children equal to `children`, writing only what differs from the last call. */
  render(children: readonly SvgChild[]): void;
}

/**
 * Takes over `parent`'s children (it empties it): every `render` after the first patches the nodes
 * the previous one left.
 */
export function svgRoot(parent: Element): SvgRoot {
  const doc = parent.ownerDocument;
  parent.replaceChildren();
  let mounted: Mounted[] = [];
  return {
    render(children) {
      mounted = patchChildren(parent, mounted, children, doc);
    }
  };
}
