// The drawn first views as the build stores them and the page head carries them
// (scripts/firstViews/build.ts writes, scripts/firstViews/head.ts reads).

/** Written by build.ts; read by observablehq.config.ts through head.ts. Cleaned with the cache. */
export const FIRST_VIEWS_FILE = "src/.observablehq/cache/first-views.json";

export interface FirstView {
  name: string;
  urlState: boolean;
  variants: {width: number; html: string}[];
}

export type FirstViewsByPage = Record<string, FirstView[]>;

/**
 * The chart's markup for the page, without `data-testid`: tests find the live chart. (Ids stay:
 * a clip path is found by its id, and the first view is gone before the live chart is shown.)
 */
export function serializeView(element: Element): string {
  for (const el of [element, ...element.querySelectorAll("[data-testid]")]) el.removeAttribute("data-testid");
  return element.outerHTML;
}
