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
 * The widths drawn: 704 px, the main column at 1280 px and 768 px viewports (656 at 1024 px, where
 * the 704 drawing is scaled down), and 311 px, the column on a 375 px phone.
 */
export const FIRST_VIEW_WIDTHS = [704, 311] as const;

/** `Array.from(table, (row) => row.toJSON())`, as the pages write it. */
export function rows<T>(table: Iterable<{toJSON(): unknown}>): T[] {
  return Array.from(table, (row) => row.toJSON() as T);
}
