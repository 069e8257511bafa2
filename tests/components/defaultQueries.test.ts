// The SQL boxes' default rows computed without DuckDB. The browser tests check them against DuckDB
// itself on the real data; these pin down the SQL semantics they imitate on small fixtures.
import {describe, expect, it} from "vitest";
import {ascendingNullsLast, capabilityDefaultRows, pricesDefaultRows, sqlRound, templateDefaultRows} from "../../src/components/defaultQueries.js";

describe("sqlRound (DuckDB's round on a DOUBLE)", () => {
  it("round(42.4332, 2) = 42.43, as in DuckDB's function reference", () => {
    expect(sqlRound(42.4332, 2)).toBe(42.43);
  });
  it("rounds halves away from zero on both sides of zero", () => {
    expect(sqlRound(2.5, 0)).toBe(3);
    expect(sqlRound(-2.5, 0)).toBe(-3);
    expect(sqlRound(0.125, 2)).toBe(0.13);
  });
  it("negative digits round left of the point: 1.2345e24 to -20 digits is 1.2345e24, 1.23456e24 → 1.2346e24", () => {
    expect(sqlRound(1.2345e24, -20)).toBe(1.2345e24);
    expect(sqlRound(1.23456e24, -20)).toBe(1.2346e24);
    expect(sqlRound(7.5e19, -20)).toBe(1e20);
  });
  it("NULL stays NULL", () => {
    expect(sqlRound(null, 2)).toBeNull();
  });
});

describe("ascendingNullsLast", () => {
  it("sorts numbers ascending and nulls after them", () => {
    expect([3, null, 1, 2].sort(ascendingNullsLast)).toEqual([1, 2, 3, null]);
  });
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("pricesDefaultRows", () => {
  const gpus = [
    {id: "h100", name: "H100", peak_bf16_tflops: 1000},
    {id: "v100", name: "V100", peak_bf16_tflops: null}
  ];
  const price = (id: string, gpu_id: string | null, usd: number) => ({id, provider: `P-${id}`, offering: "o", gpu_id, pricing_model: "on-demand", usd_per_gpu_hour: usd, observed_date: day("2025-01-01")});

  it("joins each price to its accelerator's peak, cheapest peak PFLOP-hour first, unpriced peaks last, ties by price id", () => {
    const rows = pricesDefaultRows([price("c", "h100", 3.456), price("b", "v100", 1), price("a", null, 2), price("e", "h100", 2), price("d", "h100", 2)], gpus);
    expect(rows.map((r) => [r.provider, r.gpu, r.usd_per_peak_pflop_hour])).toEqual([
      ["P-d", "H100", 2],
      ["P-e", "H100", 2],
      ["P-c", "H100", 3.46],
      ["P-a", null, null],
      ["P-b", "V100", null]
    ]);
  });

  it("keeps the query's column order and the price's date", () => {
    const [row] = pricesDefaultRows([price("a", "h100", 2)], gpus);
    expect(Object.keys(row!)).toEqual(["provider", "offering", "gpu", "pricing_model", "usd_per_gpu_hour", "peak_bf16_tflops", "usd_per_peak_pflop_hour", "observed_date"]);
    expect(row!.observed_date).toEqual(day("2025-01-01"));
  });
});

describe("capabilityDefaultRows", () => {
  const models = [
    {id: "dense", org: "A", params_billions: 7, active_params_billions: null, training_tokens_billions: 2000},
    {id: "moe", org: "B", params_billions: 671, active_params_billions: 37, training_tokens_billions: 14800},
    {id: "secret", org: "C", params_billions: 70, active_params_billions: null, training_tokens_billions: null}
  ];
  const score = (id: string, model_id: string, benchmark = "mmlu") => ({id, model_id, benchmark, score_percent: 50, shots: 5, evaluated_by: `by-${id}`});

  it("keeps MMLU scores of known models, 6 × active (else total) parameters × tokens, rounded to 1e20; unknown tokens last", () => {
    const rows = capabilityDefaultRows([score("s3", "secret"), score("s2", "moe"), score("s1", "dense"), score("s0", "dense", "gsm8k"), score("s4", "missing")], models);
    expect(rows.map((r) => [r.model_id, r.flops_6nd])).toEqual([
      ["dense", 8.4e22],
      ["moe", 3.2856e24],
      ["secret", null]
    ]);
    expect(Object.keys(rows[0]!)).toEqual(["model_id", "org", "benchmark", "score_percent", "shots", "evaluated_by", "params_billions", "training_tokens_billions", "flops_6nd"]);
  });

  it("breaks ties in compute by the score's id", () => {
    const rows = capabilityDefaultRows([score("z", "dense"), score("a", "dense")], models);
    expect(rows.map((r) => r.evaluated_by)).toEqual(["by-a", "by-z"]);
  });
});

describe("templateDefaultRows", () => {
  it("lists accelerators by memory, ties by id, with the query's column names", () => {
    const gpu = (id: string, hbm_gb: number) => ({id, name: id.toUpperCase(), hbm_gb, peak_bf16_tflops: 1, source: "s", vendor: "v"});
    const rows = templateDefaultRows([gpu("b", 80), gpu("c", 40), gpu("a", 80)]);
    expect(rows.map((r) => r["Accelerator"])).toEqual(["C", "A", "B"]);
    expect(Object.keys(rows[0]!)).toEqual(["Accelerator", "HBM (GB)", "BF16 TFLOP/s", "Source"]);
  });
});
