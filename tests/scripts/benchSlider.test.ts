import {describe, expect, it} from "vitest";
import {censoredPercentiles, dragShare, summariseMoves} from "../../bench/browser.js";

describe("dragShare (where each drag move puts the thumb)", () => {
  it("stays within the middle 60% of the track and never repeats a share from one move to the next, from the press at 0.2 on", () => {
    const shares = [0.2, ...Array.from({length: 200}, (_, i) => dragShare(i))];
    for (const f of shares) expect(f).toBeGreaterThanOrEqual(0.2 - 1e-12), expect(f).toBeLessThanOrEqual(0.8 + 1e-12);
    for (let i = 1; i < shares.length; i++) expect(Math.abs(shares[i]! - shares[i - 1]!)).toBeCloseTo(0.6 / 19, 12);
  });
});

describe("censoredPercentiles (Event Timing reports only events of 16 ms or more)", () => {
  it("50 key presses of which 2 took 24 and 40 ms: p50 and p95 are below 16 ms (null)", () => {
    expect(censoredPercentiles(50, [40, 24], 16)).toMatchObject({inputs: 50, slowMs: [24, 40], p50: null, p95: null});
  });

  it("20 presses, 5 of them slow (16, 16, 24, 32, 48): p95 is the 19th fastest, 32 ms; p50 is below 16 ms", () => {
    expect(censoredPercentiles(20, [48, 16, 32, 24, 16], 16)).toMatchObject({p50: null, p95: 32});
  });

  it("every press slow: the percentiles are those of the reported durations", () => {
    const slow = Array.from({length: 20}, (_, i) => 16 + 8 * i);
    expect(censoredPercentiles(20, slow, 16)).toMatchObject({p50: 16 + 8 * 9, p95: 16 + 8 * 18});
  });

  it("no presses: no percentile", () => {
    expect(censoredPercentiles(0, [], 16)).toMatchObject({p50: null, p95: null});
  });
});

describe("summariseMoves (one move's steps, from the pointer and from the input event)", () => {
  const move = (cause: number, frameCallbacks: number | null) => ({cause, causeDispatch: cause + 10, input: cause + 11, frameCallbacks, mark: cause + 15, frameEnd: cause + 24, taskAfterMark: cause + 16});
  it("splits each move into steps that add up to its total, from either origin", () => {
    const s = summariseMoves([move(100, 112), move(200, null)]);
    expect(s.toMarkMs).toEqual({p50: 15, p95: 15, max: 15});
    expect(s.toFrameMs).toEqual({p50: 24, p95: 24, max: 24});
    expect(s.fromInput).toEqual({toMarkMs: {p50: 4, p95: 4, max: 4}, toFrameMs: {p50: 13, p95: 13, max: 13}});
    expect(s.steps!.causeToDispatch.p50 + s.steps!.dispatchToInput.p50 + s.steps!.inputToMark.p50 + s.steps!.markToFrameEnd.p50).toBe(s.toFrameMs.p50);
    // A mark set in the input event has no frame callback before it: that step reads 0.
    expect(s.steps!.inputToFrameCallbacks).toEqual({p50: 0, p95: 1, max: 1});
    expect(s.taskAfterMarkMs).toEqual({p50: 16, p95: 16, max: 16});
  });
});
