// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {memoryVerdict} from "../../src/components/memoryAdvice.js";
import {memoryJobLine, memoryVerdictView} from "../../src/components/memoryVerdictView.js";
import type {ModelSpec, ParallelismSpec} from "../../src/engine/types.js";

// The 7.5B GPT of Narayanan et al. 2021 Table 1, without ZeRO on 2,048 accelerators: 120 GB of
// model states does not fit in 80 GB (ZeRO Table 1's 7.5B column), and ZeRO shards over 2,048 ranks.
const gpt7b: ModelSpec = {params: 7.5e9, layers: 36, dModel: 4096, heads: 32, vocab: 51200, seqLen: 2048};
const dp2048: ParallelismSpec = {tp: 1, pp: 1, dp: 2048, zeroStage: 0, microBatch: 1, recompute: "full"};
const verdict = memoryVerdict({model: gpt7b, parallelism: dp2048, precision: "bf16-master-fp32", hbmBytes: 80e9});

describe("memoryVerdictView", () => {
  it("counts TPU chips on a TPU and GPUs on a GPU, and writes 2,048 ranks with a separator", () => {
    const tpu = memoryVerdictView(verdict, {hbmBytes: 80e9, gpuName: "Google TPU v5p"}).textContent!;
    expect(tpu).toMatch(/per TPU chip: /);
    expect(tpu).toMatch(/with the same number of TPU chips:/);
    expect(tpu).not.toMatch(/\bGPUs?\b/);
    const gpu = memoryVerdictView(verdict, {hbmBytes: 80e9, gpuName: "NVIDIA H100 SXM5 80GB"}).textContent!;
    expect(gpu).toMatch(/per GPU: .*with the same number of GPUs:/);
    expect(gpu).toMatch(/over the 2,048 data-parallel ranks/);
  });
});

describe("memoryJobLine", () => {
  it("states the model, the count in bold and the layout, naming context and experts only where used", () => {
    const line = memoryJobLine("Llama 3.1 70B", "NVIDIA H100 SXM5 80GB", 1024, {tp: 8, pp: 4, cp: 1, ep: 1}, 32);
    expect(line.textContent).toBe("Llama 3.1 70B on 1,024 × NVIDIA H100 SXM5 80GB: tensor 8 × pipeline 4 × data 32.");
    expect(line.querySelector("b[data-testid=gpu-count]")!.textContent).toBe("1,024");
    expect(memoryJobLine("M", "G", 4096, {tp: 2, pp: 2, cp: 4, ep: 8}, 256).textContent).toBe("M on 4,096 × G: tensor 2 × pipeline 2 × data 256 × context 4, experts over 8 ranks.");
    expect(memoryJobLine("M", "G", 8, {tp: 8, pp: 1}, 1).textContent).toBe("M on 8 × G: tensor 8 × pipeline 1 × data 1.");
  });
});
