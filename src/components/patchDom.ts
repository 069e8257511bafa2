// In-place updates for pages that redraw on every slider move: instead of replacing a cell's
// nodes (which makes the browser style, lay out and paint the whole new subtree, and everything
// after it), patch the nodes already on the page into the freshly built ones, reusing every node
// whose tag matches and touching only the attributes and text that changed.
//
// Only for markup without event listeners or live properties (a listener or an input's value on
// a reused node would not be updated): results cards, captions, SVG charts. The result is always
// the same markup as the fresh nodes (tests/components/patchDom.test.ts).

const sameKind = (a: Node, b: Node): boolean =>
  a.nodeType === b.nodeType && (a.nodeType !== 1 || ((a as Element).localName === (b as Element).localName && (a as Element).namespaceURI === (b as Element).namespaceURI));

function patchAttributes(target: Element, source: Element): void {
  for (const name of target.getAttributeNames()) if (!source.hasAttribute(name)) target.removeAttribute(name);
  for (const name of source.getAttributeNames()) {
    const value = source.getAttribute(name)!;
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}

/** Makes `target` equal to `source` (a detached node), reusing `target` when their kinds match; returns the node now in place. */
export function patchNode(target: Node, source: Node): Node {
  if (target === source) return target;
  if (!sameKind(target, source)) {
    target.parentNode?.replaceChild(source, target);
    return source;
  }
  if (target.nodeType === 3 || target.nodeType === 8) {
    if ((target as CharacterData).data !== (source as CharacterData).data) (target as CharacterData).data = (source as CharacterData).data;
    return target;
  }
  if (target.nodeType === 1) {
    patchAttributes(target as Element, source as Element);
    patchChildren(target as Element, Array.from(source.childNodes));
  }
  return target;
}

const keyOf = (n: Node): string | null => (n.nodeType === 1 ? (n as Element).getAttribute("data-key") : null);

/**
 * Makes `parent`'s children equal to `nodes` (detached, freshly built), patching its present children in place.
 * Children are matched by position; but where every present child and every fresh node carries a
 * `data-key` attribute (a chart's points, keyed by what they stand for), they are matched by key, so
 * that inserting one point does not rewrite every point after it.
 */
export function patchChildren(parent: Element, nodes: readonly Node[]): void {
  const present = Array.from(parent.childNodes);
  if (present.length > 0 && nodes.length > 0 && present.every((n) => keyOf(n) !== null) && nodes.every((n) => keyOf(n) !== null)) {
    patchKeyed(parent, present, nodes);
    return;
  }
  nodes.forEach((node, i) => {
    const have = present[i];
    if (have === undefined) parent.append(node);
    else patchNode(have, node);
  });
  for (let i = nodes.length; i < present.length; i++) present[i]!.remove();
}

function patchKeyed(parent: Element, present: readonly Node[], nodes: readonly Node[]): void {
  const byKey = new Map<string, Node>();
  for (const n of present) if (!byKey.has(keyOf(n)!)) byKey.set(keyOf(n)!, n);
  // Each fresh node takes the present child with its key (the first, of the same kind), patched.
  const placed = nodes.map((node) => {
    const have = byKey.get(keyOf(node)!);
    if (have === undefined || !sameKind(have, node)) return node;
    byKey.delete(keyOf(node)!);
    patchNode(have, node);
    return have;
  });
  const kept = new Set(placed);
  const going = new Set(present.filter((n) => !kept.has(n)));
  // Put them in order, moving only what is out of place; children that go are skipped, then removed.
  let ref: Node | null = parent.firstChild;
  for (const node of placed) {
    while (ref !== null && going.has(ref)) ref = ref.nextSibling;
    if (node === ref) ref = ref.nextSibling;
    else parent.insertBefore(node, ref);
  }
  for (const n of going) parent.removeChild(n);
}

/**
 * A detached HTML element with attributes and children, built without parsing markup: for the
 * captions and notes a cell rebuilds on every slider move (htl's html`` parses its template on
 * every call). Strings become text nodes, never markup.
 */
export function htmlElement(tag: string, attributes: Readonly<Record<string, string>> = {}, children: readonly (string | Node)[] = []): HTMLElement {
  const el = document.createElement(tag);
  for (const name in attributes) el.setAttribute(name, attributes[name]!);
  el.append(...children);
  return el;
}
