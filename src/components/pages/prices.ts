// What src/prices.md imports, bundled into one module (scripts/bundlePages.ts).
export {urlState} from "../urlState.js";
export {downloadControl} from "../download.js";
export {usdForFlops} from "../priceMetrics.js";
export {HISTORY_ACCELERATOR_CHOICES, HISTORY_ACCELERATOR_CONTROL, DEFAULT_HISTORY_ACCELERATOR, acceleratorsIn, cheapestEffective, kindRatios, kindSpread, priceHistory, priceObservations, isoDay, priceDataSummary, priceHistorySummary} from "../priceAnalysis.js";
export {cheapestComputeChart, kindSpreadChart, priceHistoryChart, sourceDetails} from "../priceCharts.js";
export {sig, usd} from "../format.js";
export {sqlBox} from "../sqlBox.js";
export {PRICES_DEFAULT_QUERY, pricesDefaultRows} from "../defaultQueries.js";
export {rowsWithDates} from "../arrowRows.js";
export {drawingWidth} from "../chartScales.js";
export {replacesFirstView} from "../firstView.js";
export {sqlResultView} from "../sqlResult.js";
