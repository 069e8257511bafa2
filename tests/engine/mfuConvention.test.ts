// Which attention FLOPs an MFU counts (cli18 item 4): the engine counts the full matrix, as PaLM and
// the published MFU tables do, and reports the causal-half figure beside it.
import {describe, expect, it} from "vitest";
import {MFU_CONVENTION_NOTE_POINTS, causalToFullFlopsRatio, flopsPerToken, mfuConventionNote} from "../../src/engine/index.js";
import type {ModelSpec} from "../../src/engine/index.js";

// Llama 2 7B (Touvron et al. 2023, Table 1).
const LLAMA2_7B: ModelSpec = {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096};

describe("causalToFullFlopsRatio", () => {
  it("removes half of the attention core's 12·L·s·d per token (PaLM Appendix B's 12·L·H·Q·T term): 6·L·s·d", () => {
    const full = flopsPerToken(LLAMA2_7B).modelFlops;
    const halfCore = 6 * LLAMA2_7B.layers * LLAMA2_7B.seqLen * LLAMA2_7B.dModel;
    expect(causalToFullFlopsRatio(LLAMA2_7B)).toBeCloseTo((full - halfCore) / full, 12);
  });
  it("falls toward one half as the sequence grows: 0.930 at 4,096 tokens, 0.58 at 131,072", () => {
    expect(causalToFullFlopsRatio(LLAMA2_7B)).toBeCloseTo(0.930, 3);
    expect(causalToFullFlopsRatio({...LLAMA2_7B, seqLen: 131_072})).toBeCloseTo(0.58, 2);
  });
});

describe("mfuConventionNote", () => {
  it("is one sentence with the causal figure when the two counts differ by 5 points or more, and null below", () => {
    expect(MFU_CONVENTION_NOTE_POINTS).toBe(0.05);
    expect(mfuConventionNote(0.81, 0.47)).toBe("counts the full attention matrix, as published MFUs do; the causal half this model computes is 47% of peak");
    expect(mfuConventionNote(0.5, 0.45)).not.toBeNull();
    expect(mfuConventionNote(0.5, 0.4501)).toBeNull();
    expect(mfuConventionNote(0.4, 0.4)).toBeNull();
  });
});
