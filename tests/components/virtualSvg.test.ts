// @vitest-environment jsdom
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {describeNode, descriptionMemo, html, svg, svgRoot, toSvgDom} from "../../src/components/virtualSvg.js";
import type {SvgChild} from "../../src/components/virtualSvg.js";
import {markup} from "./domMarkup.js";

// Random chart-like trees: elements of a few tags and attributes, SVG or HTML (a tag such as "a"
// exists in both, so a change of namespace alone is tried), text, and groups whose children are
// all keyed (as a chart's points are), so both the positional and the keyed matching run.
const leaf: fc.Arbitrary<SvgChild> = fc.oneof(
  fc.constantFrom("", "one", "two", "$1.2M"),
  fc.record({
    tag: fc.constantFrom("circle", "text", "path", "a", "p"),
    inHtml: fc.boolean(),
    attrs: fc.dictionary(fc.constantFrom("x", "cx", "d", "fill", "data-gpus"), fc.constantFrom("", "0", "1.5", "a b"), {maxKeys: 3}),
    text: fc.array(fc.constantFrom("you", "4,096 GPUs"), {maxLength: 2})
  }).map(({tag, inHtml, attrs, text}) => (inHtml ? html : svg)(tag, attrs, text))
);
const keyedGroup: fc.Arbitrary<SvgChild> = fc
  .array(fc.record({key: fc.constantFrom("1", "2", "4", "8", "16"), tag: fc.constantFrom("circle", "g"), cy: fc.constantFrom("3", "7")}), {maxLength: 5})
  .map((points) => svg("g", {"data-points": ""}, points.map((p) => svg(p.tag, {"data-key": p.key, cy: p.cy}, [svg("title", {}, [`${p.key} GPUs`])]))));
const tree: fc.Memo<SvgChild> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(leaf, keyedGroup)
    : fc.oneof(leaf, keyedGroup, fc.record({tag: fc.constantFrom("g", "svg"), attrs: fc.dictionary(fc.constantFrom("class", "width"), fc.constantFrom("1", "2"), {maxKeys: 2}), children: fc.array(tree(depth - 1), {maxLength: 4})}).map(({tag, attrs, children}) => svg(tag, attrs, children)))
);

