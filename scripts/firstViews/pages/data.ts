// /data's first view: the summary table of every dataset (src/data.md, above "How to read the
// tables"), from the page's own catalog.json. It is the page's first element drawn from data, and
// some 28 rows tall: drawn only by the page's cell, it pushed the rest of the page down about
// 1.4 s after navigation (layout shift 0.31). A table does not depend on the column's width.
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH} from "../spec.js";
import {catalogSummary, pendingDownloads} from "../../../src/components/dataCatalog.js";
import type {CatalogEntry} from "../../../src/components/dataCatalog.js";

export const DATA_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/data",
    name: "catalog-summary",
    urlState: false,
    widths: ONE_WIDTH,
    // The page: display(catalogSummary(catalog, downloads)), downloads being each file's
    // FileAttachment(…).href, which Framework hashes after this is drawn: the links have no address
    // until the page's cell replaces the view (pendingDownloads).
    draw: (data) => {
      const catalog = data.json("catalog.json") as CatalogEntry[];
      return catalogSummary(catalog, pendingDownloads(catalog));
    }
  }
];
