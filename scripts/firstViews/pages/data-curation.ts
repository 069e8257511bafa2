// /data-curation's first view: RefinedWeb's funnel (src/data-curation.md, "The funnel"). It has
// no control (the page's address sets inputs further down), so a query string leaves it as it is.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import {refinedWebFunnel} from "../../../src/components/curationFunnel.js";
import type {CurationRow} from "../../../src/components/curationFunnel.js";
import {curationFunnelChart} from "../../../src/components/curationFunnelChart.js";

export const DATA_CURATION_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/data-curation",
    name: "refinedweb-funnel",
    urlState: false,
    // The page: rows = Array.from(data_curation.arrow, (r) => r.toJSON()); chartWidth = drawingWidth(width);
    // display(curationFunnelChart(refinedWebFunnel(rows), {width: chartWidth}))
    draw: (data, width) => curationFunnelChart(refinedWebFunnel(rows<CurationRow>(data.arrow("data_curation.arrow"))), {width: drawingWidth(width)})
  }
];
