// A reader's calibration: efficiency factors fitted to their own measured steps.
export * from "./calibration.js";
export * from "./fit.js";
export {calibrationSchema} from "./calibrationSchema.js";
