// The drawn first views as the build stores them and the page head carries them
// (scripts/firstViews/build.ts writes, scripts/firstViews/head.ts reads).

/** Written by build.ts; read by observablehq.config.ts through head.ts. Cleaned with the cache. */
export const FIRST_VIEWS_FILE = "src/.observablehq/cache/first-views.json";

export interface FirstView {
  name: string;
  urlState: boolean;
  /** "chart" when it draws an svg with a viewBox, else "table" (a SQL box and its rows). */
  kind: "chart" | "table";
  /** One drawing a width; a view that does not depend on the width (a table) has one. */
  variants: {width: number; html: string}[];
}

export type FirstViewsByPage = Record<string, FirstView[]>;

/**
 * The view's markup for the page, without `data-testid` (tests find the live element; ids stay: a
 * clip path is found by its id, and the first view is gone before the live element is shown). A
 * form control's value is a property, not markup: a textarea's becomes its text, an input's its
 * value attribute. A view with controls is `inert`: nothing in it can be focused or typed into, so
 * nothing a reader does is lost when the live element replaces it.
 */
export function serializeView(element: Element): string {
  for (const el of [element, ...element.querySelectorAll("[data-testid]")]) el.removeAttribute("data-testid");
  for (const textarea of element.querySelectorAll("textarea")) textarea.textContent = textarea.value;
  for (const input of element.querySelectorAll("input")) input.setAttribute("value", input.value);
  if (element.querySelector("textarea, input, select, button") !== null) element.setAttribute("inert", "");
  return element.outerHTML;
}

/** What the drawing is, for the tests: a chart draws an svg with a viewBox. */
export function viewKind(element: Element): FirstView["kind"] {
  return element.matches("svg[viewBox]") || element.querySelector("svg[viewBox]") !== null ? "chart" : "table";
}
