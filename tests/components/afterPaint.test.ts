// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {afterInputPause, afterPaint} from "../../src/components/afterPaint.js";

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

describe("afterInputPause", () => {
  it("resolves after the paint and then the pause, not before", async () => {
    const started = performance.now();
    let resolved = false;
    const done = afterInputPause(new Promise<void>(() => {}), 60).then(() => (resolved = true));
    await frames(1);
    expect(resolved).toBe(false);
    await done;
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("never resolves for a run replaced during the pause (a drag's next move)", async () => {
    let invalidate = () => {};
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    let resolved = false;
    void afterInputPause(invalidation, 40).then(() => (resolved = true));
    await frames(1);
    invalidate();
    await new Promise((r) => setTimeout(r, 80));
    expect(resolved).toBe(false);
  });
});
