import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {loadCsvText} from "../../loaders/load.js";
import {benchmarks} from "../../loaders/datasets/benchmarks.js";

const rows = loadWithReferences("benchmarks");
const score = (model: string, benchmark: string, idSuffix: string): unknown =>
  rows.find((r) => r.model_id === model && r.benchmark === benchmark && String(r.id).endsWith(idSuffix))?.score_percent;

describe("data/benchmarks.csv", () => {
  it("reproduces the DeepSeek-V3 README base-model table: MMLU 5-shot 87.1, GSM8K 8-shot 89.3; Llama 3.1 405B 84.4 there", () => {
    expect(score("deepseek-v3", "mmlu", "dsv3")).toBe(87.1);
    expect(score("deepseek-v3", "gsm8k", "dsv3")).toBe(89.3);
    expect(score("llama3.1-405b", "mmlu", "dsv3")).toBe(84.4);
  });

  it("reproduces Llama 2 Table 3: MMLU 5-shot 35.1 (LLaMA 7B) to 68.9 (Llama 2 70B)", () => {
    expect(score("llama-7b", "mmlu", "l2paper")).toBe(35.1);
    expect(score("llama2-70b", "mmlu", "l2paper")).toBe(68.9);
  });

  it("reproduces Mixtral Table 2: Mixtral 8x7B MMLU 70.6, GSM8K maj@8 74.4; Llama 2 7B HellaSwag 77.1", () => {
    expect(score("mixtral-8x7b", "mmlu", "mixtralpaper")).toBe(70.6);
    expect(score("mixtral-8x7b", "gsm8k", "mixtralpaper")).toBe(74.4);
    expect(score("llama2-7b", "hellaswag", "mixtralpaper")).toBe(77.1);
    const gsm = rows.find((r) => r.id === "mixtral-8x7b-gsm8k-mixtralpaper");
    expect(gsm).toMatchObject({shots: 8, metric: "maj@8"});
  });

  it("keeps Mistral 7B's two MMLU figures: 60.1 in its own paper, 62.5 when re-run for the Mixtral paper", () => {
    expect(score("mistral-7b", "mmlu", "mistralpaper")).toBe(60.1);
    expect(score("mistral-7b", "mmlu", "mixtralpaper")).toBe(62.5);
  });

  it("reproduces TinyLlama's EVAL.md: 3T checkpoint HellaSwag 59.20, Pythia 1B 47.16, zero-shot acc_norm", () => {
    expect(score("tinyllama-1.1b", "hellaswag", "tinyllamaeval")).toBe(59.2);
    expect(score("pythia-1b", "hellaswag", "tinyllamaeval")).toBe(47.16);
    expect(rows.find((r) => r.id === "pythia-1b-hellaswag-tinyllamaeval")).toMatchObject({shots: 0, metric: "acc_norm"});
  });

  it("reads EleutherAI's Pythia evaluation files: 12B at step 143000 scores 31.83 on ARC-Challenge zero-shot and 29.73 on MMLU 5-shot", () => {
    expect(score("pythia-12b", "arc-challenge", "pythiaevals")).toBe(31.83);
    expect(score("pythia-12b", "mmlu", "pythiaevals")).toBe(29.73);
    const pythiaMmlu = rows.filter((r) => String(r.id).endsWith("-mmlu-pythiaevals"));
    expect(pythiaMmlu).toHaveLength(7);
    for (const r of pythiaMmlu) expect(r.shots, String(r.id)).toBe(5);
  });

  it("keeps both figures when two sources disagree: Llama 2 70B MMLU is 68.9 in the paper and 69.7 in the Llama 3 card", () => {
    expect(score("llama2-70b", "mmlu", "l3card")).toBe(69.7);
  });

  it("has one row per model, benchmark and source, each with shots, evaluator and a link", () => {
    const keys = rows.map((r) => `${r.model_id}|${r.benchmark}|${r.source}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of rows) {
      expect(Number.isInteger(r.shots), String(r.id)).toBe(true);
      expect(String(r.evaluated_by).length, String(r.id)).toBeGreaterThan(0);
      expect(String(r.source_url), String(r.id)).toMatch(/^https:\/\//);
    }
  });

  it("refuses a score above 100% and names the line and column", () => {
    const text = readFileSync("data/benchmarks.csv", "utf8").split("\n");
    const bad = text[1]!.replace(",35.1,", ",135.1,");
    expect(() => loadCsvText([text[0], bad].join("\n"), "data/benchmarks.csv", benchmarks)).toThrow(/benchmarks\.csv:2.*score_percent/);
  });

  it("refuses a model that data/models.csv does not have", () => {
    const text = readFileSync("data/benchmarks.csv", "utf8").split("\n");
    const bad = text[1]!.replace(",llama-7b,", ",llama-8b,");
    expect(() => loadCsvText([text[0], bad].join("\n"), "data/benchmarks.csv", benchmarks, new Map([["models", new Set(["llama-7b"])]]))).toThrow(/llama-8b/);
  });
});
