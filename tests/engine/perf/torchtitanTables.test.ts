// A check set nothing was fitted to: pytorch/torchtitan's published benchmarks (benchmarks/*.md at
// their commits; data/check_torchtitan.csv, committed before the engine predicted any row) — the
// plain-PyTorch stack at scale: FSDP2, tensor, pipeline and context parallelism, torch.compile per
// block and float8, Llama 3.1 8B on 8–128 GPUs, 70B on 256, 405B on 512, and a user's 8B on 32
// and 64 H200s. The source prints tokens per second and peak reserved memory per GPU, not MFU:
// each row's mfu is derived with torchtitan's own FLOPs count (checked below), so an error in MFU
// points is an error in throughput. Rows using what the engine has no model of (asynchronous
// tensor parallelism, row-wise float8 scaling) carry their reason and stay out of the headline.
// After the first report three columns were read from torchtitan's and PyTorch's code (loss,
// loss_parallel, attention_kernel: the set is no longer out of sample for them; checkSets.ts says so).
import {describe, expect, it} from "vitest";
import {checkTorchtitan} from "../../../loaders/datasets/checkSets.js";
import {CHECK_SETS, checkRowSpec, memoryPerGpu, summarizeCheckSet, validateCheckSet} from "../../../src/engine/index.js";
import {GPUS, checkSetFileUnderTest, checkSetUnderTest, gpu, systemMfuRows} from "./helpers.js";

const NAME = "check_torchtitan";
const {rows, table, summary} = checkSetUnderTest(NAME);
type Published = {tokens_per_second_per_gpu: number; memory_gib: number | null; known_miss: string | null; fsdp_gather_bytes_per_param: number};
const published = (id: string) => rows.find((r) => r.id === id) as unknown as Published;
const headline = table.filter((r) => r.knownMiss === null);
const memoryRatio = (id: string) => {
  const r = table.find((x) => x.id === id)!;
  return r.predictedMemoryGib / r.reportedMemoryGib!;
};

/** A code identifier a reader would not know (as tests/engine/knownMissWords.test.ts). */
const CODE_NAME = /\b[A-Z][A-Za-z]+(Options|Spec|Prediction)\.[a-z]\w*|\b[a-z]+[A-Z]\w*(?!\.(ts|py|csv|md)\b)\b|\b[A-Z]{2,}(_[A-Z]+)+\b/g;

