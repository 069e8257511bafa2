// Bytes per parameter and per activation value in each precision regime, with AdamW
// (two moments per parameter; Loshchilov & Hutter 2019).
import type {Precision} from "./types.js";

export interface PrecisionBytes {
  /** Bytes per parameter of the weights the forward pass reads (plus any persistent low-precision copy). */
  weightBytesPerParam: number;
  /** Bytes per parameter of the gradients. */
  gradientBytesPerParam: number;
  /** Bytes per parameter of optimizer state: AdamW m and v, plus fp32 master weights where the weights are 16-bit. */
  optimizerBytesPerParam: number;
  /**
   * Activation bytes relative to the 16-bit accounting of Korthikanti et al. 2022 Table 2
   * (which assumes 2-byte activations and 1-byte dropout masks).
   */
  activationScale: number;
}

/**
 * - fp32: 4 B weights, 4 B grads, 8 B Adam moments = 16 B/param; activations 4 B (scale 2; the
 *   1-byte masks are overcounted, a < 6% overestimate of the Table 2 total).
 * - amp-bf16 (PyTorch automatic mixed precision, torch.autocast): parameters, gradients and Adam
 *   state stay fp32 (16 B/param); matmul inputs and saved activations are bf16 (scale 1).
 *   PyTorch AMP docs, "Automatic Mixed Precision package – torch.amp".
 * - bf16-master-fp32 (Megatron-LM / DeepSpeed mixed precision): 2 B weights, 2 B grads, and
 *   K = 12 B of optimizer state (fp32 master weights, momentum, variance) = 16 B/param —
 *   Rajbhandari et al. 2020, ZeRO, Sec 3.1 ("2Ψ + 2Ψ + KΨ", K = 12).
 * - fp16-master-fp32 (FP16 mixed precision with loss scaling, Micikevicius et al. 2018, "Mixed
 *   Precision Training", Sec 3: FP32 master weights, FP16 weights, activations and gradients, the
 *   loss scaled to keep small gradients representable): the very regime ZeRO counts, "mixed-precision
 *   (fp16/32) training" with 2Ψ + 2Ψ + KΨ, K = 12 (Rajbhandari et al. 2020, Sec 3.1) = 16 B/param;
 *   the loss scale is one scalar. What chips without BF16 (V100) train in.
 * - fp8 (NVIDIA Transformer Engine): as bf16-master-fp32, plus a persistent 1-byte FP8 copy of
 *   the weights that the FP8 GEMMs read (Micikevicius et al. 2022, "FP8 Formats for Deep
 *   Learning", Sec 4: master weights stay in higher precision) = 17 B/param; activations are
 *   counted at 16 bits (conservative: only GEMM inputs are saved in FP8).
 */
export const PRECISION_BYTES: Readonly<Record<Precision, PrecisionBytes>> = {
  fp32: {weightBytesPerParam: 4, gradientBytesPerParam: 4, optimizerBytesPerParam: 8, activationScale: 2},
  "amp-bf16": {weightBytesPerParam: 4, gradientBytesPerParam: 4, optimizerBytesPerParam: 8, activationScale: 1},
  "bf16-master-fp32": {weightBytesPerParam: 2, gradientBytesPerParam: 2, optimizerBytesPerParam: 12, activationScale: 1},
  "fp16-master-fp32": {weightBytesPerParam: 2, gradientBytesPerParam: 2, optimizerBytesPerParam: 12, activationScale: 1},
  fp8: {weightBytesPerParam: 3, gradientBytesPerParam: 2, optimizerBytesPerParam: 12, activationScale: 1}
};

/** Bytes of one weight as the forward pass reads it (for gathered ZeRO-3 layers). */
export function computeWeightBytes(precision: Precision): number {
  return precision === "fp32" ? 4 : precision === "fp8" ? 1 : 2;
}
