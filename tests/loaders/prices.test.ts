import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {cloudPrices} from "../../loaders/datasets/prices.js";
import {gpus} from "../../loaders/datasets/gpus.js";
import {DataError} from "../../loaders/errors.js";
import {keySet, loadCsvText} from "../../loaders/load.js";

const prices = loadWithReferences("cloud_prices");
const byId = new Map(prices.map((r) => [String(r.id), r]));
const KEYS = new Map([["gpus", keySet(gpus, loadWithReferences("gpus"))]]);

describe("cloud_prices: breadth", () => {
  it("has at least 150 rows from at least 10 providers, observed between 2020 and 2026", () => {
    expect(prices.length).toBeGreaterThanOrEqual(150);
    expect(new Set(prices.map((r) => r.provider)).size).toBeGreaterThanOrEqual(10);
    for (const r of prices) expect(String(r.observed_date) >= "2020-01-01" && String(r.observed_date) <= "2026-12-31", String(r.id)).toBe(true);
  });

  it("covers V100, A100 40/80 GB, H100 SXM and PCIe, H200, B200, MI300X and TPU v4, v5e, v5p, v6e", () => {
    const accelerators = new Set(prices.map((r) => r.accelerator));
    for (const a of ["v100", "a100-40gb", "a100-80gb", "h100", "h200", "b200", "mi300x", "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e"]) expect(accelerators, a).toContain(a);
    const ids = new Set(prices.map((r) => r.gpu_id));
    for (const id of ["a100-sxm4-40gb", "a100-sxm4-80gb", "h100-sxm5-80gb", "h100-pcie-80gb", "h200-sxm-141gb", "b200-sxm-180gb", "mi300x"]) expect(ids, id).toContain(id);
  });

  it("has on-demand, reserved, spot and capacity-block prices, and every committed price states its term", () => {
    const kinds = new Set(prices.map((r) => r.pricing_model));
    for (const k of ["on-demand", "reserved", "spot", "capacity-block"]) expect(kinds, k).toContain(k);
    for (const r of prices.filter((p) => p.pricing_model === "reserved" || p.pricing_model === "capacity-block")) expect(r.commitment_term, String(r.id)).not.toBeNull();
  });

  it("says how every price was read", () => {
    for (const r of prices) expect(String(r.how_read).length, String(r.id)).toBeGreaterThan(5);
  });
});

describe("cloud_prices: figures as the sources print them", () => {
  it("divides instance prices by accelerators per instance (to the source's rounding)", () => {
    for (const r of prices) {
      if (r.usd_per_instance_hour === null || r.gpus_per_instance === null) continue;
      const perGpu = (r.usd_per_instance_hour as number) / (r.gpus_per_instance as number);
      expect(Math.abs(perGpu - (r.usd_per_gpu_hour as number)), String(r.id)).toBeLessThan(0.006);
    }
  });

  it("reads AWS's Capacity Block for a p5.48xlarge: $39.33 an hour for 8 H100s is $4.916 per GPU", () => {
    const row = byId.get("aws-p5-48xlarge-capacity-block-us-east-1-2024-12")!;
    expect([row.usd_per_instance_hour, row.gpus_per_instance, row.usd_per_gpu_hour]).toEqual([39.33, 8, 4.916]);
  });

  it("reads Google's TPU v5e table of June 2024: $1.20 on demand, $0.84 for 1 year, $0.54 for 3 years, $0.60 spot per chip-hour", () => {
    const v5e = prices.filter((r) => r.gpu_id === "tpu-v5e" && r.region === "us-central1" && r.observed_date === "2024-06-11");
    const byKind = Object.fromEntries(v5e.map((r) => [`${r.pricing_model} ${r.commitment_term ?? ""}`.trim(), r.usd_per_gpu_hour]));
    expect(byKind).toEqual({"on-demand": 1.2, "reserved 1 year committed use": 0.84, "reserved 3 years committed use": 0.54, "spot": 0.6});
  });

  it("agrees with the training run that quotes Lambda's 8x A100 node at $14/h ($1.75 per GPU)", () => {
    const runs = new Map(loadWithReferences("training_runs").map((r) => [String(r.id), r]));
    expect(byId.get("lambda-8x-a100-80gb-sxm-2024-05")!.usd_per_gpu_hour).toBe(runs.get("llm-c-gpt2-124m")!.usd_per_accelerator_hour);
  });

  it("has several dated observations for H100 SXM so price history can be plotted", () => {
    const h100 = prices.filter((r) => r.gpu_id === "h100-sxm5-80gb").map((r) => String(r.observed_date));
    expect(new Set(h100).size).toBeGreaterThanOrEqual(3);
  });
});

