import {describe, expect, it} from "vitest";
import {memoryVerdict, pipelineStages} from "../../src/components/memoryAdvice.js";
import type {ModelSpec, ParallelismSpec} from "../../src/engine/types.js";

// The 7.5B GPT of Narayanan et al. 2021 Table 1 (36 layers, hidden 4096, 32 heads, vocab 51,200,
// sequence 2048), the model ZeRO's Table 1 uses for its 7.5B column.
const gpt7b: ModelSpec = {params: 7.5e9, layers: 36, dModel: 4096, heads: 32, vocab: 51200, seqLen: 2048};
const dp64: ParallelismSpec = {tp: 1, pp: 1, dp: 64, zeroStage: 0, microBatch: 1, recompute: "full"};
const A100_80GB = 80e9;

describe("memoryVerdict", () => {
  it("reproduces ZeRO Table 1's 7.5B on 64 GPUs: 120 GB of model states without ZeRO does not fit in 80 GB", () => {
    const v = memoryVerdict({model: gpt7b, parallelism: dp64, precision: "bf16-master-fp32", hbmBytes: A100_80GB});
    expect((v.breakdown.weights + v.breakdown.gradients + v.breakdown.optimizer) / 1e9).toBeCloseTo(120, 0);
    expect(v.fits).toBe(false);
    expect(v.largest).toBe("optimizer");
    expect(v.headroomBytes).toBeLessThan(0);
  });

  it("offers ZeRO stages as fixes, best first; stage 3 brings model states to 16Ψ/64 = 1.9 GB", () => {
    const v = memoryVerdict({model: gpt7b, parallelism: dp64, precision: "bf16-master-fp32", hbmBytes: A100_80GB});
    const zero3 = v.fixes.find((f) => f.change === "Use ZeRO stage 3")!;
    expect(zero3.fits).toBe(true);
    const b = zero3.breakdown;
    expect((b.weights + b.gradients + b.optimizer) / 1e9).toBeCloseTo(1.875, 2);
    const totals = v.fixes.map((f) => f.breakdown.total);
    expect(totals).toEqual([...totals].sort((x, y) => x - y));
    for (const fix of v.fixes) expect(fix.breakdown.total).toBeLessThan(v.breakdown.total);
  });

  it("offers per-op recomputation for the PyTorch stacks only, and only for dense standard-attention models", () => {
    const llama: ModelSpec = {params: 8.03e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 128256, seqLen: 8192, tiedEmbeddings: false, positionEmbedding: "rotary"};
    const p: ParallelismSpec = {tp: 1, pp: 1, dp: 8, zeroStage: 3, microBatch: 2, recompute: "none"};
    const perOp = (stack: "megatron" | "pytorch" | "pytorch-compile", model: ModelSpec = llama) =>
      memoryVerdict({model, parallelism: p, precision: "amp-bf16", stack, hbmBytes: A100_80GB}).fixes.find((f) => f.parallelism.recompute === "per-op");
    for (const stack of ["pytorch", "pytorch-compile"] as const) {
      const fix = perOp(stack)!;
      expect(fix.change, stack).toBe("Recompute per operation (per-op)");
      const full = memoryVerdict({model: llama, parallelism: p, precision: "amp-bf16", stack, hbmBytes: A100_80GB}).fixes.find((f) => f.parallelism.recompute === "full")!;
      expect(fix.breakdown.activations).toBeGreaterThan(full.breakdown.activations);
    }
    expect(perOp("megatron")).toBeUndefined();
    expect(perOp("pytorch", {...llama, params: 47e9, experts: {total: 8, active: 2}})).toBeUndefined();
  });

  it("keeps the GPU count when it moves parallelism from data to tensor or pipeline ranks", () => {
    const v = memoryVerdict({model: gpt7b, parallelism: dp64, precision: "bf16-master-fp32", hbmBytes: A100_80GB});
    for (const fix of v.fixes) {
      const p = fix.parallelism;
      expect(p.tp * p.pp * p.dp * (p.cp ?? 1)).toBe(64);
    }
  });

  it("suggests nothing that does not save memory, and no ZeRO stage with a single data-parallel rank", () => {
    const v = memoryVerdict({model: gpt7b, parallelism: {...dp64, dp: 1, tp: 8, pp: 8}, precision: "bf16-master-fp32", hbmBytes: A100_80GB});
    expect(v.fixes.some((f) => f.change.startsWith("Use ZeRO"))).toBe(false);
  });
});

describe("pipelineStages", () => {
  it("keeps a pipeline degree up to the layer count, uneven splits included", () => {
    expect(pipelineStages(4, 32, "Llama 3.1 8B")).toEqual({pp: 4, note: null});
    expect(pipelineStages(5, 32, "Llama 3.1 8B")).toEqual({pp: 5, note: null});
    expect(pipelineStages(32, 32, "Llama 3.1 8B")).toEqual({pp: 32, note: null});
  });

  it("lowers more stages than layers to one stage per layer and says why (GPT-2 with pipeline 13, issue 12)", () => {
    expect(pipelineStages(13, 12, "GPT-2 (124M)")).toEqual({pp: 12, note: "Pipeline parallelism 13 → 12: every stage needs at least one layer, and GPT-2 (124M) has 12."});
  });
});
