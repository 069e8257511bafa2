// Where a pointer drag puts a range slider's value, computed as Chromium computes it, so that the
// calculator can draw a drag's move from `pointerrawupdate` (dispatched as the pointer moves) while
// Chromium holds the move's `pointermove`, and with it the slider's `input` event, until the next
// frame begins (src/index.md, docs/benchmarks.md "Drawing a drag's move before its frame").
//
// Blink's SliderThumbElement::SetPositionFromPoint (third_party/blink/renderer/core/html/forms/
// slider_thumb_element.cc, read 2026-12-02): the pointer's point is floored to a layout unit
// (1/64 px); position = point in the track − half the thumb's width − the thumb's start margin,
// clamped to [0, track size], where track size = the track's content width − the thumb's width;
// the proportion position ÷ track size (flipped right to left) gives min + proportion × (max − min),
// which StepRange::ClampValue clamps to [min, max] and rounds to the step from the step base (the
// min attribute), one step back where rounding passes max. The track fills the input's content box.
// The thumb of Chromium's default theme is 16 CSS px wide (measured in the bench's headless Chromium:
// tests/browser/index-rawupdate.test.ts checks predictions against the values Chromium gives).

/** One range slider's geometry and value rules, in CSS px of the viewport. */
export interface RangeTrack {
  /** Left edge of the input's content box (the track), viewport px. */
  contentLeftPx: number;
  /** Width of the input's content box, px. */
  contentWidthPx: number;
  /** Width of the thumb, px (Chromium's default theme: CHROMIUM_THUMB_WIDTH_PX). */
  thumbWidthPx: number;
  min: number;
  max: number;
  /** The step attribute; null for step="any". */
  step: number | null;
  /** Right-to-left: the value grows leftwards. */
  rightToLeft: boolean;
}

/** Chromium's default slider thumb width, CSS px (see the header). */
export const CHROMIUM_THUMB_WIDTH_PX = 16;

/** Blink's LayoutUnit: 1/64 px. */
const UNITS_PER_PX = 64;
const toUnits = (px: number) => Math.round(px * UNITS_PER_PX);

/**
 * The value Chromium gives the range for a drag's pointer at `clientXPx` (Blink's rules in the
 * header). Throws on a track that cannot hold a value (non-finite numbers, max < min, a step ≤ 0).
 */
export function rangeValueAtPointer(track: RangeTrack, clientXPx: number): number {
  const {min, max, step} = track;
  if (![track.contentLeftPx, track.contentWidthPx, track.thumbWidthPx, min, max, clientXPx].every(Number.isFinite)) throw new RangeError("rangeValueAtPointer: every length and bound must be finite");
  if (max < min) throw new RangeError(`rangeValueAtPointer: max ${max} is below min ${min}`);
  if (step !== null && !(step > 0 && Number.isFinite(step))) throw new RangeError(`rangeValueAtPointer: step ${step} is not a positive number`);
  // Layout units: the point floored (PhysicalOffset::FromPointFFloor), box edges as laid out.
  const pointUnits = Math.floor(clientXPx * UNITS_PER_PX);
  const thumbUnits = toUnits(track.thumbWidthPx);
  const trackUnits = toUnits(track.contentWidthPx) - thumbUnits;
  if (trackUnits <= 0) return clampToStep(min, track);
  const position = Math.max(0, Math.min(pointUnits - toUnits(track.contentLeftPx) - Math.trunc(thumbUnits / 2), trackUnits));
  const ratio = position / trackUnits;
  const proportion = track.rightToLeft ? 1 - ratio : ratio;
  return clampToStep(min + proportion * (max - min), track);
}

/** StepRange::ClampValue: into [min, max], then to the nearest step from min (half away from zero), one step back past max. */
function clampToStep(value: number, {min, max, step}: RangeTrack): number {
  const inRange = Math.max(min, Math.min(value, max));
  if (step === null) return inRange;
  const steps = Math.round((inRange - min) / step);
  return min + steps * step > max ? min + (steps - 1) * step : min + steps * step;
}

/** The geometry of a range input as laid out now (one layout read). */
export function rangeTrackOf(range: HTMLInputElement, thumbWidthPx = CHROMIUM_THUMB_WIDTH_PX): RangeTrack {
  const rect = range.getBoundingClientRect();
  const style = getComputedStyle(range);
  const px = (name: string) => Number.parseFloat(style.getPropertyValue(name)) || 0;
  const startInset = px("border-left-width") + px("padding-left");
  const insets = startInset + px("border-right-width") + px("padding-right");
  const step = range.step === "any" ? null : range.step === "" ? 1 : Number(range.step);
  return {
    contentLeftPx: rect.left + startInset,
    contentWidthPx: rect.width - insets,
    thumbWidthPx,
    min: range.min === "" ? 0 : Number(range.min),
    max: range.max === "" ? 100 : Number(range.max),
    step,
    rightToLeft: style.direction === "rtl"
  };
}

