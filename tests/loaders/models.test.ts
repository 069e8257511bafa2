import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {REPO_ROOT, loadWithReferences} from "../../loaders/compile.js";
import {loadCsvText} from "../../loaders/load.js";
import {models} from "../../loaders/datasets/models.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";

const rows = loadWithReferences("models") as unknown as ModelRecord[];
const byId = (id: string): ModelRecord => {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
};

describe("data/models.csv", () => {
  it("reproduces GPT-3 Table 2.1: 175B, 96 layers, d_model 12288, 96 heads, 2048 context", () => {
    expect(byId("gpt3-175b")).toMatchObject({params_billions: 175, layers: 96, d_model: 12288, heads: 96, seq_len: 2048, training_tokens_billions: 300});
  });

  it("reproduces Llama 3 Table 3: 405B has 126 layers, width 16384, FFN 53248, 128 heads, 8 KV heads", () => {
    expect(byId("llama3.1-405b")).toMatchObject({layers: 126, d_model: 16384, ffn_dim: 53248, heads: 128, kv_heads: 8});
  });

  it("reproduces DeepSeek-V3 Sec 4.2: 671B total, 37B active, 256 routed experts, 8 per token", () => {
    const spec = modelSpecFromRecord(byId("deepseek-v3"));
    expect(spec).toMatchObject({params: 671e9, activeParams: 37e9, experts: {total: 256, active: 8}});
  });

  it("keeps MoE columns together: experts, active experts and active parameters all present or all blank", () => {
    for (const r of rows) {
      const present = [r.experts_total, r.experts_active, r.active_params_billions].map((v) => v !== null);
      expect(new Set(present).size, r.id).toBe(1);
      if (r.experts_total !== null) expect(r.experts_active!).toBeLessThanOrEqual(r.experts_total);
    }
  });

  it("reproduces DeepSeek-V3's config_671B.json: 3 dense layers 18,432 wide, 1 shared and 256 routed experts 2,048 wide, latent attention 1,536/512 with 128+64 query-key and 128 value head widths", () => {
    const spec = modelSpecFromRecord(byId("deepseek-v3"));
    expect(spec).toMatchObject({ffnDim: 18432, expertFfnDim: 2048, sharedExperts: 1, denseLayers: 3, experts: {total: 256, active: 8}});
    expect(spec.latentAttention).toEqual({qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128});
    expect(modelSpecFromRecord(byId("deepseek-v2"))).toMatchObject({ffnDim: 12288, expertFfnDim: 1536, sharedExperts: 2, denseLayers: 1, experts: {total: 160, active: 6}});
  });

  it("leaves the MoE and latent-attention fields out of dense models' specs, and out of Mixtral's latent attention", () => {
    const llama = modelSpecFromRecord(byId("llama3.1-8b"));
    for (const field of ["sharedExperts", "denseLayers", "expertFfnDim", "latentAttention"] as const) expect(llama[field], field).toBeUndefined();
    expect(modelSpecFromRecord(byId("mixtral-8x7b"))).toMatchObject({sharedExperts: 0, denseLayers: 0});
    expect(modelSpecFromRecord(byId("mixtral-8x7b")).latentAttention).toBeUndefined();
  });

  it("has key/value heads that divide the query heads (MHA, GQA or MQA)", () => {
    for (const r of rows) expect(r.heads % r.kv_heads, r.id).toBe(0);
  });

  it("reproduces the Pythia card: eight sizes, 299,892,736,000 tokens at 2,097,152 per step, 12B = 36 layers of width 5120", () => {
    const pythia = rows.filter((r) => r.id.startsWith("pythia-"));
    expect(pythia.map((r) => r.id)).toEqual(["pythia-70m", "pythia-160m", "pythia-410m", "pythia-1b", "pythia-1.4b", "pythia-2.8b", "pythia-6.9b", "pythia-12b"]);
    for (const r of pythia) expect(r, r.id).toMatchObject({training_tokens_billions: 299.892736, batch_tokens_millions: 2.097152, seq_len: 2048, ffn_dim: 4 * r.d_model});
    expect(byId("pythia-12b")).toMatchObject({layers: 36, d_model: 5120, heads: 40, params_billions: 11.84607232});
  });

  it("reproduces DBRX's config: 16 experts of width 10752, 4 per token, 132B total and 36B active", () => {
    expect(byId("dbrx")).toMatchObject({experts_total: 16, experts_active: 4, ffn_dim: 10752, params_billions: 132, active_params_billions: 36, kv_heads: 8});
  });

  it("links every new model with a published run to its data/training_runs.csv row, and leaves Mistral 7B's blank (undisclosed)", () => {
    expect(byId("falcon-40b").training_run_id).toBe("falcon-40b");
    expect(byId("pythia-1.4b").training_run_id).toBe("pythia-1-4b");
    expect(byId("mistral-7b").training_run_id).toBeNull();
    expect(byId("mistral-7b").training_tokens_billions).toBeNull();
  });

  it("converts billions to SI counts and leaves dense models without experts", () => {
    const spec = modelSpecFromRecord(byId("llama2-70b"));
    expect(spec.params).toBe(70e9);
    expect(spec.activeParams).toBeUndefined();
    expect(spec.experts).toBeUndefined();
  });
});

