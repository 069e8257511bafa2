// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {Superseded, afterInputPause, afterPaint} from "../../src/components/afterPaint.js";

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

  it("rejects with Superseded, at once, a run invalidated before the paint (the runtime starts the next run only once this one settles)", async () => {
    let invalidate = () => {};
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    const waiting = afterPaint(invalidation);
    const outcome = waiting.then(() => "resolved", (e: unknown) => (e instanceof Superseded ? "superseded" : "other"));
    invalidate();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(await Promise.race([outcome, Promise.resolve("pending")])).toBe("superseded");
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

  it("rejects with Superseded a run replaced during the pause (a drag's next move), before the pause ends", async () => {
    let invalidate = () => {};
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    const started = performance.now();
    const outcome = afterInputPause(invalidation, 200).then(() => "resolved", (e: unknown) => (e instanceof Superseded ? "superseded" : "other"));
    await frames(1);
    invalidate();
    expect(await outcome).toBe("superseded");
    expect(performance.now() - started).toBeLessThan(200);
  });
});
