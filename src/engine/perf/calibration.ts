// Efficiency constants of the step-time model, each with where it comes from.
//
// Nothing here is tuned to make a validation row come out right: every constant is either a
// published measurement (cited) or fitted to named published rows (stated, with the rows held
// out for validation listed in validation.ts). When the project's own H100 measurements land
// (bench/gpu/calibrate.py → data/gpu_gemm.csv, data/gpu_hbm.csv), the H100 matmul and HBM
// efficiencies should be fitted from them with fitMatmulRoofline (gemm.ts) on training-sized
// shapes, replacing MAMF × TRAINING_MATMUL_FRACTION for that GPU. They landed on 2026-11-23: the
// fp32 fit below replaced the A100-derived figure; for bf16 the measured steps test the
// published-derived constants instead of replacing them (tests/engine/perf/measured.test.ts).
import type {GpuSpec, Precision} from "../types.js";
import {peakTrainingFlopsPerSecond} from "../gpu.js";

/**
 * The compiled-stack (JAX/XLA) matmul rule, set from published figures before the TPU check set
 * data/check_tpu_recipes_v6e.csv was first predicted under it (its figure under the previous rule
 * is in its commit and in checkSets.ts), and after the two MaxText sets had been seen.
 *
 * A TPU runs only XLA-compiled programs, and its best-shape matmul rate (its "MAMF", the first
 * factor of matmulEfficiency) is the one MATMUL_EFFICIENCY below gives per chip. None is in Bekman's table;
 * until now every TPU took the H100's 0.803 (DEFAULT_MATMUL_EFFICIENCY), a GPU figure: an H100
 * cannot hold its boost clock under dense tensor-core load. The one published measurement of a
 * TPU matmul at a training shape inside an XLA-compiled transformer: Austin et al., "How to Scale
 * Your Model" (jax-ml/scaling-book, profiling.md at 0819a7d, February 2025), the FFW
 * up-projection bf16[32, 1024, 8192] × bf16[8192, 32768] on 8 TPU v2 cores (4-way data, 2-way
 * model parallel): the book expects 2 · 32 · 1024 · 8192 · 32768 / (23e12 · 8) = 95.6 ms at peak and
 * the profile shows 96 ms, 95.6 / 96 = 0.996 of the peak the book uses (23
 * TFLOP/s a core; the v2's 45 TFLOP/s a chip of two cores would put it at peak). A systolic MXU fed
 * from VMEM by a compiler-scheduled pipeline has no clock or tile-scheduling loss of this kind, so
 * the figure is carried to every TPU generation (an assumption: the v6e's MXU is 256 × 256, not
 * 128 × 128, and no v3–v6e figure is published).
 *
 * The second factor, TRAINING_MATMUL_FRACTION (0.688, what an A100 Megatron layer's matmuls lost
 * against the best shape: tensor-parallel shapes, gaps between unfused kernels, the 2022 stack), is
 * kept for TPUs: no published figure isolates a TPU's matmul rate inside a training step. XLA
 * removes the launch gaps (one compiled program) but keeps shape padding and collectives sharing
 * HBM with the matmuls; whether it loses less is not known, so the fitted fraction stands. The
 * product, 0.685 of peak, is checked against the only in-step TPU figure, a whole-step bound:
 * PaLM 540B ran at 57.8% hardware FLOPs utilisation on 6,144 TPU v4 (Chowdhery et al. 2022, Table
 * 3), "an average of ~60% of peak FLOPS/second" (Jouppi et al., ISCA 2023, abstract); the matmuls
 * of a step whose every FLOP is counted ran at least that fast, and 0.685 is above it
 * (calibration.test.ts). Not fitted to any row.
 *
 * On GPUs a compiled stack keeps the production rate: XLA's GPU backend runs its GEMMs through
 * cuBLAS / cuBLASLt, the library whose best-shape rate the H100 row below measures, and NVIDIA's
 * fused and overlapped NeMo recipes ran at the production rate too (tunedStackMatmulEfficiency).
 * No published figure says XLA's GPU GEMMs run faster inside a step, so check_dgxc_maxtext_h100
 * stays a known miss rather than setting a GPU rate from its four rows.
 */
export const XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY = 95.6 / 96;

