import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

interface TextBox {text: string; left: number; top: number; right: number; bottom: number}

/** The on-screen box of every non-empty text element in the SVG, and the SVG's own box. */
async function svgTextBoxes(page: Page, selector: string): Promise<{svg: TextBox; texts: TextBox[]}> {
  return page.locator(selector).evaluate((svg) => {
    const box = (el: Element, text: string) => {
      const r = el.getBoundingClientRect();
      return {text, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
    };
    const texts = [...svg.querySelectorAll("text")]
      .filter((t) => (t.textContent ?? "").trim() !== "" && t.getBoundingClientRect().width > 0)
      .map((t) => box(t, t.textContent!.trim()));
    return {svg: box(svg, "svg"), texts};
  });
}

/** Pairs of texts whose boxes overlap by more than half a pixel each way, as "a ⨯ b". */
function overlaps(texts: readonly TextBox[]): string[] {
  const hits: string[] = [];
  for (const [i, a] of texts.entries()) {
    for (const b of texts.slice(i + 1)) {
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 0.5 && dy > 0.5) hits.push(`${a.text} ⨯ ${b.text}`);
    }
  }
  return hits;
}

const SCATTER = "svg[aria-label^='Scatter plot of dense 16-bit peak']";
const BARS = "svg[aria-label='Bar chart of days by accelerator']";

const hardware = usePage("/hardware");

describe("accelerators page (the whole chain: CSV → loader → Arrow, engine, Plot, D3)", () => {
  it("renders the datasheet table, both charts and no problems", async () => {
    const {page, problems} = await hardware.open();
    const sqlRows = page.locator("form.inputs-3a86ea-table tbody tr, .observablehq table tbody tr");
    await expect.poll(() => sqlRows.count(), {timeout: 20_000}).toBeGreaterThanOrEqual(3);
    expect(await page.locator("figure svg, svg[aria-label*='plot'], svg.plot-d6a7b5").count()).toBeGreaterThan(0);
    expect(await page.locator("svg[aria-label='Bar chart of days by accelerator'] rect").count()).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a slider move changes the engine's FLOP count", async () => {
    const {page, problems} = await hardware.open();
    const flops = page.getByTestId("flops");
    const before = await flops.textContent();
    await setRange(page, "Parameters (billions)", 7);
    await expect.poll(() => flops.textContent()).not.toBe(before);
    expect(await page.getByTestId("params").textContent()).toBe("7B");
    // 6 × 7e9 × 2e12 = 8.4e22
    expect(await flops.textContent()).toBe("8.4 × 10²² FLOP");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("keeps the zero tick inside the bar chart on a phone when every run takes under a day (\"0.0000\")", async () => {
    const {page, problems} = await hardware.open({width: 375});
    await setRange(page, "Parameters (billions)", 0.1);
    await setRange(page, "Training tokens (trillions)", 0.01);
    await expect.poll(() => page.locator(`${BARS} g.tick text`).first().textContent()).toMatch(/^0\.0+$/);
    const {svg, texts} = await svgTextBoxes(page, BARS);
    for (const t of texts) expect(t.left, t.text).toBeGreaterThanOrEqual(svg.left - 0.5);
    // A run under a day is written in hours, minutes or seconds, and every value label fits.
    for (const t of texts) expect(t.right, t.text).toBeLessThanOrEqual(svg.right + 0.5);
    expect(texts.map((t) => t.text).join(" ")).toMatch(/\d s\b/);
    expect(texts.map((t) => t.text).join(" ")).not.toMatch(/0\.0\d* days/);
    // Millions of days (2,000B parameters on 30T tokens and one accelerator) are written with a prefix.
    await setRange(page, "Parameters (billions)", 2000);
    await setRange(page, "Training tokens (trillions)", 30);
    await setRange(page, "Accelerators", 1);
    await expect.poll(async () => (await svgTextBoxes(page, BARS)).texts.map((t) => t.text).join(" "), {timeout: 10_000}).toMatch(/\d(\.\d+)?[MG] days/);
    const big = await svgTextBoxes(page, BARS);
    for (const t of big.texts) expect(t.right, t.text).toBeLessThanOrEqual(big.svg.right + 0.5);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px no two texts in either chart overlap and none leaves its chart`, async () => {
      const {page, problems} = await hardware.open({width});
      for (const selector of [SCATTER, BARS]) {
        const {svg, texts} = await svgTextBoxes(page, selector);
        expect(texts.length).toBeGreaterThan(10);
        expect(overlaps(texts), selector).toEqual([]);
        for (const t of texts) {
          expect(t.left, t.text).toBeGreaterThanOrEqual(svg.left - 0.5);
          expect(t.right, t.text).toBeLessThanOrEqual(svg.right + 0.5);
        }
      }
      // The frontier (V100, A100, H100 SXM5, MI300X, B200) is always labelled; every chip has a dot.
      const labels = await page.locator(`${SCATTER} g.accelerator-labels text`).allTextContents();
      for (const name of ["V100 SXM2 16GB", "A100 SXM4", "H100 SXM5", "MI300X", "B200"]) expect(labels).toContain(name);
      // 18 chips; A100 SXM4 40/80GB share a dot (the A100 PCIe 80GB has its own: less bandwidth), as do
      // the H800 and the GH200 (NVIDIA, 2023, the same dense peak); the V100's 16 GB (2017) and 32 GB
      // (2018) parts have one each.
      expect(await page.locator(`${SCATTER} circle`).count()).toBe(16);
      expect(await page.locator(`${BARS} rect`).count()).toBe(18);
      // The bar chart's axis says what its numbers count.
      expect(await page.locator(`${BARS} text.axis-label`).textContent()).toBe("Wall-clock days →");
      expect(problems).toEqual(NO_PROBLEMS);
    });
  }
});