describe("svgRoot", () => {
  it("leaves exactly the markup of a fresh build after any sequence of renders", () => {
    fc.assert(
      fc.property(fc.array(fc.array(tree(3), {maxLength: 4}), {minLength: 1, maxLength: 4}), fc.array(fc.boolean(), {minLength: 16, maxLength: 16}), (renders, reuse) => {
        const parent = document.createElement("div");
        const root = svgRoot(parent);
        let last: readonly SvgChild[] = [];
        renders.forEach((fresh, r) => {
          // Some children are the very objects rendered last time (as remembered marks are), which
          // patching skips by identity; the rest are new descriptions.
          const children = fresh.map((c, i) => (reuse[(r * 4 + i) % 16] && last[i] !== undefined ? last[i]! : c));
          root.render(children);
          expect(markup(Array.from(parent.childNodes))).toBe(markup(children.map((c) => toSvgDom(c))));
          last = children;
        });
      }),
      {numRuns: 200}
    );
  }, 30_000);

  it("keeps keyed children in the new order, whatever was inserted, removed, moved or repeated", () => {
    const keys = fc.array(fc.constantFrom(...Array.from({length: 12}, (_, i) => String(i))), {maxLength: 14});
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, fc.constantFrom("circle", "g")), {minLength: 1, maxLength: 5}), (renders) => {
        const parent = document.createElement("div");
        const root = svgRoot(parent);
        for (const [ks, tag] of renders) {
          const children = [svg("g", {}, ks.map((k, i) => svg(i % 3 === 0 ? tag : "circle", {"data-key": k, cy: i})))];
          root.render(children);
          expect(markup(Array.from(parent.childNodes))).toBe(markup(children.map((c) => toSvgDom(c))));
        }
      }),
      {numRuns: 300}
    );
  });

  it("writes nothing when the description has not changed, and moves a keyed point instead of rewriting those after it", () => {
    const parent = document.createElement("div");
    const root = svgRoot(parent);
    const points = (keys: number[]) => [svg("svg", {}, [svg("g", {}, keys.map((k) => svg("circle", {"data-key": k, cx: k})))])];
    root.render(points([1, 2, 8]));
    const circles = Array.from(parent.querySelectorAll("circle"));
    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => writes.push(...records));
    observer.observe(parent, {subtree: true, childList: true, attributes: true, characterData: true});
    root.render(points([1, 2, 8]));
    root.render(points([1, 2, 4, 8]));
    writes.push(...observer.takeRecords());
    observer.disconnect();
    // One insertion: the circle for 4. The others are the same nodes, untouched.
    expect(writes.map((w) => [w.type, w.addedNodes.length, w.removedNodes.length])).toEqual([["childList", 1, 0]]);
    const after = Array.from(parent.querySelectorAll("circle"));
    expect([after[0], after[1], after[3]]).toEqual(circles);
    expect(after[2]!.getAttribute("cx")).toBe("4");
  });

  it("builds its elements in the SVG namespace", () => {
    const node = toSvgDom(svg("svg", {width: 10}, [svg("rect", {x: 0})])) as Element;
    expect(node.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(node.firstElementChild!.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(node.firstElementChild!.getAttribute("x")).toBe("0");
  });

  it("builds `html` elements in the HTML namespace, and an element that changes namespace anew", () => {
    const parent = document.createElement("div");
    const root = svgRoot(parent);
    root.render([html("p", {class: "detail"}, ["4,096 GPUs", html("a", {href: "./memory"}, ["memory"])])]);
    const p = parent.firstChild as Element;
    expect(p.namespaceURI).toBe("http://www.w3.org/1999/xhtml");
    expect(p.outerHTML).toBe('<p class="detail">4,096 GPUs<a href="./memory">memory</a></p>');
    root.render([html("p", {class: "detail"}, ["8,192 GPUs", svg("a", {href: "./memory"}, ["memory"])])]);
    expect(parent.firstChild).toBe(p);
    expect((p.lastChild as Element).namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(p.textContent).toBe("8,192 GPUs" + "memory");
  });

  it("rebuilds what another script replaced instead of writing to a node no longer on the page", () => {
    const parent = document.createElement("div");
    const root = svgRoot(parent);
    const card = (fit: string) => [html("div", {class: "card"}, [html("p", {class: "detail"}, [`fits in 80 GB of HBM (${fit})`]), html("p", {}, ["unchanged"])])];
    root.render(card("74%"));
    // As the glossary's term linker does: the text node becomes text, a link and text.
    const text = parent.querySelector(".detail")!.firstChild as Text;
    const link = document.createElement("a");
    link.textContent = "HBM";
    text.replaceWith("fits in 80 GB of ", link, " (74%)");
    root.render(card("52%"));
    expect(markup(Array.from(parent.childNodes))).toBe(markup(card("52%").map((c) => toSvgDom(c))));
    root.render(card("31%"));
    expect(parent.querySelector(".detail")!.textContent).toBe("fits in 80 GB of HBM (31%)");
  });

  it("describes a DOM node as it is (describeNode), so that a built node can sit among described ones", () => {
    const built = document.createElement("p");
    built.className = "calibration-note small";
    built.dataset.applied = "false";
    built.append("Your calibration covers ", Object.assign(document.createElement("a"), {href: "./calibrate", textContent: "H100"}), document.createComment("not content"));
    const described = describeNode(built)!;
    expect(markup([toSvgDom(described)])).toBe(markup([built]).replace(/\|"not content"/, ""));
    expect(describeNode(document.createComment("x"))).toBeNull();
    const chart = toSvgDom(svg("svg", {width: 10}, [svg("circle", {r: 2})]));
    expect(markup([toSvgDom(describeNode(chart)!)])).toBe(markup([chart]));
  });

  it("descriptionMemo gives back the object described for a key, describes each new key once, and keeps at most its limit", () => {
    const memo = descriptionMemo(2);
    let described = 0;
    const tick = (label: string) => memo(label, () => (described++, svg("text", {}, [label])));
    const first = tick("1k");
    expect(tick("1k")).toBe(first);
    expect(tick("2k")).not.toBe(first);
    expect(described).toBe(2);
    tick("4k"); // over the limit: starts again
    expect(tick("1k")).not.toBe(first);
    expect(markup([toSvgDom(tick("1k"))])).toBe(markup([toSvgDom(first)]));
  });
});