/**
 * Maximum achievable matmul throughput as a fraction of the dense datasheet peak ("MAMF"),
 * measured by brute-force search over GEMM shapes with torch.matmul, mean of 100 iterations.
 * S. Bekman, "Machine Learning Engineering", compute/accelerator/README.md, "Maximum Achievable
 * Matmul FLOPS comparison table" (github.com/stas00/ml-engineering, read 2026-11-23):
 *   BF16: A100 SXM 271.2 / 312 TFLOP/s (86.9%), A100 PCIe 252.9 / 312 (81.1%, torch 2.5.1+cu124),
 *         H100 SXM 794.5 / 989 (80.3%, torch 2.7.0+cu126);
 *   FP8:  H100 SXM 1402.6 / 1979 (70.9%).
 * A100 SXM4 40GB: not in the table, but the same GA100 chip as the 80GB part at the same boost
 * clock (1,410 MHz) and the same dense peak (312 TFLOP/s BF16/FP16; NVIDIA A100 Tensor Core GPU
 * datasheet, nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf, "A100 40GB SXM" and "A100 80GB
 * SXM" columns; data/gpus.csv), so its matmuls reach the same fraction of that peak: the 80GB
 * figure is carried over (only the HBM bandwidth differs, 1,555 vs 2,039 GB/s, which data/gpus.csv
 * carries separately).
 * V100 is not in the table: it falls back to DEFAULT_MATMUL_EFFICIENCY (stated, not measured).
 * TPUs: XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY above (every TPU of data/gpus.csv).
 * H200 FP8: the project's own measurement, the best of 43 shapes in data/gpu_gemm.csv
 * (bench/gpu/calibrate.py --gemm-dtypes fp8, torch._scaled_mm E4M3 → bf16, lent H200, 2026-12-01):
 * 1423.79 / 1978.9 TFLOP/s (71.9%), one point from Bekman's H100 figure on the same GH100 compute.
 * Its bf16 products match the H100's within 1% (same file), so bf16 keeps the default below.
 */
export const MATMUL_EFFICIENCY: Readonly<Record<string, {bf16?: number; fp16?: number; fp8?: number}>> = {
  "a100-sxm4-80gb": {bf16: 271.2 / 312, fp16: 271.2 / 312},
  "a100-sxm4-40gb": {bf16: 271.2 / 312, fp16: 271.2 / 312},
  "a100-pcie-80gb": {bf16: 252.9 / 312, fp16: 252.9 / 312},
  "h100-sxm5-80gb": {bf16: 794.5 / 989, fp16: 794.5 / 989, fp8: 1402.6 / 1979},
  "h200-sxm-141gb": {fp8: 1423.79 / 1978.9},
  // Every TPU of data/gpus.csv: the XLA-compiled best-shape rate below, not the H100's default.
  "tpu-v3": {bf16: XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY},
  "tpu-v4": {bf16: XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY},
  "tpu-v5e": {bf16: XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY},
  "tpu-v5p": {bf16: XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY},
  "tpu-v6e": {bf16: XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY}
};

/**
 * SMs of the chips whose weight GEMMs the step model runs through the tile- and
 * wave-quantization model (gemm.ts waveEfficiency). The A100 has 108 SMs (NVIDIA A100 Tensor Core
 * GPU Architecture whitepaper, 2020, "108 SMs"; the 432 tensor cores of data/gpus.csv are 4 per
 * SM), the chip the NVIDIA guide's wave-quantization example is worked on. Not applied to Hopper:
 * the project's H200 tensor-parallel layer matmuls (data/gpu_layer_gemm.csv) run at 0.64–0.71 of
 * peak at every width and tp 1–8, where this model would spread them by more
 * (tests/engine/perf/waveQuantization.test.ts).
 */
export const GEMM_WAVE_SMS: Readonly<Record<string, number>> = {
  "a100-sxm4-80gb": 108,
  "a100-sxm4-40gb": 108,
  // The PCIe card is the same GA100 with the same 108 SMs (data/gpus.csv: 432 tensor cores).
  "a100-pcie-80gb": 108
};

/** For accelerators without a MAMF measurement or a chip-identical one (V100): the H100 BF16 figure, the lower of the two above. */
export const DEFAULT_MATMUL_EFFICIENCY = 794.5 / 989;

