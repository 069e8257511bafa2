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