/** A scratch range with `range`'s min, max and step: Chromium's own sanitizing gives a value's exact string. */
function scratchLike(range: HTMLInputElement): HTMLInputElement {
  const scratch = document.createElement("input");
  scratch.type = "range";
  scratch.min = range.min;
  scratch.max = range.max;
  scratch.step = range.step;
  return scratch;
}

/**
 * What an Observable Inputs range form (`Inputs.range`: a number box and a range) holds once its
 * range reads `rangeValue`, as Inputs' own `input` handler computes it: the range's value as
 * Chromium stores it (a scratch range with the same attributes sanitizes it), `invert`ed (the
 * form's transform undone: Math.exp for `transform: Math.log`), clamped to the number box's
 * [min, max] and rounded to its step by a range with those attributes (Inputs' `coerce`).
 */
export function inputsFormValue(form: HTMLElement, rangeValue: number, invert: (x: number) => number): number {
  const range = form.querySelector<HTMLInputElement>("input[type=range]");
  const number = form.querySelector<HTMLInputElement>("input[type=number]");
  if (range === null || number === null) throw new Error("inputsFormValue: the form has no range or no number box");
  const stored = scratchLike(range);
  stored.value = String(rangeValue);
  const min = number.min === "" ? -Infinity : Number(number.min);
  const max = number.max === "" ? Infinity : Number(number.max);
  const v = Math.max(min, Math.min(max, invert(stored.valueAsNumber)));
  if (!Number.isFinite(v)) return v;
  const coerce = scratchLike(number);
  coerce.valueAsNumber = v;
  return coerce.valueAsNumber;
}

/** Whether this browser dispatches `pointerrawupdate` (Chromium, in a secure context). */
export const hasPointerRawUpdate = (): boolean => typeof window !== "undefined" && "onpointerrawupdate" in window;

/** Reports closer than this (ms, three quarters of a 60 Hz frame) come from a pointer faster than the frames. */
export const FAST_REPORT_MS = 12.5;

/**
 * While the primary button of a mouse drags `range` (pointerdown on it … pointerup or
 * pointercancel), calls `draw` with the value Chromium will give the range at the pointer's
 * position, from `pointerrawupdate`: Chromium dispatches those as the pointer moves (not held for
 * the frame, as `pointermove` is), each as its own task, and coalesces the ones still queued while
 * the page is busy, so a draw is for the latest position Chromium has. Only for a pointer that
 * reports no faster than the frames: a report that comes less than FAST_REPORT_MS after the last
 * is from a mouse that sends several a frame, whose first report in a frame is not where the frame
 * finds the pointer, so a draw from it would be drawn over by the frame's own `input` event (two
 * draws a frame for none saved); those moves are left to the `input` event. At most one draw
 * between two frames. (Timing the draw just before the next frame with a timer was tried: in
 * headless Chromium the move was often dispatched at once, before the timer, and late draws cost
 * more than they saved.) Touch, pen and keys are left to the range's own `input` event, as are
 * browsers without `pointerrawupdate`. The track is read once, at pointerdown. Returns a function
 * that stops watching.
 */
export function watchRangeDrag(range: HTMLInputElement, draw: (rangeValue: number) => void): () => void {
  if (!hasPointerRawUpdate()) return () => {};
  let track: RangeTrack | null = null;
  let drawnSinceFrame = false;
  let lastReportMs = -Infinity;
  const onFrame = () => {
    drawnSinceFrame = false;
  };
  const onRaw = (event: Event) => {
    const e = event as PointerEvent;
    if (track === null || !e.isTrusted || e.pointerType !== "mouse" || (e.buttons & 1) === 0) return;
    const fast = e.timeStamp - lastReportMs < FAST_REPORT_MS;
    lastReportMs = e.timeStamp;
    if (fast || drawnSinceFrame) return;
    drawnSinceFrame = true;
    requestAnimationFrame(onFrame);
    draw(rangeValueAtPointer(track, e.clientX));
  };
  const end = () => {
    track = null;
    removeEventListener("pointerrawupdate", onRaw, true);
    removeEventListener("pointerup", end, true);
    removeEventListener("pointercancel", end, true);
  };
  const onDown = (e: PointerEvent) => {
    if (!e.isTrusted || e.pointerType !== "mouse" || e.button !== 0 || range.disabled) return;
    end();
    track = rangeTrackOf(range);
    drawnSinceFrame = false;
    lastReportMs = -Infinity;
    addEventListener("pointerrawupdate", onRaw, {capture: true, passive: true});
    addEventListener("pointerup", end, true);
    addEventListener("pointercancel", end, true);
  };
  range.addEventListener("pointerdown", onDown);
  return () => {
    range.removeEventListener("pointerdown", onDown);
    end();
  };
}
