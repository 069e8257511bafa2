// /hardware's first view: the accelerator timeline (src/hardware.md, "The datasheets").
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {acceleratorPoints} from "../../../src/components/acceleratorPoints.js";
import {acceleratorTimelineChart} from "../../../src/components/acceleratorTimelineChart.js";

export const HARDWARE_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/hardware",
    name: "accelerator-timeline",
    urlState: false,
    // The page: records = Array.from(gpuTable, (row) => row.toJSON());
    // display(acceleratorTimelineChart(acceleratorPoints(records), {width}))
    draw: (data, width) => acceleratorTimelineChart(acceleratorPoints(rows(data.arrow("gpus.arrow"))), {width})
  }
];
