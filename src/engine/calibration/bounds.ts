// Bounds of the memory-bound overhead the fit may return (and a calibration file may carry).
export const MEMORY_BOUND_OVERHEAD_RANGE = {min: 0.05, max: 50} as const;
