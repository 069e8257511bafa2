import {describe, expect, it} from "vitest";
import {BAD_NUMBER} from "../browser/pageChecks.js";

// The pattern the page tests and the state sweep (tests/browser/sweep.test.ts) look for in what a
// reader sees: each leak below was once possible on a page; each sentence after is ordinary prose.
describe("BAD_NUMBER", () => {
  it.each([
    "MFU NaN%", "costs undefined", "Infinity days", "[object Object]",
    "A100 (? GB)", "? GPUs", "peak ? TFLOP/s", "tensor ?"
  ])("finds a leaked non-number in “%s”", (text) => {
    expect(text).toMatch(BAD_NUMBER);
  });

  it.each([
    "AMD Infinity Fabric links the GPUs", "What does it cost to train a language model?",
    "Will it fit? The memory planner says.", "a nullable column", "(will it fit?)", "undefinedness"
  ])("leaves ordinary prose alone: “%s”", (text) => {
    expect(text).not.toMatch(BAD_NUMBER);
  });
});
