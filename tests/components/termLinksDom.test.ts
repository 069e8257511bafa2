// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {GLOSSARY} from "../../src/components/glossary.js";
import {linkTerms, termMatcher} from "../../src/components/termLinks.js";

const matcher = termMatcher(GLOSSARY);

/** A paragraph holding static text and an inline cell's output, as Framework 1.13 renders it. */
function paragraphWithCell(cellText: string): {p: HTMLParagraphElement; root: Comment & {_nodes: Node[]}} {
  const p = document.createElement("p");
  const shown = document.createTextNode(cellText);
  const root = Object.assign(document.createComment(":0123abcd:"), {_nodes: [shown] as Node[]});
  p.append(shown, root, document.createTextNode(" on 8 GPUs."));
  return {p, root};
}

describe("linking terms in a cell's output", () => {
  it("links the first use of MoE in an inline cell's text, and the cell's root lists the new nodes instead of the old text", () => {
    const {p, root} = paragraphWithCell("DeepSeek-V2 (236B MoE)");
    expect(linkTerms(p, GLOSSARY, matcher, new Set(), "./glossary")).toBe(1);
    expect(p.querySelector("a.term")?.textContent).toBe("MoE");
    expect(root._nodes.map((n) => n.textContent)).toEqual(["DeepSeek-V2 (236B ", "MoE", ")"]);
  });

  it("leaves nothing behind when the cell runs again and Framework removes the nodes it displayed", () => {
    const {p, root} = paragraphWithCell("DeepSeek-V2 (236B MoE)");
    linkTerms(p, GLOSSARY, matcher, new Set(), "./glossary");
    root._nodes.forEach((n) => (n as ChildNode).remove());
    expect(p.textContent).toBe(" on 8 GPUs.");
  });

  it("still links static prose, which no cell owns", () => {
    const p = document.createElement("p");
    p.append(document.createTextNode("Each MoE layer routes tokens."));
    expect(linkTerms(p, GLOSSARY, matcher, new Set(), "./glossary")).toBe(1);
    expect(p.textContent).toBe("Each MoE layer routes tokens.");
  });
});
