// Every page's first view (scripts/firstViews/): its first chart drawn at build time, in the HTML.
// Without the page's modules the chart is there (narrow on a phone, absent for a chart drawn from
// the address when the address has a query); with them, the live chart replaces it and shows the
// same marks. The views come from the build's own list (scripts/firstViews/views.ts).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {newPage, openSite, REPO_ROOT, settle} from "./harness.js";
import type {Site} from "./harness.js";
import {readFirstViews} from "../../scripts/firstViews/head.js";
import {FIRST_VIEWS_FILE} from "../../scripts/firstViews/views.js";

const views = Object.entries(readFirstViews(join(REPO_ROOT, FIRST_VIEWS_FILE)))
  .flatMap(([page, list]) => list.map((view) => ({page, ...view})));
const address = (page: string): string => (page === "/index" ? "/" : page);

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** Loads `path` with every script file refused: what the HTML and its head scripts show alone. */
async function htmlOnly(path: string, width = 1280): Promise<{page: Page; close: () => Promise<void>}> {
  const {page, context} = await newPage(site, {width});
  await context.route(/\.js(\?|$)/, (route) => route.abort());
  await page.goto(`${site.url}${path}`, {waitUntil: "domcontentloaded"});
  return {page, close: () => context.close()};
}

/** The chart's own svg: the widest with a viewBox (a symbol legend's swatches have one too). */
const CHART_SVG = `(root) => [root, ...root.querySelectorAll("svg[viewBox]")].filter((el) => el.matches("svg[viewBox]"))
  .sort((a, b) => b.getAttribute("width") - a.getAttribute("width"))[0]`;
const chartWidth = (selector: string): string =>
  `(() => { const svg = (${CHART_SVG})(document.querySelector('${selector}')); return {attr: svg.getAttribute("width"), shown: svg.getBoundingClientRect().width}; })()`;

/**
 * The views that are neither a chart nor a table: text or controls above a page's first chart,
 * drawn so that nothing moves when the page's cells arrive. Each is laid out by the browser at the
 * column's width (one drawing), and shows from the HTML alone what the selector finds.
 */
const NOT_A_TABLE: Record<string, string> = {
  "capability-summary": "span",
  "capability-benchmark": "select",
  "capability-axis": "select",
  "capability-price": "input[type=range]",
  "capability-setting": "select",
  "case-v100mfu": "input[type=range]",
  "case-gpt3-v100": ".case-study .case-figures",
  "prices-summary": "span",
  "prices-accelerator": "select",
  "price-history-summary": "p",
  "levers-not-offered": "span",
  "levers-job": "span",
  "calc-tokens-note": "span",
  "calc-stack-note": "span",
  "memory-stack-note": "span",
  "memory-recompute-note": "span",
  "memory-job": "b",
  "memory-verdict": ".verdict-headline",
  "calibrate-start": "button",
  "calibrate-steps": "textarea"
};

/**
 * What must match: a chart's marks by kind, leaving out text (labels are placed by measured text,
 * which Node only estimates); a table's header and its rows' text; every control's label, options
 * and value; and, for a view that is neither chart nor table, its whole text.
 */
const MARKS = `(root, withText) => {
  const counts = {};
  for (const el of root.querySelectorAll("circle, rect, path, line, polygon, polyline")) counts[el.tagName] = (counts[el.tagName] || 0) + 1;
  counts.header = [...root.querySelectorAll("thead th")].map((th) => th.textContent).join(" | ");
  counts.rows = [...root.querySelectorAll("tbody tr")].map((tr) => tr.textContent);
  counts.controls = [...root.querySelectorAll("form label, form option, form input")].map((el) => el.tagName + " " + (el.tagName === "INPUT" ? el.value : el.textContent.trim() + (el.selected ? " (selected)" : "")));
  if (withText) counts.text = root.textContent.replace(/\\s+/g, " ").trim();
  return counts;
}`;

