// What src/case-studies.md imports, bundled into one module (scripts/bundlePages.ts).
export {estimate} from "../../engine/estimate.js";
export {memoryPerGpu} from "../../engine/memory.js";
export {gpuSpecFromRecord, peakTrainingFlopsPerSecond} from "../../engine/gpu.js";
export {trainingSeconds} from "../../engine/time.js";
export {computeCostUsd} from "../../engine/cost.js";
export {SECONDS_PER_DAY, SECONDS_PER_HOUR} from "../../engine/units.js";
export {modelSpecFromRecord} from "../models.js";
export {caseStudyView, flopsDelivered, impliedMfu} from "../caseStudy.js";
export {compact} from "../calculatorResults.js";
export {urlState} from "../urlState.js";
export {labelled, focusableTable} from "../a11y.js";
export {downloadControl} from "../download.js";
export {duration, scientific, sig, usd} from "../format.js";
export {drawingWidth} from "../chartScales.js";
export {llamaInterruptionCauses} from "../interruptionCauses.js";
export {llama3InterruptionsChart} from "../llama3InterruptionsChart.js";
export {replacesFirstView} from "../firstView.js";
export {gpt3OnV100s as gpt3OnV100sEstimate, gpt3V100Case, GPT3_V100_MFU} from "../gpt3OnV100s.js";
