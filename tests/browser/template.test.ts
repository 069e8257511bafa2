import {describe, expect, it} from "vitest";
import {download, expectDefaultRowsFromArrowMatchDuckDb, expectNoBadNumbers, expectUrlParam, setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const template = usePage("/template");

describe("template page (fork-this-page example)", () => {
  it("renders the engine result, chart, SQL rows, no notice and no problems", async () => {
    const {page, problems} = await template.open();
    // 6 × 7e9 × 2e12 = 8.4e22 FLOP; on 256 H100 at 40% of 989.4 TFLOP/s: 8.4e22 / (256 × 989.4e12 × 0.4) s = 9.6 days
    expect(await page.getByTestId("flops").textContent()).toBe("8.4 × 10²² FLOP");
    expect(await page.getByTestId("days").textContent()).toBe("9.6 days");
    // The live chart (daysChart) has replaced its first view: the curve and the reader's dot.
    const chart = page.locator('[data-replaces-first-view="template-days"]');
    expect(await chart.locator("[aria-label=line] path").count()).toBe(1);
    expect(await chart.locator("[aria-label=dot] circle").count()).toBe(1);
    expect(await page.locator(".first-view[data-first-view=template-days]").count()).toBe(0);
    await expect.poll(() => page.locator("table tbody tr").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("url-notice").isHidden()).toBe(true);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the SQL box shows its default rows from the Arrow file without DuckDB, and DuckDB returns exactly those rows", async () => {
    const opened = await template.open();
    await expectDefaultRowsFromArrowMatchDuckDb(opened, 10);
    expect(opened.problems).toEqual(NO_PROBLEMS);
  });

  it("a slider move updates the numbers and the address, and the address round-trips", async () => {
    const {page, problems, reload} = await template.open();
    const dotX = () => page.locator('[data-replaces-first-view="template-days"] [aria-label=dot] circle').getAttribute("cx");
    const dotAt256 = await dotX();
    await setRange(page, "Accelerators", 512);
    await expect.poll(() => page.getByTestId("days").textContent()).toBe("4.8 days");
    await expect.poll(async () => Number(await dotX())).toBeGreaterThan(Number(dotAt256));
    await expectUrlParam(page, "gpus", "512");
    await reload();
    expect(await page.getByTestId("days").textContent()).toBe("4.8 days");
    expect(await page.locator("form", {hasText: "Accelerators"}).locator("input[type=number]").inputValue()).toBe("512");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a hostile address is clamped or refused with a visible notice, and never rendered as markup", async () => {
    const {page, problems} = await template.open({query: "?gpus=-5&mfu=NaN&paramsBillions=1e999&gpu=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&gpu=x&zzz=1"});
    const notice = page.getByTestId("url-notice");
    expect(await notice.isVisible()).toBe(true);
    const text = await notice.innerText();
    expect(text).toContain("out of range, so it was set to 1");
    expect(text).toContain("<img src=x onerror=alert(1)>");
    expect(text).toContain("appeared 2 times");
    expect(text).toContain("no setting called “zzz”");
    expect(await page.locator("main img").count()).toBe(0);
    // gpus clamped to 1, mfu refused → 40, params clamped to 2000 → 6 × 2e12 × 2e12 = 2.4e25
    expect(await page.getByTestId("flops").textContent()).toBe("2.4 × 10²⁵ FLOP");
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("downloads the chart's rows as CSV and JSON", async () => {
    const {page} = await template.open();
    const csv = await download(page, "CSV");
    expect(csv.name).toBe("template-days-vs-accelerators.csv");
    expect(csv.text.split("\r\n")[0]).toBe("accelerators,days");
    expect(csv.text.trim().split("\r\n")).toHaveLength(17);
    const json = await download(page, "JSON");
    expect(JSON.parse(json.text)).toHaveLength(16);
  });
});
