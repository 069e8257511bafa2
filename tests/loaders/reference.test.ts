import {tableFromIPC} from "apache-arrow";
import {describe, expect, it} from "vitest";
import {compileDataset, loadWithReferences} from "../../loaders/compile.js";
import type {Row} from "../../loaders/schema.js";

function byId(name: string): Map<string, Row> {
  return new Map(loadWithReferences(name).map((r) => [String(r.id), r]));
}

describe("reference tables copied from shared/reference", () => {
  it("keeps every row of the reference files (56 runs, 58 MFU rows, 104 memory rows, 49 reliability rows); runs added later come after them", () => {
    expect(loadWithReferences("training_runs").length).toBeGreaterThanOrEqual(56);
    expect(loadWithReferences("system_mfu").length).toBeGreaterThanOrEqual(58);
    expect(loadWithReferences("memory_tables")).toHaveLength(104);
    expect(loadWithReferences("reliability")).toHaveLength(49);
  });

  it("reproduces DeepSeek-V3 Table 1: 2,664K H800-hours of pre-training at $2/GPU-hour = $5.328M", () => {
    const v3 = byId("training_runs").get("deepseek-v3")!;
    expect(v3).toMatchObject({params_total: 671e9, params_active: 37e9, tokens: 14.8e12, accelerator_count: 2048, accelerator_hours: 2_664_000, usd_per_accelerator_hour: 2});
    expect((v3.accelerator_hours as number) * (v3.usd_per_accelerator_hour as number)).toBe(v3.cost_usd_reported);
  });

  it("reads llm.c's 1.558B run: 8 H100 SXM for 1 day at $28/h per node = $672", () => {
    const run = byId("training_runs").get("llm-c-gpt2-1558m")!;
    expect(run).toMatchObject({gpu_id: "h100-sxm5-80gb", accelerator_count: 8, wall_clock_days: 1, usd_per_accelerator_hour: 3.5, cost_usd_reported: 672});
    expect((run.accelerator_count as number) * (run.wall_clock_days as number) * 24 * (run.usd_per_accelerator_hour as number)).toBe(672);
  });

  it("leaves ambiguous text blank instead of guessing (Llama 3 '15T+' tokens, PaLM's two phases of wall-clock time)", () => {
    const runs = byId("training_runs");
    expect(runs.get("llama-3-8b")!.tokens).toBeNull();
    expect(runs.get("palm-540b")!.wall_clock_days).toBeNull();
    expect(runs.get("palm-540b")!.accelerator_hours).toBe(6144 * 1200 + 3072 * 336);
  });

  it("reproduces Megatron-LM Table 1 (Narayanan 2021): 1T model on 3072 A100s, TP8 PP64, 163 TFLOP/s = 52% of peak", () => {
    const row = byId("system_mfu").get("megatron-2021-gpt-1008b")!;
    expect(row).toMatchObject({num_gpus: 3072, tp: 8, pp: 64, dp: 6, tflops_per_gpu: 163, hfu: 0.52, layers: 128, d_model: 25600, heads: 160, vocab: 51200, recompute: "full"});
    expect((row.tp as number) * (row.pp as number) * (row.dp as number)).toBe(row.num_gpus);
  });

  it("reproduces Llama 3 Table 4: 16,384 H100s, TP8 CP1 PP16 DP128, 400 TFLOP/s, 41% MFU", () => {
    const row = byId("system_mfu").get("llama3-405b-8k-16384gpu")!;
    expect(row).toMatchObject({gpu_id: "h100-sxm5-80gb", tp: 8, cp: 1, pp: 16, dp: 128, tflops_per_gpu: 400, mfu: 0.41});
    expect(8 * 1 * 16 * 128).toBe(row.num_gpus);
  });

  it("has tp × pp × cp × dp = num_gpus wherever all are known", () => {
    for (const r of loadWithReferences("system_mfu")) {
      if ([r.tp, r.pp, r.dp, r.num_gpus].some((v) => v === null)) continue;
      expect((r.tp as number) * (r.pp as number) * ((r.cp as number | null) ?? 1) * (r.dp as number), String(r.id)).toBe(r.num_gpus);
    }
  });

  it("reproduces ZeRO Table 1: 7.5B params, 64 GPUs, stage 3 → 1.88 GB = 16Ψ/Nd bytes with GB = 10^9", () => {
    const row = byId("memory_tables").get("zero-table-1-12")!;
    expect(row.config).toContain("DP=64; ZeRO-DP stage Pos+g+p");
    expect(row.value_bytes).toBe(1.88e9);
    expect(Math.abs((16 * 7.5e9) / 64 - (row.value_bytes as number))).toBeLessThan(0.01e9);
  });

  it("reproduces Llama 3 Table 5: 419 unexpected interruptions, 148 from faulty GPUs", () => {
    const rows = byId("reliability");
    expect(rows.get("llama-3-405b-pre-training-summary-unexpected-interruptions")!.count).toBe(419);
    expect(rows.get("llama-3-405b-pre-training-gpu-faulty-gpu")!.count).toBe(148);
    const table5 = [...rows.values()].filter((r) => String(r.id).startsWith("llama-3-405b-pre-training-") && r.pct !== null);
    expect(table5).toHaveLength(18);
    expect(table5.reduce((s, r) => s + (r.count as number), 0)).toBe(419);
  });

  it("encodes each table as an Arrow stream with units in the field metadata", () => {
    const table = tableFromIPC(compileDataset("training_runs"));
    expect(table.numRows).toBe(loadWithReferences("training_runs").length);
    expect(table.schema.fields.find((f) => f.name === "train_flops_reported")!.metadata.get("unit")).toBe("FLOP");
  });
});

