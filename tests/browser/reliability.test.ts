import {describe, expect, it} from "vitest";
import {download, expectNoBadNumbers, expectUrlParam, setRange} from "./pageChecks.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const reliability = usePage("/reliability");

describe("reliability page", () => {
  it("reproduces Llama 3's interruption count at its own scale and shows Table 5 and the other runs", async () => {
    const {page, problems} = await reliability.open();
    // Per-GPU MTBF 5.8 years (Llama 3: 419 / (16,384 × 54 × 24 GPU-h), rounded) → 16,384 GPUs × 54 days ≈ 418 ≈ 420.
    expect(await page.getByTestId("interruptions").textContent()).toBe("420 interruptions");
    expect(await page.getByTestId("job-mtbf").textContent()).toBe("3.1 h");
    // Daly with δ = 40 s and M = 3.10 h: 15.3 min; restart 10 min → 86.2% effective.
    expect(await page.getByTestId("daly-interval").textContent()).toBe("15.3 min");
    expect(await page.getByTestId("effective-ratio").textContent()).toBe("86.2%");
    // The root-cause chart reads the Arrow file, so it may arrive after the other cells.
    await expect.poll(() => page.locator("svg[aria-label='Llama 3 405B unexpected interruptions by root cause'] rect").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(18);
    await expect.poll(() => page.locator("table tbody tr").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(10);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("explains MTBF where the reader first meets it, before the slider that sets it, and links the glossary", async () => {
    const {page, problems} = await reliability.open();
    const mtbf = page.locator("#observablehq-main a.term[data-term=mtbf]");
    await expect.poll(() => mtbf.count()).toBe(1);
    expect(await mtbf.getAttribute("href")).toMatch(/glossary#mtbf$/);
    expect(await mtbf.locator("xpath=..").innerText()).toMatch(/the per-GPU MTBF \(mean time between failures\) set below/);
    const slider = page.locator("form", {hasText: "Per-GPU MTBF (years)"});
    expect((await mtbf.boundingBox())!.y).toBeLessThan((await slider.boundingBox())!.y);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("on a phone, the other runs' tables break no word in the middle of its letters", async () => {
    const {page, problems} = await reliability.open({width: 375});
    const cells = page.locator(".reported-runs th, .reported-runs td:not(:last-child)");
    await expect.poll(() => cells.count(), {timeout: 20_000}).toBeGreaterThan(20);
    // Each word's text range draws as one box; a word broken across lines draws two.
    const broken = await cells.evaluateAll((nodes) => nodes.flatMap((cell) => {
      const text = cell.firstChild;
      if (!text || text.nodeType !== 3) return [];
      const out: string[] = [];
      // Words, split after a hyphen, where a line may break ("5-|10 h").
      for (const m of (text.textContent ?? "").matchAll(/[^\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        if (range.getClientRects().length > 1) out.push(m[0]);
      }
      return out;
    }));
    expect(broken).toEqual([]);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a smaller cluster breaks less often and trains a larger share of the time; the address round-trips", async () => {
    const {page, problems, reload} = await reliability.open();
    await setRange(page, "GPUs", 1024);
    await expect.poll(() => page.getByTestId("interruptions").textContent()).toBe("26 interruptions");
    expect(await page.getByTestId("effective-ratio").textContent()).toBe("97.5%");
    await expectUrlParam(page, "gpus", "1024");
    await reload();
    expect(await page.getByTestId("interruptions").textContent()).toBe("26 interruptions");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("clamps hostile parameters with a notice and never shows NaN", async () => {
    const {page, problems} = await reliability.open({query: "?gpus=0&days=-3&gpuMtbfYears=0&checkpointSeconds=1e400&restartMinutes=%3Cscript%3Ealert(1)%3C/script%3E"});
    expect(await page.getByTestId("url-notice").isVisible()).toBe(true);
    expect(await page.getByTestId("interruptions").textContent()).toMatch(/^[\d,.]+ interruptions$/);
    await expectNoBadNumbers(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("downloads the root causes", async () => {
    const {page} = await reliability.open();
    await expect.poll(() => page.locator("svg[aria-label='Llama 3 405B unexpected interruptions by root cause'] rect").count(), {timeout: 20_000}).toBeGreaterThanOrEqual(18);
    const json = await download(page, "JSON", 0);
    const rows = JSON.parse(json.text) as {component: string; count: number}[];
    expect(rows).toHaveLength(18);
    expect(rows[0]).toMatchObject({component: "Faulty GPU", count: 148});
  });
});
