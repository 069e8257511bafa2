// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {afterPaint} from "../../src/components/afterPaint.js";

const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (k: number) => (k === 0 ? setTimeout(resolve, 0) : requestAnimationFrame(() => step(k - 1)));
  step(n);
});

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

  it("never resolves for a run invalidated before the paint", async () => {
    let invalidate = () => {};
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    let resolved = false;
    void afterPaint(invalidation).then(() => (resolved = true));
    invalidate();
    await frames(3);
    expect(resolved).toBe(false);
  });

  it("resolves for a run still current at the paint, invalidated later", async () => {
    const invalidation = new Promise<void>(() => {});
    await expect(afterPaint(invalidation)).resolves.toBeUndefined();
  });
});
