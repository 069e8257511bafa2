// What src/calibration.md imports, bundled into one module (scripts/bundlePages.ts).
export {gpuSpecFromRecord} from "../../engine/gpu.js";
export {MEMORY_KNOWN_MISSES} from "../../engine/perf/measured.js";
export {FLASH_ATTENTION_EFFICIENCY, MEASURED_TRAINING_MATMUL_EFFICIENCY, TUNED_STACK_MATMUL_EFFICIENCY, mamfEfficiency, matmulEfficiency} from "../../engine/perf/calibration.js";
export {layerMatmulShares} from "../../engine/perf/layerGemm.js";
export {attentionChart, layerMatmulChart} from "../kernelCharts.js";
export {calibrationPoints, memoryChart, stepTimeChart, gpuBusyChart, gemmChart, kernelBars, kernelBreakdownChart, signedPercent, MODEL_ORDER} from "../calibrationCharts.js";
export {urlState} from "../urlState.js";
export {labelled, focusableTable} from "../a11y.js";
export {downloadControl} from "../download.js";
export {sig} from "../format.js";
export {shareWithin, stackPoints, stackRatioChart} from "../stackCharts.js";
export {MULTI_MEMORY_KNOWN_MISSES, MULTI_STEP_TIME_KNOWN_MISSES, WIDE_MEMORY_KNOWN_MISSES, WIDE_STEP_TIME_KNOWN_MISSES} from "../../engine/perf/measuredMulti.js";
export {MULTI_MODE_LABELS, multiGpuPoints, multiStepTimeChart} from "../multiGpuCharts.js";
export {afterPaint} from "../afterPaint.js";
export {PRECISION_FILTERS, CALIBRATION_FILTER_DEFAULTS, measuredGpu, filterCalibrationPoints} from "../calibrationSelection.js";
export {replacesFirstView} from "../firstView.js";
