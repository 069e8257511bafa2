// Hostile inputs and in-page checks shared by the hardening tests (tests/browser/hardening*.test.ts).
// Pages come from observablehq.config.ts (bench/pages.ts), so new pages are covered automatically.
import {readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Page} from "playwright-core";
import type {SitePage} from "./pages.js";

/** Script-injection payloads: each would run code or add an element if echoed as HTML or a link. */
export const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  '"><img src=x onerror=alert(1) data-atlas-xss>',
  "'><svg onload=alert(1) data-atlas-xss>",
  "</textarea><script>window.__atlasXss=1</script>"
] as const;

/** Numbers a URL can carry that no slider should accept as given. */
export const NUMERIC_PAYLOADS = ["1e308", "-1e308", "-1", "NaN", "Infinity", "-Infinity", "", "0x10", "1,000", "9".repeat(400)] as const;

/**
 * A very long value. Static hosts refuse request lines much beyond 8 KB (Node's own server answers
 * 431 above 16 KB of headers), so the long-value URL stays near 6 KB in all.
 */
export const LONG_PAYLOAD = "A".repeat(2500);

/** Keys no page declares, so every page sees unknown keys as well as its own. */
export const GENERIC_KEYS = ["params", "tokens", "gpu", "gpus", "mfu", "q", "sql", "x"] as const;

/**
 * Parameter names a page declares through urlState (src/components/urlState.ts): the keys of
 * `{name: {kind: "number" | "enum" | "id" | "boolean" | "text", ...}}` objects in the page and in
 * the local modules it imports. A heuristic over source text; it errs towards more keys.
 */
export function declaredParams(page: SitePage): {usesUrlState: boolean; keys: string[]} {
  if (!page.source) return {usesUrlState: false, keys: []};
  const texts = [readFileSync(page.source, "utf8")];
  const importRe = /from\s+["'](\.{1,2}\/[^"']+)\.js["']/g;
  const srcDir = dirname(page.source);
  for (const m of texts[0]!.matchAll(importRe)) {
    try {
      texts.push(readFileSync(resolve(srcDir, `${m[1]}.ts`), "utf8"));
    } catch {
      // Not a TypeScript module (or not there); nothing to read.
    }
  }
  const all = texts.join("\n");
  const usesUrlState = /\burlState\s*[(<]/.test(texts[0]!);
  const keys = new Set<string>();
  const specRe = /["']?([A-Za-z_][\w-]*)["']?\s*:\s*\{\s*kind\s*:\s*["'](number|enum|id|boolean|text)["']/g;
  for (const m of all.matchAll(specRe)) keys.add(m[1]!);
  return {usesUrlState, keys: [...keys].sort()};
}

/** Builds a query string from [key, value] pairs (repeated keys allowed). */
export function query(pairs: readonly (readonly [string, string])[]): string {
  return "?" + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

export interface HostileUrl {
  what: string;
  search: string;
  hash: string;
}

/**
 * Two URLs per page that together put every payload into the page's declared keys and into
 * unknown keys: (1) script payloads, repeated keys and two very long values, with a script
 * payload in the fragment; (2) numeric edge cases (huge, negative, NaN, Infinity, empty, hex,
 * thousands separators, 400 digits), one per key, every payload used at least once.
 */
export function hostileUrls(declared: readonly string[]): HostileUrl[] {
  const keys = [...declared, ...GENERIC_KEYS];
  const scripted = keys.flatMap((k, i): [string, string][] => [
    [k, i < 2 ? LONG_PAYLOAD : XSS_PAYLOADS[i % XSS_PAYLOADS.length]!],
    [k, XSS_PAYLOADS[(i + 1) % XSS_PAYLOADS.length]!],
    [k, "-1"]
  ]);
  const numeric = keys.map((k, i): [string, string] => [k, NUMERIC_PAYLOADS[i % NUMERIC_PAYLOADS.length]!]);
  // Fewer keys than numeric payloads: add the remaining payloads on repeats of the first key.
  for (let i = keys.length; i < NUMERIC_PAYLOADS.length; i++) numeric.push([keys[0]!, NUMERIC_PAYLOADS[i]!]);
  return [
    {what: "script payloads, repeated keys, very long values", search: query(scripted), hash: `#${encodeURIComponent(XSS_PAYLOADS[2])}`},
    {what: "numeric edge cases", search: query(numeric), hash: ""}
  ];
}

/** Hooks alert/confirm/prompt/print before any page script runs; calls are counted. */
export async function hookDialogs(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__atlasDialogs = 0;
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      w[name] = () => {
        w.__atlasDialogs = (w.__atlasDialogs as number) + 1;
      };
    }
  });
  return dialogs;
}

export interface InjectionReport {
  dialogCalls: number;
  xssFlag: boolean;
  injected: string[];
}

