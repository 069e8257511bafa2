import {describe, expect, it} from "vitest";
import {censoredPercentiles, dragShare, framePhase, framesToPaint, frameIntervalMs, seededRandom, summariseKeyFrames, summariseMoves, uniformWaitMs} from "../../bench/browser.js";

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
  const move = (cause: number, frameCallbacks: number | null) => ({cause, causeDispatch: cause + 10, input: cause + 11, frameCallbacks, mark: cause + 15, frameEnd: cause + 24, taskAfterMark: cause + 16, paintFrame: cause + 20});
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

describe("key presses on the frame clock (frames to paint, phase)", () => {
  // Frames every 16 ms; each frame's first callback runs 1 ms after its time.
  const frames = Array.from({length: 10}, (_, i) => ({time: 16 * i, ran: 16 * i + 1}));
  const key = (cause: number, paintFrame: number) => ({cause, causeDispatch: cause + 0.5, input: cause + 0.6, frameCallbacks: null, mark: cause + 3, frameEnd: paintFrame + 4, taskAfterMark: cause + 3.1, paintFrame});

  it("a key painted by the next frame that runs takes 1 frame; one that misses it takes 2", () => {
    expect(framesToPaint(key(20, 33), frames)).toBe(1);
    expect(framesToPaint(key(20, 49), frames)).toBe(2);
  });

  it("a frame whose callbacks began before the page saw the key is not counted, even if its time is later than the key's", () => {
    // Key at 16.2 (after the frame's time 16, before its callbacks ran at 17, seen at 16.7): frame 17 ran after it and paints it.
    expect(framesToPaint(key(16.2, 17), frames)).toBe(1);
    // Seen at 17.5, after frame 17 began: the next frame (33) is the first.
    expect(framesToPaint(key(17, 33), frames)).toBe(1);
  });

  it("reads the phase from the last frame's time, and the frame interval as the median gap", () => {
    expect(framePhase(20, frames)).toBe(4);
    expect(framePhase(-1, frames)).toBeNull();
    expect(frameIntervalMs(frames)).toBe(16);
    expect(frameIntervalMs([])).toBeNaN();
  });

  it("summarises: first-frame share, frames p50/p95/max, phases; keys before the log starts are uncounted", () => {
    const samples = [key(20, 33), key(52, 65), key(84, 97), key(100, 129), key(-5, 1)];
    const s = summariseKeyFrames(samples, frames);
    expect(s.uncounted).toBe(1);
    expect(s.firstFrameShare).toBe(0.75);
    expect(s.frames).toEqual({p50: 1, p95: 2, max: 2});
    expect(s.phaseMs.max).toBe(4);
    expect(s.frameIntervalMs).toBe(16);
  });

  it("a page that does no work, at uniform phases of a 60 Hz clock, waits p50 8.3 and p95 15.8 ms", () => {
    const w = uniformWaitMs(1000 / 60);
    expect(w.p50).toBeCloseTo(8.33, 2);
    expect(w.p95).toBeCloseTo(15.83, 2);
  });

  it("the seeded waits repeat for one seed, differ for another, and spread over [0, 1)", () => {
    const a = seededRandom(14);
    const b = seededRandom(14);
    const xs = Array.from({length: 2000}, () => a());
    expect(Array.from({length: 2000}, () => b())).toEqual(xs);
    expect(seededRandom(15)()).not.toBe(xs[0]);
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThan(1);
    // Each tenth of [0, 1) holds roughly a tenth of the draws.
    for (let d = 0; d < 10; d++) expect(xs.filter((x) => Math.floor(x * 10) === d).length).toBeGreaterThan(140);
  });
});