/**
 * FlashAttention-2 forward reaches "50-73% of the theoretical maximum FLOPs/s on A100"
 * (Dao 2023, arXiv 2307.08691, abstract); causal masking and the backward pass sit at the low end
 * of that range, so the model uses the low end, 50%, on every accelerator.
 */
export const FLASH_ATTENTION_EFFICIENCY = 0.5;

/**
 * The first FlashAttention's rate as a share of the second's: "FlashAttention ... reaching only
 * 25-40% of the theoretical maximum FLOPs/s", FlashAttention-2 "around 2x" faster at 50-73% (Dao
 * 2023, arXiv 2307.08691, abstract): the low ends, 0.25 / 0.5, as FLASH_ATTENTION_EFFICIENCY takes
 * the low end. runPrediction.ts FLASH_ATTENTION_V1_EFFICIENCY is the same 25% (a test holds them
 * together). The Triton port MosaicML's MPT code ran (attn_impl "triton") is of this class: "Overall
 * Triton forward + backward is slightly slower than CUDA forward + backward" (the port's own header,
 * HazyResearch/flash-attention flash_attn/flash_attn_triton.py at eff9fe6b, copied into
 * mosaicml/llm-foundry llmfoundry/models/layers/flash_attn_triton.py at v0.3.0).
 */
export const FLASH_ATTENTION_V1_SHARE_OF_V2 = 0.25 / 0.5;

/**
 * FITTED, the model's two free constants, on one published measurement: Korthikanti et al. 2022
 * (arXiv 2205.05198) Table 4, row "Baseline no recompute": one 22B GPT layer (h 6144, 64 heads,
 * s 2048, micro-batch 4, tp 8, no sequence parallelism, no flash attention) on A100 takes 7.7 ms
 * forward and 11.9 ms backward. Two equations, two unknowns (fit.ts, fitLayerEfficiencies):
 *   - this layer's matmuls reach 0.598 of peak on A100 on average, i.e. TRAINING_MATMUL_FRACTION
 *     = 0.598 / 0.869 = 0.688 of the best-shape MAMF (Megatron's tensor-parallel shapes, kernel
 *     launch gaps and the 2022 software stack all land in this factor). The A100 itself now runs
 *     each GEMM at its own tile and wave quantization from the full-wave rate this row gives
 *     (TRAINING_MATMUL_FRACTION_FULL_WAVES below); every other chip keeps this average;
 *   - memory-bound kernels reach HBM_EFFICIENCY = 0.84 of datasheet HBM bandwidth.
 * Held out, and reproduced within 10% (tests/engine/perf/fit.test.ts; the worst is the selective +
 * sequence-parallel backward, 12.0 vs 13.1 ms): the other four rows of Table 4. Held out entirely: every row
 * of data/system_mfu.csv (validation.ts). Other accelerators get their own MAMF × the same
 * fraction — an assumption, tested against the MosaicML H100 rows (validation.ts, KNOWN_MISSES).
 * Re-fit from the project's own H100 measurements once data/gpu_gemm.csv exists.
 */
export const TRAINING_MATMUL_FRACTION = 0.688;
export const HBM_EFFICIENCY = 0.84;

/**
 * FITTED, on the same row, for the chips with a wave model (GEMM_WAVE_SMS): the matmul rate, as a
 * fraction of MAMF, of a weight GEMM whose tiles fill their last wave. The Table 4 layer's GEMMs
 * (tp 8, 8,192 tokens: outputs 8192 × 2304, 8192 × 768, 8192 × 3072, …) lose 9% of the A100 to
 * tile and wave quantization (FLOP-weighted, fit.ts fitLayerWaveEfficiency: 0.908), so the same
 * 7.7 / 11.9 ms give 0.6585 of peak at full waves (fit.ts fitFullWaveMatmulEfficiency: the matmul
 * rate alone, least squares over forward and backward, HBM_EFFICIENCY held; both within 0.3%)
 * = 0.758 of the A100's MAMF. Wider GEMMs (530B and 1T layers at tp 8, MosaicML's unsplit FSDP
 * GEMMs) fill their waves better and run faster than the 22B layer did; narrow ones slower.
 */
export const TRAINING_MATMUL_FRACTION_FULL_WAVES = 0.758;

