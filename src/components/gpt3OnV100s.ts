// Case study 1 of src/case-studies.md, "288 years with a single V100": GPT-3 175B trained on V100s
// in the layout it was trained in, against the two published years. The page shows it with its
// MFU slider; its first view (scripts/firstViews/pages/case-studies.ts) shows it at the default MFU,
// so the case is on screen before the page's modules run.
import {estimate} from "../engine/estimate.js";
import type {Estimate} from "../engine/estimate.js";
import {peakTrainingFlopsPerSecond} from "../engine/gpu.js";
import {memoryPerGpu} from "../engine/memory.js";
import type {GpuSpec, ModelSpec, TrainingSpec} from "../engine/types.js";
import {SECONDS_PER_DAY, SECONDS_PER_HOUR} from "../engine/units.js";
import {impliedMfu} from "./caseStudy.js";
import type {CaseStudy} from "./caseStudy.js";
import {scientific, sig} from "./format.js";

/** A Julian year in seconds: the claims' "years" of one GPU. */
export const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;
const HOURS_PER_YEAR = SECONDS_PER_YEAR / SECONDS_PER_HOUR;

/**
 * The case's MFU slider, in %: its default is the MFU PaLM's authors computed for GPT-3's own run
 * (Chowdhery et al. 2022, Table 3).
 */
export const GPT3_V100_MFU = {label: "MFU on a V100 (%)", min: 5, max: 80, step: 0.1, default: 21.3} as const;

/**
 * GPT-3's model-parallel layout as Korthikanti et al. 2022 ran it (Table 3: tensor 8 × pipeline 8,
 * selective recomputation), with 16 data-parallel replicas and ZeRO-1: 1,024 GPUs, GPT-3's
 * 1,536 × 2,048-token batch (Brown et al. 2020, Table 2.1).
 */
export const GPT3_LAYOUT = {tp: 8, pp: 8, dp: 16, zeroStage: 1, microBatch: 1, recompute: "selective", globalBatchTokens: 1536 * 2048} as const satisfies TrainingSpec["parallelism"];

/**
 * GPT-3 175B's 300B tokens on 1,024 V100s in FP16 mixed precision (the V100 has no BF16: GPT-3-era
 * runs used loss scaling, Micikevicius et al. 2018), at `mfu` (a fraction; else the step-time
 * model's) and `usdPerGpuHour` (else the engine's default).
 */
export function gpt3OnV100s(gpt3: ModelSpec, v100: GpuSpec, mfu?: number, usdPerGpuHour?: number): Estimate {
  return estimate({
    model: gpt3, tokens: 300e9,
    hardware: {gpu: v100.id, count: 1024, ...(usdPerGpuHour === undefined ? {} : {usdPerGpuHour}), ...(mfu === undefined ? {} : {mfu})},
    parallelism: GPT3_LAYOUT, precision: "fp16-master-fp32"
  }, v100);
}

