import {readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {DATASETS} from "../../loaders/datasets/index.js";
import {REPO_ROOT} from "./harness.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const dataPage = usePage("/data");

describe("data page: the data dictionary and downloads", () => {
  it("lists every dataset with rows, a dictionary and its sources, with no console error or failed request", async () => {
    const {page, problems} = await dataPage.open();
    expect(await page.getByTestId("total-datasets").textContent()).toBe(String(DATASETS.length));
    for (const spec of DATASETS) {
      await expect.poll(() => page.getByTestId(`summary-${spec.name}`).count()).toBe(1);
      // One dictionary row per column of the DatasetSpec.
      expect(await page.getByTestId(`dictionary-${spec.name}`).locator("tbody tr").count()).toBe(spec.columns.length);
      expect(await page.getByTestId(`sources-${spec.name}`).locator("li").count()).toBeGreaterThan(0);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("serves every dataset as the curated CSV file and as an Arrow table with the same row count (HTTP 200)", async () => {
    const {page, problems} = await dataPage.open();
    for (const spec of DATASETS) {
      const links = page.getByTestId(`summary-${spec.name}`).getByTestId(`downloads-${spec.name}`).locator("a");
      expect(await links.count(), `${spec.name} has CSV and Arrow links`).toBe(2);
      const [csvHref, arrowHref] = await Promise.all([links.nth(0).getAttribute("href"), links.nth(1).getAttribute("href")]);
      const csv = await page.request.get(new URL(csvHref!, page.url()).href);
      expect(csv.status(), `${spec.name}.csv`).toBe(200);
      expect(await csv.text()).toBe(readFileSync(join(REPO_ROOT, "data", `${spec.name}.csv`), "utf8"));
      const arrow = await page.request.get(new URL(arrowHref!, page.url()).href);
      expect(arrow.status(), `${spec.name}.arrow`).toBe(200);
      const table = tableFromIPC(new Uint8Array(await arrow.body()));
      const summaryRows = await page.getByTestId(`summary-${spec.name}`).locator("td.num").first().textContent();
      expect(table.numRows.toLocaleString("en-US")).toBe(summaryRows);
      expect(table.schema.metadata.get("dataset")).toBe(spec.name);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("fits a phone screen: the page does not scroll sideways", async () => {
    const {page, problems} = await dataPage.open({width: 375, height: 800});
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
