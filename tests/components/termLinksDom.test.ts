// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {GLOSSARY} from "../../src/components/glossary.js";
import fc from "fast-check";
import {linkTerms, splitAtTerms, termMatcher} from "../../src/components/termLinks.js";
import {html, svgRoot} from "../../src/components/virtualSvg.js";
import {writeText} from "../../src/components/textStandIn.js";

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
    expect(linkTerms(p, GLOSSARY, matcher, new Set(), "./glossary")).toHaveLength(1);
    expect(p.querySelector("a.term")?.textContent).toBe("MoE");
    expect(root._nodes.map((n) => n.textContent)).toEqual(["DeepSeek-V2 (236B ", "MoE", ")"]);
    expect(p.textContent).toBe("DeepSeek-V2 (236B MoE) on 8 GPUs.");
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
    expect(linkTerms(p, GLOSSARY, matcher, new Set(), "./glossary")).toHaveLength(1);
    expect(p.textContent).toBe("Each MoE layer routes tokens.");
  });
});

describe("splitAtTerms (the text around a node's linked terms)", () => {
  it("splits at the first match of each term in order, with empty ends where the text starts or ends with one", () => {
    expect(splitAtTerms("fits in 80 GB of HBM (52%)", ["hbm"], matcher)).toEqual(["fits in 80 GB of ", "HBM", " (52%)"]);
    expect(splitAtTerms("HBM", ["hbm"], matcher)).toEqual(["", "HBM", ""]);
    expect(splitAtTerms("ZeRO-2 with MFU 40%", ["zero", "mfu"], matcher)).toEqual(["", "ZeRO-2", " with ", "MFU", " 40%"]);
  });

  it("is null when a term is missing, or the terms come in another order", () => {
    expect(splitAtTerms("no memory figure", ["hbm"], matcher)).toBeNull();
    expect(splitAtTerms("MFU then ZeRO-1", ["zero", "mfu"], matcher)).toBeNull();
    // "HBMs" is not the whole word.
    expect(splitAtTerms("HBMs", ["hbm"], matcher)).toBeNull();
  });
});

describe("a linked term in text that the calculator's patcher rewrites on every move (issue 14)", () => {
  const card = (detail: string) => [html("div", {class: "card"}, [html("p", {class: "value"}, ["1.2 TB"]), html("p", {class: "detail"}, [detail])])];
  function linkedCard(detail: string) {
    const parent = document.body.appendChild(document.createElement("div"));
    const root = svgRoot(parent);
    root.render(card(detail));
    const links = linkTerms(parent, GLOSSARY, matcher, new Set(), "./glossary");
    return {parent, root, links, detail: () => parent.querySelector(".detail")!};
  }

  it("keeps the same link in place while the figures around it change, and shows the new figures", () => {
    const {root, links, detail} = linkedCard("fits in 80 GB of HBM (74%)");
    expect(links.map((l) => l.dataset.term)).toEqual(["hbm"]);
    for (const fit of ["52%", "31%", "99%"]) {
      root.render(card(`fits in 80 GB of HBM (${fit})`));
      expect(detail().textContent).toBe(`fits in 80 GB of HBM (${fit})`);
      expect(detail().querySelector("a.term")).toBe(links[0]);
      expect(links[0]!.getAttribute("href")).toBe("./glossary#hbm");
    }
    root.render(card("exceeds 32 GB of HBM by 1.6 GB"));
    expect(detail().textContent).toBe("exceeds 32 GB of HBM by 1.6 GB");
    expect(links[0]!.isConnected).toBe(true);
  });

  it("puts plain text back when the term leaves the text (the link leaves the page, for the linker to place again), and follows later changes", () => {
    const {root, links, detail} = linkedCard("fits in 80 GB of HBM (74%)");
    root.render(card("no memory figure"));
    expect(detail().textContent).toBe("no memory figure");
    expect(links[0]!.isConnected).toBe(false);
    root.render(card("fits in 80 GB of HBM (12%)"));
    expect(detail().textContent).toBe("fits in 80 GB of HBM (12%)");
  });

  it("replaces or removes the linked text when the description does (another element, fewer children)", () => {
    const {parent, root, detail} = linkedCard("fits in 80 GB of HBM (74%)");
    root.render([html("div", {class: "card"}, [html("p", {class: "value"}, ["1.2 TB"]), html("p", {class: "detail"}, [html("b", {}, ["refused"])])])]);
    expect(detail().innerHTML).toBe("<b>refused</b>");
    root.render(card("fits in 80 GB of HBM (74%)"));
    linkTerms(parent, GLOSSARY, matcher, new Set(), "./glossary");
    root.render([html("div", {class: "card"}, [html("p", {class: "value"}, ["1.2 TB"]), html("p", {class: "detail"}, [])])]);
    expect(detail().childNodes).toHaveLength(0);
  });

  it("writeText on a linked text node (the calculator's layout line) keeps the link, and writes plainly once the node is back", () => {
    const p = document.body.appendChild(document.createElement("p"));
    const text = document.createTextNode("Layout: tensor 8, ZeRO-1, 4.19M tokens per step.");
    p.append(text);
    const [link] = linkTerms(p, GLOSSARY, matcher, new Set(), "./glossary");
    writeText(text, "Layout: tensor 4, ZeRO-2, 8.39M tokens per step.");
    expect(p.textContent).toBe("Layout: tensor 4, ZeRO-2, 8.39M tokens per step.");
    expect(p.querySelector("a.term")).toBe(link);
    expect(link!.textContent).toBe("ZeRO-2");
    writeText(text, "Layout: none.");
    expect(p.textContent).toBe("Layout: none.");
    expect(text.isConnected).toBe(true);
    writeText(text, "Layout: ZeRO-3.");
    expect(p.textContent).toBe("Layout: ZeRO-3.");
  });

  it("whatever the moves, the card shows the described text, and the link stays while the term is in it", () => {
    const detailText = fc.oneof(
      fc.tuple(fc.constantFrom("fits in 80 GB of ", "exceeds 32 GB of ", "", "HBM and "), fc.constantFrom(" (74%)", " by 1.6 GB", "", " HBM")).map(([a, b]) => `${a}HBM${b}`),
      fc.constantFrom("no memory figure", "HBMs", "")
    );
    fc.assert(
      fc.property(fc.array(detailText, {minLength: 1, maxLength: 8}), (moves) => {
        const {root, links, detail} = linkedCard("fits in 80 GB of HBM (74%)");
        let linked = true;
        for (const text of moves) {
          root.render(card(text));
          expect(detail().textContent).toBe(text);
          if (!/(?<![\w-])HBM(?![\w-])/.test(text)) linked = false;
          // Once plain text is back, only the linker places a link again.
          expect(links[0]!.isConnected).toBe(linked);
        }
      }),
      {numRuns: 200}
    );
  });
});
