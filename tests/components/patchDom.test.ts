// @vitest-environment jsdom
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {htmlElement, patchChildren, patchNode} from "../../src/components/patchDom.js";
import {markup} from "./domMarkup.js";

type Tree = {tag: "div" | "p" | "b" | "svg:g" | "svg:text"; attrs: Record<string, string>; children: (Tree | string)[]};

const tree: fc.Memo<Tree> = fc.memo((depth) =>
  fc.record({
    tag: fc.constantFrom("div", "p", "b", "svg:g", "svg:text") as fc.Arbitrary<Tree["tag"]>,
    attrs: fc.dictionary(fc.constantFrom("class", "data-x", "x", "hidden", "aria-label"), fc.constantFrom("", "a", "b", "1 2"), {maxKeys: 3}),
    children: depth <= 1 ? fc.array(fc.constantFrom("", "one", "two", "$1.2M"), {maxLength: 2}) : fc.array(fc.oneof(fc.constantFrom("one", "two", "3%"), tree(depth - 1)), {maxLength: 4})
  })
);

function build(t: Tree | string): Node {
  if (typeof t === "string") return document.createTextNode(t);
  const el = t.tag.startsWith("svg:") ? document.createElementNS("http://www.w3.org/2000/svg", t.tag.slice(4)) : document.createElement(t.tag);
  for (const [k, v] of Object.entries(t.attrs)) el.setAttribute(k, v);
  for (const c of t.children) el.append(build(c));
  return el;
}

describe("patchChildren", () => {
  it("leaves exactly the fresh markup, whatever was there before", () => {
    fc.assert(
      fc.property(fc.array(tree(3), {maxLength: 4}), fc.array(tree(3), {maxLength: 4}), (before, after) => {
        const parent = document.createElement("div");
        parent.append(...before.map(build));
        const fresh = after.map(build);
        const expected = markup(after.map(build));
        patchChildren(parent, fresh);
        expect(markup(Array.from(parent.childNodes))).toBe(expected);
      })
    );
  });

  it("reuses the nodes whose tags match and changes only what differs", () => {
    const parent = document.createElement("div");
    parent.innerHTML = `<div class="card"><p class="value">$1.2M</p><p class="detail">range</p></div>`;
    const card = parent.firstChild!;
    const value = card.firstChild!;
    const fresh = document.createElement("div");
    fresh.innerHTML = `<div class="card overflow"><p class="value">$1.4M</p></div>`;
    patchChildren(parent, Array.from(fresh.childNodes));
    expect(parent.innerHTML).toBe(`<div class="card overflow"><p class="value">$1.4M</p></div>`);
    expect(parent.firstChild).toBe(card);
    expect(card.firstChild).toBe(value);
  });

  it("with data-key on every child, leaves exactly the fresh markup, whatever was there before", () => {
    const keyed = fc.array(fc.record({key: fc.constantFrom("1", "2", "4", "8", "16"), tree: tree(2)}), {maxLength: 6});
    const withKey = (k: {key: string; tree: Tree}): Tree => ({...k.tree, attrs: {...k.tree.attrs, "data-key": k.key}});
    fc.assert(
      fc.property(keyed, keyed, (before, after) => {
        const parent = document.createElement("div");
        parent.append(...before.map((k) => build(withKey(k))));
        const expected = markup(after.map((k) => build(withKey(k))));
        patchChildren(parent, after.map((k) => build(withKey(k))));
        expect(markup(Array.from(parent.childNodes))).toBe(expected);
      }),
      {seed: 14, numRuns: 500}
    );
  });

  it("with data-key, inserting a point keeps every other point's node and touches none of them", () => {
    const parent = document.createElementNS("http://www.w3.org/2000/svg", "g");
    const dots = (keys: number[]) => keys.map((k) => build({tag: "svg:text", attrs: {"data-key": String(k), x: String(k)}, children: [String(k)]}));
    parent.append(...dots([1, 2, 4, 8]));
    const before = Array.from(parent.childNodes);
    const observer = new MutationObserver(() => undefined);
    observer.observe(parent, {subtree: true, childList: true, attributes: true, characterData: true});
    patchChildren(parent, dots([1, 2, 3, 4, 8]));
    const records = observer.takeRecords();
    expect(Array.from(parent.childNodes, (n) => n.textContent)).toEqual(["1", "2", "3", "4", "8"]);
    expect(Array.from(parent.childNodes).filter((n) => before.includes(n))).toEqual(before);
    // One insertion, nothing else.
    expect(records.map((r) => [r.type, r.addedNodes.length, r.removedNodes.length])).toEqual([["childList", 1, 0]]);
  });

  it("replaces a node of another kind, and patchNode returns what is now in place", () => {
    const parent = document.createElement("div");
    const old = document.createElement("p");
    parent.append(old);
    const fresh = document.createElement("div");
    expect(patchNode(old, fresh)).toBe(fresh);
    expect(parent.firstChild).toBe(fresh);
  });
});

describe("htmlElement", () => {
  it("sets the attributes and puts strings in as text, never as markup", () => {
    const p = htmlElement("p", {class: "muted small", "data-testid": "sweep-caption"}, [htmlElement("b", {}, ["Layout adjusted:"]), " <img src=x onerror=alert(1)> 4,096 GPUs"]);
    expect(p.outerHTML).toBe('<p class="muted small" data-testid="sweep-caption"><b>Layout adjusted:</b> &lt;img src=x onerror=alert(1)&gt; 4,096 GPUs</p>');
    expect(p.querySelector("img")).toBeNull();
  });
});
