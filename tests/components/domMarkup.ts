// A DOM subtree as comparable text, for tests that check a patched tree against a fresh build.

/** The nodes as markup, attributes sorted (their order is not part of the document's meaning). */
export function markup(nodes: readonly Node[]): string {
  return nodes.map((n) => {
    if (n.nodeType !== 1) return JSON.stringify(n.textContent);
    const el = n as Element;
    const attrs = el.getAttributeNames().sort().map((a) => `${a}=${JSON.stringify(el.getAttribute(a))}`);
    return `<${el.namespaceURI}:${el.localName} ${attrs.join(" ")}>${markup(Array.from(el.childNodes))}</>`;
  }).join("|");
}
