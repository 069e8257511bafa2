import {describe, expect, it} from "vitest";
import {expectUrlParam, setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const caseStudies = usePage("/case-studies");

const CASES = ["gpt3-v100", "gpt3-cost", "gpt-moe", "deepseek-v3", "palm", "llama3-interruptions"];

describe("case studies", () => {
  it("renders all six cases with reported and engine figures, the interruptions chart, and no problems", async () => {
    const {page, problems} = await caseStudies.open();
    for (const id of CASES) await expect.poll(() => page.getByTestId(`case-${id}`).count(), {timeout: 10_000}).toBe(1);
    expect(await page.locator("svg[aria-label^='Bar chart of Llama 3'] rect").count()).toBeGreaterThanOrEqual(15);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("GPT-MoE: the two quoted clusters agree: the H100 budget takes 3–5 months on 25,000 A100s", async () => {
    const {page} = await caseStudies.open();
    const ratio = Number((await page.getByTestId("ratio-gpt-moe").textContent())!.replace("×", ""));
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThanOrEqual(150 / 90);
  });

  it("the V100 MFU slider changes the years, and the address round-trips", async () => {
    const {page, problems, reopen} = await caseStudies.open();
    const card = page.getByTestId("case-gpt3-v100");
    const before = await card.textContent();
    await setRange(page, "MFU on a V100", 30);
    await expect.poll(() => card.textContent()).not.toBe(before);
    await expectUrlParam(page, "v100mfu", "30");
    const after = await card.textContent();
    const again = await reopen();
    expect(await again.getByTestId("case-gpt3-v100").textContent()).toBe(after);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("DeepSeek-V3: 2.788M GPU-hours at $2 reproduce the reported $5.576M", async () => {
    const {page} = await caseStudies.open({query: "?dsprice=2"});
    expect(await page.getByTestId("case-deepseek-v3").textContent()).toMatch(/Total 2\.788M h at \$2\/h: \$5\.58M/);
  });
});
