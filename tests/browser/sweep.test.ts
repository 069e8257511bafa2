// The state sweep (issue 12): every page of the site, loaded in headless Chromium at many random
// but valid addresses built from the page's own urlState declarations, must show no error text,
// log no console error, show no NaN/Infinity/undefined, never price a run it calls infeasible,
// and keep every chart label inside its chart. One tab per page, the address changed by
// navigation; every fourth state is drawn at 375 px. A second test per page then moves its
// controls by hand in one tab (sliders to either end, any option, toggles), which also reaches
// controls that are not in the address, and checks the same after every move.
//
//   SWEEP_STATES  states per page, and hand moves per page (default 8, which keeps the whole sweep
//                 near 3.5 minutes on 2 shared cores; the issue asks for a few hundred: set it
//                 higher locally). A page with a longer select list gets one state per option,
//                 so every option is loaded at least once.
//   SWEEP_SEED    the seed (default 12); a failure prints the seed and the failing address
//
// Reproduce one failure: open the printed address, or rerun with the printed SWEEP_SEED and
// SWEEP_STATES and `-t "<page>"`.
import {randomLcg} from "d3";
import {afterAll, afterEach, beforeAll, describe, expect, it} from "vitest";
import type {BrowserContext, Page} from "playwright-core";
import {sitePages} from "../../bench/pages.js";
import type {ParamSpecs} from "../../src/components/urlParams.js";
import {optionCount, sweepQueries} from "../support/sweepStates.js";
import {BAD_NUMBER} from "./pageChecks.js";
import {newPage, openSite} from "./harness.js";
import type {PageProblems, Site} from "./harness.js";

const STATES = Number(process.env.SWEEP_STATES ?? 8);
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

/** Waits until the cells an input event re-ran have rendered. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll(".observablehq--running, .observablehq--loading, observablehq-loading").length === 0,
    undefined,
    {timeout: 30_000, polling: 50}
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Moves one control as a reader would, chosen by `pick` and `where` (both in [0, 1)): a slider to
 * either end or anywhere between, a select to any option, a toggle flipped. Controls not in the
 * address (the accelerator page's sliders) are reached this way only. Returns what it did.
 */
function moveControl(page: Page, pick: number, where: number): Promise<string | null> {
  return page.evaluate(([pick, where]) => {
    const controls = Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("main form input[type=range], main form select, main form input[type=checkbox]"))
      .filter((c) => !c.closest("table") && !c.disabled && c.checkVisibility({visibilityProperty: true}) !== false);
    if (controls.length === 0) return null;
    const control = controls[Math.floor(pick * controls.length)]!;
    const label = (control.form?.querySelector("label")?.textContent ?? control.getAttribute("aria-label") ?? control.name ?? "?").trim();
    let did: string;
    if (control instanceof HTMLSelectElement) {
      control.selectedIndex = Math.floor(where * control.options.length);
      did = `select “${label}” → ${control.selectedOptions[0]?.textContent?.trim() ?? control.selectedIndex}`;
    } else if (control.type === "checkbox") {
      control.checked = !control.checked;
      did = `toggle “${label}” → ${control.checked}`;
    } else {
      const min = Number(control.min), max = Number(control.max);
      const at = where < 0.25 ? min : where > 0.75 ? max : min + ((where - 0.25) / 0.5) * (max - min);
      control.value = String(at);
      did = `slider “${label}” → ${where < 0.25 ? "min" : where > 0.75 ? "max" : `${Math.round(((where - 0.25) / 0.5) * 100)}%`}`;
    }
    control.dispatchEvent(new Event("input", {bubbles: true}));
    control.dispatchEvent(new Event("change", {bubbles: true}));
    return did;
  }, [pick, where] as const);
}

/**
 * Console errors and failed requests since the last call, first lines only, and then forgets them.
 * A request aborted by the sweep's own navigation (net::ERR_ABORTED: the last state's DuckDB still
 * downloading when the next address loads) is no fault of the page; a missing file reports its
 * HTTP status instead, and the page's own test checks every request of a full load.
 */
function logged(problems: PageProblems): string[] {
  const lines = [...problems.consoleErrors, ...problems.failedRequests.filter((r) => !r.startsWith("net::ERR_ABORTED "))].map((e) => `console: ${e.split("\n")[0]}`);
  problems.consoleErrors.length = 0;
  problems.failedRequests.length = 0;
  return lines;
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

// One server and one Chromium for the whole sweep (usePage would start one per page), one tab per test.
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

/** A fresh tab showing `path` with its defaults. */
async function openTab(path: string): Promise<{page: Page; problems: PageProblems; base: URL}> {
  if (!site) throw new Error("the site is not open");
  const opened = await newPage(site);
  contexts.push(opened.context);
  const base = new URL(path, site.url);
  await load(opened.page, base.href);
  return {page: opened.page, problems: opened.problems, base};
}

describe.each(PATHS)("state sweep of %s", (path) => {

  it(`shows no error, bad number, priced infeasible run or stray label in random valid states (SWEEP_SEED=${SEED})`, async () => {
    const {page, problems, base} = await openTab(path);
    const declared = await declaredParams(page);
    const count = declared.length === 0 ? 2 : Math.max(STATES, optionCount(declared));
    const queries = declared.length === 0 ? ["", ""] : sweepQueries(declared, count, SEED);
    const failures: string[] = [];
    for (const [i, query] of queries.entries()) {
      const width = i % NARROW_EVERY === NARROW_EVERY - 1 ? 375 : 1280;
      const url = `${base.href}${query}`;
      await page.setViewportSize({width, height: 900});
      await load(page, url);
      const found = [
        ...await screenProblems(page),
        ...logged(problems)
      ];
      if (found.length > 0) failures.push(`state ${i} at ${width} px: ${url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "")}\n    ${[...new Set(found)].join("\n    ")}`);
    }
    expect(failures, `SWEEP_SEED=${SEED} SWEEP_STATES=${STATES}: ${failures.length} of ${queries.length} states of ${path} failed`).toEqual([]);
  }, 120_000 + MS_PER_STATE * Math.max(STATES, 100));

  it(`stays sound while its controls are moved by hand, in one tab, ${STATES} moves (SWEEP_SEED=${SEED})`, async () => {
    const {page, problems} = await openTab(path);
    const random = randomLcg(SEED);
    const moves: string[] = [];
    const failures: string[] = [];
    for (let i = 0; i < STATES; i++) {
      const did = await moveControl(page, random(), random());
      if (did === null) break; // a page without controls
      moves.push(did);
      await settled(page);
      const found = [...await screenProblems(page), ...logged(problems)];
      if (found.length > 0) {
        // The first failing move is enough to reproduce; later ones would repeat it.
        failures.push(`after ${moves.join(", ")}\n    ${[...new Set(found)].join("\n    ")}`);
        break;
      }
    }
    expect(failures, `SWEEP_SEED=${SEED} SWEEP_STATES=${STATES}: ${failures.length} of ${moves.length} moves on ${path} failed`).toEqual([]);
  }, 120_000 + MS_PER_STATE * STATES);
});