/** Fraction of peak a matmul in `precision` can reach on `gpu` at its best shape (MAMF). */
export function mamfEfficiency(gpu: GpuSpec, precision: Precision): number {
  const known = MATMUL_EFFICIENCY[gpu.id];
  if (precision === "fp8") return known?.fp8 ?? known?.bf16 ?? DEFAULT_MATMUL_EFFICIENCY;
  if (precision === "fp16-master-fp32") return known?.fp16 ?? known?.bf16 ?? DEFAULT_MATMUL_EFFICIENCY;
  return known?.bf16 ?? known?.fp16 ?? DEFAULT_MATMUL_EFFICIENCY;
}

/**
 * FITTED on the project's own measurements, where no published figure exists: the fraction of
 * peak the matmuls of a training step reach, by accelerator and precision, overriding
 * MAMF × TRAINING_MATMUL_FRACTION. Source: data/gpu_training_steps.csv (bench/gpu/calibrate.py on
 * the lent NVIDIA H100 80GB HBM3, PyTorch 2.11.0+cu130, 2026-11-23).
 *
 * H100 fp32 (TF32 off): 0.645 of the 66.9 TFLOP/s fp32 peak, the least-squares fit of the
 * modelled step time to the measured GPU kernel time of the 23 GPT-2 fp32 rows without
 * recomputation whose GPU was busy ≥ 95% of the step (measured.ts FIT_ROWS; the fit is re-run in
 * tests/engine/perf/measured.test.ts). Held out: the full-recompute and TinyLlama fp32 rows. The
 * A100-fitted TRAINING_MATMUL_FRACTION does not carry over to fp32: its SIMT matmuls reach 77% of
 * peak at every transformer shape measured (data/gpu_gemm.csv), where bf16 tensor-core matmuls
 * lose more to shape, launch gaps and tensor-parallel splits.
 */
export const MEASURED_TRAINING_MATMUL_EFFICIENCY: Readonly<Record<string, Partial<Record<Precision, number>>>> = {
  "h100-sxm5-80gb": {fp32: 0.645}
};

/**
 * MEASURED, for a tuned stack: the bf16 matmul rate the project measured on the lent H100 at
 * transformer training shapes, with nothing else running (data/gpu_gemm.csv, bench/gpu/calibrate.py,
 * PyTorch 2.11.0+cu130, 2026-11-23): the median over the 34 non-square bf16 shapes whose m, n and
 * k are all ≥ 2048 is 699.66 TFLOP/s, 0.707 of the 989.4 TFLOP/s peak (the square sweep reaches
 * 784 at its best, MAMF 794.5 in Bekman's table). MAMF × TRAINING_MATMUL_FRACTION (0.552 on H100)
 * carries over what a 2022 Megatron layer lost between and around its matmuls (Korthikanti et al.
 * 2022 Table 4); a stack whose kernels are fused and whose collectives run inside the GEMMs
 * (NeMo's performance recipes: Transformer Engine, tensor-parallel overlap) was taken to lose little of
 * that — NVIDIA's published tuned benchmarks say otherwise (tunedStackMatmulEfficiency below); the
 * isolated rate now serves the eager PyTorch model (eagerStep.ts) and the fit check. Not fitted to any row of
 * data/system_mfu.csv; tests/engine/perf/scaleModel.test.ts recomputes it from the CSV. The H200's
 * whole-layer tensor-parallel matmuls (data/gpu_layer_gemm.csv, tp 1–8, median 0.69 of peak)
 * agree within 5% (tests/engine/perf/layerGemm.test.ts).
 */
export const TUNED_STACK_MATMUL_EFFICIENCY: Readonly<Record<string, number>> = {
  "h100-sxm5-80gb": 699.66 / 989.4
};

/**
 * MEASURED, the same statistic for the other chip and number formats the project measured
 * (data/gpu_gemm.csv, the lent H200, PyTorch 2.11, 2026-12-01; scaleModel.test.ts recomputes
 * them): the median over the 34 non-square shapes with m, n and k ≥ 2048 is 688.6 TFLOP/s bf16
 * (of 989.4) and 1212.19 TFLOP/s fp8 (of 1978.9, torch._scaled_mm).
 */
export const TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION: Readonly<Record<string, {bf16?: number; fp8?: number}>> = {
  "h100-sxm5-80gb": {bf16: TUNED_STACK_MATMUL_EFFICIENCY["h100-sxm5-80gb"]},
  "h200-sxm-141gb": {bf16: 688.6 / 989.4, fp8: 1212.19 / 1978.9}
};

