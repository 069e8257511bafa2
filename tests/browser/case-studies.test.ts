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
const CASES = ["gpt3-v100", "gpt3-cost", "gpt-moe", "deepseek-v3", "palm", "llama3-interruptions"];

describe("case studies", () => {
  it("renders all six cases with reported and engine figures, the interruptions chart, and no problems", async () => {
    const {page, context, problems} = await newPage(site);
    await page.goto(`${site.url}/case-studies`);
    await settle(page);
    for (const id of CASES) await expect.poll(() => page.getByTestId(`case-${id}`).count(), {timeout: 10_000}).toBe(1);
    expect(await page.locator("svg[aria-label^='Bar chart of Llama 3'] rect").count()).toBeGreaterThanOrEqual(15);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(clean);
    await context.close();
  });

  it("GPT-MoE: the two quoted clusters agree: the H100 budget takes 3–5 months on 25,000 A100s", async () => {
    const {page, context} = await newPage(site);
    await page.goto(`${site.url}/case-studies`);
    await settle(page);
    const ratio = Number((await page.getByTestId("ratio-gpt-moe").textContent())!.replace("×", ""));
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThanOrEqual(150 / 90);
    await context.close();
  });

  it("the V100 MFU slider changes the years, and the address round-trips", async () => {
    const {page, context, problems} = await newPage(site);
    await page.goto(`${site.url}/case-studies`);
    await settle(page);
    const card = page.getByTestId("case-gpt3-v100");
    const before = await card.textContent();
    const input = page.locator("form", {hasText: "MFU on a V100"}).locator("input[type=number]");
    await input.fill("30");
    await input.press("Enter");
    await expect.poll(() => card.textContent()).not.toBe(before);
    await expect.poll(() => new URL(page.url()).searchParams.get("v100mfu"), {timeout: 5_000}).toBe("30");
    const after = await card.textContent();
    const again = await context.newPage();
    await again.goto(page.url());
    await settle(again);
    expect(await again.getByTestId("case-gpt3-v100").textContent()).toBe(after);
    expect(problems).toEqual(clean);
    await context.close();
  });

  it("DeepSeek-V3: 2.788M GPU-hours at $2 reproduce the reported $5.576M", async () => {
    const {page, context} = await newPage(site);
    await page.goto(`${site.url}/case-studies?dsprice=2`);
    await settle(page);
    expect(await page.getByTestId("case-deepseek-v3").textContent()).toMatch(/Total 2\.788M h at \$2\/h: \$5\.58M/);
    await context.close();
  });
});
