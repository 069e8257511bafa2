// Shared browser-test harness: serves dist/ on 127.0.0.1, drives Debian's Chromium through
// playwright-core, and records every console error, failed request and off-host request.
// Test files set up through usePage.ts (`const x = usePage("/path")`), which builds on this file.
import type {Server} from "node:http";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium} from "playwright-core";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {serveStatic} from "../../scripts/serve.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST = join(REPO_ROOT, "dist");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags from the workplace notes: no GPU, no sandbox (root), no background network chatter. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"
];

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  offHostRequests: string[];
}

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Serves `root` (dist/ unless given: bench/profile.ts --dist profiles another build) and starts Chromium. */
export async function openSite(root: string = DIST): Promise<Site> {
  if (!existsSync(join(root, "index.html"))) throw new Error(`${root === DIST ? "dist/" : root} is missing: run \`npm run build\` first (npm test does)`);
  const {server, url} = await serveStatic(root);
  const browser = await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((r) => (server as Server).close(() => r()));
    }
  };
}

/**
 * Opens a fresh page that records problems. A fetch cancelled by its reader after a 200 (Arrow
 * readers stop at the end-of-stream marker; docs/offline-build.md pitfall 6) is not a failure.
 */
export async function newPage(site: Site, options: {width?: number; height?: number} = {}): Promise<{page: Page; context: BrowserContext; problems: PageProblems}> {
  const context = await site.browser.newContext({viewport: {width: options.width ?? 1280, height: options.height ?? 900}});
  const page = await context.newPage();
  const problems: PageProblems = {consoleErrors: [], failedRequests: [], offHostRequests: []};
  const okResponses = new Set<string>();
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.consoleErrors.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const u = new URL(request.url());
    if (u.protocol === "data:" || u.protocol === "blob:") return;
    if (u.hostname !== "127.0.0.1") problems.offHostRequests.push(request.url());
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.status()} ${response.url()}`);
    else okResponses.add(response.url());
  });
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "failed";
    if (failure === "net::ERR_ABORTED" && okResponses.has(request.url())) return;
    problems.failedRequests.push(`${failure} ${request.url()}`);
  });
  return {page, context, problems};
}

/** How long the page must go without a DOM change for settle() to call it drawn. */
export const SETTLE_QUIET_MS = 150;

/**
 * Waits until the network is idle (500 ms without a request: Playwright's networkidle) and then
 * until the page's DOM has not changed for SETTLE_QUIET_MS (a MutationObserver on the document, up
 * to `maxQuietWaitMs`, 20 s unless given). The DOM wait is what catches cells that draw after the
 * network is done — a chart that waits for the first paint (afterPaint), a cell that re-runs when
 * `width` arrives. Before 2026-12-02 the second wait looked for `.observablehq--running` and
 * `.observablehq--loading`, classes that Framework 1.13's cells never carry (its client resets
 * errors on `pending`, nothing more), so settle() was the network wait alone and a test that polled
 * for such a chart with vitest's 1 s default could time out under load (/calibration at 375 px, in
 * a full `npm test`).
 */
export async function settle(page: Page, {maxQuietWaitMs = 20_000}: {maxQuietWaitMs?: number} = {}): Promise<void> {
  await page.waitForLoadState("networkidle");
  // A string, not a function: tsx would wrap named inner functions in a `__name` helper the page lacks.
  const quiet = await page.evaluate(`new Promise((resolve) => {
    let last = performance.now();
    const started = last;
    const observer = new MutationObserver(() => { last = performance.now(); });
    observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    (function check() {
      const now = performance.now();
      if (now - last >= ${SETTLE_QUIET_MS} || now - started >= ${maxQuietWaitMs}) {
        observer.disconnect();
        resolve(now - last >= ${SETTLE_QUIET_MS});
      } else setTimeout(check, 25);
    })();
  })`);
  if (quiet !== true) throw new Error(`settle: the page's DOM kept changing for ${maxQuietWaitMs / 1000} s (${page.url()})`);
}
