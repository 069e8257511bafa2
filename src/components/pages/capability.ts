// What src/capability.md imports, bundled into one module (scripts/bundlePages.ts).
export {urlState} from "../urlState.js";
export {downloadControl} from "../download.js";
export {wholeRunEstimates, capabilitySelection, CAPABILITY_DEFAULTS, ALL_SETTINGS, defaultUsdPerGpuHour, unattributedOverheadOf, BENCHMARK_NAMES, CAPABILITY_CONTROLS, PRICE_RANGE, evaluationSettings, capabilitySummary} from "../capability.js";
export {AXIS_LABELS, capabilityChart} from "../capabilityChart.js";
export {capabilityCostRows} from "../capabilityCostRows.js";
export {scientific, sig, usd} from "../format.js";
export {sqlBox} from "../sqlBox.js";
export {CAPABILITY_DEFAULT_QUERY, capabilityDefaultRows} from "../defaultQueries.js";
export {acceleratorLabel} from "../priceAnalysis.js";
export {drawingWidth} from "../chartScales.js";
export {replacesFirstView} from "../firstView.js";
export {sqlResultView} from "../sqlResult.js";
