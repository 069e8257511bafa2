import {describe, expect, it} from "vitest";
import {layerActivationBytes, maxTrainableParams, memoryPerGpu, zeroModelStateBytes} from "../../src/engine/index.js";
import type {ModelSpec, ParallelismSpec} from "../../src/engine/index.js";
import {parseCount, printedValue, referenceRows} from "./referenceTables.js";

const memoryRows = referenceRows("memory_tables", "memory");

/** Tolerance of one unit in the last printed digit (the paper rounds and sometimes truncates). */
function lastDigitUnit(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 1 : 10 ** -(text.length - dot - 1);
}

describe("ZeRO model-state memory (Rajbhandari et al. 2020, Table 1)", () => {
  const cells = memoryRows.filter((r) => r["source"] === "ZeRO" && r["table_or_section"] === "Table 1");
  it("has all 54 cells of Table 1", () => expect(cells.length).toBe(54));
  const stages: Record<string, 1 | 2 | 3> = {Pos: 1, "Pos+g": 2, "Pos+g+p": 3};
  for (const row of cells) {
    const config = row["config"]!;
    const dp = Number(/DP=(\d+)/.exec(config)![1]);
    const stageName = /stage (Pos(\+g)?(\+p)?)/.exec(config)![1]!;
    const params = parseCount(row["params"]!);
    const printed = printedValue(row);
    it(`reproduces ZeRO Table 1: ${row["params"]} params, ${dp} GPUs, ${stageName} → ${printed} GB`, () => {
      const m = zeroModelStateBytes(params, "bf16-master-fp32", stages[stageName]!, dp);
      const gb = (m.weights + m.gradients + m.optimizer) / 1e9;
      expect(Math.abs(gb - Number(printed))).toBeLessThanOrEqual(lastDigitUnit(printed));
    });
  }

  it("reproduces ZeRO Table 1 through memoryPerGpu: 7.5B params, 64 GPUs, stage 3 → 1.9 GB of model states", () => {
    const model: ModelSpec = {params: 7.5e9, layers: 32, dModel: 4096, heads: 32, vocab: 50_000, seqLen: 1024};
    const parallelism: ParallelismSpec = {tp: 1, pp: 1, dp: 64, zeroStage: 3, microBatch: 1, recompute: "full"};
    const m = memoryPerGpu({model, parallelism, precision: "bf16-master-fp32"});
    expect((m.weights + m.gradients + m.optimizer) / 1e9).toBeCloseTo(1.875, 6);
  });
});

describe("largest trainable model (Rajbhandari et al. 2020, Table 2, theoretical maximum on 32 GB V100s)", () => {
  const cells = memoryRows.filter((r) => r["source"] === "ZeRO" && String(r["table_or_section"]).startsWith("Table 2") && String(r["quantity"]).includes("theoretical"));
  it("has the 20 theoretical cells (MP 1–16 × baseline, Pos, Pos+g, Pos+g+p)", () => expect(cells.length).toBe(20));
  const stages: Record<string, 0 | 1 | 2 | 3> = {baseline: 0, Pos: 1, "Pos+g": 2, "Pos+g+p": 3};
  for (const row of cells) {
    const config = row["config"]!;
    const mp = Number(/MP=(\d+)/.exec(config)![1]);
    const gpus = Number(/GPUs=(\d+)/.exec(config)![1]);
    const stageName = /, (baseline|Pos(\+g)?(\+p)?)$/.exec(config)![1]!;
    const printed = printedValue(row);
    it(`reproduces ZeRO Table 2: MP=${mp}, ${gpus} GPUs, ${stageName} → ${printed} parameters (within 3%: the paper rounds 7.64B to 7.6B before scaling by MP)`, () => {
      const params = maxTrainableParams({hbmBytes: 32e9, precision: "bf16-master-fp32", zeroStage: stages[stageName]!, dataParallel: gpus / mp, modelParallel: mp});
      expect(Math.abs(params / parseCount(printed) - 1)).toBeLessThanOrEqual(0.03);
    });
  }
});

describe("activation memory per layer (Korthikanti et al. 2022, Table 2)", () => {
  const formulas = memoryRows.filter((r) => r["source"] === "Korthikanti 2022" && r["table_or_section"] === "Table 2");
  it("has the six rows of Table 2", () => expect(formulas.length).toBe(6));
  const layouts: Record<string, {sp: boolean; recompute: "none" | "selective" | "full"; tp: boolean}> = {
    "no parallelism": {sp: false, recompute: "none", tp: false},
    "tensor parallel (baseline)": {sp: false, recompute: "none", tp: true},
    "tensor + sequence parallel": {sp: true, recompute: "none", tp: true},
    "tensor parallel + selective activation recomputation": {sp: false, recompute: "selective", tp: true},
    "tensor + sequence parallel + selective recomputation": {sp: true, recompute: "selective", tp: true},
    "full activation recomputation": {sp: false, recompute: "full", tp: false}
  };
  // GPT-3 175B and MT-NLG 530B shapes (Korthikanti Table 3) plus a small one.
  const shapes = [
    {s: 2048, b: 1, h: 12288, a: 96, t: 8},
    {s: 2048, b: 1, h: 20480, a: 128, t: 8},
    {s: 1024, b: 4, h: 2048, a: 16, t: 2}
  ];
  for (const row of formulas) {
    const layout = layouts[row["config"]!];
    const expression = printedValue(row);
    it(`reproduces Korthikanti Table 2 "${row["config"]}": ${expression}`, () => {
      expect(layout).toBeDefined();
      // The table's expression, evaluated as printed.
      const evaluate = new Function("s", "b", "h", "a", "t", `return ${expression};`) as (...x: number[]) => number;
      for (const {s, b, h, a, t: tShape} of shapes) {
        const t = layout!.tp ? tShape : 1;
        const model: ModelSpec = {params: 1, layers: 1, dModel: h, heads: a, vocab: 1, seqLen: s, ffnKind: "gelu"};
        const got = layerActivationBytes(model, {seqLen: s, microBatch: b, tp: t, sequenceParallel: layout!.sp, flashAttention: false, recompute: layout!.recompute});
        expect(got.total / evaluate(s, b, h, a, t)).toBeCloseTo(1, 12);
      }
    });
  }

  it("selective recomputation saves 70% of GPT-3 175B's activation memory (Korthikanti Sec 5: 5as/h = 80 vs 34)", () => {
    const model: ModelSpec = {params: 175e9, layers: 96, dModel: 12288, heads: 96, vocab: 51200, seqLen: 2048};
    const base = {seqLen: 2048, microBatch: 1, tp: 8, sequenceParallel: true, flashAttention: false};
    const none = layerActivationBytes(model, {...base, recompute: "none"}).total;
    const selective = layerActivationBytes(model, {...base, recompute: "selective"}).total;
    expect(1 - selective / none).toBeCloseTo(0.7, 2);
  });
});

