// What src/scaling-laws.md imports, bundled into one module (scripts/bundlePages.ts).
export {CHINCHILLA_APPROACH_1, CHINCHILLA_APPROACH_2, CHINCHILLA_APPROACH_3, EPOCH_2024_REPLICATION, KAPLAN_2020, MUENNIGHOFF_2023, computeOptimal, effectiveRepeatedTokens, inferenceAwareOptimal, kaplanLoss, overtraining, parametricLoss, perplexity, powerLawAllocation} from "../../engine/scalingLaws.js";
export {urlState} from "../urlState.js";
export {downloadControl} from "../download.js";
export {plural, scientific, sig} from "../format.js";
export {countTick, powerOfTenTick} from "../axisFormat.js";
export {DEFAULT_FIT_ID, DEFAULT_LOG10_FLOPS, SCALING_FITS, isoFlopCurves} from "../isoFlopCurves.js";
export {isoFlopChart} from "../isoFlopChart.js";
export {replacesFirstView} from "../firstView.js";
