// Public surface of the cost engine: pure functions, no DOM, SI units.
export * from "./types.js";
export * from "./units.js";
export * from "./flops.js";
export * from "./gpu.js";
export * from "./time.js";
