import {describe, expect, it} from "vitest";
import {GLOSSARY, glossaryEntry} from "../../src/components/glossary.js";
import {glossaryMarkdown} from "../../src/components/glossaryPage.js";
import {firstTermMatches, termMatcher, tipSide} from "../../src/components/termLinks.js";

const matcher = termMatcher(GLOSSARY);
const ids = (text: string, explained = new Set<string>()) => firstTermMatches(text, matcher, explained).map((m) => `${m.id}:${text.slice(m.start, m.end)}`);

describe("glossary terms in page text", () => {
  it("finds the first use of each term once, in text order", () => {
    expect(ids("MFU is low; MFU and HFU differ.")).toEqual(["mfu:MFU", "hfu:HFU"]);
  });

  it("matches whole words only: TP8, DP-SGD and MFUs are not terms", () => {
    expect(ids("TP8 DP-SGD MFUs ZeROx")).toEqual([]);
  });

  it("prefers the longest wording: ZeRO-3 over ZeRO, pipeline bubble over bubble", () => {
    expect(ids("with ZeRO-3 the pipeline bubble")).toEqual(["zero:ZeRO-3", "bubble:pipeline bubble"]);
  });

  it("matches a lowercase term at the start of a sentence, but not acronyms in lowercase", () => {
    expect(ids("Tensor parallelism splits layers; mfu is not MFU.")).toEqual(["tp:Tensor parallelism", "mfu:MFU"]);
  });

  it("explains the reliability page's MTBF and the scaling laws' loss unit and perplexity", () => {
    expect(ids("the per-GPU MTBF set below; a loss of 1.9 nats/token (perplexity 6.7)")).toEqual(["mtbf:MTBF", "loss:nats/token"]);
    expect(ids("rises to 1.875 nats per token")).toEqual(["loss:nats per token"]);
  });

  it("remembers what a page already explained across text nodes", () => {
    const explained = new Set<string>();
    expect(ids("MFU here", explained)).toEqual(["mfu:MFU"]);
    expect(ids("and MFU again, then PUE", explained)).toEqual(["pue:PUE"]);
  });

  it("has unique ids, one-line explanations, and a source wherever a definition names a paper", () => {
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
    for (const e of GLOSSARY) {
      expect(e.short).not.toMatch(/\n/);
      expect(e.short.length).toBeLessThan(240);
      for (const source of e.matches) expect(() => new RegExp(source)).not.toThrow();
    }
    for (const id of ["mfu", "hfu", "zero", "1f1b", "bubble", "tp", "sequence-parallelism", "recompute", "gqa", "fsdp", "pue"]) {
      expect(glossaryEntry(id).source).toMatch(/\d{4}/);
    }
    expect(() => glossaryEntry("nope")).toThrow(/unknown glossary term: "nope"/);
  });

  it("writes the glossary page with one anchored heading per entry", () => {
    const md = glossaryMarkdown(GLOSSARY);
    expect(md.match(/<h2 id="/g)).toHaveLength(GLOSSARY.length);
    expect(md).toContain('<h2 id="mfu">MFU (model FLOPs utilisation)</h2>');
    expect(md.startsWith("---\ntitle: Glossary\n")).toBe(true);
  });
});

describe("tipSide (which edge of a term its explanation hangs from)", () => {
  // The widest tip at 16 px to the rem: 22rem = 352 px, plus 1.2rem of padding and the border.
  it("hangs from the left edge where a full-width tip fits before the window's right edge", () => {
    expect(tipSide({left: 400, right: 430}, 1280, 16)).toBe("start");
    expect(tipSide({left: 1280 - 352 - 19.2 - 2, right: 930}, 1280, 16)).toBe("start");
  });

  it("hangs from the right edge near the window's right edge (the calculator's memory card at 1280 px: HBM at 1131–1161)", () => {
    expect(tipSide({left: 1131, right: 1161}, 1280, 16)).toBe("end");
    expect(tipSide({left: 861, right: 891}, 1000, 16)).toBe("end");
  });

  it("stays on the left edge when hanging from the right would pass the window's left edge instead", () => {
    expect(tipSide({left: 100, right: 130}, 300, 16)).toBe("start");
  });
});
