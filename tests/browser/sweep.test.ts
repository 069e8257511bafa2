// The state sweep (issue 12): every page of the site, in headless Chromium, in a few hundred
// random but valid states built from the page's own urlState declarations, must show no error
// text, log no console error, show no NaN/Infinity/undefined, never price a run it calls
// infeasible, keep every chart label inside the part of its chart the reader can see, and draw
// every chart at a page width of 0 (as Framework reports it before layout) without an error, never
// draw two of a chart's labels on each other, and never grow wider than the window (no sideways
// scrolling, at 375 px above all).
//
// Each page is loaded once and then driven in place: for each state the sweep sets the controls
// bound to the page's parameters (urlState marks them data-url-key) through their own value and
// a real "input" event, waits until Observable's runtime has nothing left to compute, and checks.
// A full page load costs seconds on 2 shared cores; a state in place costs about 50–300 ms (the
// page's own recomputation), so every select option, both ends of every slider and random
// combinations fit in `npm test`. Every fourth block of ten states is drawn at 375 px. The same
// tab then moves controls by hand, which also reaches controls that are not in the address. A
// second test loads a few other states from their address in a fresh tab (the address parser
// and the first render). After the states, the page must read the same as its own address loaded
// afresh: no output left over from an earlier state.
//
//   SWEEP_STATES  states per page driven in place (default 300). A page with a longer select list
//                 gets one state per option, so every option is set at least once.
//   SWEEP_MOVES   hand moves per page, after the states (default 20)
//   SWEEP_LOADS   states per page loaded from their address (default 2, the last at 375 px)
//   SWEEP_SEED    the seed (default 12); a failure prints the seed and the failing state's address
//
// Reproduce one failure: open the printed address, or rerun with the printed SWEEP_SEED and
// SWEEP_STATES and `-t "<page>"`.
import {randomLcg} from "d3";
import {afterAll, afterEach, beforeAll, describe, expect, it} from "vitest";
import type {BrowserContext, Page} from "playwright-core";
import {sitePages} from "../../bench/pages.js";
import type {ParamSpecs} from "../../src/components/urlParams.js";
import {DECLARED_PARAMS_KEY} from "../../src/components/urlState.js";
import {optionCount, stateQuery, sweepQueries, sweepStates} from "../support/sweepStates.js";
import type {SweepState} from "../support/sweepStates.js";
import {BAD_NUMBER} from "./pageChecks.js";
import {newPage, openSite} from "./harness.js";
import type {PageProblems, Site} from "./harness.js";

const STATES = Number(process.env.SWEEP_STATES ?? 300);
const MOVES = Number(process.env.SWEEP_MOVES ?? 20);
const LOADS = Number(process.env.SWEEP_LOADS ?? 2);
const SEED = Number(process.env.SWEEP_SEED ?? 12);
/** States in a block drawn at one width; every fourth block is at 375 px. */
const BLOCK = 10;
/** Time allowances for the test timeouts, generous for 2 shared cores. */
const MS_PER_LOAD = 10_000;
const MS_PER_STATE = 1_000;

// Every page of the sidebar, sections flattened (bench/pages.ts), home first.
const PATHS = sitePages().map((p) => p.path);

/**
 * Waits until the page is still: Observable's runtime not computing, every variable's value
 * settled (a SQL query, an Arrow file), no cell left loading, and one frame drawn after that, so
 * resize() and ResizeObserver have drawn at the current width (a timeout queued in a frame callback
 * runs after that frame's resize observations). Cheaper than polling the DOM or networkidle.
 * A string, not a function: vitest would rewrite a function's import() into its own loader.
 */
const SETTLE = `(async () => {
  const link = document.querySelector('link[rel="modulepreload"][href*="/_observablehq/client."]');
  const {runtime} = link ? await import(link.href) : {};
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const deadline = performance.now() + 30000;
  while (performance.now() < deadline) {
    if (runtime?._computing) { await runtime._computing; continue; }
    const variables = runtime ? [...runtime._variables] : [];
    const promises = variables.map((v) => v._promise);
    await Promise.allSettled(promises);
    if (runtime?._computing || variables.some((v, i) => v._promise !== promises[i])) continue;
    await frame();
    if (runtime?._computing || document.querySelector("observablehq-loading")) continue;
    return;
  }
  throw new Error("the page did not settle within 30 s");
})()`;

async function settled(page: Page): Promise<void> {
  await page.evaluate(SETTLE);
}

