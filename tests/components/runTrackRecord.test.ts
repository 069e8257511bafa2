// Whole-run GPU-hours predicted without the reported MFU, against the reported GPU-hours.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {loadWithReferences} from "../../loaders/compile.js";
import {FLASH_ATTENTION_V1_EFFICIENCY, FUSED_LOSS_BYTES_PER_LOGIT, GPT_NEOX_V1_LAYER_ELEMENTWISE, GPT_NEOX_V1_TP_FORWARD_COLLECTIVES, INTERRUPTIONS_PER_ACCELERATOR_HOUR, LAYER_SLOTS, NCCL_BUS_EFFICIENCY, Slot, VOCAB_PARALLEL_FP32_LOSS_BYTES_PER_LOGIT, clusterShapedAccelerator, layerCost, layerInvariants, mamfEfficiency, RUN_KNOWN_MISSES, RUN_MISS_THRESHOLD, groupBusBytesPerSecond, SECONDS_LOST_PER_INTERRUPTION, fnv1a32, gpuSpecFromRecord, isHeldOutRun, leaveOneOutResiduals, medianAbsLogRatio, parseBatchRamp, podShapedAccelerator, predictRunGpuHours, quantile, residualBand, runGoodput, forwardShareOfStep, wholeRunCorrection, wholeRunTimeShare} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {layoutPins, precisionOf, reportedGpuHours, runTrackRecord, trackRecordBand, trackRecordCorrection, trackRecordSteadyState, trackRecordSummary} from "../../src/components/runTrackRecord.js";
import type {RunLayoutRecord, RunRecord} from "../../src/components/runTrackRecord.js";
import type {ModelRecord} from "../../src/components/models.js";
import {modelSpecFromRecord} from "../../src/components/models.js";

const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const runs = loadWithReferences("training_runs") as unknown as RunRecord[];
const models = loadWithReferences("models") as unknown as ModelRecord[];
const layouts = loadWithReferences("run_layouts") as unknown as RunLayoutRecord[];
const table = runTrackRecord(runs, models, gpus, layouts);
const predicted = table.filter((r) => r.ratio !== null);

describe("quantiles and the residual band", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1, 12);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });
  it("brackets the median with the 10th and 90th percentiles", () => {
    const band = residualBand([0.5, 0.8, 1, 1.2, 2]);
    expect(band.p10).toBeLessThanOrEqual(band.median);
    expect(band.median).toBe(1);
    expect(band.p90).toBeGreaterThanOrEqual(band.median);
    expect(band.runs).toBe(5);
  });
});

describe("the unattributed-overhead correction, estimated on the fit runs alone", () => {
  it("is the fit runs' median, with leave-one-out residuals for the fit runs and the fit median for the held-out ones", () => {
    const c = wholeRunCorrection([{ratio: 1.1, heldOut: false}, {ratio: 1.2, heldOut: false}, {ratio: 1.3, heldOut: false}, {ratio: 1.0, heldOut: true}]);
    expect(c.unattributedOverhead).toBeCloseTo(1.2, 12);
    expect(leaveOneOutResiduals([1.1, 1.2, 1.3]).map((x) => +x.toFixed(6))).toEqual([+(1.1 / 1.25).toFixed(6), 1, +(1.3 / 1.15).toFixed(6)]);
    expect(c.corrected.heldOut).toBeCloseTo(Math.log(1.2), 12);
    // |ln| of 0.88, 1 and 1.13: the median is ln(1.3 / 1.15).
    expect(c.corrected.fitLeaveOneOut).toBeCloseTo(Math.log(1.3 / 1.15), 12);
    expect(c.raw.heldOut).toBe(0);
    expect(c.band.runs).toBe(4);
    expect(() => wholeRunCorrection([{ratio: 1, heldOut: false}, {ratio: 1, heldOut: true}])).toThrow(RangeError);
    expect(() => wholeRunCorrection([{ratio: 1, heldOut: false}, {ratio: 1, heldOut: false}, {ratio: Number.NaN, heldOut: false}])).toThrow(RangeError);
  });
  it("never reads a held-out run: changing every held-out ratio leaves the overhead where it was", () => {
    fc.assert(fc.property(fc.array(fc.double({min: 0.5, max: 2, noNaN: true}), {minLength: 3, maxLength: 12}), fc.array(fc.double({min: 0.1, max: 10, noNaN: true}), {maxLength: 8}), (fit, held) => {
      const base = wholeRunCorrection(fit.map((ratio) => ({ratio, heldOut: false})));
      const withHeld = wholeRunCorrection([...fit.map((ratio) => ({ratio, heldOut: false})), ...held.map((ratio) => ({ratio, heldOut: true}))]);
      return withHeld.unattributedOverhead === base.unattributedOverhead && withHeld.corrected.fitLeaveOneOut === base.corrected.fitLeaveOneOut;
    }));
  });
  it("shares the estimate's time between interruptions and the overhead, capped at 1", () => {
    expect(wholeRunTimeShare(0.98, 1.2)).toBeCloseTo(0.98 / 1.2, 12);
    expect(wholeRunTimeShare(1, 0.9)).toBe(1);
    expect(() => wholeRunTimeShare(0, 1.2)).toThrow(RangeError);
    expect(() => wholeRunTimeShare(0.9, 0)).toThrow(RangeError);
  });
  it("on the published runs: the overhead is the median of the fit runs' ratios, and the out-of-sample band holds 1", () => {
    const c = trackRecordCorrection(table)!;
    expect(c.unattributedOverhead).toBeCloseTo(quantile(predicted.filter((r) => !r.heldOut).map((r) => r.ratio!), 0.5), 12);
    expect(c.fitRuns + c.heldOutRuns).toBe(predicted.length);
    expect(c.band.p10).toBeLessThan(1);
    expect(c.band.p90).toBeGreaterThan(1);
    expect(trackRecordCorrection(table.filter((r) => r.heldOut))).toBeNull();
  });
});

describe("the runs whose reported hours hold no lost time", () => {
  it("are those flagged steady-state, and their median is their own reported ÷ predicted", () => {
    const steady = trackRecordSteadyState(table)!;
    const flagged = layouts.filter((l) => l.reported_hours_steady_state === true).map((l) => l.run_id);
    expect(steady.runs.map((r) => r.id).sort()).toEqual(predicted.filter((r) => flagged.includes(r.id)).map((r) => r.id).sort());
    expect(steady.runs.length).toBeGreaterThanOrEqual(3);
    expect(steady.medianRatio).toBeCloseTo(quantile(steady.runs.map((r) => r.ratio), 0.5), 12);
    for (const r of steady.runs) expect(table.find((x) => x.id === r.id)!.goodput!.effectiveTrainingTime, r.id).toBe(1);
    expect(trackRecordSteadyState(table.filter((r) => !flagged.includes(r.id)))).toBeNull();
  });
});

