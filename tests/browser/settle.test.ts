// The harness's settle(): every browser test and `npm run bench` ("settled") start from it, so it
// must wait for what a page draws after its network is done, not only for the network.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {SETTLE_QUIET_MS, newPage, openSite, settle} from "./harness.js";
import type {Site} from "./harness.js";

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe("settle()", () => {
  it("waits for DOM changes that go on after the network is idle: the last of twelve drawings 100 ms apart is there when it returns", async () => {
    const {page, context} = await newPage(site);
    // Stands for cells that draw one after another on a busy machine, past Playwright's network
    // idle (500 ms after the last request): from 300 ms after load to 1.4 s, one change every 100 ms.
    await page.addInitScript(`addEventListener("load", () => {
      let n = 0;
      const step = () => {
        n += 1;
        document.body.setAttribute("data-drawn", String(n));
        if (n < 12) setTimeout(step, 100);
      };
      setTimeout(step, 300);
    });`);
    await page.goto(`${site.url}/glossary`);
    await settle(page);
    expect(await page.locator("body").getAttribute("data-drawn")).toBe("12");
    await context.close();
  });

  it("returns about SETTLE_QUIET_MS after the last change on a page that is done, and refuses a page that never stops changing", async () => {
    const {page, context} = await newPage(site);
    await page.goto(`${site.url}/glossary`);
    await settle(page);
    const t0 = Date.now();
    await settle(page);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(SETTLE_QUIET_MS);
    await page.evaluate(`setInterval(() => document.body.setAttribute("data-tick", String(performance.now())), 20)`);
    await expect(settle(page, {maxQuietWaitMs: 2_000})).rejects.toThrow(/kept changing for 2 s/);
    await context.close();
  });
});
