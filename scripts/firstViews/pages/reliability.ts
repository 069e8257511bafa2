// /reliability's first view: Llama 3 405B's interruptions by root cause (src/reliability.md,
// "What interrupts a large run"). It has no control, so a query string leaves it as it is.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {llamaInterruptionCauses} from "../../../src/components/interruptionCauses.js";
import type {ReliabilityRow} from "../../../src/components/interruptionCauses.js";
import {interruptionCausesChart} from "../../../src/components/interruptionCausesChart.js";

export const RELIABILITY_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/reliability",
    name: "interruption-causes",
    urlState: false,
    // The page: causes = llamaInterruptionCauses(Array.from(reliability.arrow, (r) => r.toJSON()));
    // display(interruptionCausesChart(causes, {width}))
    draw: (data, width) => interruptionCausesChart(llamaInterruptionCauses(rows<ReliabilityRow>(data.arrow("reliability.arrow"))), {width})
  }
];