describe("torchtitan's published Llama 3.1 benchmarks as a check set (nothing fitted to it)", () => {
  it("reads 32 rows: 8B, 70B and 405B, 8 to 512 GPUs, every layout whole (GPUs = TP × PP × DP × CP, global batch = DP × local batch)", () => {
    expect(rows.length).toBe(32);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(["Llama 3.1 8B", "Llama 3.1 70B", "Llama 3.1 405B"]));
    expect(new Set(rows.map((r) => r.accelerators))).toEqual(new Set([8, 32, 64, 128, 256, 512]));
    for (const r of rows) {
      expect(r.tp * r.pp * r.dp * r.cp, r.id).toBe(r.accelerators);
      expect(r.zero_stage, r.id).toBe(3);
      expect(r.stack === "pytorch" || r.stack === "pytorch-compile", r.id).toBe(true);
      // FSDP2's policy: bf16 all-gathers, fp32 reduce-scatters (torchtitan's defaults).
      expect([published(r.id).fsdp_gather_bytes_per_param, r.grad_reduce_bytes_per_param], r.id).toEqual([2, 4]);
    }
  });

  it("derives each row's MFU from its printed tokens per second with torchtitan's FLOPs count (6 × non-embedding parameters + 12 · L · d · s) over the format's peak", () => {
    for (const r of rows) {
      const d = r.d_model;
      const kv = r.kv_heads! * (d / r.heads);
      const flopsPerToken = 6 * (r.layers * (2 * d * d + 2 * d * kv + 3 * d * r.ffn_dim!) + d * r.vocab) + 12 * r.layers * d * r.seq_len;
      const g = gpu(r.gpu_id);
      const peak = r.precision === "fp8" ? g.peakFlopsPerSecond.fp8! : g.peakFlopsPerSecond.bf16!;
      expect(Math.abs((published(r.id).tokens_per_second_per_gpu * flopsPerToken) / peak - r.mfu), r.id).toBeLessThan(0.0001);
    }
    // The source's own statement: the 8B on 8 or 128 H100s without float8 runs at 33% to 39% MFU.
    for (const r of rows.filter((x) => x.model === "Llama 3.1 8B" && x.precision !== "fp8" && x.tp === 1)) {
      expect(r.mfu, r.id).toBeGreaterThan(0.325);
      expect(r.mfu, r.id).toBeLessThan(0.395);
    }
  });

  it("shares no row with data/system_mfu.csv, which has no torchtitan row", () => {
    expect(systemMfuRows().filter((r) => /torchtitan/i.test(`${r.id} ${r.source_system}`))).toEqual([]);
  });

  it("lists 15 rows apart, each with its reason in words: asynchronous tensor parallelism or row-wise float8 scaling", () => {
    const misses = table.filter((r) => r.knownMiss !== null);
    expect(misses.length).toBe(15);
    expect(summary.knownMisses).toBe(15);
    for (const r of misses) {
      expect(r.knownMiss, r.id).toMatch(/^(Asynchronous tensor parallelism|Float8 with rowwise scaling)/);
      expect([...r.knownMiss!.matchAll(CODE_NAME)].map((m) => m[0]), r.id).toEqual([]);
      // Still predicted, and shown: a miss is listed, not hidden.
      expect(Number.isFinite(r.errorPoints), r.id).toBe(true);
    }
    expect([...CHECK_SETS.find((s) => s.name === NAME)!.misses!.matchAll(CODE_NAME)].map((m) => m[0])).toEqual([]);
  });

  it("5 of the 17 headline rows within ±5 MFU points, median 6.8, mean |error| 6.9, every one over-predicted (the first report, before the loss, output layer and attention kernel were read from the code: 3 of 17, mean 11.6; the second, before the per-op checkpointing: 4 of 17, mean 7.7)", () => {
    expect(summary.compared).toBe(17);
    expect(summary.within5Points).toBeGreaterThanOrEqual(5);
    expect(summary.meanAbsErrorPoints).toBeLessThan(7);
    expect(summary.medianAbsErrorPoints).toBeLessThan(7);
    for (const r of headline) expect(r.errorPoints, r.id).toBeGreaterThan(0);
    // Within ±5: the float8 70B rows and the float8 8B on 8 and 128 H100s and on tensor parallel 8.
    expect(headline.filter((r) => Math.abs(r.errorPoints!) <= 5).map((r) => r.id).sort()).toEqual([
      "torchtitan-2412-70b-h100x256-2d",
      "torchtitan-2412-8b-h100x128-fsdp-compile-float8",
      "torchtitan-2412-8b-h100x8-fsdp-compile-float8",
      "torchtitan-2506-70b-h100x256-float8-tensorwise-tp",
      "torchtitan-2506-8b-h100x64-float8-tensorwise-tp"
    ]);
    // The per-op rows as the engine's selective recomputation: the second report.
    const asSelective = rows.map((r) => ({...r, recompute: r.recompute === "per-op" ? ("selective" as const) : r.recompute}));
    const second = summarizeCheckSet(CHECK_SETS.find((s) => s.name === NAME)!, validateCheckSet(NAME, asSelective, GPUS));
    expect([second.compared, second.within5Points, second.memoryWithin10Percent]).toEqual([17, 4, 4]);
    expect(second.meanAbsErrorPoints).toBeCloseTo(7.67, 2);
    // The first report's figures come back with the loss fused, the output layer whole and the measured attention default as well.
    const first = summarizeCheckSet(CHECK_SETS.find((s) => s.name === NAME)!, validateCheckSet(NAME, asSelective.map((r) => ({...r, loss: null, loss_parallel: null, attention_kernel: null})), GPUS));
    expect([first.compared, first.within5Points, first.memoryWithin10Percent]).toEqual([17, 3, 0]);
    expect(first.meanAbsErrorPoints).toBeCloseTo(11.63, 2);
  });

  it("FlashAttention-2, which the runs' PyTorch picks on an H100, lengthens the predicted step by 8 to 12% at 8,192 tokens (with per-op recomputation) and by a third to 62% with context parallelism (32k to 262k tokens); the H200 rows keep the measured default", () => {
    const cudnn = validateCheckSet(NAME, rows.map((r) => ({...r, attention_kernel: null})), GPUS);
    const ratio = (id: string) => table.find((r) => r.id === id)!.prediction!.secondsPerStep / cudnn.find((r) => r.id === id)!.prediction!.secondsPerStep;
    for (const r of rows.filter((x) => x.model === "Llama 3.1 8B" && x.cp === 1 && x.seq_len === 8192 && x.tp === 1 && x.gpu_id === "h100-sxm5-80gb")) {
      expect(ratio(r.id), r.id).toBeGreaterThan(1.08);
      expect(ratio(r.id), r.id).toBeLessThan(1.13);
    }
    const cp = rows.filter((x) => x.model === "Llama 3.1 8B" && x.seq_len > 8192).map((r) => ratio(r.id));
    expect(cp.length).toBe(4);
    for (let i = 1; i < cp.length; i++) expect(cp[i]!).toBeGreaterThan(cp[i - 1]!);
    expect(cp[0]!).toBeGreaterThan(1.3);
    expect(cp[3]!).toBeLessThan(1.65);
    for (const r of rows.filter((x) => x.gpu_id === "h200-sxm-141gb")) expect(ratio(r.id), r.id).toBe(1);
  });

  it("splitting the output layer over tensor-parallel ranks (torchtitan's loss parallel) takes 21 to 27% off the 8B's predicted step on tensor parallel 8 (with per-op recomputation), 6 to 8% off the 70B's", () => {
    const whole = validateCheckSet(NAME, rows.map((r) => ({...r, loss_parallel: null})), GPUS);
    const ratio = (id: string) => table.find((r) => r.id === id)!.prediction!.secondsPerStep / whole.find((r) => r.id === id)!.prediction!.secondsPerStep;
    for (const r of rows.filter((x) => x.tp > 1 && x.model === "Llama 3.1 8B")) {
      expect(ratio(r.id), r.id).toBeGreaterThan(0.73);
      expect(ratio(r.id), r.id).toBeLessThan(0.79);
    }
    for (const r of rows.filter((x) => x.tp > 1 && x.model === "Llama 3.1 70B")) {
      expect(ratio(r.id), r.id).toBeGreaterThan(0.9);
      expect(ratio(r.id), r.id).toBeLessThan(0.95);
    }
    // Without tensor parallelism there is nothing to split.
    for (const r of rows.filter((x) => x.tp === 1)) expect(ratio(r.id), r.id).toBe(1);
  });

  it("context parallelism misses more at degree 4 and 8 (predicted ÷ published throughput 1.7 and 1.8) than at 1 and 2 (1.3)", () => {
    const cp = headline.filter((r) => /-cp\d-/.test(r.id) && r.id.includes("-8b-"));
    const ratios = cp.map((r) => r.predicted! / r.reported!);
    expect(cp.map((r) => r.id.match(/-cp(\d)-/)![1])).toEqual(["1", "2", "4", "8"]);
    for (const low of ratios.slice(0, 2)) {
      expect(low).toBeGreaterThan(1.2);
      expect(low).toBeLessThan(1.35);
    }
    for (const high of ratios.slice(2)) {
      expect(high).toBeGreaterThan(1.65);
      expect(high).toBeLessThan(1.85);
    }
  });

  it("memory: 12 of the 13 headline rows that print it within ±10% (none before the loss and output layer were read from the code, 4 before per-op checkpointing, 8 before the autocast cache was dropped): full recomputation of the 8B within 3%, the 70B at 0.80; per-op 0.93 to 1.07 times the published (1.55 to 2.0 as selective)", () => {
    expect(summary.memoryCompared).toBe(13);
    expect(summary.memoryWithin10Percent).toBe(12);
    const perOp = headline.filter((r) => published(r.id).memory_gib !== null && rows.find((x) => x.id === r.id)!.recompute === "per-op");
    expect(perOp.length).toBe(8);
    const asSelective = validateCheckSet(NAME, rows.map((r) => ({...r, recompute: r.recompute === "per-op" ? ("selective" as const) : r.recompute})), GPUS);
    for (const r of perOp) {
      expect(Math.abs(memoryRatio(r.id) - 1), r.id).toBeLessThan(0.075);
      const before = asSelective.find((x) => x.id === r.id)!;
      expect(before.predictedMemoryGib / before.reportedMemoryGib!, r.id).toBeGreaterThan(1.3);
    }
    // The bf16 rows' FSDP2 gathers bf16 weights and torchtitan runs no autocast: no cache of bf16
    // weight copies (2 bytes a parameter, 15 GiB for the 8B on 8 GPUs); counting it put them at 1.11 to 1.30.
    const bf16 = perOp.filter((r) => rows.find((x) => x.id === r.id)!.precision === "amp-bf16");
    expect(bf16.length).toBe(4);
    for (const r of bf16) {
      const built = checkRowSpec(rows.find((x) => x.id === r.id)!, new Map(GPUS.map((g) => [g.id, g] as const)));
      expect(built.memory.autocastCache, r.id).toBe(false);
      const withCache = memoryPerGpu(built.spec, {...built.memory, autocastCache: true}).total / 2 ** 30;
      expect(withCache - r.predictedMemoryGib, r.id).toBeCloseTo((2 * 8.03e9) / 2 ** 30, 0);
      expect(withCache / r.reportedMemoryGib!, r.id).toBeGreaterThan(1.1);
    }
    const cp = headline.filter((x) => /-8b-h100x8-fsdp\d-cp/.test(x.id));
    expect(cp.length).toBe(4);
    for (const r of cp) expect(Math.abs(memoryRatio(r.id) - 1), r.id).toBeLessThan(0.05);
    expect(memoryRatio("torchtitan-2412-70b-h100x256-2d")).toBeCloseTo(0.8, 1);

  });

  it("says it is no longer out of sample for the loss, the output layer, the attention kernel (read from torchtitan's and PyTorch's code after its first report) and the activation checkpointing (its per-op rows, after the second)", () => {
    expect(summary.mechanismFoundHere).toMatch(/^the loss, the output layer, the attention kernel and the activation checkpointing\. After the first report \(3 of 17 within ±5 points, mean 11\.6; memory within ±10% on none of 13/);
    // Every row of the 8B that does not recompute every block names torchtitan's per-op policy in its source or configuration.
    const perOpRows = rows.filter((r) => r.recompute === "per-op");
    expect(perOpRows.length).toBe(14);
    for (const r of perOpRows as unknown as {id: string; source_location: string; reported_text: string}[]) expect(`${r.source_location} ${r.reported_text}`, r.id).toMatch(/selective \/ op|per op SAC|llama3_8b\.toml/);
    expect(rows.filter((r) => r.recompute === "selective")).toEqual([]);
    // PyTorch wheels of December 2024 and June 2025: FlashAttention-2; NGC 25.05 on the H200s: not known, the measured default.
    expect(rows.every((r) => (r.attention_kernel === "flash-v2") === !r.id.startsWith("torchtitan-trainy-"))).toBe(true);
    // December 2024's eager loss; the 2025 rows compile it.
    expect(rows.filter((r) => r.loss === "fp32-eager").map((r) => r.id).every((id) => id.startsWith("torchtitan-2412-"))).toBe(true);
    expect(rows.filter((r) => r.id.startsWith("torchtitan-2412-")).every((r) => r.loss === "fp32-eager")).toBe(true);
    expect(rows.every((r) => r.loss_parallel === r.tp > 1)).toBe(true);
  });
});