/** Loads `url` in the tab and waits until every cell has rendered; faster than networkidle. */
async function load(page: Page, url: string): Promise<void> {
  await page.goto(url, {waitUntil: "load"});
  await settled(page);
}

/**
 * Sets every control bound to a parameter of `values` to that value, through the control's own
 * value and an "input" event (as Observable Inputs are driven), when it differs. A value a select
 * does not offer right now (its options follow another control) is left as it was. Returns the
 * keys it changed.
 */
function applyValues(page: Page, values: Record<string, unknown>): Promise<string[]> {
  return page.evaluate((values) => {
    const changed: string[] = [];
    for (const [key, value] of Object.entries(values)) {
      const control = Array.from(document.querySelectorAll<HTMLElement & {value: unknown}>(`main [data-url-key="${CSS.escape(key)}"]`)).at(-1);
      if (!control || value === undefined) continue;
      const before = control.value;
      const same = typeof value === "number" ? Math.abs(Number(before) - value) <= 1e-9 * Math.max(1, Math.abs(value)) : before === value;
      if (same) continue;
      control.value = value;
      if (typeof value !== "number" && control.value !== value) {
        control.value = before;
        continue;
      }
      control.dispatchEvent(new Event("input", {bubbles: true}));
      changed.push(key);
    }
    return changed;
  }, values);
}

/** The values the bound controls show now. */
function shownValues(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => Object.fromEntries(
    Array.from(document.querySelectorAll<HTMLElement & {value: unknown}>("main [data-url-key]")).map((c) => [c.dataset.urlKey!, c.value])
  ));
}

/** The address of what the page shows: `state`, with the values its controls really took. */
async function shownQuery(page: Page, declared: readonly ParamSpecs[], state: SweepState): Promise<string> {
  const shown = await shownValues(page);
  return stateQuery(declared, state.map((values) => ({...values, ...Object.fromEntries(Object.keys(values).filter((k) => k in shown).map((k) => [k, shown[k]]))})));
}

/** Puts the page in `state` in place and waits for it; controls a change rebuilt (a model's token slider) are set again. */
async function applyState(page: Page, state: SweepState, reached: Set<string>): Promise<void> {
  const values = Object.assign({}, ...state) as Record<string, unknown>;
  for (let round = 0; round < 3; round++) {
    const changed = await applyValues(page, values);
    if (changed.length === 0) return;
    for (const key of changed) reached.add(key);
    await settled(page);
  }
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

/**
 * The parameter sets the page declared through urlState (none on pages without one), read where
 * urlState keeps them for every copy of itself (urlState.ts DECLARED_PARAMS_KEY): the pages load
 * it inside their bundles.
 */
async function declaredParams(page: Page): Promise<ParamSpecs[]> {
  return page.evaluate((key) => JSON.parse(JSON.stringify((globalThis as unknown as Record<symbol, unknown>)[Symbol.for(key)] ?? [])) as ParamSpecs[], DECLARED_PARAMS_KEY);
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

    // The page must fit the window: a state that widens it (a long word, a table or chart drawn
    // wider than the screen outside a scrolling box) makes the reader scroll sideways at 375 px.
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      let widest: Element | null = null;
      for (const el of main.querySelectorAll("*")) {
        if (el.getBoundingClientRect().right > doc.clientWidth + 1 && !el.closest("svg")) widest = el;
      }
      problems.push(`page ${doc.scrollWidth - doc.clientWidth} px wider than the ${doc.clientWidth} px window${widest ? `: <${widest.tagName.toLowerCase()}> ${short(widest.textContent).slice(0, 80)}` : ""}`);
    }

    // The part of an element the reader can see: its box cut by every ancestor that hides its
    // overflow (a card, a figure); a scrolling ancestor is left alone, since scrolling shows the rest.
    const visibleBox = (el: Element) => {
      let {left, right, top, bottom} = el.getBoundingClientRect();
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        const b = a.getBoundingClientRect();
        if (/hidden|clip/.test(style.overflowX)) [left, right] = [Math.max(left, b.left), Math.min(right, b.right)];
        if (/hidden|clip/.test(style.overflowY)) [top, bottom] = [Math.max(top, b.top), Math.min(bottom, b.bottom)];
      }
      return {left, right, top, bottom, width: Math.max(0, right - left), height: Math.max(0, bottom - top)};
    };
    for (const svg of main.querySelectorAll("svg")) {
      if (svg.parentElement?.closest("svg") || !svg.checkVisibility()) continue;
      const box = visibleBox(svg);
      if (box.width === 0 || box.height === 0) continue;
      // Two different labels of one chart must not sit on each other (unreadable at 375 px): a
      // real overlap, more than a fifth of the smaller label, not two boxes touching.
      const drawn = Array.from(svg.querySelectorAll("text"), (t) => ({label: short(t.textContent), r: t.getBoundingClientRect()})).filter((b) => b.label !== "" && b.r.width > 0 && b.r.height > 0);
      for (let i = 0; i < drawn.length; i++) {
        for (let j = i + 1; j < drawn.length; j++) {
          const a = drawn[i]!, b = drawn[j]!;
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (a.label !== b.label && w > 2 && h > 2 && w * h > 0.2 * Math.min(a.r.width * a.r.height, b.r.width * b.r.height)) problems.push(`labels “${a.label.slice(0, 40)}” and “${b.label.slice(0, 40)}” overlap in ${short(svg.getAttribute("aria-label")).slice(0, 60) || "a chart"}`);
        }
      }
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

/**
 * The text of the page's main column, as the reader sees it. The SQL boxes are left out: they
 * run their queries outside Observable's runtime, and their own tests check them.
 */
function mainText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll<HTMLElement>("main .sql-box"));
    for (const box of boxes) box.style.display = "none";
    const text = (document.querySelector("main") as HTMLElement | null)?.innerText ?? "";
    for (const box of boxes) box.style.display = "";
    return text;
  });
}

