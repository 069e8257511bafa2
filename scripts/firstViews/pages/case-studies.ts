// /case-studies' first view: Llama 3 405B's interruptions by cause (src/case-studies.md, case 6), the
// page's one chart. The sliders of cases 1–4 and the address leave it as it is.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import {llamaInterruptionCauses} from "../../../src/components/interruptionCauses.js";
import {llama3InterruptionsChart} from "../../../src/components/llama3InterruptionsChart.js";
import type {ReliabilityRow} from "../../../src/components/interruptionCauses.js";

export const CASE_STUDIES_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/case-studies",
    name: "llama3-interruptions",
    urlState: false,
    // The page: reliabilityRows = Array.from(reliability.arrow, (r) => r.toJSON());
    // llamaCauses = llamaInterruptionCauses(reliabilityRows); chartWidth = drawingWidth(width);
    // display(llama3InterruptionsChart(llamaCauses, {width: chartWidth}))
    draw: (data, width) => llama3InterruptionsChart(llamaInterruptionCauses(rows<ReliabilityRow>(data.arrow("reliability.arrow"))), {width: drawingWidth(width)})
  }
];
