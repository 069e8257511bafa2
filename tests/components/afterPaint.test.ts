// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {afterPaint} from "../../src/components/afterPaint.js";

describe("afterPaint", () => {
  it("resolves after the next animation frame's callbacks, not before", async () => {
    const order: string[] = [];
    const done = afterPaint().then(() => order.push("after paint"));
    requestAnimationFrame(() => order.push("frame"));
    await Promise.resolve();
    expect(order).toEqual([]);
    await done;
    expect(order).toEqual(["frame", "after paint"]);
  });
});
