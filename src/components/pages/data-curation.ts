// What src/data-curation.md imports, bundled into one module (scripts/bundlePages.ts).
export {effectiveRepeatedTokens} from "../../engine/scalingLaws.js";
export {scaledGpuHours, storageCostUsd, storageName} from "../curationCost.js";
export {urlState} from "../urlState.js";
export {downloadControl} from "../download.js";
export {plural, scientific, sig, usd} from "../format.js";
export {drawingWidth} from "../chartScales.js";
export {refinedWebFunnel} from "../curationFunnel.js";
export {curationFunnelChart} from "../curationFunnelChart.js";
export {replacesFirstView} from "../firstView.js";
