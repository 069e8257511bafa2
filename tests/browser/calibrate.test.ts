// "Calibrate to your cluster": paste or drop measured steps, see the fit, carry the calibration
// to the calculator, memory and levers pages; bad files and bad addresses change nothing.
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {NO_PROBLEMS, usePage} from "./usePage.js";
import {CALIBRATION_COLUMNS} from "../../src/tables/calibrationSteps.js";
import {encodeCalibration, parseCalibration} from "../../src/engine/calibration/calibration.js";

const ROOT = join(import.meta.dirname, "..", "..");
const calibrate = usePage("/calibrate");
const DATA = join(ROOT, "dist", "_file", "data");
/** The example file as the built site serves it (its name carries a content hash). */
const example = (): string => readFileSync(join(DATA, readdirSync(DATA).find((f) => /^calibration-example\.[0-9a-f]+\.csv$/.test(f))!), "utf8");
const noBadText = async (page: Page) => expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|Infinity|\[object/);

/** Drops `text` as a file named `name` on the page's CSV box, as a reader's drag and drop does. */
async function drop(page: Page, text: string, name: string): Promise<void> {
  const transfer = await page.evaluateHandle(([t, n]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t as string], n as string, {type: "text/csv"}));
    return dt;
  }, [text, name]);
  await page.getByTestId("csv-drop").dispatchEvent("drop", {dataTransfer: transfer});
}

