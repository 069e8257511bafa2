// Checks shared by the analysis pages' browser tests (scaling laws, prices, data curation,
// reliability, template): no NaN on screen, URL round-trips, downloads carry rows.
import {readFile} from "node:fs/promises";
import type {Page} from "playwright-core";
import {expect} from "vitest";

/**
 * Visible text that would mean a computation leaked a non-number to the reader. The URL notice
 * (which quotes what the reader typed) and echoed source code are left out.
 */
export async function expectNoBadNumbers(page: Page): Promise<void> {
  const text = await page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll(".url-notice, pre, textarea")) el.remove();
    return copy.textContent ?? "";
  });
  expect(text).not.toMatch(BAD_NUMBER);
}

/**
 * A non-number leaked to the reader: NaN, undefined, Infinity, an object printed as text, or a
 * lone "?" standing where a value belongs ("A100 (? GB)": a placeholder, not words). AMD's
 * "Infinity Fabric" is a product name, not a bad number; a "?" that ends a question is not alone.
 * "null" is not looked for: the source quotes under the price charts cite rows that hold it.
 */
export const BAD_NUMBER = /\bNaN\b|\bundefined\b|\bInfinity\b(?! Fabric)|\[object Object\]|(?<![^\s([])\?(?![^\s)\]])/;

/** Sets an Inputs.range (or number) input by its label text and waits for the page to react. */
export async function setRange(page: Page, label: string, value: number | string): Promise<void> {
  const input = page.locator("form", {hasText: label}).locator("input[type=number]").first();
  await input.fill(String(value));
  await input.press("Enter");
}

/** Waits until the debounced URL writer has put `key=value` in the address. */
export async function expectUrlParam(page: Page, key: string, value: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).searchParams.get(key), {timeout: 5_000}).toBe(value);
}

/** Clicks a downloadControl button and returns the file's name and text. */
/** The SQL box's result as CSV text, from the box's own download control. */
async function sqlResultCsv(page: Page): Promise<string> {
  const button = page.locator(".sql-box .download-control button[data-format=csv]");
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return readFile(await file.path(), "utf8");
}

/**
 * A SQL box on its default query (sqlBox.ts `defaultRows`): after a reload, its first rows come
 * from the Arrow files with no request for DuckDB-WASM's wasm (its worker's requests included);
 * pressing Run query then starts DuckDB, which must return exactly the same CSV.
 */
export async function expectDefaultRowsFromArrowMatchDuckDb(opened: {page: Page; reload(): Promise<void>}, minRows: number): Promise<void> {
  const {page} = opened;
  const wasm: string[] = [];
  page.on("request", (request) => {
    if (/duckdb[^/]*\.wasm$/.test(new URL(request.url()).pathname)) wasm.push(request.url());
  });
  await opened.reload();
  const status = page.getByTestId("sql-status");
  await expect.poll(() => status.getAttribute("data-source"), {timeout: 20_000}).toBe("arrow");
  expect(wasm).toEqual([]);
  const fromArrow = await sqlResultCsv(page);
  expect(fromArrow.trim().split("\r\n").length - 1).toBeGreaterThanOrEqual(minRows);
  await page.getByRole("button", {name: "Run query"}).click();
  await expect.poll(() => status.getAttribute("data-source"), {timeout: 30_000}).toBe("duckdb");
  expect(wasm.length).toBeGreaterThan(0);
  expect(await sqlResultCsv(page)).toBe(fromArrow);
}

export async function download(page: Page, format: "CSV" | "JSON", nth = 0): Promise<{name: string; text: string}> {
  const button = page.locator(`.download-control button[data-format=${format.toLowerCase()}]`).nth(nth);
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await file.path();
  return {name: file.suggestedFilename(), text: await readFile(path, "utf8")};
}
