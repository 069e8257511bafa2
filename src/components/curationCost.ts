// Costs of preparing and keeping a pre-training corpus, from explicit sourced inputs the page
// passes in (src/data-curation.md). Pure functions; SI units (bytes, tokens, USD).

/** Decimal gigabyte, the unit cloud storage bills in unless it says otherwise. */
export const BYTES_PER_GB = 1e9;

export interface ScaledGpuHoursInput {
  /** Tokens to process. */
  tokens: number;
  /** A measured job: it processed `referenceTokens` in `referenceGpuHours`. */
  referenceTokens: number;
  referenceGpuHours: number;
}

/**
 * GPU-hours to run a per-token pass (a quality classifier, a tokenizer) over `tokens`, scaled
 * linearly from a measured reference job. Null when the reference is unusable.
 */
export function scaledGpuHours({tokens, referenceTokens, referenceGpuHours}: ScaledGpuHoursInput): number | null {
  if (!(tokens >= 0) || !(referenceTokens > 0) || !(referenceGpuHours >= 0)) return null;
  if (![tokens, referenceTokens, referenceGpuHours].every(Number.isFinite)) return null;
  return referenceGpuHours * (tokens / referenceTokens);
}

export interface StorageCostInput {
  bytes: number;
  usdPerGbMonth: number;
  months: number;
  /** Copies kept (raw crawl, filtered, tokenized…); 1 by default. */
  copies?: number;
}

/** Dollars to keep `bytes` (× copies) for `months` at a per-GB-month price. */
export function storageCostUsd({bytes, usdPerGbMonth, months, copies = 1}: StorageCostInput): number | null {
  if (![bytes, usdPerGbMonth, months, copies].every((x) => Number.isFinite(x) && x >= 0)) return null;
  return (bytes / BYTES_PER_GB) * usdPerGbMonth * months * copies;
}

/**
 * A storage offering's name from its service and storage class, without the word they share:
 * "Amazon S3" + "S3 Standard (first 50 TB/month)" → "Amazon S3 Standard (first 50 TB/month)", not
 * "Amazon S3 S3 Standard …"; "R2" + "Standard" → "R2 Standard".
 */
export function storageName(service: string, storageClass: string): string {
  const last = service.split(" ").at(-1) ?? "";
  const rest = storageClass.startsWith(`${last} `) ? storageClass.slice(last.length + 1) : storageClass;
  return `${service} ${rest}`;
}
