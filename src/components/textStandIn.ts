// A text node that other code has replaced by nodes of its own which still show its text: the
// glossary's term linker (termLinks.ts) turns the memory card's "fits in 80 GB of HBM (74%)" into
// text, a link on "HBM", text. Code that keeps the text node and rewrites it on every slider move
// (the calculator's patcher, virtualSvg.ts; its layout line) writes through the stand-in instead,
// so that the link stays in place and the new figures show in the same task: no frame shows the
// term unexplained, and no stale figure stays behind the link. The stand-in is kept on the text
// node itself, so the linker (bundled into every page's <head>) and the page's own bundle need
// share nothing but this module's code.

/** What stands in for a replaced text node. */
export interface TextStandIn {
  /** The nodes now in the text node's place, in order. */
  readonly nodes: readonly Node[];
  /** Shows `text` in those nodes, keeping them; false when it cannot (the caller then puts the text node back). */
  retext(text: string): boolean;
}

const KEY = "__atlasStandIn";

type WithStandIn = Text & {[KEY]?: TextStandIn};

export function setStandIn(node: Text, standIn: TextStandIn): void {
  (node as WithStandIn)[KEY] = standIn;
}

/**
 * The stand-in of `node` while it is in effect: the node is out of the document and every one of
 * the stand-in's nodes still sits under one parent (else null: nothing stands in for it).
 */
export function standInOf(node: Node): TextStandIn | null {
  if (node.nodeType !== 3 || node.parentNode !== null) return null;
  const standIn = (node as WithStandIn)[KEY];
  if (standIn === undefined || standIn.nodes.length === 0) return null;
  const parent = standIn.nodes[0]!.parentNode;
  return parent !== null && standIn.nodes.every((n) => n.parentNode === parent) ? standIn : null;
}

/** The nodes that show `node` now: its stand-in's, or the node itself. */
export function shownNodes(node: Node): readonly Node[] {
  return standInOf(node)?.nodes ?? [node];
}

/** Whether `node`, or the stand-in for it, sits under `parent` (no allocation: the patcher asks this of every child it patches). */
export function isShownIn(node: Node, parent: Node): boolean {
  if (node.parentNode === parent) return true;
  const standIn = standInOf(node);
  return standIn !== null && standIn.nodes[0]!.parentNode === parent;
}

/**
 * Writes `text` into a text node: through its stand-in when one is in effect, else into the node.
 * When the stand-in cannot show the text (the term is no longer in it), the plain text node goes
 * back in its place with the new text.
 */
export function writeText(node: Text, text: string): void {
  const standIn = standInOf(node);
  if (standIn === null) {
    if (node.data !== text) node.data = text;
    return;
  }
  if (standIn.retext(text)) return;
  node.data = text;
  replaceShown(node, node);
}

/** Puts `fresh` where the nodes that show `node` are (removing them), and forgets `node`'s stand-in. */
export function replaceShown(node: Node, fresh: Node): void {
  const shown = shownNodes(node);
  const parent = shown[0]!.parentNode;
  if (parent !== null) {
    parent.insertBefore(fresh, shown[0]!);
    for (const n of shown) if (n !== fresh && n.parentNode === parent) parent.removeChild(n);
  }
  delete (node as WithStandIn)[KEY];
}
