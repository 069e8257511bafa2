// Public surface of the cost engine: pure functions, no DOM, SI units.
export * from "./types.js";
export * from "./units.js";
export * from "./flops.js";
export * from "./gpu.js";
export * from "./time.js";
export * from "./architecture.js";
export * from "./precision.js";
export * from "./parallelism.js";
export * from "./memory.js";
export * from "./cost.js";
export * from "./energy.js";
export * from "./validateSpec.js";
export * from "./estimate.js";
export * from "./scalingLaws.js";
export * from "./validateRuns.js";
export * from "./reliability.js";
export * from "./perf/index.js";
