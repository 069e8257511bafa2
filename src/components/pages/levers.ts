// What src/levers.md imports, bundled into one module (scripts/bundlePages.ts).
export {gpuSpecFromRecord} from "../../engine/gpu.js";
export {CHINCHILLA_APPROACH_3} from "../../engine/scalingLaws.js";
export {calibrationOverridesFor} from "../../engine/calibration/calibration.js";
export {modelSpecFromRecord, trainingTokens} from "../models.js";
export {calculate} from "../calculator.js";
export {leverJob, leverJobWords, leverAccelerators, notOfferedWords, precisionLever, moeLever, distillationLever, earlyStoppingLever, spotLever, accumulationLever, accumulationWords, moeWords} from "../levers.js";
export {leverChart} from "../leverChart.js";
export {compact, infeasibleNote} from "../calculatorResults.js";
export {feasibilityFixes} from "../feasibilityFix.js";
export {DEFAULT_FLEET, DEFAULT_RUN, acceleratorOptions, defaultTokens, modelOptions} from "../runOptions.js";
export {urlState} from "../urlState.js";
export {CALIBRATION_PARAM, calibrationFromSearch, calibrationNote} from "../calibrationAddress.js";
export {labelled, focusableTable} from "../a11y.js";
export {downloadControl} from "../download.js";
export {siPrefixed, sig, usd} from "../format.js";
export {replacesFirstView} from "../firstView.js";
