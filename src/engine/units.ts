// Unit conversion factors between the data files' human units and the engine's SI units.
// Decimal prefixes, as vendors print them (1 TB/s = 10^12 bytes/s; 1 GB = 10^9 bytes).
export const TERA = 1e12;
export const GIGA = 1e9;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