describe("goodput factors, each from a source", () => {
  it("takes Llama 3's 466 interruptions in 54 days on 16,384 GPUs as the default rate (≈ 2.2e-5 per GPU-hour)", () => {
    expect(INTERRUPTIONS_PER_ACCELERATOR_HOUR).toBeCloseTo(466 / (16_384 * 54 * 24), 12);
    expect(SECONDS_LOST_PER_INTERRUPTION).toBe(25 * 60);
  });
  it("loses rate × accelerators × 25 minutes per hour: ≈ 1.9% on 2,048 GPUs, ≈ 15% on 16,384", () => {
    expect(runGoodput({accelerators: 2048}).interruptionFraction).toBeCloseTo((466 / (16_384 * 1296)) * 2048 * (25 / 60), 9);
    expect(runGoodput({accelerators: 16_384}).interruptionFraction).toBeGreaterThan(0.14);
    expect(runGoodput({accelerators: 8}).effectiveTrainingTime).toBeGreaterThan(0.999);
  });
  it("uses a run's own interruption count (MPT-7B: 4 in 9.5 days on 440 GPUs) and a reported effective time (Llama 3: > 90%) over the default", () => {
    const mpt = runGoodput({accelerators: 440, interruptions: 4, interruptionWindowHours: 228});
    expect(mpt.interruptionSource).toBe("run's own interruptions");
    expect(mpt.interruptionFraction).toBeCloseTo((4 * 25) / 60 / 228, 9);
    const llama = runGoodput({accelerators: 16_384, interruptions: 466, interruptionWindowHours: 1296, effectiveTrainingTimeReported: 0.9});
    expect(llama.effectiveTrainingTime).toBe(0.9);
    expect(llama.interruptionSource).toBe("reported effective time");
    expect(() => runGoodput({accelerators: 0})).toThrow(RangeError);
  });
  it("charges a run's own cost per interruption where it gives one (BLOOM: 1-2 GPU failures a week, 1.5 h of training lost each with 3-hourly checkpoints)", () => {
    const bloom = runGoodput({accelerators: 384, interruptions: 25, interruptionWindowHours: 2837.7, hoursLostPerInterruption: 1.5});
    expect(bloom.secondsLostPerInterruption).toBe(5400);
    expect(bloom.interruptionFraction).toBeCloseTo((25 * 1.5) / 2837.7, 9);
    expect(runGoodput({accelerators: 384, interruptions: 25, interruptionWindowHours: 2837.7}).secondsLostPerInterruption).toBe(SECONDS_LOST_PER_INTERRUPTION);
    expect(() => runGoodput({accelerators: 384, hoursLostPerInterruption: 0})).toThrow(RangeError);
    const row = table.find((r) => r.id === "bloom-176b")!;
    expect(row.goodput!.interruptionSource).toBe("run's own interruptions");
    expect(row.goodput!.interruptionFraction).toBeCloseTo((25 * 1.5) / 2837.7, 9);
  });
  it("charges evaluation as forward passes: BLOOM's 29 batches every 1,000 steps with full recomputation cost 0.72%, its logbook's 'about 7 iterations or 0.7%'", () => {
    expect(forwardShareOfStep(true)).toBe(2 / 8);
    expect(forwardShareOfStep(false)).toBe(2 / 6);
    const bloom = runGoodput({accelerators: 384, evalIntervalSteps: 1000, evalBatches: 29, forwardShareOfStep: forwardShareOfStep(true)});
    expect(bloom.evaluationFraction).toBeCloseTo(7.25 / 1007.25, 12);
    expect(bloom.evaluationFraction).toBeGreaterThan(0.006);
    expect(bloom.evaluationFraction).toBeLessThan(0.008);
    // 29 forward batches at a quarter of a 105 s step: 12.7 min, the logbook's 'about 12 min'.
    expect((29 * forwardShareOfStep(true) * 105) / 60).toBeCloseTo(12.7, 1);
    expect(bloom.effectiveTrainingTime).toBeCloseTo((1 - bloom.interruptionFraction) * (1 - bloom.evaluationFraction), 12);
    expect(() => runGoodput({accelerators: 8, evalIntervalSteps: 1000})).toThrow(/both/);
    expect(() => runGoodput({accelerators: 8, evalIntervalSteps: 1000, evalBatches: 10})).toThrow(/forward/);
  });
  it("charges a checkpoint pause against the steps between saves (BLOOM: 40 s every 100 steps of 105 s = 0.38%), and refuses one beside a reported effective time", () => {
    const bloom = runGoodput({accelerators: 384, stepSeconds: 105, checkpointIntervalSteps: 100, checkpointSaveSeconds: 40});
    expect(bloom.checkpointFraction).toBeCloseTo(40 / 10_540, 12);
    expect(runGoodput({accelerators: 384}).checkpointFraction).toBe(0);
    expect(() => runGoodput({accelerators: 384, checkpointIntervalSteps: 100, checkpointSaveSeconds: 40})).toThrow(/step time/);
    expect(() => runGoodput({accelerators: 384, stepSeconds: 105, checkpointIntervalSteps: 0, checkpointSaveSeconds: 40})).toThrow(RangeError);
    expect(() => runGoodput({accelerators: 384, stepSeconds: 105, checkpointIntervalSteps: 100, checkpointSaveSeconds: 40, effectiveTrainingTimeReported: 0.9})).toThrow(/already counts/);
  });
  it("charges nothing where the reported hours are tokens ÷ measured throughput (LLaMA-65B: 1.4T at 380 tokens/s/GPU; DeepSeek-V3: 180K H800-hours per trillion tokens), and refuses a loss beside them", () => {
    const steady = runGoodput({accelerators: 2048, reportedHoursSteadyState: true});
    expect(steady.effectiveTrainingTime).toBe(1);
    expect(steady.interruptionSource).toBe("steady-state reported hours");
    expect(() => runGoodput({accelerators: 2048, reportedHoursSteadyState: true, interruptions: 4, interruptionWindowHours: 100})).toThrow(/steady-state/);
    expect(() => runGoodput({accelerators: 2048, reportedHoursSteadyState: true, effectiveTrainingTimeReported: 0.9})).toThrow(/steady-state/);
    // The published arithmetic: Table 15's 1,022,362 GPU-hours is 1.4T tokens at 380 tokens/s/GPU within 0.1%; 180K × 14.8 = 2,664K.
    expect(Math.abs(1.4e12 / 380 / 3600 / 1_022_362 - 1)).toBeLessThan(0.002);
    expect(180_000 * 14.8).toBeCloseTo(runs.find((r) => r.id === "deepseek-v3")!.accelerator_hours!, 6);
    for (const id of ["llama-65b", "deepseek-v3"]) expect(table.find((r) => r.id === id)!.goodput!.interruptionSource, id).toBe("steady-state reported hours");
  });
  it("adds the steps a run repeats after rollbacks at the main phase's rate and the downtime it itemises at every accelerator, and nothing when it reports neither", () => {
    const l = layouts.find((x) => x.run_id === "bloom-176b")!;
    const record = models.find((m) => m.training_run_id === "bloom-176b")!;
    const run = runs.find((r) => r.id === "bloom-176b")!;
    const input = {id: run.id, model: modelSpecFromRecord(record), gpu: gpus.find((g) => g.id === "a100-sxm4-80gb")!, accelerators: 384, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: "bf16-master-fp32" as const, layout: layoutPins(l)};
    const plain = predictRunGpuHours(input);
    expect(plain.repeatedGpuHours).toBe(0);
    expect(plain.downtimeGpuHours).toBe(0);
    const both = predictRunGpuHours({...input, repeatedSteps: 1000, downtimeHours: 35});
    expect(both.downtimeGpuHours).toBe(35 * 384);
    // 1,000 main-phase steps of 2048 × 2048 tokens: 1000 / (tokens / batch) of the steady hours.
    expect(both.repeatedGpuHours).toBeCloseTo((plain.steadyGpuHours * 1000 * 2048 * 2048) / run.tokens!, 6);
    expect(both.gpuHours).toBeCloseTo(plain.gpuHours + both.repeatedGpuHours / plain.effectiveTrainingTime + 35 * 384, 6);
    expect(() => predictRunGpuHours({...input, repeatedSteps: -1})).toThrow(RangeError);
    expect(() => predictRunGpuHours({...input, downtimeHours: Number.NaN})).toThrow(RangeError);
  });
  it("applies the overheads the runs publish: BLOOM's evaluation, 40 s checkpoints and 35 h of hangs, PaLM's 4,000 repeated steps, llm.c's evaluation (Pythia's is read, not charged: its hours are steady-state)", () => {
    const bloom = table.find((r) => r.id === "bloom-176b")!;
    expect(bloom.goodput!.evaluationFraction).toBeCloseTo(7.25 / 1007.25, 12);
    expect(bloom.goodput!.checkpointFraction).toBeGreaterThan(0.002);
    expect(bloom.goodput!.checkpointFraction).toBeLessThan(0.006);
    for (const l of layouts.filter((x) => x.eval_interval_steps != null || x.checkpoint_save_seconds != null || x.repeated_steps != null || x.downtime_hours != null)) {
      expect(l.overhead_source ?? "", l.run_id).toMatch(/\(read \d{4}-\d{2}-\d{2}|Sec \d/);
    }
    expect(layouts.find((x) => x.run_id === "palm-540b")!.repeated_steps).toBe(20 * 200);
    // llm.c evaluates 20 validation + 314 HellaSwag micro-batches per GPU every 250 steps, against 8 per step.
    const llmc = table.find((r) => r.id === "llm-c-gpt2-1558m")!;
    expect(llmc.goodput!.evaluationFraction).toBeCloseTo((41.75 / 3) / (250 + 41.75 / 3), 12);
    // Pythia's Table 5 hours are logged iteration time × iterations (steady-state): its configs' evaluation is read but not charged.
    for (const r of table.filter((x) => x.id.startsWith("pythia-"))) {
      expect(r.goodput!.interruptionSource, r.id).toBe("steady-state reported hours");
      expect(r.goodput!.evaluationFraction, r.id).toBe(0);
      expect(layouts.find((x) => x.run_id === r.id)!.overhead_source ?? "", r.id).toMatch(/eval-interval \d+, eval-iters 10.*Not charged since 2026-12-02/);
    }
    // llm.c GPT-2 124M: 20 + 79 forward micro-batches per GPU every 250 steps, against 1 per step.
    expect(table.find((r) => r.id === "llm-c-gpt2-124m")!.goodput!.evaluationFraction).toBeCloseTo(33 / 283, 12);
  });
  it("lays OPT-175B out as metaseq ran it (tp 8 × dp 124, FSDP without resharding = ZeRO-2, 8 sequences per rank) on the A100 SXM4 80GB its Azure launcher implies, and charges no loss against its steady-state hours", () => {
    const l = layouts.find((x) => x.run_id === "opt-175b")!;
    expect(l.tp! * l.dp!).toBe(992);
    expect(l.global_batch_tokens).toBe(l.micro_batch! * l.dp! * 2048);
    expect(l.zero_stage).toBe(2);
    expect(models.find((m) => m.training_run_id === "opt-175b")).toBeDefined();
    const run = runs.find((r) => r.id === "opt-175b")!;
    expect(run.gpu_id).toBe("a100-sxm4-80gb");
    const row = table.find((r) => r.id === "opt-175b")!;
    expect(row.ratio).not.toBeNull();
    expect(row.layoutSource).toBe("published");
    expect(row.goodput!.interruptionSource).toBe("steady-state reported hours");
  });
  it("lays SmolLM3 out as its nanotron configs ran it (tp 2 × dp 192, ZeRO-0, 3 sequences of 4,096 per rank = 2,359,296 tokens a step)", () => {
    const l = layouts.find((x) => x.run_id === "smollm3-3b")!;
    expect(l.tp! * l.dp!).toBe(384);
    expect(l.global_batch_tokens).toBe(l.micro_batch! * l.dp! * 4096);
    const row = table.find((r) => r.id === "smollm3-3b")!;
    expect(row.layoutSource).toBe("published");
    expect(row.gpuId).toBe("h100-sxm5-80gb");
    expect(row.ratio).not.toBeNull();
  });
  it("lays Nemotron-4 15B out as its paper does (tp 8 × dp 288 on 2,304 H100s, distributed optimizer, 1,152 sequences of 4,096) and takes Table 2's steady-state days as its hours", () => {
    const l = layouts.find((x) => x.run_id === "nemotron-4-15b")!;
    expect(l.tp! * l.pp! * l.dp! * l.cp!).toBe(l.accelerators);
    expect(l.zero_stage).toBe(1);
    expect(l.global_batch_tokens).toBe(1152 * 4096);
    // Table 2: each phase's days are its tokens at its measured iteration time (7,600B / (1,152 × 4,096) × 0.64 s = 11.9 days).
    const phases = [{gpus: 768, days: 0.8, tokens: 200e9, seqs: 384, s: 0.57}, {gpus: 1536, days: 0.4, tokens: 200e9, seqs: 768, s: 0.58}, {gpus: 2304, days: 11.9, tokens: 7600e9, seqs: 1152, s: 0.64}];
    for (const p of phases) expect(Math.abs((p.tokens / (p.seqs * 4096)) * p.s / 86_400 - p.days)).toBeLessThan(0.05);
    const run = runs.find((r) => r.id === "nemotron-4-15b")!;
    expect(run.accelerator_hours).toBeCloseTo(phases.reduce((sum, p) => sum + p.gpus * p.days * 24, 0), 6);
    expect(run.tokens).toBe(phases.reduce((sum, p) => sum + p.tokens, 0));
    const row = table.find((r) => r.id === "nemotron-4-15b")!;
    expect(row.layoutSource).toBe("partly published");
    expect(row.layoutDegrees).toBe("tensor 8 × pipeline 1 × data 288");
    expect(row.goodput!.interruptionSource).toBe("steady-state reported hours");
    expect(row.rampFactor).toBe(1);
  });
  it("lays Apertus 70B out as its launch script does (tp 4 × pp 8 × dp 128 on 4,096 GH200s, 5 virtual stages, 4,096 sequences of 4,096) and takes its failure-free hours as steady-state", () => {
    const l = layouts.find((x) => x.run_id === "apertus-70b")!;
    expect(l.tp! * l.pp! * l.dp! * l.cp!).toBe(l.accelerators);
    expect(l.accelerators).toBe(4096);
    // --num-layers-per-virtual-pipeline-stage 2: 80 layers / pp 8 / 2 = 5 chunks per stage.
    const model = models.find((m) => m.training_run_id === "apertus-70b")!;
    expect(model.layers / l.pp! / 2).toBe(l.virtual_stages);
    expect(l.global_batch_tokens).toBe(4096 * model.seq_len);
    // --train-samples 3,662,109,375 of 4,096 tokens is the run's 15T.
    expect(runs.find((r) => r.id === "apertus-70b")!.tokens).toBe(3_662_109_375 * 4096);
    const row = table.find((r) => r.id === "apertus-70b")!;
    expect(row.gpuId).toBe("gh200-96gb");
    expect(row.layoutSource).toBe("published");
    expect(row.layoutDegrees).toBe("tensor 4 × pipeline 8 × data 128");
    expect(row.goodput!.interruptionSource).toBe("steady-state reported hours");
    expect(row.rampFactor).toBe(1);
    expect(row.heldOut).toBe(isHeldOutRun("apertus-70b"));
    expect(row.ratio).not.toBeNull();
  });
  it("lays BloombergGPT out as its paper does (ZeRO-3 on 512 A100 40GB, full recomputation, 1,024 then 2,048 sequences, p4d's 6.25 GB/s per GPU) and leaves the micro-batch to the planner", () => {
    const l = layouts.find((x) => x.run_id === "bloomberggpt-50b")!;
    expect(l.dp).toBe(512);
    expect(l.zero_stage).toBe(3);
    expect(l.recompute).toBe("full");
    expect(l.micro_batch).toBeNull();
    expect(parseBatchRamp(l.batch_ramp!)).toEqual([{tokens: 7200 * 1024 * 2048, globalBatchTokens: 1024 * 2048}]);
    expect(l.scale_out_gbps).toBeCloseTo(400 / 8 / 8, 12);
    const row = table.find((r) => r.id === "bloomberggpt-50b")!;
    expect(row.layoutSource).toBe("partly published");
    expect(row.rampFactor!).toBeLessThan(1);
  });
  it("lays GLM-130B out as its launch script ran it (tp 4 × pp 8 × dp 24, ZeRO-1, micro-batch 1, full recomputation, fp16) with its 192 → 4,224 ramp over 5,493,164 samples, its logbook's 31 restarts in 1,388 h and 290 repeated steps", () => {
    const l = layouts.find((x) => x.run_id === "glm-130b")!;
    expect(l.tp! * l.pp! * l.dp!).toBe(768);
    expect(l.global_batch_tokens).toBe(4224 * 2048);
    expect([l.zero_stage, l.micro_batch, l.recompute, l.dp_overlap, l.loss, l.flash_attention]).toEqual([1, 1, "full", false, "vocab-parallel-fp32", false]);
    // BATCH_WARMUP_SAMPLES = floor(floor(450e9 / 2048) × 25 / 1000), cut into four equal segments at their mid-point batches.
    const rampSamples = Math.floor((Math.floor(450e9 / 2048) * 25) / 1000);
    expect(rampSamples).toBe(5_493_164);
    const phases = parseBatchRamp(l.batch_ramp!);
    expect(phases.reduce((s, p) => s + p.tokens, 0)).toBe(rampSamples * 2048);
    expect(phases.map((p) => p.globalBatchTokens / 2048)).toEqual([1, 3, 5, 7].map((k) => 192 + ((4224 - 192) * k) / 8));
    for (const p of phases) expect((p.globalBatchTokens / 2048) % (l.dp! * l.micro_batch!)).toBe(0);
    expect(l.repeated_steps).toBe((22900 - 22800) + (33740 - 33600) + (35250 - 35200));
    const run = runs.find((r) => r.id === "glm-130b")!;
    expect(precisionOf(run)).toBe("fp16-master-fp32");
    // 2022-05-06 04:00 to 2022-07-03 00:00.
    expect(l.interruption_window_hours).toBe((Date.UTC(2022, 6, 3) - Date.UTC(2022, 4, 6, 4)) / 3_600_000);
    expect(reportedGpuHours(run)!).toBeCloseTo(768 * l.interruption_window_hours!, -1);
    const row = table.find((r) => r.id === "glm-130b")!;
    expect(row.layoutSource).toBe("published");
    expect(row.goodput!.interruptionSource).toBe("run's own interruptions");
    expect(row.repeatedGpuHours!).toBeGreaterThan(0);
    expect(row.rampFactor!).toBeLessThan(1);
  });
  it("lays StarCoderBase out as its paper and launch script do (tp 4 × pp 4 × dp 32 on 512 A100 80GB, micro-batch 1, 512 sequences of 8,192, no recompute) with multi-query attention, and takes the paper's 320,256 GPU-hours", () => {
    const l = layouts.find((x) => x.run_id === "starcoderbase-15b")!;
    expect(l.tp! * l.pp! * l.dp!).toBe(512);
    expect(l.global_batch_tokens).toBe(512 * 8192);
    expect(l.global_batch_tokens! / 8192 / (l.dp! * l.micro_batch!)).toBe(16); // the paper's 16 accumulation steps
    expect([l.zero_stage, l.recompute, l.sequence_parallel, l.dp_overlap, l.loss, l.attention_kernel]).toEqual([1, "none", true, false, "vocab-parallel-fp32", "flash-v1"]);
    expect(l.scale_out_gbps).toBeCloseTo(400 / 8 / 8, 12);
    const record = models.find((m) => m.training_run_id === "starcoderbase-15b")!;
    expect(record.kv_heads).toBe(1);
    const run = runs.find((r) => r.id === "starcoderbase-15b")!;
    expect(run.tokens).toBe(250_000 * 512 * 8192);
    expect(reportedGpuHours(run)).toBe(320_256);
    expect(precisionOf(run)).toBe("bf16-master-fp32");
    const row = table.find((r) => r.id === "starcoderbase-15b")!;
    expect(row.layoutSource).toBe("published");
    expect(row.gpuId).toBe("a100-sxm4-80gb");
    expect(row.goodput!.interruptionSource).toBe("Llama 3 rate");
  });
  it("parses PaLM's batch ramp (512 sequences to step 50k, 1024 to 115k) into phases of 52.4B and 136.3B tokens", () => {
    expect(parseBatchRamp("52428800000:1048576;188743680000:2097152")).toEqual([
      {tokens: 52_428_800_000, globalBatchTokens: 1_048_576},
      {tokens: 136_314_880_000, globalBatchTokens: 2_097_152}
    ]);
    expect(() => parseBatchRamp("5:1;3:2")).toThrow(RangeError);
  });
});

describe("data/run_layouts.csv", () => {
  it("multiplies out: tp × pp × dp × cp = accelerators wherever all are published, and pods divide the accelerators", () => {
    for (const l of layouts) {
      if (l.tp !== null && l.pp !== null && l.dp !== null && l.accelerators !== null) expect(l.tp * l.pp * l.dp * (l.cp ?? 1), l.run_id).toBe(l.accelerators);
      if (l.pods !== null) expect(l.accelerators! % l.pods, l.run_id).toBe(0);
    }
  });
  it("cites the framework wherever the data-parallel overlap is set, and the cluster wherever its network is", () => {
    for (const l of layouts) {
      if (l.dp_overlap !== null && l.dp_overlap !== undefined) expect(l.framework ?? "", l.run_id).toMatch(/DeepSpeed|Megatron|PyTorch|FSDP/);
      if (l.scale_out_gbps !== null && l.scale_out_gbps !== undefined) expect(l.cluster_source ?? "", l.run_id).toMatch(/\d+ ?Gb(ps|\/s)/);
    }
    // Pythia (GPT-NeoX on DeepSpeed's pipeline engine, AWS p4d: 400 Gb/s per 8 GPUs) and BLOOM (Megatron-DeepSpeed, 4 Omni-Path links of 100 Gb/s per 8 GPUs).
    for (const l of layouts.filter((x) => x.run_id.startsWith("pythia-") || x.run_id === "bloom-176b")) {
      expect(l.dp_overlap, l.run_id).toBe(false);
      expect(l.scale_out_gbps, l.run_id).toBeCloseTo(400 / 8 / 8, 12);
    }
  });
  it("has ramps that parse, end below the run's tokens and grow towards the final batch", () => {
    for (const l of layouts.filter((x) => x.batch_ramp !== null)) {
      const phases = parseBatchRamp(l.batch_ramp!);
      const run = runs.find((r) => r.id === l.run_id)!;
      expect(phases.reduce((s, p) => s + p.tokens, 0), l.run_id).toBeLessThan(run.tokens!);
      for (const p of phases) expect(p.globalBatchTokens, l.run_id).toBeLessThan(l.global_batch_tokens!);
    }
  });
});

describe("the precision a run trained in", () => {
  it("reads FP8, FP16 (loss-scaled) and BF16 from the run's precision cell", () => {
    expect(precisionOf({precision: "FP8 mixed precision (fine-grained 1x128 tile / 128x128 block quantization)"})).toBe("fp8");
    expect(precisionOf({precision: "fp16"})).toBe("fp16-master-fp32");
    expect(precisionOf({precision: "FP16 weights, FP32 Adam state (sharded), dynamic loss scaling"})).toBe("fp16-master-fp32");
    expect(precisionOf({precision: "bf16"})).toBe("bf16-master-fp32");
    expect(precisionOf({precision: "bfloat16 mixed precision"})).toBe("bf16-master-fp32");
    expect(precisionOf({precision: null})).toBe("bf16-master-fp32");
    expect(precisionOf(runs.find((r) => r.id === "pythia-12b")!)).toBe("fp16-master-fp32");
  });
});

describe("the held-out runs", () => {
  it("are the runs whose FNV-1a hash of the id is 0 mod 3 (FNV-1a of \"a\" is 0xe40c292c)", () => {
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("")).toBe(0x811c9dc5);
    for (const r of table) expect(r.heldOut).toBe(fnv1a32(r.id) % 3 === 0);
    expect(isHeldOutRun("llama-3-1-405b")).toBe(true);
  });
  it("are summarised apart: median |ln ratio| over all predicted runs and over the held-out ones", () => {
    const s = trackRecordSummary(table);
    expect(s.all.predicted).toBe(predicted.length);
    expect(s.heldOut.predicted).toBe(predicted.filter((r) => r.heldOut).length);
    expect(s.all.medianAbsLogRatio).toBeCloseTo(medianAbsLogRatio(predicted.map((r) => r.ratio!)), 12);
    expect(medianAbsLogRatio([Math.E, 1 / Math.E, 1])).toBeCloseTo(1, 12);
  });
});