describe("data_curation", () => {
  const rows = byId("data_curation");

  it("reproduces RefinedWeb: Macrodata Refinement keeps 11.67% of CommonCrawl documents, each stage keeping less", () => {
    const stages = ["refinedweb-rw-raw-retained", "refinedweb-rw-filtered-retained", "refinedweb-final-retained"].map((id) => rows.get(id)!.value as number);
    expect(stages[2]).toBe(11.67);
    expect(stages[0]).toBeGreaterThan(stages[1]!);
    expect(stages[1]).toBeGreaterThan(stages[2]!);
  });

  it("reproduces FineWeb-Edu: a 92% cut of FineWeb's ~15T tokens leaves ~1.3T", () => {
    const fineweb = rows.get("fineweb-final-gpt2-tokens")!.value as number;
    const edu = rows.get("fineweb-edu-score-3-tokens")!.value as number;
    expect(Math.abs(edu / fineweb - (1 - (rows.get("fineweb-edu-threshold-3-removed")!.value as number) / 100))).toBeLessThan(0.01);
  });

  it("reproduces Llama 3 §3.2: 128K vocabulary raises English compression from 3.17 to 3.94 characters per token", () => {
    expect(rows.get("tokenizer-llama2-english-llama3-report")!.value).toBe(3.17);
    expect(rows.get("tokenizer-llama3-english-llama3-report")!.value).toBe(3.94);
  });
});

describe("accelerator column", () => {
  it("agrees with gpu_id wherever both are filled (a100-sxm4-80gb is an a100-80gb, and so on)", () => {
    const family: Record<string, string[]> = {
      "a100-sxm4-80gb": ["a100-80gb", "a100"], "a100-sxm4-40gb": ["a100-40gb", "a100"], "h100-sxm5-80gb": ["h100-80gb", "h100"],
      "h800-sxm5-80gb": ["h800"], "gh200-96gb": ["gh200"], "tpu-v3": ["tpu-v3"], "tpu-v4": ["tpu-v4"], "tpu-v5e": ["tpu-v5e"]
    };
    for (const name of ["training_runs", "system_mfu"]) {
      for (const r of loadWithReferences(name)) {
        if (r.gpu_id === null) continue;
        expect(family[String(r.gpu_id)], `${name} ${String(r.id)}`).toContain(r.accelerator);
      }
    }
  });
});
