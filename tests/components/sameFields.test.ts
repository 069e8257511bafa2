import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {sameFields} from "../../src/components/sameFields.js";

describe("sameFields (is this the input the calculator last drew?)", () => {
  it("holds for a copy, whatever the order of its fields", () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(undefined), fc.constant(null))), (record) => {
      const reversed = Object.fromEntries(Object.entries(record).reverse());
      expect(sameFields(record, {...record})).toBe(true);
      expect(sameFields(record, reversed)).toBe(true);
    }));
  });

  it("fails when any one field changes, is added or is removed", () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.integer(), {minKeys: 1}), fc.nat(), (record, pick) => {
      const keys = Object.keys(record);
      const key = keys[pick % keys.length]!;
      expect(sameFields(record, {...record, [key]: record[key]! + 1})).toBe(false);
      expect(sameFields(record, {...record, [`${key}+`]: 0})).toBe(false);
      const {[key]: _, ...fewer} = record;
      expect(sameFields(record, fewer)).toBe(false);
      expect(sameFields(fewer, record)).toBe(false);
    }));
  });

  it("compares objects by identity, a field left undefined as a field, and NaN as equal to itself", () => {
    const gpu = {id: "h100"};
    expect(sameFields({gpu}, {gpu})).toBe(true);
    expect(sameFields({gpu}, {gpu: {id: "h100"}})).toBe(false);
    expect(sameFields({mfuOverride: undefined, n: 1}, {n: 1, other: undefined})).toBe(false);
    expect(sameFields({n: Number.NaN}, {n: Number.NaN})).toBe(true);
    expect(sameFields({n: 0}, {n: -0})).toBe(false);
  });
});
