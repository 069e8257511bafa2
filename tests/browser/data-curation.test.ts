import {describe, expect, it} from "vitest";
import {download, expectNoBadNumbers, expectUrlParam, setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const dataCuration = usePage("/data-curation");

describe("data curation page", () => {
  it("computes epochs, effective tokens, classifier hours and storage cost from the data", async () => {
    const {page, problems} = await dataCuration.open();
    // 15T training tokens over FineWeb-Edu's 1.3T: 11.5 epochs, worth ≈ 11.2T fresh tokens (Muennighoff Eq. 5).
    await expect.poll(() => page.getByTestId("edu-epochs").textContent(), {timeout: 20_000}).toBe("12 epochs");
    expect(await page.getByTestId("edu-effective").textContent()).toBe("11T fresh tokens");
    // 6,000 H100-hours per 15T tokens (FineWeb paper) at 15T.
    expect(await page.getByTestId("classifier-hours").textContent()).toBe("6,000 H100-hours");
    // 43,056.6 GB × $0.023/GB-month × 12 months = $11,884.
    expect(await page.getByTestId("storage-usd").textContent()).toBe("$11.9k");
    await expect.poll(() => page.locator("h2#all-the-curation-figures ~ * table tbody tr").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(10);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("on a phone, every bar chart's horizontal axis still reads on at least two ticks", async () => {
    const {page, problems} = await dataCuration.open({width: 375});
    await expect.poll(() => page.locator("#observablehq-main svg g[aria-label='x-axis tick label']").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(4);
    const counts = await page.locator("#observablehq-main svg").evaluateAll((svgs) => svgs
      .map((svg) => ({label: svg.querySelector("g[aria-label='x-axis label'] text")?.textContent ?? "", ticks: [...svg.querySelectorAll("g[aria-label='x-axis tick label'] text")].filter((t) => t.textContent?.trim()).length}))
      .filter((c) => c.label !== ""));
    for (const c of counts) expect(c.ticks, c.label).toBeGreaterThanOrEqual(2);
    expect(counts.map((c) => c.label)).toContain("Tokens (trillions) →");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a slider move updates the numbers and the address round-trips", async () => {
    const {page, problems, reload} = await dataCuration.open();
    await expect.poll(() => page.getByTestId("edu-epochs").textContent(), {timeout: 20_000}).toBe("12 epochs");
    await setRange(page, "Training tokens (trillions)", 5);
    await expect.poll(() => page.getByTestId("edu-epochs").textContent()).toBe("3.8 epochs");
    expect(await page.getByTestId("edu-effective").textContent()).toBe("4.7T fresh tokens");
    await setRange(page, "Months kept", 24);
    await expect.poll(() => page.getByTestId("storage-usd").textContent()).toBe("$23.8k");
    await expectUrlParam(page, "trainingTrillions", "5");
    await expectUrlParam(page, "months", "24");
    await reload();
    await expect.poll(() => page.getByTestId("edu-epochs").textContent(), {timeout: 20_000}).toBe("3.8 epochs");
    expect(await page.getByTestId("storage-usd").textContent()).toBe("$23.8k");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("refuses unknown price ids and clamps numbers, with a notice", async () => {
    const {page, problems} = await dataCuration.open({query: "?gpuPrice=%3Cscript%3Ealert(1)%3C/script%3E&storagePrice=javascript:alert(1)&months=1e9&copies=-2&trainingTrillions=NaN"});
    await expect.poll(() => page.getByTestId("url-notice").isVisible(), {timeout: 20_000}).toBe(true);
    const notice = await page.getByTestId("url-notice").innerText();
    expect(notice).toContain("<script>alert(1)</script>");
    expect(notice).toContain("javascript:alert(1)");
    expect(await page.getByTestId("storage-usd").textContent()).toBe("$59.4k"); // 60 months, 1 copy
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("downloads the FineWeb funnel", async () => {
    const {page} = await dataCuration.open();
    await expect.poll(() => page.locator(".download-control").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(6);
    const csv = await download(page, "CSV", 1);
    expect(csv.name).toBe("fineweb-funnel.csv");
    expect(csv.text).toContain("FineWeb v1.1.0,15835200000000");
  });
});
