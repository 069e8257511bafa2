import {describe, expect, it} from "vitest";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const levers = usePage("/levers");

describe("cost levers", () => {
  it("renders a computed chart for every lever and no problems", async () => {
    const {page, problems} = await levers.open();
    await expect.poll(() => page.locator("svg[aria-label^='Bar chart: ']").count(), {timeout: 10_000}).toBe(6);
    expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the spot discount slider moves the break-even, and the address round-trips", async () => {
    const {page, problems, reopen} = await levers.open();
    const breakEven = page.getByTestId("spot-break-even");
    expect(await breakEven.textContent()).toBe("150%");
    const input = page.locator("form", {hasText: "Spot discount"}).locator("input[type=number]");
    await input.fill("50");
    await input.press("Enter");
    await expect.poll(() => breakEven.textContent()).toBe("100%");
    await expect.poll(() => new URL(page.url()).searchParams.get("spot"), {timeout: 5_000}).toBe("50");
    const again = await reopen();
    expect(await again.getByTestId("spot-break-even").textContent()).toBe("100%");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("early stopping: stopping earlier raises the fitted loss", async () => {
    const {page} = await levers.open({query: "?stop=25"});
    const full = Number(await page.getByTestId("loss-full").textContent());
    const stopped = Number(await page.getByTestId("loss-stopped").textContent());
    expect(stopped).toBeGreaterThan(full);
  });

  it("Llama 3.1 405B on 8 H100s cannot run: the page says why and how many GPUs it needs, and no bar carries a price", async () => {
    const {page, problems} = await levers.open({query: "?model=llama3.1-405b&n=8"});
    const verdict = (await page.getByTestId("infeasible").textContent())!;
    expect(verdict).toMatch(/^This run cannot happen, so it is not priced\. Each GPU needs [\d,.]+ [GT]B but the NVIDIA H100 SXM5 80GB has 80 GB/);
    expect(verdict).toMatch(/It needs at least \d+ GPUs/);
    // The levers on this job (the MoE and distillation levers compare other models).
    for (const lever of ["Mixed precision", "Early stopping", "Spot instances", "Gradient accumulation"]) {
      expect(await page.locator(`svg[aria-label^='Bar chart: ${lever}']`).textContent()).not.toMatch(/\$\d/);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("marks every bar with the engine's verdict: the bars that cannot run say so, are marked data-feasible=false and carry no price; the prose agrees with the charts", async () => {
    const {page, problems} = await levers.open();
    await expect.poll(() => page.locator("svg[aria-label^='Bar chart: '] [data-feasible]").count(), {timeout: 10_000}).toBeGreaterThan(10);
    const infeasible = page.locator("svg[aria-label^='Bar chart: '] [data-feasible='false']");
    for (const text of await infeasible.allTextContents()) expect(text).not.toMatch(/\$\d/);
    // The MoE prose calls the all-active bar unpriced exactly when its chart shows it unpriced.
    const moeChart = page.locator("svg[aria-label^='Bar chart: Mixture of experts']");
    const allActiveUnpriced = (await moeChart.locator("[data-feasible='false']").count()) > 0;
    expect(/carries no price/.test((await page.getByTestId("moe-words").textContent())!)).toBe(allActiveUnpriced);
    // The accumulation prose names as dearest a bar the chart prices highest.
    const words = (await page.getByTestId("accumulation-words").textContent())!;
    const priced = (await page.locator("svg[aria-label^='Bar chart: Gradient accumulation'] text[data-feasible='true']").allTextContents()).map((t) => Number(t.split("%")[0]));
    if (priced.length >= 2) expect(words).toContain(`(${Math.max(...priced)}%)`);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("405B on 8 H100s: every bar of the job's levers is marked infeasible, none priced", async () => {
    const {page} = await levers.open({query: "?model=llama3.1-405b&n=8"});
    for (const lever of ["Mixed precision", "Early stopping", "Spot instances", "Gradient accumulation"]) {
      const chart = page.locator(`svg[aria-label^='Bar chart: ${lever}']`);
      expect(await chart.locator("[data-feasible='false']").count()).toBeGreaterThan(0);
      expect(await chart.locator("[data-feasible='true']").count()).toBe(0);
    }
    expect(await page.locator("main").innerText()).toMatch(/this job cannot run as set, so neither is priced/);
  });

  it("the token slider follows the model, as on the calculator: GPT-3 175B starts on its 300B tokens; a link's own tokens win", async () => {
    const {page, problems} = await levers.open({query: "?model=gpt3-175b"});
    const tokens = page.locator("form", {hasText: "Tokens (billions)"}).locator("input[type=number]");
    await expect.poll(() => tokens.inputValue()).toBe("300");
    const linked = await levers.open({query: "?model=gpt3-175b&tokens=1000"});
    await expect.poll(() => linked.page.locator("form", {hasText: "Tokens (billions)"}).locator("input[type=number]").inputValue()).toBe("1000");
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