describe("calibrate to your cluster", () => {
  it("renders the format, the template and example buttons, and an empty fit, with no problems", async () => {
    const {page, problems} = await calibrate.open();
    expect(await page.getByTestId("fit-empty").isVisible()).toBe(true);
    expect(await page.getByTestId("format-table").locator("tbody tr").count()).toBe(32);
    expect(await page.getByTestId("format-table").innerText()).toMatch(/step_seconds\s+s\s+required/);
    for (const id of ["template-download", "example-load", "example-download"]) expect(await page.getByTestId(id).isVisible()).toBe(true);
    await noBadText(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("on a phone, every column's meaning in the format table is on screen, under its name", async () => {
    const {page, problems} = await calibrate.open({width: 375});
    const table = page.getByTestId("format-table");
    const viewport = page.viewportSize()!.width;
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(32);
    for (const i of [0, 9, 31]) {
      const [name, meaning] = [rows.nth(i).locator("td").first(), rows.nth(i).locator("td").nth(3)];
      const box = (await meaning.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport);
      expect(box.y).toBeGreaterThan((await name.boundingBox())!.y);
      expect((await meaning.innerText()).length).toBeGreaterThan(5);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("reproduces the engine's H100 fp32 constant live from the project's measurements", async () => {
    const {page, problems} = await calibrate.open();
    const text = await page.getByTestId("self-check").textContent();
    const m = /The (\d+) GPU-bound GPT-2 fp32 steps give a matmul efficiency of ([\d.]+); the engine's built-in H100 fp32 constant is ([\d.]+),/.exec(text ?? "");
    expect(m, text ?? "").not.toBeNull();
    expect(Number(m![1])).toBe(23);
    expect(Math.abs(Number(m![2]) - Number(m![3]))).toBeLessThan(0.005);
    expect(text).toMatch(/every row runs on one GPU/);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("downloads the template, the example and the fitted calibration as files that read back", async () => {
    const {page, problems} = await calibrate.open();
    const saved = async (testid: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
      const path = await download.path();
      return {name: download.suggestedFilename(), text: readFileSync(path!, "utf8")};
    };
    const template = await saved("template-download");
    expect(template.name).toBe("calibration-template.csv");
    expect(template.text.trim().split(",")).toEqual(CALIBRATION_COLUMNS);
    const exampleFile = await saved("example-download");
    expect(exampleFile.text).toBe(example());
    await page.getByTestId("example-load").click();
    await expect.poll(() => page.getByTestId("calibration-download").count(), {timeout: 20_000}).toBe(1);
    // The fit is drawn above the button once its chart module has loaded, and pushes the button down
    // by its height; if that lands between Playwright's aim and its click, the click misses. The
    // likely cause of the one time this test waited 30 s for this download, under the full suite (not
    // reproduced: with the module delayed 1.5 s the click came before the fit and downloaded). Click
    // once the fit is there.
    await expect.poll(() => page.getByTestId("fit-group").count(), {timeout: 20_000}).toBe(2);
    const json = await saved("calibration-download");
    expect(json.name).toBe("calibration.json");
    const cal = parseCalibration(JSON.parse(json.text));
    expect(encodeCalibration(cal)).toBe(new URL(page.url()).searchParams.get("cal"));
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a dropped file is fitted: measured vs predicted per row, residuals, which factors were pinned down, and the address carries it", async () => {
    const {page, problems} = await calibrate.open();
    await drop(page, example(), "h100-steps.csv");
    await expect.poll(() => page.getByTestId("fit-group").count(), {timeout: 20_000}).toBe(2);
    expect(await page.getByTestId("csv-ok").textContent()).toMatch(/^Read 80 measured steps from h100-steps\.csv\.$/);
    const groups = page.getByTestId("fit-group");
    expect(await groups.nth(0).locator("h3").textContent()).toBe("h100-sxm5-80gb, BF16, stack pytorch: 26 rows");
    const factors = await groups.nth(0).getByTestId("factor-table").innerText();
    expect(factors).toMatch(/matmul efficiency\s+0\.553\s+0\.50\d? ± \d/);
    expect(factors).toMatch(/communication efficiency\s+0\.822\s+—\s+no: every row runs on one GPU/);
    expect(await groups.nth(0).getByTestId("residual-table").locator("tbody tr").count()).toBeGreaterThan(5);
    expect(await groups.nth(0).locator("svg[aria-label^='Log-log scatter plot of predicted against measured']").count()).toBe(1);
    const cal = new URL(page.url()).searchParams.get("cal");
    expect(cal).toMatch(/^h100-sxm5-80gb_pytorch_bf16_0\.50\d*_1\.86\d*_-\*h100-sxm5-80gb_pytorch_fp32_0\.66\d*_-_-$/);
    await page.screenshot({path: "/tmp/shots/calibrate-fit.png", fullPage: true});
    await noBadText(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a bad pasted file is refused at its line and column and changes nothing", async () => {
    const {page, problems} = await calibrate.open();
    await page.getByTestId("example-load").click();
    await expect.poll(() => page.getByTestId("fit-group").count(), {timeout: 20_000}).toBe(2);
    const before = new URL(page.url()).searchParams.get("cal");
    const bad = example().replace(",h100-sxm5-80gb,", ",h900,");
    await page.getByTestId("csv-drop").locator("textarea").fill(bad);
    await expect.poll(() => page.getByTestId("csv-error").count()).toBe(1);
    expect(await page.getByTestId("csv-error").innerText()).toMatch(/pasted text:2:\d+: column "gpu_id": expected a known gpus id, found unknown "h900"[\s\S]*Nothing was changed: the calibration below is still the one read from calibration-example\.csv\./);
    expect(await page.getByTestId("fit-group").count()).toBe(2);
    expect(new URL(page.url()).searchParams.get("cal")).toBe(before);
    await noBadText(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the calculator's number moves when the calibration is applied, and says so", async () => {
    const {page, problems} = await calibrate.open();
    await drop(page, example(), "h100-steps.csv");
    await expect.poll(() => page.getByTestId("use-calculator").count(), {timeout: 20_000}).toBe(1);
    // The fit's chart code (Plot, d3) loads on demand once there is a fit; a reader sees the fit before
    // following a link. Leaving mid-import would abort that request and be counted as a failed one.
    await expect.poll(() => page.getByTestId("fit-group").count(), {timeout: 20_000}).toBeGreaterThan(0);
    const href = await page.getByTestId("use-calculator").getAttribute("href");
    const cal = new URL(page.url()).searchParams.get("cal")!;
    expect(href).toBe(`./?stack=pytorch&cal=${cal}`);
    // The same settings without the calibration: the example's rows ran on eager PyTorch.
    await page.goto(new URL("/?stack=pytorch", page.url()).href);
    await expect.poll(() => page.getByTestId("mfu").count(), {timeout: 20_000}).toBe(1);
    const plainMfu = await page.getByTestId("mfu").textContent();
    const plainDays = await page.getByTestId("days").textContent();
    expect(await page.getByTestId("calibration-note").isHidden()).toBe(true);
    await page.goto(new URL(href!, page.url()).href);
    await expect.poll(() => page.getByTestId("calibration-note").getAttribute("data-applied"), {timeout: 20_000}).toBe("true");
    expect(await page.getByTestId("calibration-note").textContent()).toMatch(/^Using your calibration for NVIDIA H100[^:]* in BF16 \(pytorch\): matmul efficiency 0\.50, memory-bound overhead 1\.9×; the engine’s constants for the rest\./);
    expect(await page.getByTestId("mfu").textContent()).not.toBe(plainMfu);
    expect(await page.getByTestId("days").textContent()).not.toBe(plainDays);
    // The calculator's link to the memory page carries the calibration on.
    const memoryLink = await page.locator("main a[href^='./memory?']").first().getAttribute("href");
    expect(new URLSearchParams(memoryLink!.split("?")[1]).get("cal")).toBe(cal);
    // Moving a control keeps the calibration in the address.
    const count = page.locator("form", {hasText: "Accelerators"}).locator("input[type=number]");
    await count.fill("2048");
    await count.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("n"), {timeout: 5_000}).toBe("2048");
    expect(new URL(page.url()).searchParams.get("cal")).toBe(cal);
    await noBadText(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("the memory planner and the levers say when they use the calibration, and when it does not cover the accelerator", async () => {
    const {page, problems} = await calibrate.open();
    const cal = "h100-sxm5-80gb__bf16_0.4_2_0.5";
    await page.goto(new URL(`/memory?cal=${cal}`, page.url()).href);
    await expect.poll(() => page.getByTestId("calibration-note").getAttribute("data-applied"), {timeout: 20_000}).toBe("true");
    await page.goto(new URL(`/levers?cal=${cal}`, page.url()).href);
    await expect.poll(() => page.getByTestId("calibration-note").getAttribute("data-applied"), {timeout: 20_000}).toBe("true");
    await page.goto(new URL(`/?cal=${cal}&gpu=a100-sxm4-80gb`, page.url()).href);
    await expect.poll(() => page.getByTestId("calibration-note").textContent(), {timeout: 20_000}).toMatch(/^Your calibration covers h100-sxm5-80gb BF16, not NVIDIA A100[^,]* in bf16-master-fp32: the engine’s own constants are used\./);
    expect(await page.getByTestId("url-notice").isHidden()).toBe(true);
    // A calibration measured on eager PyTorch does not apply to a Megatron prediction, and says so.
    await page.goto(new URL("/?cal=h100-sxm5-80gb_pytorch_bf16_0.4_2_0.5", page.url()).href);
    await expect.poll(() => page.getByTestId("calibration-note").textContent(), {timeout: 20_000}).toMatch(/^Your calibration for NVIDIA H100[^:]* in BF16 was measured on pytorch, not megatron: choose that software to use it\./);
    expect(await page.getByTestId("calibration-note").getAttribute("data-applied")).toBe("false");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a hostile calibration in the address is reported and ignored on every page", async () => {
    const {page, problems} = await calibrate.open({query: "?cal=%3Cimg%20src%3Dx%3E_1_2"});
    expect(await page.getByTestId("address-problem").textContent()).toMatch(/could not be used: invalid calibration: entry 1 has 3 fields/);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.getByTestId("fit-empty").isVisible()).toBe(true);
    await page.goto(new URL("/?cal=h100-sxm5-80gb__bf16_7_-_-", page.url()).href);
    await expect.poll(() => page.getByTestId("calibration-note").textContent(), {timeout: 20_000}).toMatch(/could not be used: invalid calibration: entries\.0\.matmulEfficiency: expected a fraction in \(0, 1\]\. The engine’s own constants are used\./);
    expect(await page.getByTestId("calibration-note").getAttribute("data-applied")).toBe("false");
    await noBadText(page);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("a calibration from the address alone shows its factors and links on", async () => {
    const {page, problems} = await calibrate.open({query: "?cal=h100-sxm5-80gb__bf16_0.4_2_-"});
    expect(await page.getByTestId("fit-from-address").isVisible()).toBe(true);
    expect(await page.getByTestId("address-entries").textContent()).toBe("h100-sxm5-80gb, bf16: matmul efficiency 0.40, memory-bound overhead 2.0×");
    expect(await page.getByTestId("use-calculator").getAttribute("href")).toBe("./?cal=h100-sxm5-80gb__bf16_0.4_2_-");
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
