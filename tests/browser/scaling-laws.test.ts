import {describe, expect, it} from "vitest";
import {download, expectNoBadNumbers, expectUrlParam, setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const scalingLaws = usePage("/scaling-laws");

describe("scaling laws page", () => {
  it("shows the engine's compute-optimal split, charts and the constants table with no problems", async () => {
    const {page, problems} = await scalingLaws.open();
    // Chinchilla Approach 3 (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) at 10^23.75 FLOP:
    // N_opt = G·(C/6)^(β/(α+β)) ≈ 31.8B, D_opt ≈ 2.94T, loss ≈ 1.932.
    expect(await page.getByTestId("opt-params").textContent()).toBe("32B parameters");
    expect(await page.getByTestId("opt-tokens").textContent()).toBe("2,900B tokens");
    expect(await page.getByTestId("opt-loss").textContent()).toBe("1.932 nats/token");
    // Half-size model at the same loss: 1.21× the training compute.
    expect(await page.getByTestId("training-ratio").textContent()).toBe("1.21×");
    // At Gopher's 5.76e23 FLOP: Approach 3 as printed → 93 tokens/parameter; Epoch's refit → 18.
    expect(await page.getByTestId("ratio-a3").textContent()).toBe("93");
    expect(await page.getByTestId("ratio-epoch").textContent()).toBe("18");
    // Muennighoff Eq. 5: 4 epochs of 100B unique tokens are worth ≈ 373B fresh tokens.
    expect(await page.getByTestId("effective-tokens").textContent()).toBe("373B");
    await expect.poll(() => page.locator("table tbody tr").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(20);
    expect(await page.locator("svg").count()).toBeGreaterThanOrEqual(6);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a budget move recomputes the optimum and the address round-trips", async () => {
    const {page, problems, reload} = await scalingLaws.open();
    await setRange(page, "Compute budget", 22);
    await expect.poll(() => page.getByTestId("opt-params").textContent()).toBe("5.2B parameters");
    await page.locator("form", {hasText: "Parametric fit"}).locator("select").selectOption({index: 1});
    await expectUrlParam(page, "fit", "epoch-2024-replication");
    await expectUrlParam(page, "log10Flops", "22");
    const after = await page.getByTestId("opt-params").textContent();
    expect(after).not.toBe("5.2B parameters");
    await reload();
    expect(await page.getByTestId("opt-params").textContent()).toBe(after);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("clamps a hostile address and keeps every number finite", async () => {
    const {page, problems} = await scalingLaws.open({query: "?log10Flops=1e308&smallPercent=-1&epochs=Infinity&fit=javascript:alert(1)&log10InferenceTokens="});
    expect(await page.getByTestId("url-notice").isVisible()).toBe(true);
    expect(await page.getByTestId("budget").textContent()).toBe("1 × 10²⁷ FLOP");
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("downloads the frontier rows", async () => {
    const {page} = await scalingLaws.open();
    const csv = await download(page, "CSV", 1);
    expect(csv.name).toBe("compute-optimal-frontier.csv");
    expect(csv.text.split("\r\n")[0]).toBe("fit,flops,params,tokens,tokensPerParam");
    expect(csv.text).toContain("Kaplan 2020");
  });
});
