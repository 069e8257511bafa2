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

/** Makes `parent`'s children equal to `nodes` (detached, freshly built), patching its present children in place. */
export function patchChildren(parent: Element, nodes: readonly Node[]): void {
  const present = Array.from(parent.childNodes);
  nodes.forEach((node, i) => {
    const have = present[i];
    if (have === undefined) parent.append(node);
    else patchNode(have, node);
  });
  for (let i = nodes.length; i < present.length; i++) present[i]!.remove();
}
