// The state sweep (issue 12): every page of the site, loaded in headless Chromium at many random
// but valid addresses built from the page's own urlState declarations, must show no error text,
// log no console error, show no NaN/Infinity/undefined, never price a run it calls infeasible,
// and keep every chart label inside its chart. One tab per page, the address changed by
// navigation; every fourth state is drawn at 375 px.
//
//   SWEEP_STATES  states per page (default 10, which keeps the sweep near 3 minutes on 2 cores; a page with a longer select list gets one state
//                 per option so every option is loaded at least once)
//   SWEEP_SEED    the seed (default 12); a failure prints the seed and the failing address
//
// Reproduce one failure: open the printed address, or rerun with the printed SWEEP_SEED and
// SWEEP_STATES and `-t "<page>"`.
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {sitePages} from "../../bench/pages.js";
import type {ParamSpecs} from "../../src/components/urlParams.js";
import {optionCount, sweepQueries} from "../support/sweepStates.js";
import {BAD_NUMBER} from "./pageChecks.js";
import {usePage} from "./usePage.js";

const STATES = Number(process.env.SWEEP_STATES ?? 10);
const SEED = Number(process.env.SWEEP_SEED ?? 12);
const NARROW_EVERY = 4;
/** Per-state time allowance for the test timeout (a DuckDB page loads in a few seconds on 2 cores). */
const MS_PER_STATE = 8_000;

// Every page of the sidebar, sections flattened (bench/pages.ts), home first.
const PATHS = sitePages().map((p) => p.path);

/** Loads `url` in the tab and waits until every cell has rendered; faster than networkidle. */
async function load(page: Page, url: string): Promise<void> {
  await page.goto(url, {waitUntil: "load"});
  await page.waitForFunction(
    () => document.querySelectorAll(".observablehq--running, .observablehq--loading, observablehq-loading").length === 0,
    undefined,
    {timeout: 30_000, polling: 50}
  );
  // Two frames for cells that a resolved input re-runs, and for resize() to draw at the new width.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The parameter sets the page declared through urlState (none on pages without one). */
async function declaredParams(page: Page): Promise<ParamSpecs[]> {
  // A string, not a function: vitest would rewrite a function's import() into its own loader.
  return page.evaluate<ParamSpecs[]>(`(async () => {
    const link = document.querySelector('link[rel="modulepreload"][href*="/urlState."]');
    if (!link) return [];
    const module = await import(link.href);
    return JSON.parse(JSON.stringify(module.declaredParams()));
  })()`);
}

/** What is wrong with the page as it stands, one line each (empty when sound). */
function screenProblems(page: Page): Promise<string[]> {
  return page.evaluate((badNumber) => {
    const problems: string[] = [];
    const short = (text: string | null): string => (text ?? "").replace(/\s+/g, " ").trim().slice(0, 160);
    const main = document.querySelector("main") ?? document.body;
    for (const el of document.querySelectorAll(".observablehq--error")) problems.push(`error on screen: ${short(el.textContent)}`);

    const bad = new RegExp(badNumber);
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(".url-notice, pre, code, textarea, script, style")) continue;
      const match = bad.exec(node.textContent ?? "");
      if (match && parent.checkVisibility()) problems.push(`“${match[0]}” on screen: ${short(node.textContent)}`);
    }

    // A page that calls a run infeasible marks that verdict's region data-feasible="false"; the
    // region must then hold no dollar figure (an impossible run is never priced).
    for (const el of main.querySelectorAll('[data-feasible="false"]')) {
      const price = /(?:US)?\$\s?\d[\d,.]*\s*[kKMBT]?/.exec(el.textContent ?? "");
      if (price) problems.push(`infeasible run priced (${price[0]}): ${short(el.textContent)}`);
    }

    for (const svg of main.querySelectorAll("svg")) {
      if (svg.parentElement?.closest("svg") || !svg.checkVisibility()) continue;
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      for (const text of svg.querySelectorAll("text")) {
        const label = short(text.textContent);
        const r = text.getBoundingClientRect();
        if (label === "" || (r.width === 0 && r.height === 0)) continue;
        const outside = [r.left < box.left - 1 && "left", r.right > box.right + 1 && "right", r.top < box.top - 1 && "top", r.bottom > box.bottom + 1 && "bottom"].filter(Boolean);
        if (outside.length > 0) problems.push(`label “${label}” outside its chart (${outside.join(", ")}; label ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)}, chart ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)})`);
      }
    }
    return problems;
  }, BAD_NUMBER.source);
}

describe.each(PATHS)("state sweep of %s", (path) => {
  const site = usePage(path);

  it(`shows no error, bad number, priced infeasible run or stray label in random valid states (SWEEP_SEED=${SEED})`, async () => {
    const opened = await site.open();
    const {page, problems} = opened;
    const base = new URL(page.url());
    base.search = "";
    const declared = await declaredParams(page);
    const count = declared.length === 0 ? 2 : Math.max(STATES, optionCount(declared));
    const queries = declared.length === 0 ? ["", ""] : sweepQueries(declared, count, SEED);
    const failures: string[] = [];
    for (const [i, query] of queries.entries()) {
      const width = i % NARROW_EVERY === NARROW_EVERY - 1 ? 375 : 1280;
      const url = `${base.href}${query}`;
      const logged = problems.consoleErrors.length + problems.failedRequests.length;
      await page.setViewportSize({width, height: 900});
      await load(page, url);
      const found = [
        ...await screenProblems(page),
        ...problems.consoleErrors.concat(problems.failedRequests).slice(logged).map((e) => `console: ${e.split("\n")[0]}`)
      ];
      problems.consoleErrors.length = 0;
      problems.failedRequests.length = 0;
      if (found.length > 0) failures.push(`state ${i} at ${width} px: ${url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "")}\n    ${[...new Set(found)].join("\n    ")}`);
    }
    expect(failures, `SWEEP_SEED=${SEED} SWEEP_STATES=${STATES}: ${failures.length} of ${queries.length} states of ${path} failed`).toEqual([]);
  }, 120_000 + MS_PER_STATE * Math.max(STATES, 100));
});
