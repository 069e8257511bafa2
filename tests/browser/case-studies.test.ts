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

  it("GPT-3 on V100s is a feasible FP16 mixed-precision run on a sourced layout, and is priced: the Lambda cost follows the price slider", async () => {
    const {page, problems} = await caseStudies.open({query: "?v100price=1.5&v100mfu=21.3"});
    for (const id of ["gpt3-v100", "gpt3-cost"]) expect(await page.getByTestId(`case-${id}`).getAttribute("data-feasible")).toBe("true");
    const v100 = (await page.getByTestId("case-gpt3-v100").textContent())!;
    expect(v100).toMatch(/At 21\.3% MFU: \d{3} years/);
    expect(v100).toMatch(/FP16 mixed precision/);
    expect(v100).toMatch(/tensor 8 × pipeline 8 \(GPT-3 175B as Korthikanti et al\. 2022 ran it, Table 3\) × data 16/);
    const cost = page.getByTestId("case-gpt3-cost");
    const before = (await cost.textContent())!.match(/GPT-3 on 1,024 V100s at 21\.3% MFU, \$1\.5\/h: \$([\d.]+)M/);
    expect(before).not.toBeNull();
    await setRange(page, "$ per V100-hour", 3);
    await expect.poll(async () => Number((await cost.textContent())!.match(/\$3\/h: \$([\d.]+)M/)?.[1]) / Number(before![1])).toBeCloseTo(2, 1);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("DeepSeek-V3: 2.788M GPU-hours at $2 reproduce the reported $5.576M", async () => {
    const {page} = await caseStudies.open({query: "?dsprice=2"});
    expect(await page.getByTestId("case-deepseek-v3").textContent()).toMatch(/Total 2\.788M h at \$2\/h: \$5\.58M/);
  });
});
