import {describe, expect, it} from "vitest";
import {MEMORY_DEFAULT_LAYOUT, memoryLayout, zeroStageBars, zeroStageLabel} from "../../src/components/memoryLayout.js";
import {memoryPerGpu} from "../../src/engine/memory.js";
import {loadWithReferences} from "../../loaders/compile.js";
import type {ModelRecord} from "../../src/components/models.js";
import {DEFAULT_RUN} from "../../src/components/runOptions.js";

const models = loadWithReferences("models") as unknown as ModelRecord[];
const record = (id: string) => models.find((m) => m.id === id)!;

describe("memoryLayout (/memory's controls as the engine's layout)", () => {
  it("opens on DEFAULT_RUN's layout over 32 data-parallel ranks: Llama 3.1 70B at tensor 8 × pipeline 4 × data 32", () => {
    const {parallelism, batchTokens, stages, recomputeNote} = memoryLayout(record(DEFAULT_RUN.model), MEMORY_DEFAULT_LAYOUT);
    expect(parallelism).toEqual({tp: 8, pp: 4, dp: 32, cp: 1, ep: 1, zeroStage: 1, microBatch: 1, recompute: "selective", flashAttention: true, globalBatchTokens: batchTokens});
    expect(stages.note).toBeNull();
    expect(recomputeNote).toBeNull();
  });

  it("assumes Llama 2's 4M tokens per step where the batch is not published, in whole sequences: 488 of 8,192 for Llama 3.1 70B, 122 of 32,768 for Mixtral 8x7B", () => {
    for (const id of [DEFAULT_RUN.model, "mixtral-8x7b"]) expect(record(id).batch_tokens_millions).toBeNull();
    expect(memoryLayout(record(DEFAULT_RUN.model), MEMORY_DEFAULT_LAYOUT).batchTokens).toBe(488 * 8192);
    expect(memoryLayout(record("mixtral-8x7b"), MEMORY_DEFAULT_LAYOUT).batchTokens).toBe(122 * 32768);
  });

  it("keeps a published batch, rounded to whole sequences (DeepSeek-V3: 62.9M tokens, 15,360 sequences of 4,096)", () => {
    expect(memoryLayout(record("deepseek-v3"), MEMORY_DEFAULT_LAYOUT).batchTokens).toBe(15360 * 4096);
  });

  it("lowers a pipeline deeper than the layers, and says so (Llama 3.1 70B has 80)", () => {
    const {parallelism, stages} = memoryLayout(record(DEFAULT_RUN.model), {...MEMORY_DEFAULT_LAYOUT, pp: 128});
    expect(parallelism.pp).toBe(80);
    expect(stages.note).toMatch(/128 → 80/);
  });

  it("spreads experts over no more ranks than the model has, and a dense model over none", () => {
    expect(memoryLayout(record("mixtral-8x7b"), {...MEMORY_DEFAULT_LAYOUT, ep: 64}).parallelism.ep).toBe(8);
    expect(memoryLayout(record(DEFAULT_RUN.model), {...MEMORY_DEFAULT_LAYOUT, ep: 64}).parallelism.ep).toBe(1);
  });

  it("counts per-op recomputation on an MoE as selective, with the reason", () => {
    const {parallelism, recomputeNote} = memoryLayout(record("mixtral-8x7b"), {...MEMORY_DEFAULT_LAYOUT, recompute: "per-op"});
    expect(parallelism.recompute).toBe("selective");
    expect(recomputeNote).toMatch(/experts/);
  });
});

describe("zeroStageBars", () => {
  it("is the same layout at ZeRO-0 to ZeRO-3, each stage holding no more than the one before", () => {
    const layout = memoryLayout(record(DEFAULT_RUN.model), MEMORY_DEFAULT_LAYOUT);
    const bars = zeroStageBars(layout, DEFAULT_RUN.precision, DEFAULT_RUN.stack);
    expect(bars.map((b) => b.label)).toEqual([0, 1, 2, 3].map(zeroStageLabel));
    expect(bars[1]!.breakdown).toEqual(memoryPerGpu({model: layout.model, parallelism: layout.parallelism, precision: DEFAULT_RUN.precision, stack: DEFAULT_RUN.stack}));
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.breakdown.total).toBeLessThanOrEqual(bars[i - 1]!.breakdown.total);
  });
});