/** Looks for any sign that a payload executed or became markup. */
export async function injectionReport(page: Page): Promise<InjectionReport> {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const injected: string[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 120);
    for (const el of document.querySelectorAll("[data-atlas-xss], img[src='x'], [onerror], [onload], [onclick], [onmouseover], [onfocus]")) injected.push(describe(el));
    for (const el of document.querySelectorAll("a[href], iframe[src], [src], form[action]")) {
      const url = el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? "";
      if (/^\s*javascript:/i.test(url)) injected.push(describe(el));
    }
    for (const el of document.querySelectorAll("script")) {
      if (/alert\(1\)|__atlasXss/.test(el.textContent ?? "")) injected.push(describe(el));
    }
    return {dialogCalls: Number(w.__atlasDialogs ?? 0), xssFlag: w.__atlasXss !== undefined, injected};
  });
}

/**
 * Visible text that betrays a broken number: NaN, Infinity or undefined as words (AMD's
 * "Infinity Fabric" interconnect is a name, not a number). The URL notice
 * is left out: it quotes the refused value back to the reader on purpose.
 */
export async function brokenNumbersInText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = "[data-testid='url-notice'], script, style, noscript, template, textarea";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip) !== null || !parent.checkVisibility()) continue;
      parts.push(node.textContent ?? "");
    }
    const text = parts.join(" ");
    const hits = text.match(/.{0,40}\b(NaN|-?Infinity(?! Fabric)|undefined)\b.{0,40}/g) ?? [];
    return hits.map((h) => h.trim());
  });
}

/** The URL notice from urlState, if the page shows one: visible, with its messages. */
export async function urlNotice(page: Page): Promise<{present: boolean; visible: boolean; text: string}> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>("[data-testid='url-notice']");
    if (!el) return {present: false, visible: false, text: ""};
    const visible = !el.hidden && el.offsetParent !== null;
    return {present: true, visible, text: (el.textContent ?? "").trim()};
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

const AXE_SOURCE_PATH = fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url));

/**
 * Markup the project cannot change without forking a dependency, so axe findings on it are set
 * aside (and counted): rule id, the element it sits in, and why. Everything else counts.
 */
export const AXE_WAIVERS: readonly {rule: string; within: string; why: string}[] = [
  {rule: "list", within: "#observablehq-sidebar", why: "Framework 1.13.4's sidebar puts its close <label> directly inside the <ol> of pages"},
  {rule: "label-title-only", within: "#observablehq-sidebar-toggle", why: "Framework 1.13.4's sidebar toggle checkbox is labelled by its title only"},
  {rule: "region", within: "#observablehq-sidebar-toggle", why: "Framework 1.13.4 places the sidebar toggle outside every landmark"},
  {rule: "aria-prohibited-attr", within: "svg g[aria-label]", why: "Observable Plot 0.6.17 names each mark's <g> with aria-label and no role"}
];

/** Runs axe-core (all rules: WCAG 2.x A/AA and best practices) in the page, minus AXE_WAIVERS. */
export async function axeViolations(page: Page): Promise<{violations: AxeViolation[]; waived: number}> {
  await page.addScriptTag({path: AXE_SOURCE_PATH});
  return page.evaluate(async (waivers) => {
    type AxeNode = {target: unknown[]};
    const axe = (window as unknown as {axe: {run(context: unknown, options: unknown): Promise<{violations: {id: string; impact: string | null; help: string; nodes: AxeNode[]}[]}>}}).axe;
    const result = await axe.run(document, {resultTypes: ["violations"]});
    let waived = 0;
    const isWaived = (rule: string, node: AxeNode): boolean => {
      const selector = node.target[node.target.length - 1];
      if (typeof selector !== "string") return false;
      let element: Element | null = null;
      try {
        element = document.querySelector(selector);
      } catch {
        return false;
      }
      return element !== null && waivers.some((w) => w.rule === rule && element!.closest(w.within) !== null);
    };
    const violations = [];
    for (const v of result.violations) {
      const nodes = v.nodes.filter((n) => !isWaived(v.id, n));
      waived += v.nodes.length - nodes.length;
      if (nodes.length === 0) continue;
      violations.push({id: v.id, impact: v.impact, help: v.help, nodes: nodes.length, targets: nodes.slice(0, 5).map((n) => JSON.stringify(n.target))});
    }
    return {violations, waived};
  }, AXE_WAIVERS.map(({rule, within}) => ({rule, within})));
}

/** Horizontal overflow of the whole document, in CSS pixels (0 when none). */
export async function horizontalOverflow(page: Page): Promise<{overflow: number; culprits: string[]}> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflow = Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth;
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.right > root.clientWidth + 1 && r.width > 0) {
          // Report the outermost offenders only.
          const parent = el.parentElement?.getBoundingClientRect();
          if (!parent || parent.right <= root.clientWidth + 1) culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(/\s+/).join(".")}` : ""} (right ${Math.round(r.right)} px)`);
        }
        if (culprits.length >= 5) break;
      }
    }
    return {overflow, culprits};
  });
}
