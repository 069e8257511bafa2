// The site's navigation: sidebar sections in a reader's order, Framework's search (offline: the
// harness fails any request to another host), the glossary page, and glossary terms explained in
// place where a page first uses them.
import {describe, expect, it} from "vitest";
import {GLOSSARY} from "../../src/components/glossary.js";
import {NO_PROBLEMS, usePage} from "./usePage.js";

const methodology = usePage("/methodology");
const glossary = usePage("/glossary");
const home = usePage("/");

describe("navigation", () => {
  it("groups the sidebar in a reader's order: plan a run, risks and savings, evidence, make your own, then the glossary", async () => {
    const {page, problems} = await methodology.open();
    const sections = await page.$$eval("#observablehq-sidebar section", (els) =>
      els.map((el) => ({
        name: el.querySelector("summary")?.textContent?.trim() ?? "",
        links: Array.from(el.querySelectorAll("a")).map((a) => a.textContent?.trim())
      }))
    );
    expect(sections.map((s) => s.name)).toEqual(["Plan a run", "Risks and savings", "Evidence", "Make your own"]);
    expect(sections[0]!.links).toEqual(["Memory & parallelism", "Accelerators", "GPU prices", "Scaling laws"]);
    expect(sections[3]!.links).toContain("Template: fork this page");
    expect(await page.locator("#observablehq-sidebar a", {hasText: "Glossary"}).count()).toBe(1);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("search finds a page from a word in its text, offline, and Enter opens it", async () => {
    const {page, problems} = await methodology.open();
    const input = page.locator("#observablehq-search input");
    await input.fill("Chinchilla");
    const results = page.locator("#observablehq-search-results li a");
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const titles = await results.allTextContents();
    expect(titles).toContain("Scaling laws");
    await input.fill("xqzvw");
    await expect.poll(() => results.count()).toBe(0);
    await input.fill("pipeline bubble");
    await expect.poll(() => results.allTextContents()).toContain("Glossary");
    await input.press("Enter");
    await page.waitForURL(/\/[a-z-]+(\.html)?(\?.*)?$/);
    expect(new URL(page.url()).pathname).not.toBe("/methodology");
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it("explains the first use of each glossary term in place, once per page, linking to its entry", async () => {
    const {page, problems} = await methodology.open();
    const terms = page.locator("#observablehq-main a.term");
    await expect.poll(() => terms.count()).toBeGreaterThanOrEqual(5);
    const ids = await terms.evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.term));
    expect(new Set(ids).size).toBe(ids.length);
    // The first "MFU" in the page's prose (not headings) is the explained one.
    const first = await page.evaluate(() => {
      const main = document.getElementById("observablehq-main")!;
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest("h1, h2, h3, h4, h5, h6, form, code, pre, svg, figure")) continue;
        if (/(?<![\w-])MFU(?![\w-])/.test(n.textContent ?? "")) return n.parentElement?.matches("a.term[data-term=mfu]") ?? false;
      }
      return null;
    });
    expect(first).toBe(true);
    const mfu = page.locator("a.term[data-term=mfu]");
    expect(await mfu.getAttribute("href")).toMatch(/glossary#mfu$/);
    const short = GLOSSARY.find((e) => e.id === "mfu")!.short;
    expect(await mfu.getAttribute("aria-description")).toBe(short);
    const tip = () => mfu.evaluate((a) => getComputedStyle(a, "::after").content);
    expect(await tip()).toMatch(/^(none|normal)$/);
    await mfu.hover();
    await expect.poll(tip).toBe(JSON.stringify(short));
    await page.mouse.move(0, 0);
    await mfu.focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect.poll(tip).toBe(JSON.stringify(short));
    await mfu.click();
    await page.waitForURL(/glossary(\.html)?#mfu$/);
    await expect.poll(() => page.locator("#mfu").isVisible()).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe("term explanations on a phone", () => {
  it("show inside the screen at 375 px, whichever term has focus", async () => {
    const {page, problems} = await methodology.open({width: 375, height: 700});
    const terms = page.locator("#observablehq-main a.term");
    await expect.poll(() => terms.count()).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < (await terms.count()); i++) {
      await terms.nth(i).focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    }
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe("start here", () => {
  it("the home page opens with a short path through the site, and every stop on it exists", async () => {
    const {page, problems} = await home.open();
    const path = page.getByTestId("start-here");
    const hrefs = await path.locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.map((h) => new URL(h).pathname)).toEqual(["/memory", "/levers", "/case-studies", "/glossary"]);
    for (const href of hrefs) expect((await page.request.get(href)).status()).toBe(200);
    const top = await path.evaluate((el) => el.getBoundingClientRect().top + scrollY);
    const firstControl = await page.locator("#observablehq-main form").first().evaluate((el) => el.getBoundingClientRect().top + scrollY);
    expect(top).toBeLessThan(firstControl);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe("reader words", () => {
  it("a TPU run is counted in chip-hours, and the address notice names settings by their labels", async () => {
    const {page, problems} = await home.open({query: "?gpu=tpu-v4&predict=false&tp=3&mb=abc"});
    const main = page.locator("#observablehq-main");
    await expect.poll(() => main.innerText()).toMatch(/chip-hours/i);
    const cards = await page.locator("#observablehq-main .results").innerText();
    expect(cards).not.toMatch(/GPU/);
    const notice = await page.getByTestId("url-notice").innerText();
    expect(notice).toContain("Tensor parallel (“tp” in the address)");
    expect(notice).toContain("(“mb” in the address)");
    expect(notice).not.toMatch(/^\s*“(tp|mb)”/m);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});

describe("glossary page", () => {
  it("has an anchored entry for every term, with its source where the definition is a paper's, and links no term to itself", async () => {
    const {page, problems} = await glossary.open();
    for (const entry of GLOSSARY) {
      const heading = page.locator(`h2[id="${entry.id}"]`);
      expect(await heading.textContent()).toBe(entry.term);
    }
    expect(await page.locator("p.glossary-source").count()).toBe(GLOSSARY.filter((e) => e.source).length);
    const tocLinks = await page.locator("#observablehq-toc a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(tocLinks).toEqual(GLOSSARY.map((e) => `#${e.id}`));
    await page.waitForTimeout(300);
    expect(await page.locator("a.term").count()).toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
