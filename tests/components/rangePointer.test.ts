// rangeValueAtPointer: the value Chromium gives a range slider for a drag's pointer x (Blink's
// SliderThumbElement::SetPositionFromPoint and StepRange::ClampValue). Whether it matches Chromium
// itself is checked in the browser (tests/browser/index-rawupdate.test.ts); here, the rules.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {rangeValueAtPointer, type RangeTrack} from "../../src/components/rangePointer.js";

const track = (over: Partial<RangeTrack> = {}): RangeTrack => ({contentLeftPx: 100, contentWidthPx: 216, thumbWidthPx: 16, min: 0, max: 100, step: 1, rightToLeft: false, ...over});

const arbTrack = fc
  .record({
    contentLeftPx: fc.integer({min: -2000, max: 2000}).map((u) => u / 64),
    contentWidthPx: fc.integer({min: 40 * 64, max: 2000 * 64}).map((u) => u / 64),
    min: fc.double({min: -1e6, max: 1e6, noNaN: true}),
    span: fc.double({min: 1e-3, max: 1e6, noNaN: true}),
    step: fc.option(fc.constantFrom(0.01, 0.05, 0.5, 1, 2, 10, 1000), {nil: null}),
    rightToLeft: fc.boolean()
  })
  .map(({span, ...t}): RangeTrack => ({...t, thumbWidthPx: 16, max: t.min + span}));

describe("rangeValueAtPointer", () => {
  it("the thumb's centre at each end gives min and max, and the middle the middle", () => {
    expect(rangeValueAtPointer(track(), 108)).toBe(0);
    expect(rangeValueAtPointer(track(), 100 + 216 - 8)).toBe(100);
    expect(rangeValueAtPointer(track(), 208)).toBe(50);
    // Half a step either side of 50 rounds to the nearest step (half away from zero).
    expect(rangeValueAtPointer(track(), 208 + 0.99)).toBe(50);
    expect(rangeValueAtPointer(track(), 209)).toBe(51);
    expect(rangeValueAtPointer(track({rightToLeft: true}), 108)).toBe(100);
  });

  it("floors the pointer to Chromium's 1/64 px layout unit", () => {
    // 2 px per step: the boundary between 10 and 11 is 1 px past 10's centre (128 + 1 = 129).
    const t = track({contentWidthPx: 216});
    expect(rangeValueAtPointer(t, 128 + 1 - 1 / 128)).toBe(10);
    expect(rangeValueAtPointer(t, 129 + 1 / 256)).toBe(11);
  });

  it("stays in [min, max], on the step grid, and grows with x (the other way right to left)", () => {
    fc.assert(
      fc.property(arbTrack, fc.double({min: 0, max: 1, noNaN: true}), fc.double({min: 0, max: 1, noNaN: true}), (t, a, b) => {
        const x = (f: number) => t.contentLeftPx - 30 + f * (t.contentWidthPx + 60);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const vLo = rangeValueAtPointer(t, x(lo));
        const vHi = rangeValueAtPointer(t, x(hi));
        for (const v of [vLo, vHi]) {
          expect(v).toBeGreaterThanOrEqual(t.min);
          expect(v).toBeLessThanOrEqual(t.max);
          if (t.step !== null) {
            const k = (v - t.min) / t.step;
            expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6 * Math.max(1, Math.abs(k)));
          }
        }
        if (t.rightToLeft) expect(vLo).toBeGreaterThanOrEqual(vHi);
        else expect(vLo).toBeLessThanOrEqual(vHi);
      })
    );
  });

  it("a pointer past either end gives that end's value (max rounded down to the grid)", () => {
    fc.assert(
      fc.property(arbTrack, fc.double({min: 0, max: 500, noNaN: true}), (t, past) => {
        const left = rangeValueAtPointer(t, t.contentLeftPx + t.thumbWidthPx / 2 - past);
        const right = rangeValueAtPointer(t, t.contentLeftPx + t.contentWidthPx - t.thumbWidthPx / 2 + past);
        const k = t.step === null ? 0 : Math.round((t.max - t.min) / t.step);
        const top = t.step === null ? t.max : t.min + k * t.step > t.max ? t.min + (k - 1) * t.step : t.min + k * t.step;
        // Doubles, not Blink's decimals: equal to a part in 1e12 (the page has Chromium sanitize the value).
        const near = (v: number, want: number) => expect(Math.abs(v - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(t.min), Math.abs(t.max)));
        near(t.rightToLeft ? right : left, t.min);
        near(t.rightToLeft ? left : right, top);
      })
    );
  });

  it("a value's own thumb position gives it back", () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 100}), fc.integer({min: 0, max: 1000}), (k, left) => {
        const t = track({contentLeftPx: left, contentWidthPx: 16 + 400});
        expect(rangeValueAtPointer(t, left + 8 + k * 4)).toBe(k);
      })
    );
  });

  it("refuses a track that cannot hold a value", () => {
    expect(() => rangeValueAtPointer(track({max: -1}), 150)).toThrow(/below min/);
    expect(() => rangeValueAtPointer(track({step: 0}), 150)).toThrow(/step/);
    expect(() => rangeValueAtPointer(track(), Number.NaN)).toThrow(/finite/);
    // A track no wider than its thumb: min (Chromium divides by a zero track size; nothing to drag).
    expect(rangeValueAtPointer(track({contentWidthPx: 16}), 150)).toBe(0);
  });
});

