// The SQL boxes' default queries, each beside the same rows computed in JavaScript from the rows of
// the page's Arrow files. A page shows those rows at once and starts DuckDB-WASM (about 7 MB) only
// when the reader reaches for the query (sqlBox.ts `defaultRows`). Each query sorts on a unique
// key last, so its order is defined; the pages' browser tests run the query in DuckDB and check
// that it returns exactly these rows (tests/browser/prices.test.ts, capability.test.ts, template.test.ts).

type Row = Record<string, unknown>;

/** DuckDB's `round(x, digits)` on a DOUBLE: half away from zero, negative digits round left of the point; NULL stays NULL. */
export function sqlRound(x: number | null, digits: number): number | null {
  if (x === null) return null;
  const halfAway = (v: number) => Math.sign(v) * Math.round(Math.abs(v));
  if (digits >= 0) {
    const scale = 10 ** digits;
    return halfAway(x * scale) / scale;
  }
  const scale = 10 ** -digits;
  return halfAway(x / scale) * scale;
}

/** ORDER BY a ASC NULLS LAST, then the next comparator. */
export function ascendingNullsLast(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0; // Infinity sorts last among numbers, as in DuckDB
}

/** ORDER BY a text key (DuckDB compares strings byte-wise; the keys here are ASCII). */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// ---------------------------------------------------------------------------------------------
// /prices: every price beside its accelerator's dense BF16 peak, cheapest peak PFLOP-hour first.

export const PRICES_DEFAULT_QUERY = `SELECT p.provider, p.offering, g.name AS gpu, p.pricing_model,
       p.usd_per_gpu_hour, g.peak_bf16_tflops,
       round(p.usd_per_gpu_hour / (g.peak_bf16_tflops / 1000), 2) AS usd_per_peak_pflop_hour,
       p.observed_date
FROM prices p LEFT JOIN gpus g ON p.gpu_id = g.id
ORDER BY usd_per_peak_pflop_hour NULLS LAST, p.id`;

/**
 * PRICES_DEFAULT_QUERY over rows of data/cloud_prices.arrow and data/gpus.arrow (as
 * rowsWithDates reads them). A zero peak would divide by zero as JavaScript does: DuckDB 1.1 and
 * later follow IEEE 754 there (duckdb.org/docs, "PostgreSQL Compatibility": 1.0 / 0.0 is Infinity).
 */
export function pricesDefaultRows(prices: readonly Row[], gpus: readonly Row[]): Row[] {
  const gpuById = new Map(gpus.map((g) => [g.id, g]));
  return prices
    .map((p) => {
      const g = p.gpu_id === null ? undefined : gpuById.get(p.gpu_id);
      const usd = num(p.usd_per_gpu_hour);
      const peak = num(g?.peak_bf16_tflops);
      const row: Row = {
        provider: p.provider,
        offering: p.offering,
        gpu: g?.name ?? null,
        pricing_model: p.pricing_model,
        usd_per_gpu_hour: p.usd_per_gpu_hour,
        peak_bf16_tflops: g?.peak_bf16_tflops ?? null,
        usd_per_peak_pflop_hour: usd === null || peak === null ? null : sqlRound(usd / (peak / 1000), 2),
        observed_date: p.observed_date
      };
      return {row, key: String(p.id)};
    })
    .sort((a, b) => ascendingNullsLast(a.row.usd_per_peak_pflop_hour as number | null, b.row.usd_per_peak_pflop_hour as number | null) || byKey(a.key, b.key))
    .map((d) => d.row);
}

// ---------------------------------------------------------------------------------------------
// /capability: every MMLU score with its model's size, tokens and 6ND training compute.

export const CAPABILITY_DEFAULT_QUERY = `SELECT b.model_id, m.org, b.benchmark, b.score_percent, b.shots, b.evaluated_by,
       m.params_billions, m.training_tokens_billions,
       round(6 * coalesce(m.active_params_billions, m.params_billions) * m.training_tokens_billions * 1e18, -20) AS flops_6nd
FROM benchmarks b JOIN models m ON b.model_id = m.id
WHERE b.benchmark = 'mmlu'
ORDER BY flops_6nd NULLS LAST, b.id`;

/** CAPABILITY_DEFAULT_QUERY over rows of data/benchmarks.arrow and data/models.arrow. */
export function capabilityDefaultRows(benchmarks: readonly Row[], models: readonly Row[]): Row[] {
  const modelById = new Map(models.map((m) => [m.id, m]));
  return benchmarks
    .filter((b) => b.benchmark === "mmlu" && modelById.has(b.model_id))
    .map((b) => {
      const m = modelById.get(b.model_id)!;
      const paramsPerToken = num(m.active_params_billions) ?? num(m.params_billions);
      const tokens = num(m.training_tokens_billions);
      const row: Row = {
        model_id: b.model_id,
        org: m.org,
        benchmark: b.benchmark,
        score_percent: b.score_percent,
        shots: b.shots,
        evaluated_by: b.evaluated_by,
        params_billions: m.params_billions,
        training_tokens_billions: m.training_tokens_billions,
        flops_6nd: paramsPerToken === null || tokens === null ? null : sqlRound(6 * paramsPerToken * tokens * 1e18, -20)
      };
      return {row, key: String(b.id)};
    })
    .sort((a, b) => ascendingNullsLast(a.row.flops_6nd as number | null, b.row.flops_6nd as number | null) || byKey(a.key, b.key))
    .map((d) => d.row);
}

// ---------------------------------------------------------------------------------------------
// /template: the accelerators' memory and BF16 peak, smallest memory first.

export const TEMPLATE_DEFAULT_QUERY = `SELECT name AS "Accelerator", hbm_gb AS "HBM (GB)", peak_bf16_tflops AS "BF16 TFLOP/s", source AS "Source"
FROM gpus
ORDER BY hbm_gb NULLS LAST, id`;

/** TEMPLATE_DEFAULT_QUERY over rows of data/gpus.arrow. */
export function templateDefaultRows(gpus: readonly Row[]): Row[] {
  return [...gpus]
    .sort((a, b) => ascendingNullsLast(num(a.hbm_gb), num(b.hbm_gb)) || byKey(String(a.id), String(b.id)))
    .map((g) => ({"Accelerator": g.name, "HBM (GB)": g.hbm_gb, "BF16 TFLOP/s": g.peak_bf16_tflops, "Source": g.source}));
}
