import {describe, expect, it} from "vitest";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const memory = usePage("/memory");

describe("memory & parallelism planner", () => {
  it("renders the verdict, the stacked chart with four ZeRO bars, and no problems", async () => {
    const {page, problems} = await memory.open();
    await expect.poll(() => page.getByTestId("memory-verdict").textContent()).toMatch(/Fits|Does not fit/);
    expect(await page.locator("svg[aria-label^='Memory per GPU by component'] g[aria-label='bar'] rect").count()).toBe(20);
    expect(await page.locator("main").innerText()).not.toMatch(/NaN|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("explains each way of splitting the model where the introduction first names it", async () => {
    const {page, problems} = await memory.open();
    const intro = page.locator("#observablehq-main p", {hasText: "split the model"}).first();
    for (const term of ["tp", "pp", "ep", "cp", "zero", "dp", "recompute"]) {
      await expect.poll(() => intro.locator(`a.term[data-term=${term}]`).count(), {message: term}).toBe(1);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("changing the ZeRO stage changes the memory per GPU", async () => {
    const {page, problems} = await memory.open();
    const total = page.getByTestId("memory-total");
    const before = await total.textContent();
    await page.locator("form", {hasText: "ZeRO stage"}).locator("select").selectOption("3");
    await expect.poll(() => total.textContent()).not.toBe(before);
    await expect.poll(() => new URL(page.url()).searchParams.get("zero"), {timeout: 5_000}).toBe("3");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("counts plain PyTorch's memory when the address says stack=pytorch, and says what the stack means", async () => {
    const {page, problems} = await memory.open();
    const megatron = await page.getByTestId("memory-total").textContent();
    const other = await memory.open({query: "?stack=pytorch"});
    await expect.poll(() => other.page.getByTestId("memory-total").textContent()).not.toBe(megatron);
    expect(await other.page.locator("form", {hasText: "Software"}).locator("select option:checked").textContent()).toBe("Plain PyTorch");
    expect(await other.page.locator("main").innerText()).toMatch(/gradients freed between steps/);
    expect(problems).toEqual(NO_PROBLEMS);
    expect(other.problems).toEqual(NO_PROBLEMS);
  });

  it("takes recompute=per-op from the address: names torchtitan's per-operation checkpointing under the picker and needs less memory than selective", async () => {
    const bytes = (text: string | null) => {
      const m = /([\d.,]+)\s*([kMGT]?B)/.exec(text ?? "");
      expect(m, text ?? "").not.toBeNull();
      return Number(m![1]!.replace(/,/g, "")) * {B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12}[m![2] as "B" | "kB" | "MB" | "GB" | "TB"];
    };
    const selective = await memory.open({query: "?stack=pytorch&recompute=selective"});
    const perOp = await memory.open({query: "?stack=pytorch&recompute=per-op"});
    await expect.poll(() => perOp.page.getByTestId("memory-verdict").textContent()).toMatch(/Fits|Does not fit/);
    await expect.poll(() => selective.page.getByTestId("memory-verdict").textContent()).toMatch(/Fits|Does not fit/);
    expect(await perOp.page.locator("form", {hasText: "Recompute"}).locator("select option:checked").textContent()).toBe("Per-op (PyTorch)");
    expect(await perOp.page.locator("main").innerText()).toMatch(/Per-op \(PyTorch\): PyTorch's per-operation checkpointing as torchtitan runs it/);
    expect(bytes(await perOp.page.getByTestId("memory-total").textContent())).toBeLessThan(bytes(await selective.page.getByTestId("memory-total").textContent()));
    expect(await perOp.page.getByTestId("url-notice").isHidden()).toBe(true);
    expect(await perOp.page.locator("main").innerText()).not.toMatch(/NaN|undefined|Infinity/);
    expect(perOp.problems).toEqual(NO_PROBLEMS);
    expect(selective.problems).toEqual(NO_PROBLEMS);
  });

  it("per-op on a mixture-of-experts model (not worked out for experts) counts selective recomputation and says so, without errors", async () => {
    const {page, problems} = await memory.open({query: "?model=mixtral-8x7b&stack=pytorch&recompute=per-op"});
    await expect.poll(() => page.getByTestId("memory-verdict").textContent()).toMatch(/Fits|Does not fit/);
    expect(await page.getByTestId("recompute-note").textContent()).toBe("The memory below is for selective recomputation: per-op recomputation is worked out for dense models with standard attention only, and Mixtral 8x7B has experts.");
    expect(await page.locator("main").innerText()).not.toMatch(/NaN|undefined|Infinity|RangeError/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("loads a layout from the address: GPT-3 on 64 A100s without ZeRO does not fit, and says what would", async () => {
    const {page, problems} = await memory.open({query: "?model=gpt3-175b&gpu=a100-sxm4-80gb&tp=8&pp=1&dp=8&zero=0&recompute=none"});
    const verdict = page.getByTestId("memory-verdict");
    await expect.poll(() => verdict.textContent()).toMatch(/Does not fit/);
    expect(await verdict.textContent()).toMatch(/Use ZeRO stage 3/);
    expect(await page.getByTestId("gpu-count").textContent()).toBe("64");
    expect(await page.locator("form", {hasText: "Model"}).locator("select option:checked").first().textContent()).toBe("GPT-3 175B");
    expect(await page.getByTestId("url-notice").isHidden()).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("says when the chip lacks the run's number format: FP8 on a TPU v3 is memory a run could not use", async () => {
    const {page, problems} = await memory.open({query: "?gpu=tpu-v3&precision=fp8"});
    await expect.poll(() => page.getByTestId("memory-verdict").textContent()).toMatch(/Fits|Does not fit/);
    const note = page.getByTestId("precision-note");
    await expect.poll(() => note.textContent()).toMatch(/TPU v3's datasheet lists no FP8 throughput/);
    expect(await note.textContent()).toMatch(/cannot be timed or priced/);
    // No layout is ranked, said in words: no internal id or file name (the planner's own refusal).
    const summary = page.getByTestId("plan-summary");
    await expect.poll(() => summary.textContent()).toMatch(/^No layout is ranked: The Google TPU v3's datasheet lists no FP8/);
    expect(await summary.textContent()).not.toMatch(/tpu-v3|gpus\.csv/);
    expect(await page.locator("h2", {hasText: "Layouts that fit"}).textContent()).toMatch(/on these 1,024 TPU chips/);
    expect(await page.locator("main").innerText()).not.toMatch(/NaN|undefined|Infinity/);
    const usual = await memory.open();
    await expect.poll(() => usual.page.getByTestId("memory-verdict").textContent()).toMatch(/Fits|Does not fit/);
    expect(await usual.page.getByTestId("precision-note").count()).toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
    expect(usual.problems).toEqual(NO_PROBLEMS);
  });

  it("heads the ranked layouts' memory per TPU chip on a TPU, not per GPU", async () => {
    const {page, problems} = await memory.open({query: "?gpu=tpu-v5p"});
    const head = page.getByTestId("plan-table").locator("thead");
    await expect.poll(() => page.getByTestId("plan-table").locator("tbody tr").count(), {timeout: 10_000}).toBeGreaterThanOrEqual(1);
    expect(await head.textContent()).toMatch(/Memory per TPU chip/);
    expect(await head.textContent()).not.toMatch(/GPU/);
    expect(await page.locator("svg[aria-label^='Memory per TPU chip by component']").count()).toBe(1);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("ranks layouts with the planner; selecting one loads it into the controls and the address", async () => {
    const {page, problems} = await memory.open();
    const rows = page.getByTestId("plan-table").locator("tbody tr");
    await expect.poll(() => rows.count(), {timeout: 10_000}).toBeGreaterThanOrEqual(3);
    const layout = (await rows.nth(2).locator("td").nth(2).textContent())!;
    // The degrees in words (tensor, pipeline, data), and memory headed per GPU.
    const [, tp, pp, dp] = /^(\d+) × (\d+) × (\d{1,3}(?:,\d{3})*)/.exec(layout)!;
    expect(await page.getByTestId("plan-table").locator("thead").textContent()).toMatch(/Tensor × pipeline × data[\s\S]*Memory per GPU/);
    expect(await rows.nth(2).locator("input[type=radio]").getAttribute("aria-label")).toMatch(new RegExp(`^Load layout 3: tensor ${tp} × pipeline ${pp} × data ${dp}(?![\\d,])`));
    await rows.nth(2).locator("input[type=radio]").check();
    const fromUrl = () => {
      const q = new URL(page.url()).searchParams;
      return `${q.get("tp") ?? "8"} ${q.get("pp") ?? "4"}`;
    };
    await expect.poll(fromUrl, {timeout: 5_000}).toBe(`${tp} ${pp}`);
    expect(await page.locator("form", {hasText: "Pipeline parallel"}).locator("input[type=number]").inputValue()).toBe(pp);
    expect(await page.locator("form", {hasText: "Data parallel"}).locator("input[type=number]").inputValue()).toBe(dp!.replace(/,/g, ""));
    expect(await page.getByTestId("memory-verdict").textContent()).toMatch(/Fits/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("clamps a hostile address and says so, without NaN", async () => {
    const {page, problems} = await memory.open({query: "?dp=-4&mb=banana&model=%3Cscript%3E"});
    const notice = page.getByTestId("url-notice");
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/dp/);
    expect(await page.locator("main").innerText()).not.toMatch(/NaN|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
