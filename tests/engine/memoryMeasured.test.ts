// memoryPerGpu against peak memory measured on an H100 (tests/engine/fixtures/README.md).
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseCsv} from "../../loaders/csv.js";
import {memoryPerGpu} from "../../src/engine/index.js";
import type {Precision, Recompute} from "../../src/engine/index.js";

const path = join(import.meta.dirname, "fixtures", "h100_gpt2_training_steps.csv");
const rows = parseCsv(readFileSync(path, "utf8"), path).records.map((r) => Object.fromEntries([...r.cells].map(([k, c]) => [k, c.value])));
const measured = rows.filter((r) => r["status"] === "ok");

function predict(r: Record<string, string>): number {
  return memoryPerGpu(
    {
      // GPT-2: tied embeddings, learned positions, GELU MLP of 4·d (the script's model).
      model: {params: Number(r["params"]), layers: Number(r["layers"]), dModel: Number(r["d_model"]), heads: Number(r["heads"]), vocab: Number(r["vocab"]), seqLen: Number(r["seq_len"]), ffnKind: "gelu", tiedEmbeddings: true, positionEmbedding: "learned"},
      parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: Number(r["micro_batch"]), recompute: r["recompute"] as Recompute, flashAttention: true},
      precision: r["precision"] as Precision
    },
    // The script: F.cross_entropy(logits.float()), zero_grad(set_to_none=True), no DDP.
    {crossEntropy: "unfused", gradientsFreedBetweenSteps: true}
  ).total;
}

describe("peak memory of GPT-2-shaped training steps on an H100 (PyTorch, measured 2026-11-23)", () => {
  it("has the measured grid: 3 models × 2 sequence lengths × 3 micro-batches × 5 precision/recompute settings, less the last 5 (time)", () => {
    expect(rows.length).toBe(85);
    expect(measured.length).toBe(85);
  });
  for (const r of measured.filter((x) => x["recompute"] !== "selective")) {
    const label = `${r["layers"]} layers, s=${r["seq_len"]}, b=${r["micro_batch"]}, ${r["precision"]}, recompute ${r["recompute"]}`;
    it(`predicts ${label} within ±12% of the measured ${(Number(r["peak_memory_bytes"]) / 1e9).toFixed(1)} GB`, () => {
      const ratio = predict(r) / Number(r["peak_memory_bytes"]);
      expect(ratio).toBeGreaterThan(0.88);
      expect(ratio).toBeLessThan(1.12);
    });
  }
  it("over-predicts the script's 'selective' rows by less than 15% (it also recomputes the QKV and output projections)", () => {
    for (const r of measured.filter((x) => x["recompute"] === "selective")) {
      const ratio = predict(r) / Number(r["peak_memory_bytes"]);
      expect(ratio).toBeGreaterThanOrEqual(1);
      expect(ratio).toBeLessThan(1.15);
    }
  });
  it("model states alone (weights, gradients, AdamW) stay below every measured peak", () => {
    for (const r of measured) {
      const additive = memoryPerGpu({
        model: {params: Number(r["params"]), layers: Number(r["layers"]), dModel: Number(r["d_model"]), heads: Number(r["heads"]), vocab: Number(r["vocab"]), seqLen: Number(r["seq_len"]), tiedEmbeddings: true, positionEmbedding: "learned"},
        parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: Number(r["micro_batch"]), recompute: r["recompute"] as Recompute},
        precision: r["precision"] as Precision
      });
      expect(additive.weights + additive.gradients + additive.optimizer).toBeLessThan(Number(r["peak_memory_bytes"]));
    }
  });
});
