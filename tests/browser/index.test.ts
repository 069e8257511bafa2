import {describe, expect, it} from "vitest";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const home = usePage("/");

const RESULTS = ["flops", "gpu-hours", "days", "usd", "mfu", "memory"];

async function resultsText(page: import("playwright-core").Page): Promise<string[]> {
  return Promise.all(RESULTS.map((id) => page.getByTestId(id).textContent().then((t) => t ?? "")));
}

describe("home: the training-cost calculator", () => {
  it("renders every result, marks the repaint, and has no problems", async () => {
    const {page, problems} = await home.open();
    const texts = await resultsText(page);
    for (const t of texts) expect(t).toMatch(/\d/);
    expect(texts[0]).toMatch(/× 10.* FLOP/);
    expect(await page.evaluate(() => performance.getEntriesByName("calc-repaint").length)).toBeGreaterThan(0);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a slider move updates the numbers and the address", async () => {
    const {page, problems} = await home.open();
    const days = page.getByTestId("days");
    const before = await days.textContent();
    const marks = await page.evaluate(() => performance.getEntriesByName("calc-repaint").length);
    const count = page.locator("form", {hasText: "Accelerators"}).locator("input[type=number]");
    await count.fill("1024");
    await count.press("Enter");
    await expect.poll(() => days.textContent()).not.toBe(before);
    expect(await page.evaluate(() => performance.getEntriesByName("calc-repaint").length)).toBeGreaterThan(marks);
    await expect.poll(() => new URL(page.url()).searchParams.get("n"), {timeout: 5_000}).toBe("1024");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("round-trips through the address: GPT-3 on 1,024 V100s at an assumed 21% MFU", async () => {
    const {page, problems, reopen} = await home.open({query: "?model=gpt3-175b&gpu=v100-sxm2-32gb&n=1024&predict=false&mfu=21&price=1.5"});
    expect(await page.getByTestId("mfu").textContent()).toBe("21%");
    expect(await page.locator("form", {hasText: "Training tokens"}).locator("input[type=number]").inputValue()).toBe("300");
    const first = await resultsText(page);
    // 6·N·D-scale compute for 175B × 300B tokens, and FLOPs ÷ (1024 × 125 TFLOP/s × 0.21) in days.
    expect(first[0]).toMatch(/^3\.\d × 10²³ FLOP$/);
    expect(await page.getByTestId("url-notice").isHidden()).toBe(true);
    const again = await reopen();
    expect(await resultsText(again)).toEqual(first);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("changing the model moves the token slider to that model's published tokens", async () => {
    const {page, problems} = await home.open();
    await page.locator("form", {hasText: "Model"}).locator("select").first().selectOption({label: "DeepSeek-V3 (671B MoE)"});
    await expect.poll(() => page.locator("form", {hasText: "Training tokens"}).locator("input[type=number]").inputValue()).toBe("14800");
    expect(await page.getByTestId("reported").textContent()).toMatch(/2\.66M accelerator-hours/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("says so, visibly, when the step-time model cannot predict an accelerator; an assumed MFU still works", async () => {
    const {page, problems, visit} = await home.open({query: "?gpu=tpu-v4"});
    expect(await page.getByTestId("calc-error").textContent()).toMatch(/cannot compute.*tpu-v4.*Predict MFU/s);
    await visit("?gpu=tpu-v4&predict=false&mfu=46");
    expect(await page.getByTestId("calc-error").count()).toBe(0);
    expect(await page.getByTestId("mfu").textContent()).toBe("46%");
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("refuses a hostile address with a visible message and no NaN", async () => {
    const {page, problems} = await home.open({query: "?n=0&price=-1&tokens=abc&model=../../etc&tp=3"});
    const notice = page.getByTestId("url-notice");
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    for (const t of await resultsText(page)) expect(t).toMatch(/\d/);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