describe("cloud_prices: row rules", () => {
  const header = cloudPrices.columns.map((c) => c.name).join(",");
  const row = (overrides: Record<string, string>) => {
    const base: Record<string, string> = {id: "x", provider: "P", offering: "8x H100", gpu_id: "h100-sxm5-80gb", accelerator: "h100", gpu_text: "H100", gpus_per_instance: "8", usd_per_instance_hour: "16", usd_per_gpu_hour: "2", pricing_model: "reserved", commitment_term: "1 year", region: "", observed_date: "2025-01-01", date_basis: "published", source: "a page", how_read: "instance price ÷ 8", notes: ""};
    return cloudPrices.columns.map((c) => ({...base, ...overrides})[c.name]).join(",");
  };
  const load = (line: string) => loadCsvText(`${header}\n${line}\n`, "data/cloud_prices.csv", cloudPrices, KEYS);
  const message = (line: string): string => {
    try {
      load(line);
    } catch (error) {
      if (error instanceof DataError) return error.message;
      throw error;
    }
    return "loaded";
  };

  it("loads a well-formed reserved row", () => {
    expect(load(row({}))).toHaveLength(1);
  });

  it("refuses a reserved or capacity-block price without a commitment term", () => {
    expect(message(row({commitment_term: ""}))).toMatch(/column "commitment_term": expected a commitment term .* for a reserved or capacity-block price, found ""$/);
    expect(message(row({pricing_model: "capacity-block", commitment_term: ""}))).toMatch(/column "commitment_term": expected a commitment term/);
    expect(load(row({pricing_model: "spot", commitment_term: ""}))).toHaveLength(1);
  });

  it("refuses a per-GPU price that is not the instance price over the accelerator count", () => {
    expect(message(row({usd_per_gpu_hour: "2.5"}))).toMatch(/column "usd_per_gpu_hour": expected usd_per_instance_hour \/ gpus_per_instance \(within 0.5%\), found "2.5"$/);
  });

  it("refuses zero accelerators, a zero price, an unknown pricing kind and an unknown accelerator id", () => {
    expect(message(row({gpus_per_instance: "0"}))).toMatch(/column "gpus_per_instance": expected a whole number > 0/);
    expect(message(row({usd_per_gpu_hour: "0", usd_per_instance_hour: ""}))).toMatch(/column "usd_per_gpu_hour": expected a number > 0/);
    expect(message(row({pricing_model: "preemptible"}))).toMatch(/column "pricing_model": .*found "preemptible"$/);
    expect(message(row({gpu_id: "h100-nvl"}))).toMatch(/column "gpu_id": expected a known gpus id, found unknown "h100-nvl"$/);
  });
});

describe("storage and egress prices", () => {
  it("reads Cloudflare R2's zero egress and $0.015/GB-month storage", () => {
    const egress = new Map(loadWithReferences("egress_prices").map((r) => [String(r.id), r]));
    const storage = new Map(loadWithReferences("storage_prices").map((r) => [String(r.id), r]));
    expect(egress.get("cloudflare-r2-internet")!.usd_per_gb).toBe(0);
    expect(storage.get("cloudflare-r2-standard")!.usd_per_gb_month).toBe(0.015);
  });
});