describe("whole runs predicted without their reported MFU", () => {
  it("reads Llama 3.1 405B's layout from data/run_layouts.csv (Table 4) as fully published", () => {
    const row = table.find((r) => r.id === "llama-3-1-405b")!;
    expect(row.layoutSource).toBe("published");
    expect(row.layoutCitation).toMatch(/Table 4/);
    expect(row.goodput!.effectiveTrainingTime).toBe(0.9);
  });

  it("never reads the reported MFU: the prediction is the same with it blanked", () => {
    const blanked = runTrackRecord(runs.map((r) => ({...r, mfu_reported: null})), models, gpus, layouts);
    for (const r of predicted) expect(blanked.find((b) => b.id === r.id)!.predictedGpuHours).toBe(r.predictedGpuHours);
  });

  it("predicts Llama 3.1 405B on its published layout (16,384 H100s) within 25% of the reported GPU-hours", () => {
    const row = table.find((r) => r.id === "llama-3-1-405b")!;
    expect(row.layout).toMatch(/tensor 8 × pipeline 16 × data 128(?!,?\d)/);
    expect(row.ratio!).toBeGreaterThan(0.8);
    expect(row.ratio!).toBeLessThan(1.25);
  });

  it("predicts PaLM 540B on its published pod shape (tp 12, 2 pods of 3,072 TPU v4 over the data-center network), multi-query KV heads replicated", () => {
    const row = table.find((r) => r.id === "palm-540b")!;
    expect(row.layout).toMatch(/tensor 12 × pipeline 1 × data 512(?!,?\d)/);
    expect(row.layout).toMatch(/2 pods/);
    // Full recomputation: the nearest mode to the 1.25× of PaLM's Table 3 hardware FLOPs over its MFU.
    expect(row.layout).toMatch(/full recomputation/);
    // PaLM Table 3 reports 46.2% MFU; the step model is not told it (43.4% when the TPU matmul rule landed).
    expect(row.predictedMfu!).toBeGreaterThan(0.4);
    expect(row.predictedMfu!).toBeLessThan(0.5);
  });

  it("runs Pythia 12B without sequence parallelism, as GPT-NeoX then had none (PR #1257, 2024), which the step model times as slower than with it", () => {
    const row = table.find((r) => r.id === "pythia-12b")!;
    expect(row.layout).toMatch(/tensor 4 × pipeline 1 × data 64, no sequence parallelism/);
    const l = layouts.find((x) => x.run_id === "pythia-12b")!;
    expect(l.sequence_parallel).toBe(false);
    const record = models.find((m) => m.training_run_id === "pythia-12b")!;
    const run = runs.find((r) => r.id === "pythia-12b")!;
    const input = {id: run.id, model: modelSpecFromRecord(record), gpu: gpus.find((g) => g.id === "a100-sxm4-40gb")!, accelerators: 256, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: "fp16-master-fp32" as const};
    const off = predictRunGpuHours({...input, layout: layoutPins(l)});
    const on = predictRunGpuHours({...input, layout: {...layoutPins(l), sequenceParallel: true}});
    expect(off.layout.sequenceParallel).toBe(false);
    expect(on.layout.sequenceParallel).toBe(true);
    expect(off.mfu).toBeLessThan(on.mfu);
    // The planner always uses sequence parallelism with tp > 1, so a pin it cannot honour is refused, not dropped.
    expect(() => predictRunGpuHours({...input, layout: {tp: 4, sequenceParallel: false}})).toThrow(/sequence parallelism/);
  });

  it("runs BLOOM on its launch script's layout: micro-batch 2, no sequence parallelism, no FlashAttention (fused softmax kernels), each slower than the engine's defaults", () => {
    const row = table.find((r) => r.id === "bloom-176b")!;
    expect(row.layout).toMatch(/tensor 4 × pipeline 12 × data 8, no sequence parallelism, no FlashAttention, ZeRO-1, micro-batch 2, full recomputation/);
    const l = layouts.find((x) => x.run_id === "bloom-176b")!;
    const record = models.find((m) => m.training_run_id === "bloom-176b")!;
    const run = runs.find((r) => r.id === "bloom-176b")!;
    const input = {id: run.id, model: modelSpecFromRecord(record), gpu: gpus.find((g) => g.id === "a100-sxm4-80gb")!, accelerators: 384, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: "bf16-master-fp32" as const};
    const published = predictRunGpuHours({...input, layout: layoutPins(l)});
    const withFlash = predictRunGpuHours({...input, layout: {...layoutPins(l), flashAttention: true}});
    expect(published.layout.flashAttention).toBe(false);
    expect(published.mfu).toBeLessThan(withFlash.mfu);
    // With the degrees only partly published, the planner fills the rest with attention as published: off here.
    const partly = predictRunGpuHours({...input, layout: {tp: 4, pp: 12, flashAttention: false}});
    const partlyFlash = predictRunGpuHours({...input, layout: {tp: 4, pp: 12}});
    expect(partly.layoutSource).toBe("partly published");
    expect(partly.layout.flashAttention).toBe(false);
    expect(partlyFlash.layout.flashAttention).toBe(true);
    expect(partly.mfu).toBeLessThan(partlyFlash.mfu);
  });
  it("times OPT-175B and BloombergGPT with their scores materialised, as their code ran them (metaseq's baddbmm and fused softmax; SMP's masked-causal-softmax kernel)", () => {
    for (const id of ["opt-175b", "bloomberggpt-50b", "bloom-176b"]) {
      expect(layouts.find((x) => x.run_id === id)!.flash_attention, id).toBe(false);
      expect(table.find((r) => r.id === id)!.layoutDegrees, id).toMatch(/no FlashAttention/);
    }
    for (const id of ["opt-175b", "bloomberggpt-50b"]) expect(layouts.find((x) => x.run_id === id)!.attention_source ?? "", id).toMatch(/softmax/i);
  });

  it("times a ramp phase at the nearest batch that splits into dp × micro-batch (its batch is an average), and the main phase only at an exact split", () => {
    const l = layouts.find((x) => x.run_id === "bloom-176b")!;
    const record = models.find((m) => m.training_run_id === "bloom-176b")!;
    const run = runs.find((r) => r.id === "bloom-176b")!;
    const input = {id: run.id, model: modelSpecFromRecord(record), gpu: gpus.find((g) => g.id === "a100-sxm4-80gb")!, accelerators: 384, tokens: run.tokens!, precision: "bf16-master-fp32" as const, layout: layoutPins(l)};
    // 888 sequences (a ramp mid-point) do not split into dp 8 × micro-batch 2 = 16: as a ramp phase it is timed at 896 (or 880), as the main phase it is refused.
    expect(() => predictRunGpuHours({...input, globalBatchTokens: 888 * 2048, ramp: [{tokens: 1e9, globalBatchTokens: 888 * 2048}]})).toThrow(/do not split/);
    const ramped = predictRunGpuHours({...input, globalBatchTokens: 2048 * 2048, ramp: [{tokens: 5e9, globalBatchTokens: 888 * 2048}]});
    expect(ramped.rampFactor).toBeLessThanOrEqual(1);
    expect(ramped.rampFactor).toBeGreaterThan(0.95);
  });

  it("times DeepSpeed's unoverlapped data-parallel collectives and the run's own cluster network, each no faster than the engine's defaults", () => {
    const l = layouts.find((x) => x.run_id === "pythia-1b")!;
    const record = models.find((m) => m.training_run_id === "pythia-1b")!;
    const run = runs.find((r) => r.id === "pythia-1b")!;
    const a100 = gpus.find((g) => g.id === "a100-sxm4-40gb")!;
    const input = {id: run.id, model: modelSpecFromRecord(record), gpu: a100, accelerators: 64, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: precisionOf(run)};
    const pins = layoutPins(l);
    expect(pins.dpOverlap).toBe(false);
    expect(pins.scaleOutBytesPerSecond).toBeCloseTo(6.25e9, 0);
    const published = predictRunGpuHours({...input, layout: pins});
    const overlapped = predictRunGpuHours({...input, layout: {...pins, dpOverlap: true}});
    const referenceNode = predictRunGpuHours({...input, layout: {...pins, scaleOutBytesPerSecond: undefined}});
    expect(published.mfu).toBeLessThan(overlapped.mfu);
    expect(published.mfu).toBeLessThan(referenceNode.mfu);
    // dp 64 on 8-GPU nodes: the data-parallel ring leaves each node through 8 NICs of 6.25 GB/s, below NVLink.
    expect(groupBusBytesPerSecond(clusterShapedAccelerator(a100, 6.25e9), 64, 1)).toBeCloseTo(8 * 6.25e9 * NCCL_BUS_EFFICIENCY, -3);
    expect(clusterShapedAccelerator(a100, undefined)).toBe(a100);
    expect(() => clusterShapedAccelerator(a100, 0)).toThrow(RangeError);
  });

  it("charges Megatron's fp32 vocab-parallel cross-entropy 52 HBM bytes per logit (GPT-NeoX, Megatron-DeepSpeed), the fused count 20, and only the loss", () => {
    expect(FUSED_LOSS_BYTES_PER_LOGIT).toBe(20);
    // Forward: cast 2+4, max 4, sub_ 8, exp 8, sum 4, div_ 8; backward: mul_ 8, cast 4+2.
    expect(VOCAB_PARALLEL_FP32_LOSS_BYTES_PER_LOGIT).toBe(52);
    const a100 = gpus.find((g) => g.id === "a100-sxm4-40gb")!;
    const model = modelSpecFromRecord(models.find((m) => m.training_run_id === "pythia-70m")!);
    const fused = layerCost(layerInvariants(model, a100, "fp16-master-fp32"), 1, 1, 1, 32, false, true, new Float64Array(LAYER_SLOTS));
    const unfused = layerCost(layerInvariants(model, a100, "fp16-master-fp32", {lossBytesPerLogit: 52}), 1, 1, 1, 32, false, true, new Float64Array(LAYER_SLOTS));
    expect((unfused[Slot.HeadElt] as number) / (fused[Slot.HeadElt] as number)).toBeCloseTo(52 / 20, 12);
    for (let i = 0; i < LAYER_SLOTS; i++) if (i !== Slot.HeadElt) expect(unfused[i], `slot ${i}`).toBe(fused[i]);
    for (const l of layouts.filter((x) => x.loss !== null && x.loss !== undefined)) expect(l.framework ?? "", l.run_id).toMatch(/cross_entropy/);
    const pins = layoutPins(layouts.find((x) => x.run_id === "pythia-70m")!);
    expect(pins.loss).toBe("vocab-parallel-fp32");
    const run = runs.find((r) => r.id === "pythia-70m")!;
    const input = {id: run.id, model, gpu: a100, accelerators: 32, tokens: run.tokens!, globalBatchTokens: 2097152, precision: precisionOf(run)};
    expect(predictRunGpuHours({...input, layout: pins}).gpuHours).toBeGreaterThan(predictRunGpuHours({...input, layout: {...pins, loss: undefined}}).gpuHours);
  });

  it("times attention at FlashAttention v1's 25% of peak (Dao 2023: '25-40%') where the run's code ran it, and only there: Pythia's GPT-NeoX (flash-attn 0.2.2, head dims up to 128), LLaMA's xformers kernel with FlashAttention's backward and StarCoder's Megatron fork (flash_attn_unpadded_func)", () => {
    expect(FLASH_ATTENTION_V1_EFFICIENCY).toBe(0.25);
    const flagged = layouts.filter((l) => l.attention_kernel === "flash-v1").map((l) => l.run_id).sort();
    expect(flagged).toEqual(["llama-65b", "pythia-1-4b", "pythia-12b", "pythia-160m", "pythia-2-8b", "pythia-410m", "pythia-6-9b", "pythia-70m", "starcoderbase-15b"]);
    for (const l of layouts.filter((x) => x.attention_kernel !== null && x.attention_kernel !== undefined)) expect(l.attention_source ?? "", l.run_id).toMatch(/flash-attn|Dao et al\. \(2022\)/);
    // Pythia-1B's head dimension (2048 / 8 = 256) is beyond FlashAttention v1: its kernel is not known, the default is kept.
    expect(layouts.find((x) => x.run_id === "pythia-1b")!.attention_kernel ?? null).toBeNull();
    const a100 = gpus.find((g) => g.id === "a100-sxm4-40gb")!;
    const run = runs.find((r) => r.id === "pythia-160m")!;
    const l = layouts.find((x) => x.run_id === "pythia-160m")!;
    const pins = layoutPins(l);
    expect(pins.attentionKernel).toBe("flash-v1");
    const input = {id: run.id, model: modelSpecFromRecord(models.find((m) => m.training_run_id === run.id)!), gpu: a100, accelerators: 32, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: precisionOf(run)};
    const v1 = predictRunGpuHours({...input, layout: pins});
    const v2 = predictRunGpuHours({...input, layout: {...pins, attentionKernel: undefined}});
    expect(v1.mfu).toBeLessThan(v2.mfu);
    expect(() => predictRunGpuHours({...input, layout: {...pins, flashAttention: false}})).toThrow(/FlashAttention/);
  });

  it("times GPT-NeoX v1.0's layer as Pythia ran it: 19 and 26 more elements per token and attention width forward and backward, 4 and 6 on the residual stream, 1 on the FFN's backward, one forward all-reduce; only the element-wise and tensor-parallel slots move (and per-op recomputation's, which re-runs them)", () => {
    // Forward: q/k re-concatenated 4, q/k/v copies 6, packed-qkv concat 6, output permute 2, rotary 1; backward: QKV bias 3, view copy 2, two slice backwards 7 each, split cat 6, rotary 1.
    expect(GPT_NEOX_V1_LAYER_ELEMENTWISE).toEqual({residualForward: 4, residualBackward: 6, attentionForward: 19, attentionBackward: 26, ffnForward: 0, ffnBackward: 1});
    expect(GPT_NEOX_V1_TP_FORWARD_COLLECTIVES).toBe(1);
    const flagged = layouts.filter((l) => l.layer_kernels === "gpt-neox-v1").map((l) => l.run_id).sort();
    // Pythia-1B's attention path is not known (head dimension 256, beyond flash-attn 0.2.2): its layer is left at the default.
    expect(flagged).toEqual(["pythia-1-4b", "pythia-12b", "pythia-160m", "pythia-2-8b", "pythia-410m", "pythia-6-9b", "pythia-70m"]);
    for (const l of layouts.filter((x) => x.layer_kernels != null)) {
      expect(l.layer_kernels_source ?? "", l.run_id).toMatch(/v1\.0 = 71df4d50/);
      expect(l.attention_kernel, l.run_id).toBe("flash-v1");
    }
    const a100 = gpus.find((g) => g.id === "a100-sxm4-40gb")!;
    const model = modelSpecFromRecord(models.find((m) => m.training_run_id === "pythia-12b")!);
    const tp = 4;
    const micro = 8;
    const base = layerCost(layerInvariants(model, a100, "fp16-master-fp32"), tp, 1, 1, micro, false, true, new Float64Array(LAYER_SLOTS));
    const neox = layerCost(layerInvariants(model, a100, "fp16-master-fp32", {layerElementwiseExtra: GPT_NEOX_V1_LAYER_ELEMENTWISE, tensorParallelForwardCollectives: 1}), tp, 1, 1, micro, false, true, new Float64Array(LAYER_SLOTS));
    const inv = layerInvariants(model, a100, "fp16-master-fp32");
    const tokens = micro * model.seqLen;
    const perElement = 2 / inv.eltHbm;
    expect((neox[Slot.EltF] as number) - (base[Slot.EltF] as number)).toBeCloseTo((4 * model.dModel + 19 * (model.dModel / tp)) * tokens * perElement, 12);
    expect((neox[Slot.EltB] as number) - (base[Slot.EltB] as number)).toBeCloseTo((6 * model.dModel + 26 * (model.dModel / tp) + (model.ffnDim! / tp)) * tokens * perElement, 12);
    expect(neox[Slot.TpF] as number).toBeCloseTo((base[Slot.TpF] as number) / 2, 12);
    // Per-op recomputation re-runs the forward element-wise kernels and (without sequence parallelism) the forward all-reduces: that slot moves with them.
    expect((neox[Slot.PerOp] as number) - (base[Slot.PerOp] as number)).toBeCloseTo((neox[Slot.EltF] as number) - (base[Slot.EltF] as number) + (neox[Slot.TpF] as number) - (base[Slot.TpF] as number), 12);
    for (let i = 0; i < LAYER_SLOTS; i++) if (i !== Slot.EltF && i !== Slot.EltB && i !== Slot.TpF && i !== Slot.PerOp) expect(neox[i], `slot ${i}`).toBe(base[i]);
    // On the whole run: slower than the fused layer at tp 1 (Pythia-160M), and refused where it cannot apply.
    const run = runs.find((r) => r.id === "pythia-160m")!;
    const l = layouts.find((x) => x.run_id === "pythia-160m")!;
    const pins = layoutPins(l);
    expect(pins.layerKernels).toBe("gpt-neox-v1");
    const input = {id: run.id, model: modelSpecFromRecord(models.find((m) => m.training_run_id === run.id)!), gpu: a100, accelerators: 32, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: precisionOf(run)};
    expect(predictRunGpuHours({...input, layout: pins}).mfu).toBeLessThan(predictRunGpuHours({...input, layout: {...pins, layerKernels: undefined}}).mfu);
    expect(() => predictRunGpuHours({...input, layout: {...pins, attentionKernel: undefined, flashAttention: false}})).toThrow(/FlashAttention/);
    expect(() => predictRunGpuHours({...input, stack: "pytorch", layout: {...pins, dpOverlap: undefined}})).toThrow(/layer kernels/);
  });

  it("never makes a layer faster with the extra element-wise traffic, nor slower with one forward all-reduce instead of two (fast-check over widths, heads, tp and micro-batch)", () => {
    const a100 = gpus.find((g) => g.id === "a100-sxm4-40gb")!;
    const base = modelSpecFromRecord(models.find((m) => m.training_run_id === "pythia-160m")!);
    fc.assert(fc.property(fc.integer({min: 1, max: 4}), fc.constantFrom(1, 2, 4, 8), fc.integer({min: 1, max: 16}), fc.integer({min: 1, max: 4}), (headsPerTp, tp, micro, widthMul) => {
      const heads = headsPerTp * tp * 2;
      const model = {...base, heads, kvHeads: heads, dModel: heads * 64 * widthMul, ffnDim: 4 * heads * 64 * widthMul};
      const fused = layerCost(layerInvariants(model, a100, "fp16-master-fp32"), tp, 1, 1, micro, false, true, new Float64Array(LAYER_SLOTS));
      const eltOnly = layerCost(layerInvariants(model, a100, "fp16-master-fp32", {layerElementwiseExtra: GPT_NEOX_V1_LAYER_ELEMENTWISE}), tp, 1, 1, micro, false, true, new Float64Array(LAYER_SLOTS));
      const oneReduce = layerCost(layerInvariants(model, a100, "fp16-master-fp32", {tensorParallelForwardCollectives: 1}), tp, 1, 1, micro, false, true, new Float64Array(LAYER_SLOTS));
      expect(eltOnly[Slot.EltF] as number).toBeGreaterThan(fused[Slot.EltF] as number);
      expect(eltOnly[Slot.EltB] as number).toBeGreaterThan(fused[Slot.EltB] as number);
      expect(eltOnly[Slot.TpF]).toBe(fused[Slot.TpF]);
      expect(oneReduce[Slot.TpF] as number).toBeLessThanOrEqual(fused[Slot.TpF] as number);
      expect(oneReduce[Slot.TpF] === 0).toBe(tp === 1);
      expect(oneReduce[Slot.EltF]).toBe(fused[Slot.EltF]);
    }), {numRuns: 60});
  });

  it("lets the planner choose LLaMA-65B's tensor-parallel degree among tp > 1 only, as the paper says it used model parallelism without its degree (Sec 2.4)", () => {
    const l = layouts.find((x) => x.run_id === "llama-65b")!;
    expect(l.tensor_parallel).toBe(true);
    expect(l.tp).toBeNull();
    const row = table.find((r) => r.id === "llama-65b")!;
    expect(row.layoutSource).toBe("partly published");
    expect(row.layout).toMatch(/^tensor ([2-9]|[1-9]\d+) ×/);
    for (const x of layouts.filter((y) => y.tensor_parallel === true)) expect(x.layout_source, x.run_id).toMatch(/model (and sequence )?parallelism|tensor parallelism/i);
    const run = runs.find((r) => r.id === "llama-65b")!;
    const input = {id: run.id, model: modelSpecFromRecord(models.find((m) => m.training_run_id === run.id)!), gpu: gpus.find((g) => g.id === "a100-sxm4-80gb")!, accelerators: 2048, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: precisionOf(run)};
    expect(() => predictRunGpuHours({...input, layout: {...layoutPins(l), tp: 1}})).toThrow(/tensor parallelism/);
  });

  it("gives the A100 SXM4 40GB the 80GB part's matmul efficiency: the same GA100 chip, clocks and 312 TFLOP/s peak", () => {
    const a40 = gpus.find((g) => g.id === "a100-sxm4-40gb")!;
    const a80 = gpus.find((g) => g.id === "a100-sxm4-80gb")!;
    expect(a40.peakFlopsPerSecond.bf16).toBe(a80.peakFlopsPerSecond.bf16);
    for (const precision of ["bf16-master-fp32", "fp16-master-fp32"] as const) expect(mamfEfficiency(a40, precision)).toBe(mamfEfficiency(a80, precision));
    expect(mamfEfficiency(a40, "bf16-master-fp32")).toBeCloseTo(271.2 / 312, 12);
  });

  it("makes each pod the scale-up domain: cross-pod groups use the data-center network figure", () => {
    const v4 = gpus.find((g) => g.id === "tpu-v4")!;
    expect(v4.gpusPerNode).toBe(4096);
    expect(podShapedAccelerator(v4, 6144, 2).gpusPerNode).toBe(3072);
    expect(podShapedAccelerator(v4, 6144, undefined)).toBe(v4);
    expect(() => podShapedAccelerator(v4, 6144, 5)).toThrow(RangeError);
    // Two pods' data-parallel partners (one chip each side) meet over the DCN: 1.65 GB/s per chip (PaLM Sec 4).
    const palmShape = podShapedAccelerator(v4, 6144, 2);
    expect(groupBusBytesPerSecond(palmShape, 2, 3072)).toBeCloseTo(1.65e9 * NCCL_BUS_EFFICIENCY, -6);
    // PaLM's 512-way data parallelism (stride 12): 256 members per pod share the DCN, so ICI still binds.
    expect(groupBusBytesPerSecond(palmShape, 512, 12)).toBeCloseTo((v4.scaleUpBytesPerSecond! / 2) * NCCL_BUS_EFFICIENCY, -6);
  });

  it("divides the ramped hours by the goodput factor, and a ramp of smaller batches never makes the run faster", () => {
    const l = layouts.find((x) => x.run_id === "llama-3-1-405b")!;
    const model = models.find((m) => m.training_run_id === "llama-3-1-405b")!;
    const input = {id: "llama-3-1-405b", model: {params: model.params_billions * 1e9, layers: model.layers, dModel: model.d_model, heads: model.heads, kvHeads: model.kv_heads, ffnDim: model.ffn_dim, ffnKind: model.ffn_kind, vocab: model.vocab, seqLen: model.seq_len}, gpu: gpus.find((g) => g.id === "h100-sxm5-80gb")!, accelerators: 16384, tokens: 15.6e12, globalBatchTokens: l.global_batch_tokens, precision: "bf16-master-fp32" as const, layout: layoutPins(l)};
    const p = predictRunGpuHours(input);
    expect(p.rampFactor).toBe(1);
    expect(p.gpuHours).toBeCloseTo(p.steadyGpuHours / p.effectiveTrainingTime, 6);
    // The ramp's cost comes from the step model: fewer sequences per step cannot raise the MFU.
    const palm = table.find((r) => r.id === "palm-540b")!;
    expect(palm.rampFactor!).toBeGreaterThan(0.9);
    for (const r of predicted) expect(r.rampFactor!, r.id).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("predicts at least 6 runs and says, for every other run, what is missing", () => {
    expect(predicted.length).toBeGreaterThanOrEqual(6);
    for (const r of table.filter((x) => x.ratio === null)) expect(r.missing, r.id).toMatch(/\w/);
    for (const r of predicted) {
      expect(r.predictedMfu!, r.id).toBeGreaterThan(0);
      expect(r.predictedMfu!, r.id).toBeLessThan(1);
      expect(r.ratio!, r.id).toBeCloseTo(reportedGpuHours(runs.find((x) => x.id === r.id)!)! / r.predictedGpuHours!, 9);
    }
  });

  it("states a reason for every run it misses by more than 28% (|ln ratio| > 0.25), and only for runs it predicts", () => {
    for (const r of predicted) if (Math.abs(Math.log(r.ratio!)) > RUN_MISS_THRESHOLD) expect(r.knownMiss, r.id).toMatch(/\w/);
    for (const id of Object.keys(RUN_KNOWN_MISSES)) expect(predicted.map((r) => r.id), id).toContain(id);
  });

  it("computes the empirical band from these residuals", () => {
    const band = trackRecordBand(table)!;
    expect(band.runs).toBe(predicted.length);
    expect(band.p10).toBeLessThanOrEqual(band.median);
    expect(band.p90).toBeGreaterThanOrEqual(band.median);
    expect(trackRecordBand(table.slice(0, 0))).toBeNull();
  });
});

describe("the software stack each run is timed with (data/run_layouts.csv stack, one rule from the framework)", () => {
  const predictedIds = predicted.map((r) => r.id);
  it("names the framework and the stack, with its reason, for every predicted run", () => {
    for (const id of predictedIds) {
      const l = layouts.find((x) => x.run_id === id);
      expect(l, id).toBeDefined();
      expect(l!.framework ?? "", id).toMatch(/\w{3}/);
      expect(["megatron", "pytorch"], id).toContain(l!.stack);
      expect(l!.stack_source ?? "", id).toMatch(/^Rule/);
    }
  });
  it("keeps the fused-stack model wherever the layout has tensor, pipeline or expert parallelism or the accelerator is a TPU (the plain-PyTorch model describes neither), and gives 'pytorch' only to eager-PyTorch data-parallel frameworks", () => {
    for (const l of layouts.filter((x) => x.stack === "pytorch")) {
      expect(l.tp ?? 1, l.run_id).toBe(1);
      expect(l.pp ?? 1, l.run_id).toBe(1);
      expect(l.ep ?? 1, l.run_id).toBe(1);
      expect(l.pods, l.run_id).toBeNull();
      expect(l.framework ?? "", l.run_id).toMatch(/PyTorch/);
      expect(l.dp_overlap ?? true, l.run_id).toBe(true);
    }
    for (const id of ["gopher-280b", "palm-540b", "opt-175b", "llama-3-1-405b", "deepseek-v3", "smollm3-3b", "bloom-176b"]) expect(layouts.find((x) => x.run_id === id)!.stack, id).toBe("megatron");
    expect(layouts.find((x) => x.run_id === "bloomberggpt-50b")!.stack).toBe("pytorch");
  });
  it("times a 'pytorch' run by the plain-PyTorch model (eagerStep.ts), slower than the fused-stack model on the same layout, and refuses it without its degrees", () => {
    const l = layouts.find((x) => x.run_id === "bloomberggpt-50b")!;
    const record = models.find((m) => m.training_run_id === "bloomberggpt-50b")!;
    const run = runs.find((r) => r.id === "bloomberggpt-50b")!;
    const gpu = gpus.find((g) => g.id === run.gpu_id)!;
    const input = {id: run.id, model: modelSpecFromRecord(record), gpu, accelerators: 512, tokens: run.tokens!, globalBatchTokens: l.global_batch_tokens, precision: precisionOf(run), layout: layoutPins(l)};
    const eager = predictRunGpuHours({...input, stack: "pytorch"});
    const fused = predictRunGpuHours(input);
    expect(eager.mfu).toBeLessThan(fused.mfu);
    expect(eager.layout).toMatchObject({tp: 1, pp: 1, dp: 512, zeroStage: 3, recompute: "full", flashAttention: false});
    expect(eager.layoutSource).toBe("partly published");
    const row = table.find((r) => r.id === "bloomberggpt-50b")!;
    expect(row.predictedMfu).toBeCloseTo(eager.mfu, 12);
    const {dp: _dp, ...withoutDp} = layoutPins(l);
    expect(() => predictRunGpuHours({...input, stack: "pytorch", layout: withoutDp})).toThrow(/plain-PyTorch model times a run on its published layout only, and dp is not published/);
    expect(() => predictRunGpuHours({...input, stack: "pytorch", layout: {...layoutPins(l), dpOverlap: false}})).toThrow(/Megatron-stack model/);
  });
});
