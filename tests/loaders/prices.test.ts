import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";

const prices = loadWithReferences("cloud_prices");
const byId = new Map(prices.map((r) => [String(r.id), r]));

describe("cloud_prices", () => {
  it("divides instance prices by accelerators per instance (to the source's rounding)", () => {
    for (const r of prices) {
      if (r.usd_per_instance_hour === null || r.gpus_per_instance === null) continue;
      const perGpu = (r.usd_per_instance_hour as number) / (r.gpus_per_instance as number);
      expect(Math.abs(perGpu - (r.usd_per_gpu_hour as number)), String(r.id)).toBeLessThan(0.006);
    }
  });

  it("agrees with the training runs that quote a price: DeepSeek-V3 $2/H800-hour, llm.c $28/h per 8xH100 node", () => {
    const runs = new Map(loadWithReferences("training_runs").map((r) => [String(r.id), r]));
    expect(byId.get("deepseek-v3-h800-rental-2024-12")!.usd_per_gpu_hour).toBe(runs.get("deepseek-v3")!.usd_per_accelerator_hour);
    expect(byId.get("llmc-8x-h100-80gb-sxm-2024-07")!.usd_per_gpu_hour).toBe(runs.get("llm-c-gpt2-1558m")!.usd_per_accelerator_hour);
    expect(byId.get("lambda-8x-a100-80gb-sxm-2024-05")!.usd_per_gpu_hour).toBe(runs.get("llm-c-gpt2-124m")!.usd_per_accelerator_hour);
  });

  it("has several dated observations for H100 SXM so price history can be plotted", () => {
    const h100 = prices.filter((r) => r.gpu_id === "h100-sxm5-80gb").map((r) => String(r.observed_date));
    expect(new Set(h100).size).toBeGreaterThanOrEqual(3);
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