describe("data/models.csv against the engine's parameter count", () => {
  // Rows whose shape the engine's ModelSpec captures fully (no relative-position projections, no
  // 256-wide heads); their notes say why the others differ. DeepSeek-V2/V3 joined with shared
  // experts, dense first layers, expert width and latent attention spelled out.
  const exact = ["gpt2-124m", "gpt2-1.5b", "gpt3-175b", "llama2-70b", "llama3.1-8b", "llama3.1-70b", "llama3.1-405b", "mixtral-8x7b",
    "mistral-7b", "tinyllama-1.1b", "dbrx", "pythia-70m", "pythia-1b", "pythia-12b", "smollm3-3b", "bloomberggpt-50b", "deepseek-v2", "deepseek-v3"];
  it.each(exact)("%s: the count from the published shape is within 2% of the reported count", async (id) => {
    const {parameterCount} = await import("../../src/engine/index.js");
    const row = byId(id);
    const count = parameterCount(modelSpecFromRecord(row));
    expect(count.total / (row.params_billions * 1e9)).toBeCloseTo(1, 1);
    expect(Math.abs(count.total / (row.params_billions * 1e9) - 1)).toBeLessThan(0.02);
    if (row.active_params_billions !== null) expect(Math.abs(count.active / (row.active_params_billions * 1e9) - 1)).toBeLessThan(0.02);
  });
});

describe("data/models.csv's MoE and latent-attention columns refuse malformed cells with file:line:column", () => {
  const header = readFileSync(join(REPO_ROOT, "data/models.csv"), "utf8").split("\n")[0]!;
  const columns = header.split(",");
  const deepseek = rows.find((r) => r.id === "deepseek-v3")!;
  const csvOf = (edit: (cells: Record<string, string>) => void): string => {
    const cells: Record<string, string> = {};
    for (const c of columns) {
      const v = (deepseek as unknown as Record<string, unknown>)[c];
      cells[c] = v === null ? "" : c === "source" || c === "notes" || c === "name" ? `"${String(v).replace(/"/g, '""')}"` : String(v);
    }
    cells.training_run_id = ""; // the reference to data/training_runs.csv is checked elsewhere
    edit(cells);
    return `${header}\n${columns.map((c) => cells[c]).join(",")}\n`;
  };
  const errorOf = (text: string): string => {
    try {
      loadCsvText(text, "models.csv", models);
    } catch (e) {
      return (e as Error).message;
    }
    return "no error";
  };
  const col = (name: string) => columns.indexOf(name);

  it("the row as written loads", () => {
    expect(errorOf(csvOf(() => undefined))).toBe("no error");
  });
  it("a negative or fractional shared_experts names its cell", () => {
    const message = errorOf(csvOf((c) => (c.shared_experts = "-1")));
    expect(message).toMatch(/^models\.csv:2:\d+: /);
    expect(message).toMatch(/shared_experts/);
    expect(errorOf(csvOf((c) => (c.expert_ffn_dim = "2048.5")))).toMatch(/^models\.csv:2:\d+: .*expert_ffn_dim/);
  });
  it("dense_layers as many as the layers, MoE columns on a dense row and half a latent attention are refused", () => {
    expect(errorOf(csvOf((c) => (c.dense_layers = "61")))).toMatch(/^models\.csv:2:\d+: .*dense_layers/);
    expect(errorOf(csvOf((c) => ((c.experts_total = ""), (c.experts_active = ""), (c.active_params_billions = ""))))).toMatch(/^models\.csv:2:\d+: .*(shared_experts|dense_layers|expert_ffn_dim)/);
    expect(errorOf(csvOf((c) => (c.v_head_dim = "")))).toMatch(/^models\.csv:2:\d+: .*all of q_lora_rank/);
    expect(col("shared_experts")).toBeGreaterThan(col("experts_active"));
  });
});
