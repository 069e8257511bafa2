// /hardware's first views (src/hardware.md, "The datasheets"): the datasheet table and, below it,
// the accelerator timeline. The table is drawn too: shown only by the page's cell, it pushed the
// timeline about 445 px down some 1.1 s after navigation (layout shift 0.16).
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, rows} from "../spec.js";
import type {AcceleratorRecord} from "../../../src/components/acceleratorPoints.js";
import {datasheetTable} from "../../../src/components/datasheetTable.js";
import {acceleratorPoints} from "../../../src/components/acceleratorPoints.js";
import {acceleratorTimelineChart} from "../../../src/components/acceleratorTimelineChart.js";

export const HARDWARE_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/hardware",
    name: "accelerator-datasheet",
    urlState: false,
    // A table does not depend on the column's width: one drawing.
    widths: ONE_WIDTH,
    // The page: display(datasheetTable(records))
    draw: (data) => datasheetTable(rows<AcceleratorRecord>(data.arrow("gpus.arrow")))
  },
  {
    page: "/hardware",
    name: "accelerator-timeline",
    urlState: false,
    // The page: records = Array.from(gpuTable, (row) => row.toJSON());
    // display(acceleratorTimelineChart(acceleratorPoints(records), {width}))
    draw: (data, width) => acceleratorTimelineChart(acceleratorPoints(rows<AcceleratorRecord>(data.arrow("gpus.arrow"))), {width})
  }
];
