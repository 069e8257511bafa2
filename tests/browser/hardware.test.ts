import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {newPage, openSite, settle} from "./harness.js";
import type {Site} from "./harness.js";

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe("accelerators page (the whole chain: CSV → loader → Arrow → DuckDB, engine, Plot, D3)", () => {
  it("renders the SQL table, both charts and no problems", async () => {
    const {page, context, problems} = await newPage(site);
    await page.goto(`${site.url}/hardware`);
    await settle(page);
    const sqlRows = page.locator("form.inputs-3a86ea-table tbody tr, .observablehq table tbody tr");
    await expect.poll(() => sqlRows.count(), {timeout: 20_000}).toBeGreaterThanOrEqual(3);
    expect(await page.locator("figure svg, svg[aria-label*='plot'], svg.plot-d6a7b5").count()).toBeGreaterThan(0);
    expect(await page.locator("svg[aria-label='Bar chart of days by accelerator'] rect").count()).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual({consoleErrors: [], failedRequests: [], offHostRequests: []});
    await context.close();
  });

  it("a slider move changes the engine's FLOP count", async () => {
    const {page, context, problems} = await newPage(site);
    await page.goto(`${site.url}/hardware`);
    await settle(page);
    const flops = page.getByTestId("flops");
    const before = await flops.textContent();
    const params = page.locator("form", {hasText: "Parameters (billions)"}).locator("input[type=number]");
    await params.fill("7");
    await params.press("Enter");
    await expect.poll(() => flops.textContent()).not.toBe(before);
    expect(await page.getByTestId("params").textContent()).toBe("7B");
    // 6 × 7e9 × 2e12 = 8.4e22
    expect(await flops.textContent()).toBe("8.4 × 10²² FLOP");
    expect(problems).toEqual({consoleErrors: [], failedRequests: [], offHostRequests: []});
    await context.close();
  });
});
