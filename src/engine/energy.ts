// Electricity and emissions of a training run:
//   energy = GPU-hours × GPU power × PUE  (Wu et al. 2022, "Sustainable AI", as used by
//   Touvron et al. 2023, LLaMA, Sec 6 and Table 15), and CO₂ = energy × grid carbon intensity.

/**
 * Power usage effectiveness default: 1.1, the value Touvron et al. 2023 (LLaMA, arXiv 2302.13971,
 * Sec 6) use; Patterson et al. 2021 (arXiv 2104.10350, Table 4) report 1.10–1.12 for Google's
 * data centres. Older or smaller facilities run higher; it is an input.
 */
export const DEFAULT_PUE = 1.1;

/**
 * Grid carbon intensity default, kg CO₂eq per kWh: the US national average 0.385 used by
 * Touvron et al. 2023 (LLaMA, Sec 6: "tCO2eq = MWh × 0.385"). Grids range from 0.057 (BLOOM's
 * French grid, same section) to above 0.5; it is an input.
 */
export const DEFAULT_KG_CO2_PER_KWH = 0.385;

/**
 * Fraction of TDP drawn on average. Default 1: the convention of LLaMA (Table 15, "GPU power
 * 400 W" for A100-80GB = its TDP) and the Llama 2/3 model cards ("peak power capacity per GPU
 * device ... adjusted for power usage efficiency"), an upper bound on GPU power. Measured
 * system power can exceed TDP once hosts and networking are included (Patterson et al. 2021
 * Table 4: GPT-3 330 W per 300 W V100).
 */
export const DEFAULT_POWER_FRACTION_OF_TDP = 1;

export interface EnergyInput {
  gpuHours: number;
  /** Per-GPU thermal design power, watts. */
  tdpWatts: number;
  powerFractionOfTdp?: number;
  pue?: number;
}

/** Facility energy of the run, joules. */
export function energyJoules({gpuHours, tdpWatts, powerFractionOfTdp = DEFAULT_POWER_FRACTION_OF_TDP, pue = DEFAULT_PUE}: EnergyInput): number {
  for (const [name, v] of Object.entries({gpuHours, tdpWatts, powerFractionOfTdp})) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
  }
  if (!(pue >= 1) || !Number.isFinite(pue)) throw new RangeError(`pue must be a finite number ≥ 1, got ${pue}`);
  return gpuHours * 3600 * tdpWatts * powerFractionOfTdp * pue;
}

/** Joules → kWh. */
export function joulesToKwh(joules: number): number {
  return joules / 3.6e6;
}

/** kg CO₂eq for `energyKwh` at a grid intensity in kg CO₂eq/kWh (default: US average, see above). */
export function co2Kg(energyKwh: number, kgCo2PerKwh: number = DEFAULT_KG_CO2_PER_KWH): number {
  if (!(kgCo2PerKwh >= 0) || !Number.isFinite(kgCo2PerKwh)) throw new RangeError(`kgCo2PerKwh must be a finite number ≥ 0, got ${kgCo2PerKwh}`);
  return energyKwh * kgCo2PerKwh;
}
