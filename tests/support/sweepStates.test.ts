import {describe, expect, it} from "vitest";
import {parseParams} from "../../src/components/urlParams.js";
import type {ParamSpecs} from "../../src/components/urlParams.js";
import {optionCount, sweepQueries, sweepStates} from "./sweepStates.js";

const specs = {
  model: {kind: "id", ids: ["a", "b", "c", "d", "e"], default: "a"},
  tp: {kind: "enum", values: ["1", "2", "4"], default: "1"},
  gpus: {kind: "number", min: 1, max: 32768, step: 1, default: 256},
  mfu: {kind: "number", min: 5, max: 70, step: 0.5, default: 40},
  spot: {kind: "boolean", default: false},
  q: {kind: "text", maxLength: 100, default: "SELECT 1"}
} satisfies ParamSpecs;

describe("sweepQueries", () => {
  const queries = sweepQueries([specs], 8, 7);
  const parsed = queries.map((q) => parseParams(specs, q));

  it("writes only valid addresses: the page's own parser accepts every one without a message", () => {
    expect(queries).toHaveLength(8);
    for (const p of parsed) expect(p.messages).toEqual([]);
  });

  it("loads every select option once the count reaches the option count, and both ends of every slider", () => {
    expect(new Set(parsed.map((p) => p.values.model))).toEqual(new Set(specs.model.ids));
    expect(new Set(parsed.map((p) => p.values.tp))).toEqual(new Set(specs.tp.values));
    expect(parsed.map((p) => p.values.gpus)).toEqual(expect.arrayContaining([1, 32768]));
    expect(parsed.map((p) => p.values.mfu)).toEqual(expect.arrayContaining([5, 70]));
    expect(new Set(parsed.map((p) => p.values.spot))).toEqual(new Set([true, false]));
  });

  it("keeps free text at its default", () => {
    for (const p of parsed) expect(p.values.q).toBe("SELECT 1");
  });

  it("gives the same addresses for the same seed and others for another seed", () => {
    expect(sweepQueries([specs], 8, 7)).toEqual(queries);
    expect(sweepQueries([specs], 8, 8)).not.toEqual(queries);
  });

  it("optionCount is the longest option list", () => {
    expect(optionCount([specs])).toBe(5);
    expect(optionCount([])).toBe(0);
  });
});

describe("sweepStates", () => {
  const small = {
    precision: {kind: "enum", values: ["all", "bf16", "fp32"], default: "all"},
    spot: {kind: "boolean", default: false}
  } satisfies ParamSpecs;

  it("gives every combination once, and no more, when a page has only selects and toggles with few combinations", () => {
    const states = sweepStates([small], 150, 3);
    expect(states).toHaveLength(6);
    expect(new Set(states.map((s) => JSON.stringify(s[0])))).toHaveProperty("size", 6);
  });

  it("draws `count` random states when the combinations outnumber them, or a slider is present", () => {
    expect(sweepStates([small], 4, 3)).toHaveLength(4);
    expect(sweepStates([specs], 20, 3)).toHaveLength(20);
  });
});