/** Case 1 at `v100MfuPercent`: the claim, the engine's years at that MFU and at its own, and why they differ. */
export function gpt3V100Case(gpt3: ModelSpec, v100: GpuSpec, gpt3Run: {train_flops_reported: number}, v100MfuPercent: number): CaseStudy {
  const v100Peak = peakTrainingFlopsPerSecond(v100, "fp16-master-fp32");
  const v100Run = gpt3OnV100s(gpt3, v100, v100MfuPercent / 100);
  const predictedV100Run = gpt3OnV100s(gpt3, v100);
  // What one V100 would have to hold: every parameter, gradient and optimizer state, and a micro-batch's activations.
  const oneV100Bytes = memoryPerGpu({model: gpt3, parallelism: {tp: 1, pp: 1, dp: 1, zeroStage: 0, microBatch: 1, recompute: "none"}, precision: "fp16-master-fp32"}).total;
  // An infeasible run has no hours or MFU; the page's untyped arithmetic counted them as 0, and still does.
  const hours = v100Run.gpuHours ?? 0;
  const predictedHours = predictedV100Run.gpuHours ?? 0;
  const predictedMfu = predictedV100Run.mfu ?? 0;
  const implied288 = impliedMfu(gpt3Run.train_flops_reported, 288 * SECONDS_PER_YEAR, v100Peak);
  const implied355 = impliedMfu(gpt3Run.train_flops_reported, 355 * SECONDS_PER_YEAR, v100Peak);
  return {
    id: "gpt3-v100",
    claim: "Training GPT-3 with 175 billion parameters would require approximately 288 years with a single V100 NVIDIA GPU.",
    source: "Narayanan et al. 2021, “Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM”, Sec 1 (arXiv 2104.04473). Lambda’s 2020 estimate, “355 years”, is in Chuan Li, “OpenAI’s GPT-3 Language Model: A Technical Overview”, lambdalabs.com/blog/demystifying-gpt-3 (2020-06-03).",
    reported: [
      {label: "Narayanan et al.", value: "288 years", note: `implies ${sig(implied288 * 100, 3)}% of the V100’s ${sig(v100Peak / 1e12)} TFLOP/s FP16 peak for GPT-3’s ${scientific(gpt3Run.train_flops_reported)} FLOP`},
      {label: "Lambda", value: "355 years", note: `implies ${sig(implied355 * 100, 3)}% of peak`}
    ],
    feasible: v100Run.feasible && predictedV100Run.feasible,
    engine: [
      {label: `At ${sig(v100MfuPercent, 3)}% MFU`, value: `${sig(hours / HOURS_PER_YEAR, 3)} years`, note: `V100-years: ${scientific(v100Run.trainingFlops, "FLOP")} counted from the architecture, run on 1,024 V100s in FP16 mixed precision`},
      {label: "At the predicted MFU", value: `${sig(predictedHours / HOURS_PER_YEAR, 3)} years`, note: `the step-time model predicts ${sig(predictedMfu * 100, 2)}% for that layout`}
    ],
    ratio: hours / (288 * HOURS_PER_YEAR),
    inputs: [
      `GPT-3 175B: 96 layers, d_model 12,288, 96 heads, 2,048-token context, 300B tokens (Brown et al. 2020, Table 2.1 and Table D.1).`,
      `V100: ${sig(v100Peak / 1e12)} TFLOP/s dense FP16 tensor peak (NVIDIA V100 datasheet, data/gpus.csv); no BF16, so the run trains in FP16 mixed precision with loss scaling, which holds the same 16 bytes per parameter as BF16 mixed precision (Rajbhandari et al. 2020, ZeRO, Sec 3.1).`,
      `Layout: tensor 8 × pipeline 8 (GPT-3 175B as Korthikanti et al. 2022 ran it, Table 3) × data 16, ZeRO-1, selective recomputation, GPT-3’s 3.2M-token batch: 1,024 V100s, ${sig(v100Run.memoryPerGpuBytes.total / 1e9, 3)} GB per GPU of the 32 GB. A V100-year here is the run’s GPU-hours ÷ 8,766; how the work is split does not change it at a given MFU.`,
      `Default MFU 21.3%: the MFU PaLM’s authors computed for GPT-3’s own training run (Chowdhery et al. 2022, Table 3).`
    ],
    explanation: [
      `Both claims are one division: FLOPs ÷ sustained throughput. They differ only in the throughput assumed — ${sig(implied288 * 100, 2)}% of peak for 288 years, ${sig(implied355 * 100, 2)}% (Lambda assumed 28 TFLOP/s) for 355 — and in the FLOP count (the engine also counts attention, ${sig((v100Run.trainingFlops / gpt3Run.train_flops_reported - 1) * 100, 2)}% more than the paper’s 3.14 × 10²³).`,
      `At the 21.3% MFU GPT-3 actually achieved on its V100 cluster, the run takes ${sig(hours / HOURS_PER_YEAR, 3)} V100-years. The step-time model predicts ${sig(predictedMfu * 100, 2)}% for the 1,024-V100 layout because it has no V100 matmul measurement and uses the H100’s efficiency: treat that row as optimistic. Neither figure can happen on one V100: the model needs ${sig(oneV100Bytes / 1e12, 2)} TB of memory against the V100’s 32 GB — the point of the sentence was that parallelism is not optional.`
    ]
  };
}
