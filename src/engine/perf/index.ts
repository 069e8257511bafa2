// Performance model: step time, MFU and HFU from a layout, and the planner that searches layouts.
export * from "./calibration.js";
export * from "./collectives.js";
export * from "./pipeline.js";
export * from "./gemm.js";
export * from "./layerCost.js";
export * from "./stepTime.js";
export * from "./fit.js";
export * from "./validation.js";
export * from "./heldOut.js";
export * from "./scale.js";
export * from "./planner.js";
export * from "./measured.js";
export * from "./fittingLayout.js";
export * from "./measuredMulti.js";
export * from "./eagerStep.js";
export * from "./stackStep.js";
