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

  it("opens on a run that needs no adjustment: no layout note, the assumed 4M-token batch at 4.19M (one sequence on each of 512 data-parallel ranks), and the batch note says why", async () => {
    const {page, problems} = await home.open();
    await expect.poll(() => page.locator(".layout-line").textContent()).toMatch(/tensor 8 × pipeline 1 × data 512, .* 4\.19M tokens per step/);
    expect(await page.getByTestId("layout-notes").count()).toBe(0);
    expect(await page.locator("main").textContent()).toMatch(/4M tokens assumed .* The calculator starts at 4\.19M, the nearest batch its layout holds/);
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

  it("a number box refuses -5, 0 and 1e309 visibly, keeps the results, and shows the page's value again on leaving", async () => {
    const {page, problems} = await home.open();
    const days = page.getByTestId("days");
    const before = await days.textContent();
    const count = page.locator("form", {hasText: "Accelerators"}).locator("input[type=number]");
    const shown = await count.inputValue();
    for (const bad of ["-5", "0", "1e309"]) {
      await count.fill(bad);
      await expect.poll(() => count.getAttribute("aria-invalid")).toBe("true");
      expect(await count.getAttribute("title")).toMatch(/outside|not a number/);
      await count.press("Enter");
      await count.blur();
      await expect.poll(() => count.inputValue()).toBe(shown);
      expect(await days.textContent()).toBe(before);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("picking plain PyTorch says what it means, changes memory per GPU, and carries the stack to the address and the memory page", async () => {
    const {page, problems} = await home.open();
    const memory = page.getByTestId("memory");
    const before = await memory.textContent();
    await page.locator("form", {hasText: "Software"}).locator("select").selectOption({label: "Plain PyTorch"});
    await expect.poll(() => memory.textContent()).not.toBe(before);
    expect(await page.locator("main").innerText()).toMatch(/Plain PyTorch: eager autocast, an unfused cross-entropy/);
    await expect.poll(() => new URL(page.url()).searchParams.get("stack"), {timeout: 5_000}).toBe("pytorch");
    expect(await page.locator("a[href*='./memory?']").first().getAttribute("href")).toMatch(/stack=pytorch/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("picking the tuned Megatron stack says what it means, raises the predicted MFU and keeps memory, and carries the stack to the address", async () => {
    const {page, problems} = await home.open();
    const mfu = page.getByTestId("mfu");
    const memory = page.getByTestId("memory");
    await expect.poll(() => mfu.textContent()).toMatch(/^[\d.]+%$/);
    const [mfuBefore, memoryBefore] = [await mfu.textContent(), await memory.textContent()];
    await page.locator("form", {hasText: "Software"}).locator("select").selectOption({label: "Megatron / NeMo, tuned"});
    await expect.poll(() => mfu.textContent()).not.toBe(mfuBefore);
    expect(parseFloat((await mfu.textContent())!)).toBeGreaterThan(parseFloat(mfuBefore!));
    expect(await memory.textContent()).toBe(memoryBefore);
    expect(await page.locator("main").innerText()).toMatch(/Megatron \/ NeMo, tuned: as Megatron \/ NeMo, run the way NVIDIA's performance recipes run it/);
    await expect.poll(() => new URL(page.url()).searchParams.get("stack"), {timeout: 5_000}).toBe("megatron-tuned");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("round-trips through the address: GPT-3 on 1,024 A100s at an assumed 21% MFU", async () => {
    const {page, problems, reopen} = await home.open({query: "?model=gpt3-175b&gpu=a100-sxm4-80gb&n=1024&predict=false&mfu=21&price=1.5"});
    expect(await page.getByTestId("mfu").textContent()).toBe("21%");
    expect(await page.locator("form", {hasText: "Training tokens"}).locator("input[type=number]").inputValue()).toBe("300");
    const first = await resultsText(page);
    // 6·N·D-scale compute for 175B × 300B tokens.
    expect(first[0]).toMatch(/^3\.\d × 10²³ FLOP$/);
    expect(await page.getByTestId("url-notice").isHidden()).toBe(true);
    const again = await reopen();
    expect(await resultsText(again)).toEqual(first);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("\"Fastest layout\" sets the layout controls to a faster layout that fits, says which, and keeps it in the address", async () => {
    // GPT-3 175B on 1,024 A100s starting from a deep pipeline with one micro-batch per rank: a large bubble.
    const {page, problems} = await home.open({query: "?model=gpt3-175b&gpu=a100-sxm4-80gb&n=1024&tp=8&pp=32&zero=1&recompute=full&mb=1"});
    // Faster on no more accelerators than before (the start uses all 1,024) means a higher MFU.
    const mfu = page.getByTestId("mfu");
    const mfuBefore = Number((await mfu.textContent())?.replace("%", ""));
    await page.locator("details summary", {hasText: "Parallel layout"}).click();
    await page.getByTestId("plan-layout").click();
    const status = page.getByTestId("plan-status");
    await expect.poll(() => status.textContent(), {timeout: 20_000}).toMatch(/^Fastest of [\d,]+ layouts tried on 1,024 accelerators/);
    const words = (await status.textContent()) ?? "";
    const [, tp, pp] = /tensor (\d+) × pipeline (\d+)/.exec(words) ?? [];
    expect(tp).toBeDefined();
    await expect.poll(() => new URL(page.url()).searchParams.get("pp"), {timeout: 5_000}).toBe(pp);
    expect(await page.locator(".layout-line").textContent()).toContain(`tensor ${tp} × pipeline ${pp}`);
    await expect.poll(async () => Number((await mfu.textContent())?.replace("%", ""))).toBeGreaterThan(mfuBefore);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("\"Fastest layout\" says plainly when nothing fits (Llama 3.1 405B on 8 GPUs) and leaves the layout alone", async () => {
    const {page, problems} = await home.open({query: "?model=llama3.1-405b&n=8"});
    await page.locator("details summary", {hasText: "Parallel layout"}).click();
    const before = await page.locator(".layout-line").textContent();
    await page.getByTestId("plan-layout").click();
    await expect.poll(() => page.getByTestId("plan-status").textContent(), {timeout: 20_000}).toMatch(/None of the [\d,]+ layouts tried fits in memory on 8 × NVIDIA H100/);
    expect(await page.locator(".layout-line").textContent()).toBe(before);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the layout follows the model: GPT-3 175B starts on pipeline stages that fit, and the address then carries the layout", async () => {
    const {page, problems} = await home.open();
    // The default job starts without a pipeline (the address may already say so: the starting batch, 4.19M, is not the parameter's default 4, and the layout travels with it).
    expect(new URL(page.url()).searchParams.get("pp") ?? "1").toBe("1");
    await page.locator("form", {hasText: "Model"}).locator("select").first().selectOption({label: "GPT-3 175B"});
    await expect.poll(() => page.locator(".layout-line").textContent()).toMatch(/tensor 8 × pipeline ([2-9]|\d\d+) × data/);
    expect(await page.getByTestId("mfu").textContent()).toMatch(/^\d+%$/);
    await expect.poll(() => new URL(page.url()).searchParams.get("tp"), {timeout: 5_000}).toBe("8");
    const params = new URL(page.url()).searchParams;
    for (const key of ["pp", "zero", "recompute", "mb"]) expect(params.has(key)).toBe(true);
    await expect.poll(() => Number(new URL(page.url()).searchParams.get("pp")), {timeout: 5_000}).toBeGreaterThan(1);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("changing the model moves the token slider to that model's published tokens", async () => {
    const {page, problems} = await home.open();
    await page.locator("form", {hasText: "Model"}).locator("select").first().selectOption({label: "DeepSeek-V3 (671B MoE)"});
    await expect.poll(() => page.locator("form", {hasText: "Training tokens"}).locator("input[type=number]").inputValue()).toBe("14800");
    expect(await page.getByTestId("reported").textContent()).toMatch(/2\.66M accelerator-hours/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("says so, visibly, when a figure is missing (TPU v4 publishes no FP32 peak): infeasible, unpriced, with the fix; in BF16 the TPU predicts, and an assumed MFU works", async () => {
    const {page, problems, visit} = await home.open({query: "?gpu=tpu-v4&precision=fp32"});
    expect(await page.getByTestId("infeasible").textContent()).toMatch(/Google TPU v4's datasheet lists no FP32 throughput[\s\S]*choose BF16 mixed precision/);
    expect(await page.locator('[data-feasible="false"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId("usd").count()).toBe(0);
    expect(await page.getByTestId("step-caption").textContent()).toMatch(/cannot be timed/);
    expect(await page.getByTestId("calc-error").count()).toBe(0);
    expect(await page.locator("form", {hasText: "Assumed MFU"}).locator("input[type=range]").isDisabled()).toBe(true);
    await visit("?gpu=tpu-v4");
    expect(await page.getByTestId("calc-error").count()).toBe(0);
    expect(await page.getByTestId("mfu").textContent()).toMatch(/^\d+(\.\d)?%/);
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
    // n=0 becomes one GPU, on which the default 70B cannot run: compute and memory are shown, never a price.
    for (const id of ["flops", "memory"]) expect(await page.getByTestId(id).textContent()).toMatch(/\d/);
    expect(await page.getByTestId("infeasible").isVisible()).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("draws where a step's time goes and cost and days against GPUs, and both change when a slider moves", async () => {
    const {page, problems} = await home.open();
    const step = page.getByTestId("step-chart");
    const cost = page.getByTestId("gpu-count-cost");
    const days = page.getByTestId("gpu-count-days");
    await expect.poll(() => step.locator("g[data-part]").count()).toBeGreaterThan(3);
    expect(await step.locator('g[data-part="compute"]').textContent()).toMatch(/\d.*%/);
    expect(await page.getByTestId("step-caption").textContent()).toMatch(/the headline figures use this prediction/);
    // The curves are drawn once the page has settled on its starting batch (a moment after the step chart).
    await expect.poll(() => cost.locator("circle[data-gpus]").count()).toBeGreaterThan(10);
    // Llama 3.1 70B does not fit on a handful of H100s: those counts are marked, not priced.
    expect(await cost.locator("g[data-infeasible]").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("sweep-caption").textContent()).toMatch(/does not fit in memory at/);
    const usd = (await page.getByTestId("usd").textContent())!;
    expect(await cost.locator("g[data-current]").textContent()).toBe(`you: 4,096 GPUs, ${usd}`);
    const stepBefore = await step.innerHTML();
    const daysBefore = await days.locator("g[data-current]").textContent();
    const count = page.locator("form", {hasText: "Accelerators"}).locator("input[type=number]");
    await count.fill("1024");
    await count.press("Enter");
    await expect.poll(() => page.getByTestId("gpu-count-days").locator("g[data-current]").textContent()).toMatch(/^you: 1,024 GPUs, /);
    expect(await page.getByTestId("gpu-count-days").locator("g[data-current]").textContent()).not.toBe(daysBefore);
    expect(await page.getByTestId("step-chart").innerHTML()).not.toBe(stepBefore);
    expect(await page.getByTestId("gpu-count-cost").locator("g[data-current]").textContent()).toBe(`you: 1,024 GPUs, ${await page.getByTestId("usd").textContent()}`);
    for (const label of ["step time by part", "cost and days against GPU count"]) {
      expect(await page.getByRole("button", {name: `Download ${label} data as CSV`}).count()).toBe(1);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("with an assumed MFU, the step chart says it shows the model's prediction, not the assumption", async () => {
    const {page, problems} = await home.open({query: "?predict=false&mfu=55"});
    expect(await page.getByTestId("step-caption").textContent()).toMatch(/not scaled to your assumption.*your assumed 55% MFU/);
    expect(await page.getByTestId("sweep-caption").textContent()).toMatch(/held at your assumed 55% at every count/);
    expect(await page.getByTestId("step-chart").locator("g[data-part]").count()).toBeGreaterThan(3);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a run that does not fit: the step chart says its bars are hypothetical and the curve marks the reader's count infeasible, unpriced", async () => {
    const {page, problems} = await home.open({query: "?n=1"});
    expect(await page.getByTestId("step-caption").textContent()).toMatch(/^This run cannot go as set \(see why above\), so nothing is priced/);
    for (const id of ["gpu-count-cost", "gpu-count-days"]) {
      expect(await page.getByTestId(id).locator("g[data-current]").textContent()).toBe("you: 1 GPU, infeasible");
    }
    expect(await page.getByTestId("gpu-count-cost").locator("g[data-infeasible='1'] title").textContent()).toMatch(/^1 GPU \(tensor 1 × pipeline 1 × data 1\): does not fit: .* GB per GPU/);
    // The curve keeps the reader's layout, on which no count fits: it says which, and where to change it.
    await expect.poll(() => page.getByTestId("sweep-caption").textContent()).toMatch(/^No count runs with the layout the curve keeps from yours \(tensor 1 × pipeline 1, ZeRO-1, selective recomputation\): change it under “Parallel layout”/);
    expect(await page.getByTestId("gpu-count-cost").textContent()).toContain("Infeasible at every count with this layout");
    // No time or cost for a run that cannot happen: why, and what would make it feasible.
    const verdict = (await page.getByTestId("infeasible").textContent())!;
    expect(verdict).toMatch(/^This run cannot happen, so it is not priced\. Each GPU needs 1,\d{3} GB but the NVIDIA H100 SXM5 80GB has 80 GB/);
    expect(verdict).toMatch(/It needs at least \d+ GPUs/);
    for (const id of ["usd", "days", "gpu-hours"]) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await page.locator(".results").innerText()).not.toMatch(/\$\d/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("at 375 px both charts fit the screen", async () => {
    const {page, problems} = await home.open({width: 375});
    for (const id of ["step-chart", "gpu-count-cost", "gpu-count-days"]) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
