// A mouse drag of a calculator slider is drawn from `pointerrawupdate` (src/index.md, the drag
// drawing cell; rangePointer.ts): the value Chromium will give the slider is computed as Chromium
// computes it and drawn while Chromium holds the move for the next frame. These tests hold the
// three ends of it: a right prediction draws once and the `input` event only confirms it (one
// repaint mark, after the value changed); a wrong one ends on the slider's true value in the same
// frame; keys and touch still draw from the slider's own `input` event.
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const home = usePage("/");

interface Seen {
  /** Results' "days" text when the slider's `input` event reached the window (capture) and left it (bubble). */
  daysIn: string;
  daysOut: string;
  marksIn: number;
  marksOut: number;
  /** Changes of the "days" text seen so far (each a draw that changed it). */
  drawsIn: number;
  drawsOut: number;
  /** The number box's value when the event left. */
  count: string;
}

/** Starts recording, per `input` event on the Accelerators slider, what was drawn before and after the page's handlers. */
async function record(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as {__seen: unknown[]; __draws: number; __raws: number};
    w.__seen = [];
    w.__draws = 0;
    w.__raws = 0;
    addEventListener("pointerrawupdate", () => w.__raws++, true);
    const days = document.querySelector("[data-testid=days]")!;
    new MutationObserver(() => w.__draws++).observe(days, {subtree: true, childList: true, characterData: true});
    const marks = () => performance.getEntriesByName("calc-repaint").length;
    // Mutation callbacks run after each task's script, so a draw in an earlier task is counted by the
    // time the input event arrives; one in the event's own handlers is counted in the frame after.
    let pending: Record<string, unknown> | null = null;
    addEventListener("input", () => (pending = {daysIn: days.textContent, marksIn: marks(), drawsIn: w.__draws}), true);
    addEventListener("input", (e) => {
      const form = (e.target as HTMLElement).closest("form");
      pending = {...pending, daysOut: days.textContent, marksOut: marks(), count: form?.querySelector<HTMLInputElement>("input[type=number]")?.value};
      const entry = pending;
      requestAnimationFrame(() => setTimeout(() => w.__seen.push({...entry, drawsOut: w.__draws})));
    });
  });
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as {__seen: Seen[]}).__seen);
const twoFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function countSlider(page: Page) {
  const range = page.locator("form", {hasText: "Accelerators"}).first().locator("input[type=range]");
  await range.scrollIntoViewIfNeeded();
  const box = (await range.boundingBox())!;
  const share = await range.evaluate((r: HTMLInputElement) => (Number(r.value) - Number(r.min)) / (Number(r.max) - Number(r.min)));
  const at = (f: number) => box.x + 8 + f * (box.width - 16);
  return {range, box, y: box.y + box.height / 2, at, share};
}

