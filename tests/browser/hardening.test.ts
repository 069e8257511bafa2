// Hardening: every page listed in observablehq.config.ts (and the home page) is loaded in
// headless Chromium and must hold up against hostile URL parameters, make no request beyond
// 127.0.0.1, pass an axe-core scan without serious or critical violations, and work at 375 px.
// Pages are read from the config (bench/pages.ts), so a page added later is covered without edits.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {XSS_PAYLOADS, axeViolations, brokenNumbersInText, declaredParams, horizontalOverflow, hookDialogs, hostileUrls, injectionReport, urlNotice} from "../../bench/hostile.js";
import type {AxeViolation} from "../../bench/hostile.js";
import {selectedPages} from "../../bench/pages.js";
import {newPage, openSite, settle} from "./harness.js";
import type {Site} from "./harness.js";

/**
 * Checks a landed page is known to fail, keyed "<path> <check>", with what goes wrong. They are
 * listed in the test names as skipped so they stay visible; fix the page, then delete the entry.
 */
const KNOWN_FAILURES: Record<string, string> = {};

// PAGES=/,/hardware limits a run to those pages (bench/pages.ts); CI runs them all.
const pages = selectedPages();
const axeByPage = new Map<string, AxeViolation[]>();
let site: Site;

beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
  const lines = [...axeByPage].filter(([, v]) => v.length > 0).map(([path, v]) => `${path}: ${v.map((x) => `${x.id} (${x.impact}, ${x.nodes})`).join(", ")}`);
  if (lines.length > 0) console.info(`axe-core violations of any impact, by page:\n  ${lines.join("\n  ")}`);
});

function check(path: string, name: string, body: () => Promise<void>, timeout = 90_000): void {
  const known = KNOWN_FAILURES[`${path} ${name}`];
  if (known) it.skip(`${name} — KNOWN FAILURE: ${known}`, body);
  else it(name, body, timeout);
}

const serious = (v: AxeViolation) => v.impact === "serious" || v.impact === "critical";

describe.each(pages)("$path", (sitePage) => {
  const {path} = sitePage;

  check(path, `renders with no console error, failed or off-host request, and no NaN on screen${sitePage.usesSql ? "" : "; DuckDB-WASM is not loaded (no SQL here)"}`, async () => {
    const {page, context, problems} = await newPage(site);
    const duckdbRequests: string[] = [];
    page.on("request", (request) => {
      if (/duckdb/i.test(request.url())) duckdbRequests.push(new URL(request.url()).pathname);
    });
    try {
      await page.goto(`${site.url}${path}`);
      await settle(page);
      if (!sitePage.usesSql) expect(duckdbRequests, "a page without SQL must not download DuckDB (about 7 MB gzip)").toEqual([]);
      // The axe scan runs on this same load; the next test asserts on it.
      axeByPage.set(path, (await axeViolations(page)).violations);
      expect(await brokenNumbersInText(page), "NaN/Infinity/undefined in visible text").toEqual([]);
      expect(problems).toEqual({consoleErrors: [], failedRequests: [], offHostRequests: []});
    } finally {
      await context.close();
    }
  });

  check(path, "axe-core finds no serious or critical violation", async () => {
    const violations = axeByPage.get(path);
    expect(violations, "the page did not load far enough to be scanned").toBeDefined();
    expect(violations!.filter(serious).map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(" ")}`), "serious or critical axe violations").toEqual([]);
  });

  check(path, "works at 375 px: no horizontal overflow, no console error", async () => {
    const {page, context, problems} = await newPage(site, {width: 375, height: 812});
    try {
      await page.goto(`${site.url}${path}`);
      await settle(page);
      const {overflow, culprits} = await horizontalOverflow(page);
      expect(overflow, `document is ${overflow} px wider than the 375 px viewport; widest: ${culprits.join("; ")}`).toBeLessThanOrEqual(2);
      expect(problems).toEqual({consoleErrors: [], failedRequests: [], offHostRequests: []});
    } finally {
      await context.close();
    }
  });

  const declared = declaredParams(sitePage);
  for (const hostile of hostileUrls(declared.keys)) {
    check(path, `hostile URL (${hostile.what}${declared.keys.length ? `; declared ${declared.keys.join(", ")}` : ""}): nothing runs, nothing breaks${declared.usesUrlState ? ", the address notice explains" : ""}`, async () => {
      const {page, context, problems} = await newPage(site);
      try {
        const dialogs = await hookDialogs(page);
        await page.goto(`${site.url}${path}${hostile.search}${hostile.hash}`);
        await settle(page);
        const report = await injectionReport(page);
        expect({dialogs, ...report}, "script payloads must not run or become markup").toEqual({dialogs: [], dialogCalls: 0, xssFlag: false, injected: []});
        expect(await brokenNumbersInText(page), "NaN/Infinity/undefined in visible text").toEqual([]);
        expect(problems).toEqual({consoleErrors: [], failedRequests: [], offHostRequests: []});
        if (declared.usesUrlState) {
          // A cell may display the notice after settle() (it waits on data that is already loaded).
          await expect.poll(async () => (await urlNotice(page)).present, {timeout: 15_000, message: "the page uses urlState but shows no notice element (display(url.notice))"}).toBe(true);
          const notice = await urlNotice(page);
          expect(notice.visible, "the notice about refused or clamped values is visible").toBe(true);
          expect(notice.text).toMatch(/could not be used|ignored|clamp|refus|not a|out of range/i);
        }
      } finally {
        await context.close();
      }
    });
  }
});

describe("the detectors themselves", () => {
  it("catch a planted payload, a dialog, NaN on screen and an overflowing element", async () => {
    const {page, context} = await newPage(site, {width: 375});
    try {
      const dialogs = await hookDialogs(page);
      await page.goto(`${site.url}/`);
      await settle(page);
      await page.evaluate((payload) => {
        const main = document.querySelector("#observablehq-main") ?? document.body;
        main.insertAdjacentHTML("beforeend", `<p>${payload}</p><p>Cost: NaN days</p><div style="width:900px">wide</div>`);
      }, XSS_PAYLOADS[2]);
      await expect.poll(async () => (await injectionReport(page)).dialogCalls).toBeGreaterThan(0);
      const report = await injectionReport(page);
      expect(report.injected.length).toBeGreaterThan(0);
      expect(dialogs).toEqual([]); // alert was replaced before any script ran, so no native dialog opened
      expect((await brokenNumbersInText(page)).join(" ")).toContain("Cost: NaN days");
      expect((await horizontalOverflow(page)).overflow).toBeGreaterThan(2);
    } finally {
      await context.close();
    }
  });
});