describe("a malformed torchtitan row stops the load at file:line:column", () => {
  const {file, first, load, error} = checkSetFileUnderTest(NAME, checkTorchtitan);

  it("loads the untouched first row", () => {
    expect(load(first)).toEqual([expect.objectContaining({id: "torchtitan-2412-8b-h100x8-fsdp", accelerators: 8, tokens_per_second_per_gpu: 5762, memory_gib: 82.4, known_miss: null})]);
  });

  it("refuses an FSDP gather width other than 2 or 4 bytes, naming its column", () => {
    const row = first.replace(/,2,5762,82\.4,false,flash-v2,$/, ",3,5762,82.4,false,flash-v2,");
    expect(row).not.toBe(first);
    expect(error(row).message).toMatch(new RegExp(`^${file}:2:\\d+: column "fsdp_gather_bytes_per_param": expected 2 or 4, found "3"$`));
  });

  it("refuses a row without its printed throughput", () => {
    const row = first.replace(/,2,5762,82\.4,false,flash-v2,$/, ",2,,82.4,false,flash-v2,");
    expect(row).not.toBe(first);
    expect(error(row).message).toMatch(new RegExp(`^${file}:2:\\d+: column "tokens_per_second_per_gpu": expected a value, found a blank cell$`));
  });
});