describe("first views", () => {
  it("the build drew at least one: a chart at four widths, a table once", () => {
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(view.variants.map((v) => v.width)).toEqual(view.kind === "chart" ? [1072, 912, 704, 311] : [1072]);
  });

  for (const view of views) {
    const slot = `.first-view[data-first-view="${view.name}"]`;
    describe(`${view.page}: ${view.name}`, () => {
      it("is on screen from the HTML alone (a chart drawn at the column's width)", async () => {
        const {page, close} = await htmlOnly(address(view.page));
        try {
          const box = await page.locator(slot).boundingBox();
          const shows = NOT_A_TABLE[view.name];
          if (shows !== undefined) {
            expect(box?.height ?? 0).toBeGreaterThan(10);
            expect(await page.locator(`${slot} ${shows}`).count()).toBeGreaterThan(0);
          }
          else expect(box?.height ?? 0).toBeGreaterThan(100);
          if (shows !== undefined) return;
          if (view.kind === "chart") {
            // The narrowest drawing at least as wide as the column (a chart may cap its own
            // width below it: /calibration's square), shown no wider than the column.
            const column = await page.locator(slot).evaluate((el) => el.clientWidth);
            const drawn = view.variants.map((v) => v.width).sort((a, b) => a - b).find((w) => w >= column);
            const svg = await page.evaluate(chartWidth(slot)) as {attr: string; shown: number};
            expect(Number(svg.attr)).toBeLessThanOrEqual(drawn!);
            expect(Number(svg.attr)).toBeGreaterThan(drawn! / 2);
            expect(svg.shown).toBeLessThanOrEqual(column + 0.5);
          }
          else expect(await page.locator(`${slot} tbody tr`).count()).toBeGreaterThan(0);
        } finally {
          await close();
        }
      });

      if (view.kind === "chart") it("is the narrow drawing on a 375 px phone", async () => {
        const {page, close} = await htmlOnly(address(view.page), 375);
        try {
          expect(Number((await page.evaluate(chartWidth(slot)) as {attr: string}).attr)).toBeLessThanOrEqual(311);
        } finally {
          await close();
        }
      });

      it("gives way to the live chart, which shows the same marks", async () => {
        const drawn = await htmlOnly(address(view.page));
        let expected: Record<string, unknown>;
        let drawnWidth: string | null = null;
        try {
          expected = await drawn.page.locator(slot).evaluate(`(${MARKS})(document.querySelector('${slot}'), ${view.name in NOT_A_TABLE})`) as Record<string, unknown>;
          if (view.kind === "chart") drawnWidth = (await drawn.page.evaluate(chartWidth(slot)) as {attr: string}).attr;
        } finally {
          await drawn.close();
        }
        const {page, context, problems} = await newPage(site);
        try {
          await page.goto(`${site.url}${address(view.page)}`);
          await settle(page);
          // A chart far down a long page may come after settle()'s quiet spell (/methodology's).
          await expect.poll(() => page.locator(".first-view").count(), {timeout: 20_000}).toBe(0);
          const live = page.locator(`[data-replaces-first-view="${view.name}"]`);
          expect(await live.count()).toBe(1);
          expect(await live.evaluate(`(${MARKS})(document.querySelector('[data-replaces-first-view="${view.name}"]'), ${view.name in NOT_A_TABLE})`)).toEqual(expected);
          // At 1280 px the column is a drawn width: the live chart is drawn at the same width.
          if (drawnWidth !== null) expect((await page.evaluate(chartWidth(`[data-replaces-first-view="${view.name}"]`)) as {attr: string}).attr).toBe(drawnWidth);
          expect(problems.consoleErrors).toEqual([]);
        } finally {
          await context.close();
        }
      });

      if (view.urlState) {
        it("is left out when the address carries the reader's run", async () => {
          const {page, close} = await htmlOnly(`${address(view.page)}?first-view-check=1`);
          try {
            expect(await page.locator(`${slot} > *`).count()).toBe(0);
            expect(await page.locator(slot).isVisible()).toBe(false);
          } finally {
            await close();
          }
        });
      }
    });
  }
});
