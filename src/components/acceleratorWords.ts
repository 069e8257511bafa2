// The pages' chip-aware words come from the engine (src/engine/acceleratorWords.ts), which also
// words its own feasibility reasons with them.
export * from "../engine/acceleratorWords.js";