/**
 * For a chip or format not measured: its best-shape rate (MAMF, mamfEfficiency) times what the
 * H100's training shapes reach of its own MAMF, 0.707 / 0.803 = 0.88 (an assumption: that shape
 * losses carry over between chips; the H200's bf16 shapes give 0.87 of the same MAMF).
 */
export const TUNED_SHAPE_FRACTION_OF_MAMF = 699.66 / 989.4 / (794.5 / 989);

/**
 * Fraction of peak the matmuls of the "megatron-tuned" stack (stack.ts) reach: measured where the
 * project measured the chip and format (TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION), else
 * MAMF × TUNED_SHAPE_FRACTION_OF_MAMF. fp32 keeps the production figure (matmulEfficiency): a
 * tuned stack does not run in fp32.
 */
export function tunedMatmulEfficiency(gpu: GpuSpec, precision: Precision): number {
  if (precision === "fp32") return matmulEfficiency(gpu, precision);
  const measured = TUNED_STACK_MATMUL_EFFICIENCY_BY_PRECISION[gpu.id]?.[precision === "fp8" ? "fp8" : "bf16"];
  return measured ?? mamfEfficiency(gpu, precision) * TUNED_SHAPE_FRACTION_OF_MAMF;
}

/**
 * The "megatron-tuned" stack's matmuls run at the production Megatron rate (matmulEfficiency), not
 * at the isolated rate above. NVIDIA's own H100 benchmarks of its performance recipes
 * (data/system_mfu.csv rows of stack megatron-tuned: NeMo 24.07's FP8 table, Megatron-Bridge's FP8
 * rows, the DGX Cloud Llama 3.1 BF16 and FP8 tables, the DGX Cloud Nemotron-4 340B row) were
 * over-predicted by +5 to +16 MFU points at the isolated rate, in BF16 and FP8 alike. The share of
 * the isolated rate that best fits the 26 rows on the fit side of heldOut.ts is 0.7685 (least
 * squares; perf/tunedFit.ts, re-run by tests/engine/perf/tunedFit.test.ts); the production rate is
 * 0.781 of the isolated one on H100 (0.803 × 0.688 = 0.552 of peak against 0.707): the same within
 * 2%, so no constant is fitted and the production rate is used. What the recipes gain over the
 * production stack comes from their overlaps (stepTime.ts stackPerfOptions).
 */
export function tunedStackMatmulEfficiency(gpu: GpuSpec, precision: Precision, shareOfIsolated?: number): number {
  if (shareOfIsolated === undefined || precision === "fp32") return matmulEfficiency(gpu, precision);
  return tunedMatmulEfficiency(gpu, precision) * shareOfIsolated;
}

/**
 * Fraction of peak the matmuls of a training step reach: a measured fit where the project has one
 * (MEASURED_TRAINING_MATMUL_EFFICIENCY), else MAMF × TRAINING_MATMUL_FRACTION, or, on a chip with
 * a wave model (GEMM_WAVE_SMS), MAMF × TRAINING_MATMUL_FRACTION_FULL_WAVES before each GEMM's
 * quantization.
 */
export function matmulEfficiency(gpu: GpuSpec, precision: Precision): number {
  const measured = MEASURED_TRAINING_MATMUL_EFFICIENCY[gpu.id]?.[precision];
  if (measured !== undefined) return measured;
  // Half-precision tensor-core GEMMs of a chip with a wave model: the full-wave rate; layerCost.ts
  // applies each GEMM's own tile and wave quantization. fp32 (SIMT) matmuls are not modelled so.
  const waves = GEMM_WAVE_SMS[gpu.id] !== undefined && precision !== "fp32";
  return mamfEfficiency(gpu, precision) * (waves ? TRAINING_MATMUL_FRACTION_FULL_WAVES : TRAINING_MATMUL_FRACTION);
}

/**
 * Dense peak FLOP/s the step's matmuls run at, also the denominator of MFU and HFU: the peak of
 * the precision's number format (gpu.ts numberFormatOf). Throws where the chip lacks it.
 */
export const peakFlopsForPrecision = peakTrainingFlopsPerSecond;
