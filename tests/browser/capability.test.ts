import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {DIST} from "./harness.js";
import {download, expectDefaultRowsFromArrowMatchDuckDb, expectNoBadNumbers, expectUrlParam} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const capability = usePage("/capability");
/** A data file as the site serves it (dist/_file/data/<name>.<hash>.json). */
const builtJson = (name: string) => {
  const dir = join(DIST, "_file", "data");
  return JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f))!), "utf8"));
};
const dots = (page: import("playwright-core").Page) => page.locator("[data-testid=capability-chart] svg circle").count();

describe("capability page (what does capability cost?)", () => {
  it("renders every MMLU score against compute, the frontier, the fitted gain, the SQL rows and no problems", async () => {
    const {page, problems} = await capability.open();
    // data/benchmarks.csv: 7 (Llama 2 paper) + 5 (Llama 3 card) + 5 (Llama 3.1 card) + 3 (DeepSeek-V3 README) + 4 (Mixtral
    // paper: Llama 2 7B/13B/70B, LLaMA 33B) + 1 (MMLU paper: GPT-3) + 7 (EleutherAI's Pythia evaluations) MMLU rows of
    // models with published tokens; Mistral 7B and Mixtral have none
    expect(await page.getByTestId("capability-count").textContent()).toBe("32");
    expect(await dots(page)).toBe(32);
    expect(await page.getByTestId("gain-per-decade").textContent()).toMatch(/^\d+(\.\d+)? points per 10× compute$/);
    await expect.poll(() => page.locator(".sql-result table tbody tr").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(20);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("shows the default query's rows from the Arrow files without loading DuckDB, and DuckDB returns exactly those rows", async () => {
    const opened = await capability.open();
    await expectDefaultRowsFromArrowMatchDuckDb(opened, 20);
    expect(opened.problems).toEqual(NO_PROBLEMS);
  });

  it("a benchmark filter changes the chart and the address: GSM8K has the DeepSeek-V3 README's 3 and the Mixtral paper's 4 Llama scores", async () => {
    const {page, problems, reload} = await capability.open();
    await page.locator("form", {hasText: "Benchmark"}).locator("select").first().selectOption({label: "GSM8K"});
    await expect.poll(() => page.getByTestId("capability-count").textContent()).toBe("7");
    expect(await dots(page)).toBe(7);
    await expectUrlParam(page, "bench", "gsm8k");
    await reload();
    expect(await page.getByTestId("capability-count").textContent()).toBe("7");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the setting filter keeps one evaluator: DeepSeek-AI's 25-shot ARC-Challenge scores only", async () => {
    const {page} = await capability.open({query: "?bench=arc-challenge"});
    const before = Number(await page.getByTestId("capability-count").textContent());
    await page.locator("form", {hasText: "Evaluation setting"}).locator("select").selectOption({label: "DeepSeek-AI, 25-shot"});
    await expect.poll(() => page.getByTestId("capability-count").textContent()).toBe("3");
    expect(before).toBeGreaterThan(3);
  });

  it("the estimated-cost axis prices only the runs the engine can estimate: LLaMA 65B, DeepSeek-V3, Llama 3.1 405B (twice) and seven Pythia models on MMLU", async () => {
    const {page, problems} = await capability.open({query: "?axis=usd"});
    expect(await page.getByTestId("capability-count").textContent()).toBe("11");
    expect(await dots(page)).toBe(11);
    const costs = page.getByTestId("capability-costs");
    // One row per model; priced rows carry the engine's cost, the others say why and show no engine dollar figure
    // (the published GPU-hours × price stays beside it, outside the cell marked data-feasible).
    expect(await costs.locator("tbody td[data-feasible=true]").count()).toBe(10);
    for (const id of ["llama-65b", "deepseek-v3", "llama3.1-405b", "pythia-70m", "pythia-12b"]) expect(await costs.locator(`tr[data-model="${id}"] [data-testid=engine-cost]`).textContent()).toMatch(/^\$\d/);
    const unpriced = costs.locator("tbody tr:has(td[data-feasible=false])");
    expect(await unpriced.count()).toBeGreaterThan(5);
    for (const row of await unpriced.all()) {
      expect(await row.getByTestId("no-estimate").textContent()).toMatch(/^No estimate: .*(lacks|refuses|no published)/);
      expect(await row.locator("td").nth(3).textContent()).toBe("—");
    }
    expect(await costs.locator('tr[data-model="llama3.1-405b"] td').nth(2).textContent()).toMatch(/^published: tensor 8 × pipeline 16 × data 128(?!,?\d)/);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("prices a run as the calculator does: the engine's whole-run GPU-hours times the same unattributed overhead, said in words", async () => {
    const {page, problems} = await capability.open({query: "?axis=usd&price=2"});
    const overhead: number = builtJson("run_track_record").correction.unattributedOverhead;
    const raw: number = builtJson("run_estimates").rows.find((r: {id: string}) => r.id === "llama-3-1-405b").predictedGpuHours;
    const cell = page.locator('[data-testid=capability-costs] tr[data-model="llama3.1-405b"] td[data-feasible=true]');
    // "$70.3M (35,100,000 h)": the engine's GPU-hours in brackets, three significant figures.
    const hours = Number(/\(([\d,.]+) h\)/.exec((await cell.textContent())!)![1]!.replace(/,/g, ""));
    expect(Math.abs(hours / (raw * overhead) - 1)).toBeLessThan(0.006);
    expect(hours / raw).toBeGreaterThan(1.05);
    expect(await page.locator("main").innerText()).toMatch(new RegExp(`multiplied by the unattributed overhead, ${overhead.toPrecision(3)}×`));
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the price moves the engine's cost in proportion: $7 per GPU-hour doubles the $3.50 figure", async () => {
    const {page} = await capability.open({query: "?axis=usd&price=3.5"});
    const cell = page.locator('[data-testid=capability-costs] tr[data-model="llama3.1-405b"] [data-testid=engine-cost]');
    const at = (text: string | null): number => Number(/\$([\d.]+)M/.exec(text ?? "")?.[1]);
    const before = at(await cell.textContent());
    const slider = page.locator("form", {hasText: "US$ per GPU-hour"}).locator("input[type=number]");
    await slider.fill("7");
    await slider.press("Enter");
    await expect.poll(async () => at(await cell.textContent())).toBeCloseTo(before * 2, -1);
  });

  it("the published-hours axis prices the reported GPU-hours and leaves out runs without them", async () => {
    const {page, problems} = await capability.open({query: "?axis=usd-published"});
    const n = Number(await page.getByTestId("capability-count").textContent());
    expect(n).toBeGreaterThan(4);
    expect(n).toBeLessThan(32);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a hostile address is refused with a visible notice", async () => {
    const {page, problems} = await capability.open({query: "?bench=%3Cimg%20src%3Dx%3E&price=-3"});
    expect(await page.getByTestId("url-notice").isVisible()).toBe(true);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.getByTestId("capability-count").textContent()).toBe("32");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("downloads the chart's rows as CSV", async () => {
    const {page} = await capability.open();
    const csv = await download(page, "CSV");
    expect(csv.name).toBe("capability-mmlu-flops.csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^model_id,model,benchmark,score_percent/);
    expect(lines).toHaveLength(33);
  });
});
