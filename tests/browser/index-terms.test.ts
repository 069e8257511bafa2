// The calculator's first use of a glossary term stays explained in place however the results are
// redrawn (issue 14): the memory card's "HBM" is the page's first use of the term, and the card is
// rewritten on every slider move (virtualSvg.ts patches its text through the linker's stand-in),
// and rebuilt when the run stops fitting (the term is linked again before that frame). Before the
// fix the first move rebuilt the card's text and the link was gone for good.
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const home = usePage("/");

/** The memory card's detail line: the `p.detail` after the card's value. */
const memoryDetail = (page: Page) => page.locator(".card:has([data-testid=memory]) .detail").first();
const hbmLinks = (page: Page) => page.locator("#observablehq-main a.term[data-term=hbm]");

/** Waits for the term linker's first pass (idle time) to link the card's "HBM". */
async function linkedHbm(page: Page): Promise<void> {
  await expect.poll(() => memoryDetail(page).locator("a.term[data-term=hbm]").count(), {timeout: 5_000}).toBe(1);
}

/** Right after a repaint, before any idle time: the card's text, and whether its HBM is a link (once on the page). */
const shownNow = (page: Page) =>
  page.evaluate(() => {
    const detail = document.querySelector(".card:has([data-testid=memory]) .detail");
    return {text: detail?.textContent ?? "", linked: detail?.querySelectorAll("a.term[data-term=hbm]").length ?? 0, onPage: document.querySelectorAll("#observablehq-main a.term[data-term=hbm]").length};
  });

/** Presses `key` on the focused slider and waits for the calculator's repaint mark. */
async function press(page: Page, key: string): Promise<void> {
  const marks = await page.evaluate(() => performance.getEntriesByName("calc-repaint").length);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => performance.getEntriesByName("calc-repaint").length > n, marks);
}

async function expectHbmExplained(page: Page): Promise<void> {
  expect(await hbmLinks(page).count()).toBe(1);
  const link = memoryDetail(page).locator("a.term[data-term=hbm]");
  expect(await link.textContent()).toBe("HBM");
  expect(await link.getAttribute("href")).toMatch(/glossary#hbm$/);
  expect(await link.getAttribute("aria-description")).toMatch(/memory/i);
}

describe("home: glossary terms stay explained while the calculator redraws", () => {
  it("the memory card's HBM stays a link to the glossary after every one of 12 arrow-key moves and a drag across the point where the run stops fitting", async () => {
    const {page, problems} = await home.open();
    await linkedHbm(page);
    const before = await memoryDetail(page).textContent();
    expect(before).toMatch(/of HBM/);
    const slider = page.locator("form", {hasText: "Accelerators"}).locator("input[type=range]");
    await slider.focus();
    for (let i = 0; i < 12; i++) {
      await press(page, i < 8 ? "ArrowRight" : "ArrowLeft");
      expect(await shownNow(page)).toMatchObject({text: expect.stringMatching(/ of HBM/), linked: 1, onPage: 1});
    }
    // A drag from the middle down to few accelerators and back: the card is rebuilt where the run
    // stops fitting, and every repaint is checked at once.
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const texts = new Set<string>();
    for (const f of [0.4, 0.3, 0.2, 0.1, 0.05, 0.1, 0.2, 0.3, 0.45]) {
      const marks = await page.evaluate(() => performance.getEntriesByName("calc-repaint").length);
      await page.mouse.move(box.x + f * box.width, box.y + box.height / 2);
      await page.waitForFunction((n) => performance.getEntriesByName("calc-repaint").length > n, marks, {timeout: 2_000}).catch(() => undefined);
      const now = await shownNow(page);
      texts.add(now.text);
      expect(now, `at ${f} of the track`).toMatchObject({linked: 1, onPage: 1});
    }
    await page.mouse.up();
    expect([...texts].some((t) => /^exceeds/.test(t)), `the drag should reach a run that does not fit: ${[...texts].join(" / ")}`).toBe(true);
    await expectHbmExplained(page);
    const after = await memoryDetail(page).textContent();
    expect(after).not.toBe(before);
    expect(after).toMatch(/^(fits in|exceeds) .* of HBM/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("stays explained, once on the page, after the accelerator, the model and the address change", async () => {
    const {page, problems, reload} = await home.open();
    await linkedHbm(page);
    await page.locator("form", {hasText: "Accelerator"}).locator("select").first().selectOption({index: 1});
    await expect.poll(() => memoryDetail(page).locator("a.term[data-term=hbm]").count(), {timeout: 5_000}).toBe(1);
    await page.locator("form", {hasText: "Model"}).locator("select").first().selectOption({label: "GPT-3 175B"});
    await expect.poll(() => memoryDetail(page).locator("a.term[data-term=hbm]").count(), {timeout: 5_000}).toBe(1);
    await expectHbmExplained(page);
    // The address now holds both; the page loaded from it explains the term in the same place.
    await expect.poll(() => new URL(page.url()).searchParams.get("model"), {timeout: 5_000}).not.toBeNull();
    await reload();
    await expect.poll(() => memoryDetail(page).locator("a.term[data-term=hbm]").count(), {timeout: 5_000}).toBe(1);
    await expectHbmExplained(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the memory card's HBM explanation stays inside the window at 1280 and 1000 px, on keyboard focus and on hover (it ran 224 px past the right edge)", async () => {
    for (const width of [1280, 1000]) {
      const {page, problems} = await home.open({width});
      await linkedHbm(page);
      const link = memoryDetail(page).locator("a.term[data-term=hbm]");
      await link.focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.term)).toBe("hbm");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth), `focus at ${width} px`).toBeLessThanOrEqual(0);
      await page.keyboard.press("Shift+Tab");
      await link.hover();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth), `hover at ${width} px`).toBeLessThanOrEqual(0);
      expect(await link.getAttribute("data-tip-side")).toBe("end");
      expect(problems).toEqual(NO_PROBLEMS);
    }
  });
});
