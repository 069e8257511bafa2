// What src/hardware.md imports, bundled into one module (scripts/bundlePages.ts).
export {approxTrainingFlops} from "../../engine/flops.js";
export {gpuSpecFromRecord, peakHalfPrecisionFlopsPerSecond} from "../../engine/gpu.js";
export {trainingSeconds} from "../../engine/time.js";
export {SECONDS_PER_DAY} from "../../engine/units.js";
export {trainingDaysChart} from "../trainingDaysChart.js";
export {acceleratorPoints, growthSummary} from "../acceleratorPoints.js";
export {acceleratorTimelineChart} from "../acceleratorTimelineChart.js";
export {datasheetTable} from "../datasheetTable.js";
export {scientific, sig} from "../format.js";
export {replacesFirstView} from "../firstView.js";
