// Chip-aware words for results: a TPU run is counted in chip-hours, not GPU-hours (Google rents
// and reports TPUs per chip; PaLM's paper counts "TPU v4 chips"). Everything else in
// data/gpus.csv is a GPU.

export interface AcceleratorWords {
  /** "GPU" or "TPU chip": one accelerator. */
  one: string;
  /** "GPU-hours" or "chip-hours". */
  hours: string;
  /** "GPU-hour" or "chip-hour", after "per". */
  hour: string;
}

const GPU: AcceleratorWords = {one: "GPU", hours: "GPU-hours", hour: "GPU-hour"};
const TPU: AcceleratorWords = {one: "TPU chip", hours: "chip-hours", hour: "chip-hour"};

/** Words for an accelerator, from its id or name in data/gpus.csv ("tpu-v5p", "Google TPU v5p"). */
export function acceleratorWords(idOrName: string): AcceleratorWords {
  return /(^|[^a-z])tpu([^a-z]|$)/i.test(idOrName) ? TPU : GPU;
}
