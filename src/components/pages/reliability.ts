// What src/reliability.md imports, bundled into one module (scripts/bundlePages.ts).
export {LLAMA3_UNEXPECTED_INTERRUPTIONS_PER_GPU_HOUR, expectedInterruptions, goodput, jobMtbfSeconds, optimalCheckpointIntervalSeconds} from "../../engine/reliability.js";
export {urlState} from "../urlState.js";
export {downloadControl} from "../download.js";
export {duration, plural, sig} from "../format.js";
export {reportedRuns} from "../reportedRuns.js";
export {LLAMA3_RUN, llamaInterruptionCauses} from "../interruptionCauses.js";
export {interruptionCausesChart} from "../interruptionCausesChart.js";
export {replacesFirstView} from "../firstView.js";