describe("memoryPerGpu", () => {
  const llama70b: ModelSpec = {params: 70.6e9, layers: 80, dModel: 8192, heads: 64, kvHeads: 8, ffnDim: 28672, ffnKind: "swiglu", vocab: 32000, seqLen: 4096};
  const base: ParallelismSpec = {tp: 8, pp: 4, dp: 32, zeroStage: 1, microBatch: 1, recompute: "selective"};

  it("1F1B: the first stage holds pp micro-batches of its layers, i.e. all L layers' worth, whatever pp is", () => {
    const a = memoryPerGpu({model: llama70b, parallelism: {...base, pp: 4}, precision: "bf16-master-fp32"}).activations;
    const b = memoryPerGpu({model: llama70b, parallelism: {...base, pp: 8}, precision: "bf16-master-fp32"}).activations;
    expect(a / b).toBeCloseTo(1, 9);
  });

  it("holds fewer micro-batches when the step has fewer than pp", () => {
    const few = memoryPerGpu({model: llama70b, parallelism: {...base, globalBatchTokens: 2 * 4096 * 32}, precision: "bf16-master-fp32"}).activations;
    const many = memoryPerGpu({model: llama70b, parallelism: base, precision: "bf16-master-fp32"}).activations;
    expect(few / many).toBeCloseTo(2 / 4, 9);
  });

  it("interleaving multiplies first-stage activations by 1 + (p−1)/(p·m) (Korthikanti Sec 4.2.3)", () => {
    const plain = memoryPerGpu({model: llama70b, parallelism: base, precision: "bf16-master-fp32"}).activations;
    const inter = memoryPerGpu({model: llama70b, parallelism: {...base, virtualStages: 2}, precision: "bf16-master-fp32"}).activations;
    expect(inter / plain).toBeCloseTo(1 + 3 / 8, 9);
  });

  it("splits model states over tp·pp and shards them over dp·cp with ZeRO", () => {
    const m = memoryPerGpu({model: llama70b, parallelism: {...base, zeroStage: 0, tp: 1, pp: 1, dp: 1024}, precision: "bf16-master-fp32"});
    expect(m.weights).toBeCloseTo(2 * 70.6e9, -3);
    const z3 = memoryPerGpu({model: llama70b, parallelism: {...base, zeroStage: 3, tp: 1, pp: 1, dp: 64, cp: 2}, precision: "bf16-master-fp32"});
    expect(z3.weights + z3.gradients + z3.optimizer).toBeCloseTo((16 * 70.6e9) / 128, -3);
  });

  it("shards expert weights over ep (Mixtral 8x7B, ep = 8: 1/8 of the experts per GPU)", () => {
    const mixtral: ModelSpec = {params: 46.7e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 8, ffnDim: 14336, ffnKind: "swiglu", vocab: 32000, seqLen: 4096, experts: {total: 8, active: 2}};
    const p: ParallelismSpec = {tp: 1, pp: 1, dp: 8, ep: 8, zeroStage: 0, microBatch: 1, recompute: "full"};
    const m = memoryPerGpu({model: mixtral, parallelism: p, precision: "bf16-master-fp32"});
    // 46.7B total − 32·7·176.2M expert params = 7.24B non-expert... per GPU: non-expert + 1/8 of experts.
    const expertParams = 32 * 8 * 3 * 4096 * 14336 * (46.7e9 / 46_702_792_704);
    expect(m.weights / 2).toBeCloseTo(46.7e9 - expertParams + expertParams / 8, -4);
  });

  it("flash attention removes the s² term", () => {
    const noFlash = memoryPerGpu({model: llama70b, parallelism: {...base, recompute: "none", flashAttention: false}, precision: "bf16-master-fp32"});
    const flash = memoryPerGpu({model: llama70b, parallelism: {...base, recompute: "none", flashAttention: true}, precision: "bf16-master-fp32"});
    expect(flash.activations).toBeLessThan(noFlash.activations / 2);
  });

  it("totals its parts", () => {
    const m = memoryPerGpu({model: llama70b, parallelism: base, precision: "amp-bf16"});
    expect(m.total).toBeCloseTo(m.weights + m.gradients + m.optimizer + m.activations + m.buffers, 0);
  });
});
