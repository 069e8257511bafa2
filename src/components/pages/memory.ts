// What src/memory.md imports, bundled into one module (scripts/bundlePages.ts).
export {gpuSpecFromRecord} from "../../engine/gpu.js";
export {gpuCountOf} from "../../engine/parallelism.js";
export {memoryPerGpu} from "../../engine/memory.js";
export {STACK_LABELS} from "../../engine/stack.js";
export {planLayouts} from "../../engine/perf/planner.js";
export {calibrationOverridesFor} from "../../engine/calibration/calibration.js";
export {layoutRows, layoutSettings} from "../layoutTable.js";
export {modelSpecFromRecord} from "../models.js";
export {memoryBreakdownChart, memoryChartRows} from "../memoryBreakdownChart.js";
export {memoryVerdict, pipelineStages} from "../memoryAdvice.js";
export {memoryVerdictView} from "../memoryVerdictView.js";
export {urlState} from "../urlState.js";
export {CALIBRATION_PARAM, calibrationFromSearch, calibrationNote} from "../calibrationAddress.js";
export {labelled, focusableTable} from "../a11y.js";
export {downloadControl} from "../download.js";
export {plural, siPrefixed} from "../format.js";
export {DEFAULT_RUN, PRECISION_LABELS, PRECISION_OPTIONS, RECOMPUTE_LABELS, STACK_OPTIONS, acceleratorOptions, modelOptions} from "../runOptions.js";
export {afterPaint} from "../afterPaint.js";
