// The calculator's sliders draw their figures from their own `input` event (src/index.md showRun),
// and the cells Framework's runtime recomputes in the next animation frame then find that input
// drawn. These tests hold the two paths to one answer: a move draws once, in the event, and what a
// drag leaves on screen is what a fresh load of the address it wrote shows.
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const home = usePage("/");

/** Everything a move of the Accelerators slider redraws, as text and markup. */
async function drawn(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ["flops", "gpu-hours", "days", "usd", "mfu", "memory", "step-caption", "sweep-caption"]) out[id] = (await page.getByTestId(id).textContent()) ?? "";
  out.layout = (await page.locator(".layout-line").textContent()) ?? "";
  out.results = await page.locator(".results-view").innerText();
  for (const id of ["step-chart", "gpu-count-cost", "gpu-count-days"]) out[id] = await page.getByTestId(id).innerHTML();
  return out;
}

/** The Accelerators slider's range input, scrolled into view. */
async function countSlider(page: Page) {
  const range = page.locator("form", {hasText: "Accelerators"}).first().locator("input[type=range]");
  await range.scrollIntoViewIfNeeded();
  return range;
}

describe("home: a slider's own event draws the figures, and the cells after it agree", () => {
  it("each arrow key draws once, inside the slider's input event, and the figures follow", async () => {
    const {page, problems} = await home.open();
    const range = await countSlider(page);
    // A listener on window runs after the slider's own listeners (the event bubbles up to it): it
    // reads how many repaint marks were set by then, and the count shown.
    await page.evaluate(() => {
      const w = window as unknown as {__seen: {marks: number; days: string}[]};
      w.__seen = [];
      addEventListener("input", () => w.__seen.push({marks: performance.getEntriesByName("calc-repaint").length, days: document.querySelector("[data-testid=days]")?.textContent ?? ""}));
    });
    await range.focus();
    const days: string[] = [(await page.getByTestId("days").textContent()) ?? ""];
    const marksBefore = await page.evaluate(() => performance.getEntriesByName("calc-repaint").length);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("ArrowRight");
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      days.push((await page.getByTestId("days").textContent()) ?? "");
    }
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => (window as unknown as {__seen: {marks: number; days: string}[]}).__seen);
    expect(seen.map((s) => s.marks)).toEqual([marksBefore + 1, marksBefore + 2, marksBefore + 3]);
    // Drawn in the event: the days shown when it ends are the ones the page keeps.
    expect(seen.map((s) => s.days)).toEqual(days.slice(1));
    expect(new Set(days).size).toBe(4);
    // The runtime's recomputed cells found the input drawn and drew nothing more.
    expect(await page.evaluate(() => performance.getEntriesByName("calc-repaint").length)).toBe(marksBefore + 3);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("what a drag leaves on screen is what a fresh load of its address shows", async () => {
    const opened = await home.open();
    const {page, problems} = opened;
    const range = await countSlider(page);
    const box = (await range.boundingBox())!;
    const value = await range.evaluate((r: HTMLInputElement) => (Number(r.value) - Number(r.min)) / (Number(r.max) - Number(r.min)));
    const at = (f: number) => box.x + 8 + f * (box.width - 16);
    await page.mouse.move(at(value), box.y + box.height / 2);
    await page.mouse.down();
    for (const f of [0.55, 0.5, 0.45, 0.4, 0.43]) {
      await page.mouse.move(at(f), box.y + box.height / 2);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await page.mouse.up();
    const n = await page.locator("form", {hasText: "Accelerators"}).first().locator("input[type=number]").inputValue();
    expect(Number(n.replace(/,/g, ""))).not.toBe(4096);
    await expect.poll(() => new URL(page.url()).searchParams.get("n"), {timeout: 5_000}).toBe(n.replace(/,/g, ""));
    await page.waitForTimeout(400);
    const dragged = await drawn(page);
    expect(dragged["gpu-count-days"]).toMatch(/you: [\d,]+ GPUs?, /);
    const fresh = await opened.reopen();
    await expect.poll(() => fresh.getByTestId("sweep-caption").textContent()).toBe(dragged["sweep-caption"]);
    expect(await drawn(fresh)).toEqual(dragged);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("off screen, the step chart and the curves are not redrawn inside a move's event and catch up once the slider rests; in view they are", async () => {
    const {page, problems} = await home.open();
    const range = await countSlider(page);
    // Within each move's `input` event (a listener on window runs after the slider's own), how many
    // changes had been made to the step chart and the days curve by then.
    await page.evaluate(() => {
      const w = window as unknown as {__changes: number[]};
      w.__changes = [];
      // Counted in the observer's callback (the microtasks after each listener deliver the records)
      // and from its queue (any not delivered yet); zeroed at each event.
      let changes = 0;
      const observer = new MutationObserver((records) => (changes += records.length));
      for (const id of ["step-chart", "gpu-count-days"]) observer.observe(document.querySelector(`[data-testid=${id}]`)!, {subtree: true, childList: true, attributes: true, characterData: true});
      addEventListener("input", () => {
        w.__changes.push(changes + observer.takeRecords().length);
        changes = 0;
      });
      addEventListener("keydown", () => (changes = 0), {capture: true});
    });
    const chartsBelow = await page.getByTestId("step-chart").evaluate((el) => el.getBoundingClientRect().top - innerHeight);
    expect(chartsBelow).toBeGreaterThan(200);
    const before = {step: await page.getByTestId("step-chart").innerHTML(), days: await page.getByTestId("gpu-count-days").innerHTML(), card: await page.getByTestId("days").textContent()};
    await range.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.getByTestId("days").textContent()).not.toBe(before.card);
    // The cards in view changed in the event; the charts below did not, and follow once it rests.
    await expect.poll(() => page.getByTestId("step-chart").innerHTML()).not.toBe(before.step);
    await expect.poll(() => page.getByTestId("gpu-count-days").innerHTML()).not.toBe(before.days);
    expect(await page.evaluate(() => (window as unknown as {__changes: number[]}).__changes)).toEqual([0, 0]);
    // A window tall enough to show the charts with the slider: each move redraws them in its event.
    await page.setViewportSize({width: 1280, height: 2600});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.evaluate(() => ((window as unknown as {__changes: number[]}).__changes = []));
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.evaluate(() => (window as unknown as {__changes: number[]}).__changes.length)).toBe(1);
    expect((await page.evaluate(() => (window as unknown as {__changes: number[]}).__changes))[0]).toBeGreaterThan(0);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
