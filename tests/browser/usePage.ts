// One browser test file's setup in one line: `const hardware = usePage("/hardware")` serves dist/
// and starts Chromium once for the file, and `await hardware.open()` loads the page in a fresh
// context that closes after the test, even a failed one. Kept apart from harness.ts because it
// registers vitest hooks, and importing vitest outside a test run throws (scripts/ and bench/
// use the harness).
import {afterAll, afterEach, beforeAll} from "vitest";
import type {BrowserContext, Page} from "playwright-core";
import {newPage, openSite, settle} from "./harness.js";
import type {PageProblems, Site} from "./harness.js";

/** What `problems` holds after a clean load. */
export const NO_PROBLEMS: PageProblems = {consoleErrors: [], failedRequests: [], offHostRequests: []};

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, failed and off-host requests of the first tab (`page`). */
  problems: PageProblems;
  /** Loads the page's current address again in this tab and waits: for URL round-trips. */
  reload(): Promise<void>;
  /** Opens the page's current address in a second tab of the same context and waits. */
  reopen(): Promise<Page>;
  /** Loads the page with another query in this tab and waits. */
  visit(query: string): Promise<void>;
}

export interface OpenOptions {
  /** Appended to the path as is, e.g. "?gpus=512". */
  query?: string;
  width?: number;
  height?: number;
}

export interface PageUnderTest {
  /** Loads the page (plus `query`) in a fresh context and waits until every cell has rendered. */
  open(options?: OpenOptions): Promise<OpenedPage>;
}

export function usePage(path: string): PageUnderTest {
  let site: Site | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    site = await openSite();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await site?.close();
  });
  const served = (): Site => {
    if (!site) throw new Error("usePage: the site is not open yet (call open() inside a test)");
    return site;
  };
  return {
    async open({query = "", width, height}: OpenOptions = {}) {
      const opened = await newPage(served(), {width, height});
      contexts.push(opened.context);
      const visit = async (query: string) => {
        await opened.page.goto(`${served().url}${path}${query}`);
        await settle(opened.page);
      };
      await visit(query);
      return {
        ...opened,
        visit,
        async reload() {
          await opened.page.goto(opened.page.url());
          await settle(opened.page);
        },
        async reopen() {
          const again = await opened.context.newPage();
          await again.goto(opened.page.url());
          await settle(again);
          return again;
        }
      };
    }
  };
}
