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

const clean = {consoleErrors: [], failedRequests: [], offHostRequests: []};

describe("cost levers", () => {
  it("renders a computed chart for every lever and no problems", async () => {
    const {page, context, problems} = await newPage(site);
    await page.goto(`${site.url}/levers`);
    await settle(page);
    await expect.poll(() => page.locator("svg[aria-label^='Bar chart: ']").count(), {timeout: 10_000}).toBe(6);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(clean);
    await context.close();
  });

  it("the spot discount slider moves the break-even, and the address round-trips", async () => {
    const {page, context, problems} = await newPage(site);
    await page.goto(`${site.url}/levers`);
    await settle(page);
    const breakEven = page.getByTestId("spot-break-even");
    expect(await breakEven.textContent()).toBe("150%");
    const input = page.locator("form", {hasText: "Spot discount"}).locator("input[type=number]");
    await input.fill("50");
    await input.press("Enter");
    await expect.poll(() => breakEven.textContent()).toBe("100%");
    await expect.poll(() => new URL(page.url()).searchParams.get("spot"), {timeout: 5_000}).toBe("50");
    const again = await context.newPage();
    await again.goto(page.url());
    await settle(again);
    expect(await again.getByTestId("spot-break-even").textContent()).toBe("100%");
    expect(problems).toEqual(clean);
    await context.close();
  });

  it("early stopping: stopping earlier raises the fitted loss", async () => {
    const {page, context} = await newPage(site);
    await page.goto(`${site.url}/levers?stop=25`);
    await settle(page);
    const full = Number(await page.getByTestId("loss-full").textContent());
    const stopped = Number(await page.getByTestId("loss-stopped").textContent());
    expect(stopped).toBeGreaterThan(full);
    await context.close();
  });
});
