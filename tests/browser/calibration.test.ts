import {describe, expect, it} from "vitest";
import {expectNoBadNumbers, expectUrlParam} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const calibration = usePage("/calibration");

const memoryDots = "svg[aria-label^='Scatter plot of predicted against measured peak memory'] path, svg[aria-label^='Scatter plot of predicted against measured peak memory'] circle";

describe("measured on real GPUs", () => {
  it("draws the measured steps beside the engine's predictions, computed live, with no problems", async () => {
    const {page, problems} = await calibration.open();
    await expect.poll(() => page.getByTestId("memory-within").textContent()).toMatch(/^Within ±10% of the measured peak for \d+ of 146 steps/);
    // Headings feed the page's contents at build time, where live numbers are blank ("for of steps").
    for (const h of await page.locator("h2, #observablehq-toc a").allTextContents()) expect(h).not.toMatch(/for\s+of|\$\{/);
    const headline = (await page.getByTestId("memory-within").textContent())!;
    expect(Number(/for (\d+) of/.exec(headline)![1])).toBeGreaterThanOrEqual(122);
    expect(await page.locator("svg[aria-label^='Log-log scatter plot of predicted step time'] circle, svg[aria-label^='Log-log scatter plot of predicted step time'] path").count()).toBeGreaterThanOrEqual(146);
    expect(await page.locator("svg[aria-label^='Scatter plot of measured matmul throughput'] circle").count()).toBe(150);
    // The H200's eager and compiled steps, with the engine's prediction in each row's own stack.
    await expect.poll(() => page.getByTestId("stack-memory-within").textContent()).toMatch(/^\d+ of 51 eager steps and \d+ of 51 compiled ones$/);
    const stackMemory = /^(\d+) of 51 eager steps and (\d+) of 51 compiled ones$/.exec((await page.getByTestId("stack-memory-within").textContent())!)!;
    expect(Number(stackMemory[1])).toBeGreaterThanOrEqual(46);
    expect(Number(stackMemory[2])).toBeGreaterThanOrEqual(46);
    for (const what of ["peak memory", "GPU kernel time"]) {
      expect(await page.locator(`svg[aria-label^='Scatter plot of predicted divided by measured ${what}'] circle, svg[aria-label^='Scatter plot of predicted divided by measured ${what}'] path`).count()).toBeGreaterThanOrEqual(102);
    }
    // The H200's kernels alone: attention by sequence length and whole-layer matmuls.
    await expect.poll(() => page.getByTestId("layer-matmul-median").textContent()).toBe("69%");
    expect(await page.getByTestId("attention-share-short").textContent()).toBe("23%");
    expect(await page.getByTestId("attention-share-long").textContent()).toBe("54%");
    expect(await page.locator("svg[aria-label^='Line chart of the share of the H200'] circle").count()).toBe(2 * 7 * 4 + 7 * 1);
    expect(await page.locator("svg[aria-label^='Dot plot of the share of the H200'] circle").count()).toBe(72);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("filters to fp32 steps, keeps the choice in the address, and restores it from there", async () => {
    const {page, problems, reopen} = await calibration.open();
    await expect.poll(() => page.locator(memoryDots).count()).toBeGreaterThan(0);
    const before = await page.locator(memoryDots).count();
    await page.locator("form", {hasText: "Precision"}).locator("select").first().selectOption({label: "fp32"});
    await expect.poll(() => page.getByTestId("memory-within").textContent()).toMatch(/of 56 steps/);
    expect(await page.locator(memoryDots).count()).toBeLessThan(before);
    await expectUrlParam(page, "precision", "fp32");
    const again = await reopen();
    await expect.poll(() => again.getByTestId("memory-within").textContent()).toMatch(/of 56 steps/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("sets the two-GPU steps beside the eager model's predictions, held-out rows counted apart, with their known misses", async () => {
    const {page, problems} = await calibration.open();
    await expect.poll(() => page.getByTestId("multi-within").textContent()).toMatch(/^Step time within ±10% for \d+ of 110 two-GPU steps, \d+ of the 42 held out\.$/);
    const [, all, held] = /for (\d+) of 110 two-GPU steps, (\d+) of the 42/.exec((await page.getByTestId("multi-within").textContent())!)!;
    expect(Number(all)).toBeGreaterThanOrEqual(77);
    expect(Number(held)).toBeGreaterThanOrEqual(29);
    const chart = "svg[aria-label^='Log-log scatter plot of predicted against measured wall-clock step time on 2 H200']";
    expect(await page.locator(`${chart} g[aria-label='dot'] path`).count()).toBe(110);
    await expect.poll(() => page.locator("li", {hasText: "fully_shard"}).textContent()).toMatch(/^\d+ of \d+ steps missed/);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("on a phone, the kernel charts' labels do not overprint each other and the layer chart's legend says what its colours count", async () => {
    const {page, problems} = await calibration.open({width: 375});
    const attention = page.locator("svg[aria-label^='Line chart of the share of the H200']");
    // Drawn after the first paint; 20 s as elsewhere in the suite (vitest's 1 s default timed out once under a full npm test).
    await expect.poll(() => attention.count(), {timeout: 20_000}).toBe(1);
    // Every pair of non-empty text boxes in the chart (axis labels, tick labels, facet labels).
    const overlaps = await attention.evaluate((svg) => {
      const boxes = [...svg.querySelectorAll("text")].filter((t) => t.textContent?.trim()).map((t) => ({text: t.textContent!, box: t.getBoundingClientRect()}));
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.box, b = boxes[j]!.box;
        if (a.right > b.left + 1 && b.right > a.left + 1 && a.bottom > b.top + 1 && b.bottom > a.top + 1) out.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
      }
      return out;
    });
    expect(overlaps).toEqual([]);
    const layerLegend = page.locator("div[class*='-swatches']", {hasText: "split over 8 GPUs"});
    expect(await layerLegend.innerText()).toMatch(/1 GPU\s+split over 2 GPUs\s+split over 4 GPUs\s+split over 8 GPUs/);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
