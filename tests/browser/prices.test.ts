import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {download, expectDefaultRowsFromArrowMatchDuckDb, expectNoBadNumbers, expectUrlParam, setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const prices = usePage("/prices");

const resultRows = (page: Page) => page.locator("h2#ask-the-data ~ * table tbody tr");

async function runQuery(page: Page, sql: string): Promise<void> {
  await page.locator("form", {hasText: "SQL"}).locator("textarea").fill(sql);
  await page.getByRole("button", {name: "Run query"}).click();
}

describe("GPU prices page", () => {
  it("renders the effective-price chart and the default SQL view's rows with no problems", async () => {
    const {page, problems} = await prices.open();
    await expect.poll(() => resultRows(page).count(), {timeout: 20_000}).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId("cheapest").textContent()).toMatch(/^\$\d[\d.]* per effective PFLOP-hour$/);
    expect(await page.locator("svg").count()).toBeGreaterThanOrEqual(3);
    // Dates in the query result show as dates, not epoch milliseconds.
    expect(await resultRows(page).first().innerText()).toMatch(/20\d\d-\d\d-\d\d/);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("labels the effective-price chart's dollar axis in plain dollars on a phone (not \"$1e+1\")", async () => {
    const {page, problems} = await prices.open({width: 375});
    const chart = page.locator("svg", {has: page.locator("text", {hasText: "$ per effective PFLOP-hour"})});
    const ticks = chart.locator("g[aria-label='x-axis tick label'] text");
    await expect.poll(() => ticks.count()).toBeGreaterThanOrEqual(2);
    for (const label of await ticks.allTextContents()) expect(label).toMatch(/^\$\d[\d,]*(\.\d+)?$/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("shows the default query's rows from the Arrow files without loading DuckDB, and DuckDB returns exactly those rows", async () => {
    const opened = await prices.open();
    await expectDefaultRowsFromArrowMatchDuckDb(opened, 20);
    expect(opened.problems).toEqual(NO_PROBLEMS);
  });

  it("draws the chosen accelerator's price history, keeps the choice in the address, and downloads its rows", async () => {
    const {page, problems, reload} = await prices.open();
    await page.locator("form", {hasText: "Accelerator"}).locator("select").selectOption("TPU v5e");
    await expect.poll(() => page.locator("main").innerText(), {timeout: 10_000}).toMatch(/\d+ prices for TPU v5e from 1 provider,/);
    await expectUrlParam(page, "acc", "TPU v5e");
    const csv = await download(page, "CSV", 0);
    const lines = csv.text.trim().split("\r\n");
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(lines.slice(1).every((l) => l.includes("tpu-v5e"))).toBe(true);
    await reload();
    expect(await page.locator("form", {hasText: "Accelerator"}).locator("select option:checked").textContent()).toBe("TPU v5e");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a TPU's history is priced per chip-hour, and prices read within a few days tick their dates, not the hours of a day", async () => {
    const {page, problems} = await prices.open({query: "?acc=TPU+v6e"});
    await expect.poll(() => page.locator("main").innerText(), {timeout: 10_000}).toMatch(/\d+ prices for TPU v6e from 1 provider, 2024-12-20 to 2024-12-23/);
    const chart = page.locator("svg").filter({hasText: "Observed"}).first();
    const text = (await chart.locator("text").allTextContents()).join(" | ");
    expect(text).toMatch(/20 Dec 2024[\s\S]*23 Dec 2024/);
    expect(text).not.toMatch(/\b(AM|PM)\b/);
    expect(text).toMatch(/\$ per chip-hour/);
    expect(text).not.toMatch(/GPU-hour/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the spread between pricing kinds follows the chosen years, with ratios to on-demand", async () => {
    const {page, problems} = await prices.open();
    const spreadChart = page.locator("h2#on-demand-reserved-capacity-blocks-spot ~ * figure").first();
    await expect.poll(() => spreadChart.innerText(), {timeout: 10_000}).toContain("H100");
    expect(await spreadChart.innerText()).not.toContain("TPU v4"); // its prices are from 2022 and 2024
    await setRange(page, "Prices observed from (year)", 2022);
    await expect.poll(() => spreadChart.innerText()).toContain("TPU v4");
    await expectUrlParam(page, "since", "2022");
    const ratioTable = page.locator("table", {hasText: "Spot ÷ on-demand"});
    await expect.poll(() => ratioTable.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
    expect(await ratioTable.innerText()).toMatch(/\d\.\d+×/);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the pricing choice picks the cheapest offering of that kind, and the address keeps it", async () => {
    const {page, problems} = await prices.open({query: "?pricing=spot"});
    const sentence = page.locator("main p", {has: page.getByTestId("cheapest")});
    await expect.poll(() => sentence.innerText(), {timeout: 20_000}).toContain(", spot, observed");
    await page.locator("form", {hasText: "Pricing"}).locator("select").selectOption({label: "reserved only"});
    await expect.poll(() => sentence.innerText()).toContain(", reserved, observed");
    await expectUrlParam(page, "pricing", "reserved");
    await setRange(page, "Recent (months)", 48);
    await expectUrlParam(page, "months", "48");
    expect(await page.getByTestId("cheapest").textContent()).toMatch(/^\$\d[\d.]* per effective PFLOP-hour$/);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("halving MFU doubles the price of useful compute, and the address keeps it", async () => {
    const {page, problems} = await prices.open();
    await expect.poll(() => page.getByTestId("cheapest").textContent(), {timeout: 20_000}).toMatch(/^\$\d/);
    const before = Number((await page.getByTestId("cheapest").textContent())!.replace(/[^\d.]/g, ""));
    expect(before).toBeGreaterThan(0);
    await setRange(page, "MFU (%)", 20);
    await expect.poll(async () => Number((await page.getByTestId("cheapest").textContent())!.replace(/[^\d.]/g, ""))).toBeCloseTo(2 * before, 1);
    await expectUrlParam(page, "mfu", "20");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("runs an edited query, puts it in the address, and the address round-trips", async () => {
    const {page, problems, reload} = await prices.open();
    const sql = "SELECT provider, count(*) AS n FROM prices GROUP BY provider ORDER BY n DESC, provider";
    await runQuery(page, sql);
    await expect.poll(() => page.getByTestId("sql-status").getAttribute("data-source"), {timeout: 30_000}).toBe("duckdb");
    await expect.poll(() => page.locator("h2#ask-the-data ~ * table thead").first().innerText()).toContain("provider");
    await expectUrlParam(page, "q", sql);
    const csv = await download(page, "CSV", 3); // after the three charts' downloads
    expect(csv.text.split("\r\n")[0]).toBe("provider,n");
    await reload();
    expect(await page.locator("form", {hasText: "SQL"}).locator("textarea").inputValue()).toBe(sql);
    await expect.poll(() => resultRows(page).count()).toBeGreaterThanOrEqual(2);
    await page.getByRole("button", {name: "Reset query"}).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), {timeout: 5_000}).toBeNull();
    await expect.poll(() => resultRows(page).count()).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("shows DuckDB's message for a bad query and refuses writes, several statements and the network", async () => {
    const {page, problems} = await prices.open();
    const error = page.getByTestId("sql-error");
    await runQuery(page, "SELECT nope FROM prices");
    await expect.poll(() => error.textContent()).toMatch(/The query failed: .*nope/);
    for (const hostile of [
      "DROP TABLE prices",
      "SELECT 1; DROP TABLE prices",
      "SELECT 1) AS x; DROP TABLE prices; SELECT * FROM (SELECT 1",
      "SELECT * FROM read_csv('http://example.com/x.csv')",
      "INSTALL httpfs",
      "SET enable_external_access = true",
      "ATTACH 'x.db'"
    ]) {
      await runQuery(page, hostile);
      await expect.poll(() => error.isVisible(), {timeout: 10_000}).toBe(true);
    }
    // The tables are still there.
    await runQuery(page, "SELECT count(*) AS n FROM prices");
    await expect.poll(() => resultRows(page).first().innerText()).toMatch(/\d+/);
    expect(await page.locator("main script, main img[onerror]").count()).toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a long query shows that it is running, greys the old result, and Cancel stops it; the next query runs", async () => {
    const {page, problems} = await prices.open();
    const status = page.getByTestId("sql-status");
    await expect.poll(() => resultRows(page).count(), {timeout: 20_000}).toBeGreaterThanOrEqual(5);
    await runQuery(page, "SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b");
    await expect.poll(() => status.getAttribute("data-state")).toBe("running");
    expect(await status.innerText()).toMatch(/^Running…/);
    expect(await page.locator(".sql-result").getAttribute("class")).toContain("sql-stale");
    const cancel = page.getByRole("button", {name: "Cancel"});
    expect(await cancel.isEnabled()).toBe(true);
    await cancel.click();
    await expect.poll(() => status.innerText(), {timeout: 5_000}).toBe("The query was cancelled.");
    expect(await resultRows(page).count()).toBe(0); // the old table is gone, not left under the new text
    expect(await cancel.isEnabled()).toBe(false);
    await runQuery(page, "SELECT count(*) AS n FROM prices");
    await expect.poll(() => status.innerText(), {timeout: 20_000}).toMatch(/^1 row \(/);
    await expect.poll(() => resultRows(page).first().innerText()).toMatch(/^\s*\d+$/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("refuses DROP in plain words before DuckDB sees it, and shows at most 1,000 rows with a note", async () => {
    const {page, problems} = await prices.open();
    const status = page.getByTestId("sql-status");
    await runQuery(page, "DROP TABLE prices");
    await expect.poll(() => page.getByTestId("sql-error").textContent()).toMatch(/^DROP statements are not allowed here\. This box only reads the page's tables/);
    await runQuery(page, "SELECT * FROM range(5000)");
    await expect.poll(() => status.innerText(), {timeout: 20_000}).toMatch(/^Showing the first 1,000 rows: the query returns more/);
    await runQuery(page, "SELECT count(*) AS n FROM prices");
    await expect.poll(() => resultRows(page).first().innerText(), {timeout: 20_000}).toMatch(/^\s*\d+$/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a hostile address is refused with a notice; the query text never becomes markup", async () => {
    const q = encodeURIComponent("SELECT '\"><img src=x onerror=alert(1)>' AS x");
    const {page, problems} = await prices.open({query: `?mfu=-1&q=${q}&q=2`});
    expect(await page.getByTestId("url-notice").innerText()).toContain("appeared 2 times");
    await expect.poll(() => resultRows(page).first().innerText()).toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator("main img").count()).toBe(0);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
