// The step-time model the CLI uses when a spec gives no MFU. None yet: the performance model
// (src/engine/perf/stepTime.ts, predictStep) replaces this once it lands.
import type {StepPredictor} from "../../src/engine/index.js";

export const defaultStepPredictor: StepPredictor | undefined = undefined;
