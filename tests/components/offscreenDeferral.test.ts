// @vitest-environment jsdom
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {offscreenDeferral} from "../../src/components/offscreenDeferral.js";

// A stand-in IntersectionObserver whose reports the test sends (jsdom has none).
type Report = (entries: {target: Element; isIntersecting: boolean}[]) => void;
let observers: {report: Report; margin: string | undefined; watched: Element[]; disconnected: boolean}[] = [];
class FakeObserver {
  private readonly record: (typeof observers)[number];
  constructor(callback: Report, options?: {rootMargin?: string}) {
    this.record = {report: callback, margin: options?.rootMargin, watched: [], disconnected: false};
    observers.push(this.record);
  }
  observe(element: Element) {
    this.record.watched.push(element);
  }
  disconnect() {
    this.record.disconnected = true;
  }
}
const report = (element: Element, isIntersecting: boolean) => observers.at(-1)!.report([{target: element, isIntersecting}]);

/** A deferral watching one element, drawn once (drawing 0) and then reported off screen. */
function offScreenAfterFirstDrawing(options: Parameters<typeof offscreenDeferral>[1] = {}) {
  const a = document.createElement("div");
  const drawn: number[] = [];
  const deferral = offscreenDeferral([a], options);
  deferral.run(() => drawn.push(0));
  report(a, false);
  return {a, drawn, deferral};
}

describe("offscreenDeferral", () => {
  beforeEach(() => {
    observers = [];
    vi.stubGlobal("IntersectionObserver", FakeObserver);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("draws at once before the browser has said where the elements are, and the first time in any case", () => {
    const a = document.createElement("div");
    const drawn: number[] = [];
    const deferral = offscreenDeferral([a]);
    deferral.run(() => drawn.push(1));
    report(a, false);
    expect(drawn).toEqual([1]);
    const fresh = offscreenDeferral([a]);
    report(a, false);
    fresh.run(() => drawn.push(2));
    expect(drawn).toEqual([1, 2]);
  });

  it("draws at once while any watched element is near the view, with the margin given to the observer", () => {
    const a = document.createElement("div");
    const b = document.createElement("div");
    const drawn: number[] = [];
    const deferral = offscreenDeferral([a, b], {marginPx: 150});
    expect(observers[0]!.margin).toBe("150px 0px");
    expect(observers[0]!.watched).toEqual([a, b]);
    deferral.run(() => drawn.push(1));
    report(a, false);
    report(b, true);
    deferral.run(() => drawn.push(2));
    expect(drawn).toEqual([1, 2]);
  });

  it("off screen, keeps only the newest drawing and runs it once the drawings pause for restMs", () => {
    const {drawn, deferral} = offScreenAfterFirstDrawing({restMs: 100});
    for (let i = 1; i <= 5; i++) {
      deferral.run(() => drawn.push(i));
      vi.advanceTimersByTime(60);
    }
    // Five drawings 60 ms apart: none has waited 100 ms without a newer one.
    expect(drawn).toEqual([0]);
    vi.advanceTimersByTime(40);
    expect(drawn).toEqual([0, 5]);
    vi.advanceTimersByTime(1000);
    expect(drawn).toEqual([0, 5]);
  });

  it("runs the kept drawing as soon as an element comes near the view, and not again at the pause", () => {
    const {a, drawn, deferral} = offScreenAfterFirstDrawing();
    deferral.run(() => drawn.push(1));
    deferral.run(() => drawn.push(2));
    expect(drawn).toEqual([0]);
    report(a, true);
    expect(drawn).toEqual([0, 2]);
    vi.advanceTimersByTime(1000);
    expect(drawn).toEqual([0, 2]);
  });

  it("flush() runs the kept drawing now; with none kept it does nothing", () => {
    const {drawn, deferral} = offScreenAfterFirstDrawing();
    deferral.flush();
    expect(drawn).toEqual([0]);
    deferral.run(() => drawn.push(1));
    deferral.flush();
    deferral.flush();
    expect(drawn).toEqual([0, 1]);
  });

  it("stops watching and runs the kept drawing when the invalidation settles", async () => {
    let invalidate = () => {};
    const invalidation = new Promise<void>((resolve) => (invalidate = resolve));
    const {drawn, deferral} = offScreenAfterFirstDrawing({invalidation});
    deferral.run(() => drawn.push(1));
    invalidate();
    await vi.runAllTimersAsync();
    expect(observers[0]!.disconnected).toBe(true);
    expect(drawn).toEqual([0, 1]);
  });

  it("draws every time at once where IntersectionObserver does not exist", () => {
    vi.stubGlobal("IntersectionObserver", undefined);
    const drawn: number[] = [];
    const deferral = offscreenDeferral([document.createElement("div")]);
    for (let i = 0; i < 3; i++) deferral.run(() => drawn.push(i));
    expect(drawn).toEqual([0, 1, 2]);
  });
});