/** The first line where two texts differ, with both versions, or null when they are the same. */
function firstDifference(a: string, b: string): string | null {
  const x = a.split("\n"), y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: in place “${(x[i] ?? "").slice(0, 160)}”, loaded “${(y[i] ?? "").slice(0, 160)}”`;
  }
  return null;
}

/** The failure line of one state: where it stood, as an address to open, and what was wrong. */
function failure(what: string, url: string, found: readonly string[]): string {
  return `${what}: ${url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "")}\n    ${[...new Set(found)].join("\n    ")}`;
}

describe.each(PATHS)("state sweep of %s", (path) => {

  it(`stays sound in ${STATES} random valid states set in place (every option and slider end included), then ${MOVES} hand moves (SWEEP_SEED=${SEED})`, async () => {
    const {page, problems, base} = await openTab(path);
    const declared = await declaredParams(page);
    // A page whose controls are bound to its address declared their parameters: finding none there
    // means the sweep cannot read them, and would pass without setting a single state.
    if (declared.length === 0) expect(await page.locator("main [data-url-key]").count(), `${path} binds controls to its address, but the sweep read no declared parameters`).toBe(0);
    const failures: string[] = [];
    const started = performance.now();
    const found = async (): Promise<string[]> => [...await screenProblems(page), ...logged(problems)];
    const check = async (what: string, state: SweepState | null): Promise<void> => {
      const wrong = await found();
      if (wrong.length > 0) failures.push(failure(what, `${base.href}${state === null ? "" : await shownQuery(page, declared, state)}`, wrong));
    };
    await check("defaults at 1280 px", null);
    // Framework reports the page width as 0 for a moment before layout: every chart is drawn at that
    // width too, and must survive it (Plot drew bars of negative width on /memory, /case-studies and
    // /data-curation, an error in the console each, in a race the loads above rarely hit).
    await page.evaluate(() => { (document.querySelector("#observablehq-main") as HTMLElement).style.width = "0px"; });
    await settled(page);
    await page.evaluate(() => { (document.querySelector("#observablehq-main") as HTMLElement).style.width = ""; });
    await settled(page);
    await check("drawn at a page width of 0 for a moment (as before layout), then at 1280 px", null);

    const count = declared.length === 0 ? 0 : Math.max(STATES, optionCount(declared));
    const states = sweepStates(declared, count, SEED);
    const reached = new Set<string>();
    let width = 1280;
    for (const [i, state] of states.entries()) {
      const want = Math.floor(i / BLOCK) % 4 === 3 ? 375 : 1280;
      if (want !== width) {
        width = want;
        await page.setViewportSize({width, height: 900});
        await settled(page);
      }
      await applyState(page, state, reached);
      await check(`state ${i} at ${width} px, set in place after state ${i - 1}`, state);
    }
    const seconds = (performance.now() - started) / 1000;
    const keys = declared.flatMap((specs) => Object.entries(specs).filter(([, spec]) => spec.kind !== "text").map(([key]) => key));
    const unreached = keys.filter((key) => !reached.has(key));
    console.info(`sweep ${path}: ${states.length} states in place in ${seconds.toFixed(1)} s (${states.length > 0 ? Math.round((seconds * 1000) / states.length) : 0} ms each); parameters set: ${keys.length - unreached.length} of ${keys.length}${unreached.length > 0 ? ` (not bound to a control: ${unreached.join(", ")})` : ""}`);
    // The sweep must really move the page: a page with parameters has controls bound to them, and
    // the page's own address follows them (what a reader would share is the state checked).
    if (keys.length > 0) {
      expect(reached.size, `no control of ${path} took a state in place`).toBeGreaterThan(0);
      const expected = new URLSearchParams(await shownQuery(page, declared, states.at(-1)!));
      await expect.poll(() => [...new URL(page.url()).searchParams].sort().join("&"), {timeout: 3_000}).toBe([...expected].sort().join("&"));
      // A page reached in place reads as the same address loaded afresh: no output left over from
      // an earlier state (Framework clears a cell's output only when the cell displays again).
      // Cells that wait for the controls to rest (afterInputPause, 100 ms) redraw after the runtime
      // is idle: let them run before the page is read.
      // requestAnimationFrame (afterPaint) only runs in the tab in front.
      await page.bringToFront();
      await page.waitForTimeout(400);
      await settled(page);
      const inPlace = await mainText(page);
      const address = page.url();
      await load(page, address);
      // Content a page fills in after its cells have run (a table drawn on the next frame) gets a moment.
      let differs: string | null = null;
      for (let attempt = 0; attempt < 4; attempt++) {
        if (attempt > 0) await page.waitForTimeout(250 * attempt);
        differs = firstDifference(inPlace, await mainText(page));
        if (differs === null) break;
      }
      logged(problems);
      if (differs !== null) failures.push(failure(`after state ${states.length - 1}, the page differs from its address loaded afresh`, address, [differs]));
    }

    // Hand moves, one control at a time, at 1280 px and then 375 px.
    const random = randomLcg(SEED);
    const moves: string[] = [];
    for (let i = 0; i < MOVES; i++) {
      const moveWidth = i < MOVES / 2 ? 1280 : 375;
      if (moveWidth !== width) {
        width = moveWidth;
        await page.setViewportSize({width, height: 900});
        await settled(page);
      }
      const did = await moveControl(page, random(), random());
      if (did === null) break; // a page without controls
      moves.push(`${did} (${width} px)`);
      await settled(page);
      const wrong = await found();
      if (wrong.length > 0) {
        // The first failing move is enough to reproduce; later ones would repeat it.
        failures.push(`after the states, hand moves ${moves.join(", ")}\n    ${[...new Set(wrong)].join("\n    ")}`);
        break;
      }
    }
    if (declared.length === 0 && width !== 375) {
      await page.setViewportSize({width: 375, height: 900});
      await settled(page);
      await check("defaults at 375 px", null);
    }
    expect(failures, `SWEEP_SEED=${SEED} SWEEP_STATES=${STATES} SWEEP_MOVES=${MOVES}: ${failures.length} states or moves of ${path} failed`).toEqual([]);
  }, 60_000 + MS_PER_STATE * (Math.max(STATES, 100) + MOVES));

  it(`stays sound when ${LOADS} other random valid states are loaded from their address (SWEEP_SEED=${SEED})`, async () => {
    const {page, problems, base} = await openTab(path);
    const declared = await declaredParams(page);
    // Another seed than the in-place states, so these are other states.
    const queries = declared.length === 0 ? [] : sweepQueries(declared, LOADS, SEED + 1);
    const failures: string[] = [];
    for (const [i, query] of queries.entries()) {
      const width = i === queries.length - 1 ? 375 : 1280;
      const url = `${base.href}${query}`;
      await page.setViewportSize({width, height: 900});
      await load(page, url);
      const wrong = [...await screenProblems(page), ...logged(problems)];
      if (wrong.length > 0) failures.push(failure(`load ${i} at ${width} px`, url, wrong));
    }
    expect(failures, `SWEEP_SEED=${SEED} SWEEP_LOADS=${LOADS}: ${failures.length} of ${queries.length} loads of ${path} failed`).toEqual([]);
  }, 60_000 + MS_PER_LOAD * LOADS);
});
