// What a page's first view is (scripts/firstViews/specs.ts lists them): a chart drawn at build
// time from the same data files and the same component the page uses, so the reader sees it as
// soon as the HTML arrives instead of after the page's modules have loaded and run.
import type {Table} from "apache-arrow";

/** The data a first view may read: Framework's built data files, decoded as the page decodes them. */
export interface FirstViewData {
  /** `FileAttachment("data/<name>").arrow()` in the page: the same Arrow table. */
  arrow(name: string): Table;
  /** `FileAttachment("data/<name>").json()` in the page. */
  json(name: string): unknown;
  /** `FileAttachment("data/<name>").text()` in the page. */
  text(name: string): string;
}

export interface FirstViewSpec {
  /** Framework's page path: "/index", "/hardware". */
  page: string;
  /** The slot's name in the page's Markdown: `<div class="first-view" data-first-view="name"></div>`. */
  name: string;
  /**
   * True when the page draws this chart from its address (`?model=…`): a page opened with a query
   * string then shows no first view, since it would show the default run, not the reader's.
   */
  urlState: boolean;
  /** The chart at `width` px (Framework's `width` for the chart's cell) in its default state. */
  draw(data: FirstViewData, width: number): Element;
  /** The widths to draw it at: FIRST_VIEW_WIDTHS unless given; one for a view the width does not change (a table). */
  widths?: readonly number[];
}

/**
 * The widths drawn, the main column's at common viewports (measured in Chromium with the page's
 * scripts off): 1072 (1440 px, no table of contents), 912 (1280 px without one; 1440 with one is
 * 864), 704 (1280 and 768 px with one; 1024 is 656) and 311 (a 375 px phone). The page picks the
 * narrowest drawing at least as wide as its column and scales it to the column (head.ts).
 */
export const FIRST_VIEW_WIDTHS = [1072, 912, 704, 311] as const;

/**
 * One drawing, at the widest width: for text and controls, which the browser lays out at the
 * column's width itself (a sentence, a select, a table).
 */
export const ONE_WIDTH = [FIRST_VIEW_WIDTHS[0]] as const;

/** A sentence as a first view: `text` in a `tag` (a span inside the page's paragraph, or a p). */
export function textView(text: string, tag: "span" | "p" = "span"): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

/** `Array.from(table, (row) => row.toJSON())`, as the pages write it. */
export function rows<T>(table: Iterable<{toJSON(): unknown}>): T[] {
  return Array.from(table, (row) => row.toJSON() as T);
}
