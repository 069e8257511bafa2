import {describe, expect, it} from "vitest";
import {HELD_OUT_MODULUS, fnv1a32, isHeldOut, summarizeSplits, validateSystemMfu} from "../../../src/engine/index.js";
import {GPUS, systemMfuRows} from "./helpers.js";

describe("the held-out rows of data/system_mfu.csv (heldOut.ts)", () => {
  it("fnv1a32 reproduces the FNV-1a test vectors: '' → 0x811c9dc5, 'a' → 0xe40c292c, 'foobar' → 0xbf9cf968", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });
  it("holds out a row exactly when its id's hash is divisible by 3", () => {
    for (const row of systemMfuRows()) expect(isHeldOut(row.id)).toBe(fnv1a32(row.id) % HELD_OUT_MODULUS === 0);
  });
  it("holds out between a fifth and a half of the rows, and some compared rows on each side", () => {
    const table = validateSystemMfu(systemMfuRows(), GPUS);
    const held = table.filter((r) => r.split === "held-out");
    expect(held.length / table.length).toBeGreaterThan(0.2);
    expect(held.length / table.length).toBeLessThan(0.5);
    const s = summarizeSplits(table);
    expect(s.heldOut.compared).toBeGreaterThanOrEqual(5);
    expect(s.fit.compared + s.heldOut.compared).toBe(s.all.compared);
  });
});