describe("home: a mouse drag is drawn from pointerrawupdate", () => {
  it("a right prediction draws once, before the input event, which only sets the mark", async () => {
    const {page, problems} = await home.open();
    expect(await page.evaluate(() => "onpointerrawupdate" in window)).toBe(true);
    const {y, at, share} = await countSlider(page);
    await page.mouse.move(at(share), y);
    await page.mouse.down();
    await twoFrames(page);
    await record(page);
    const shares = [0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.37, 0.44, 0.51, 0.58];
    for (const f of shares) {
      await page.mouse.move(at(f), y);
      await twoFrames(page);
    }
    await page.mouse.up();
    await page.waitForTimeout(300);
    const moves = await seen(page);
    expect(moves.length).toBe(shares.length);
    for (const m of moves) {
      // Drawn before the event: the days shown did not change inside it, and one draw changed them.
      expect(m.daysOut).toBe(m.daysIn);
      expect(m.drawsOut).toBe(m.drawsIn);
      // The event set exactly one mark (none was set before the value changed).
      expect(m.marksOut - m.marksIn).toBe(1);
    }
    // One draw a move, in all.
    expect(moves[moves.length - 1]!.drawsOut).toBe(shares.length);
    expect(new Set(moves.map((m) => m.daysOut)).size).toBe(shares.length);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("reports closer than a frame apart are left to the input event: no more than one draw a move", async () => {
    const {page, problems} = await home.open();
    const {y, at, share} = await countSlider(page);
    await page.mouse.move(at(share), y);
    await page.mouse.down();
    await twoFrames(page);
    await record(page);
    // Reports every 4 ms or so (a 250 Hz mouse), one after another without a pause: 0.55 → 0.35.
    const cdp = await page.context().newCDPSession(page);
    const reports = 40;
    let x = at(share);
    for (let i = 1; i <= reports; i++) {
      x = at(0.55 - (0.2 * i) / reports);
      await cdp.send("Input.dispatchMouseEvent", {type: "mouseMoved", x, y, button: "left", buttons: 1});
      await page.waitForTimeout(3);
    }
    await twoFrames(page);
    // Released where the reports left the pointer (Playwright's mouse still thinks it is at the start).
    await cdp.send("Input.dispatchMouseEvent", {type: "mouseReleased", x, y, button: "left", buttons: 0, clickCount: 1});
    await page.waitForTimeout(300);
    const moves = await seen(page);
    const raws = await page.evaluate(() => (window as unknown as {__raws: number}).__raws);
    // (Headless Chromium dispatched each of these reports as its own move at once: 40 raw updates,
    // 40 input events when measured, so this cannot show a mouse faster than the frames; it holds
    // the draws to one a move, plus at most one at the start of the motion, whose first report
    // had no report just before it.)
    expect(raws).toBeGreaterThanOrEqual(moves.length);
    const draws = moves[moves.length - 1]!.drawsOut;
    expect(draws).toBeLessThanOrEqual(moves.length + 1);
    // The last frame shows the slider's value: the days shown when its input event left.
    expect(await page.getByTestId("days").textContent()).toBe(moves[moves.length - 1]!.daysOut);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a wrong prediction ends on the slider's true value, in the frame that paints the move", async () => {
    const opened = await home.open();
    const {page, problems} = opened;
    const {range, y, at, share} = await countSlider(page);
    await page.mouse.move(at(share), y);
    await page.mouse.down();
    // The track is read at pointerdown: moving the slider 12 px right afterwards (a transform, which
    // Chromium's hit point follows and the layout does not) makes every prediction 12 px of track
    // too far right, while Chromium reads the track where it is.
    const shift = 12;
    await range.evaluate((r: HTMLElement, shift) => (r.style.transform = `translateX(${shift}px)`), shift);
    await twoFrames(page);
    await record(page);
    const shares = [0.3, 0.36, 0.42, 0.48];
    for (const f of shares) {
      await page.mouse.move(at(f) + shift, y);
      await twoFrames(page);
    }
    const moves = await seen(page);
    expect(moves.length).toBe(shares.length);
    for (const m of moves) {
      // The input event drew the true value over the wrong one, and marked it.
      expect(m.daysOut).not.toBe(m.daysIn);
      expect(m.marksOut - m.marksIn).toBe(1);
    }
    // Left of the real track's start Chromium keeps its minimum and sends no input event, while the
    // prediction (the track 12 px further left) moves: each frame's own check draws the slider's
    // value back.
    await page.mouse.move(at(0) + shift - 1, y);
    await twoFrames(page);
    // (At one accelerator the run does not fit: the results say so instead of giving days.)
    const shown = () => page.locator(".results-view").innerText();
    const atMin = await shown();
    for (const dx of [-3, -6, -9, -11]) {
      await page.mouse.move(at(0) + shift + dx, y);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
      expect(await shown()).toBe(atMin);
    }
    await page.mouse.up();
    // And what the page shows is what a fresh load of the address it wrote shows.
    const n = await page.locator("form", {hasText: "Accelerators"}).first().locator("input[type=number]").inputValue();
    await expect.poll(() => new URL(page.url()).searchParams.get("n"), {timeout: 5_000}).toBe(n.replace(/,/g, ""));
    const fresh = await opened.reopen();
    await expect.poll(() => fresh.locator(".results-view").innerText()).toBe(atMin);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("touch draws from the slider's own input event", async () => {
    const {page, problems} = await home.open();
    const {y, at, share} = await countSlider(page);
    const cdp = await page.context().newCDPSession(page);
    await record(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number) => cdp.send("Input.dispatchTouchEvent", {type, touchPoints: type === "touchEnd" ? [] : [{x, y}]});
    await touch("touchStart", at(share));
    for (const f of [0.52, 0.47, 0.42, 0.37]) {
      await touch("touchMove", at(f));
      await twoFrames(page);
    }
    await touch("touchEnd", at(0.37));
    await page.waitForTimeout(300);
    const moves = await seen(page);
    expect(moves.length).toBeGreaterThanOrEqual(2);
    moves.forEach((m, i) => {
      // Nothing drew before the event: the event drew the move itself and set one mark.
      expect(m.daysOut).not.toBe(m.daysIn);
      expect(m.drawsIn).toBe(moves[0]!.drawsIn + i);
      expect(m.marksOut - m.marksIn).toBe(1);
    });
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
