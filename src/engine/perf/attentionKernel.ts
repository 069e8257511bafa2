// How fast PyTorch's default attention kernel runs on Hopper, measured: causal bf16
// scaled_dot_product_attention, forward + backward, on the project's lent H200
// (data/gpu_attention.csv, bench/gpu/calibrate.py --parts attention, PyTorch 2.11.0+cu130,
// 2026-12-01). PyTorch's default there is cuDNN's fused attention (the default rows match the
// forced-cudnn rows within a few percent; forced FlashAttention-2 reaches only 0.12–0.33 of peak).
//
// Efficiency = achieved FLOP/s ÷ the dense bf16 peak (989.4 TFLOP/s, gpus.csv), FLOPs counted as
// FlashAttention-2 does (Dao 2023, arXiv 2307.08691, Sec. 4.1): forward 4·b·h·s²·d halved by the
// causal mask, backward 2.5 × forward. Each point is the mean of the file's two head shapes of that
// head size (head 64: GPT-2 XL's 25 heads and TinyLlama's 32 query / 4 key-value heads; head 128:
// Llama 3 8B's 32/8 and 70B's 64/8); tests/engine/perf/attentionKernel.test.ts holds these numbers
// to the file. It rises with sequence length because a longer sequence gives each thread block
// more work per launch and per tile of keys.
import type {GpuSpec} from "../types.js";
import {FLASH_ATTENTION_EFFICIENCY, FLASH_ATTENTION_V1_SHARE_OF_V2} from "./calibration.js";

/** [sequence length, fraction of bf16 peak] for forward + backward, by head size. */
export const HOPPER_SDPA_FWD_BWD_EFFICIENCY: Readonly<Record<number, readonly (readonly [number, number])[]>> = {
  64: [[512, 0.183], [1024, 0.262], [2048, 0.336], [4096, 0.398], [8192, 0.436], [16384, 0.441], [32768, 0.431]],
  128: [[512, 0.235], [1024, 0.349], [2048, 0.453], [4096, 0.498], [8192, 0.539], [16384, 0.549], [32768, 0.561]]
};

/**
 * GPUs the measurement stands for: the H200 it ran on, and the H100 SXM, the same GH100 chip at
 * the same 1,980 MHz boost clock and 989.4 TFLOP/s dense bf16 peak (NVIDIA H100 and H200
 * datasheets, gpus.csv); attention at these shapes is bound by the tensor cores, not by HBM.
 */
export const HOPPER_SDPA_GPU_IDS: readonly string[] = ["h200-sxm-141gb", "h100-sxm5-80gb"];

/**
 * Fraction of the bf16 peak PyTorch's default causal attention reaches, forward + backward, on
 * `gpu` at this head size and sequence length: linear in log₂(sequence length) between the
 * measured points. null where nothing was measured — another GPU, another head size, or a
 * sequence outside 512–32,768 tokens — so the caller keeps its own figure.
 */
export function measuredAttentionEfficiency(gpu: GpuSpec, headDim: number, seqLen: number): number | null {
  if (!HOPPER_SDPA_GPU_IDS.includes(gpu.id)) return null;
  return interpolate(HOPPER_SDPA_FWD_BWD_EFFICIENCY, headDim, seqLen);
}

/**
 * The same measurement for FlashAttention-2 forced (`sdpa_kernel(SDPBackend.FLASH_ATTENTION)`, the
 * file's "flash" rows): a kernel written for Ampere's tensor-core instructions, which Hopper runs
 * without its own (wgmma, TMA). Mean of the two head shapes of each size, as above.
 */
export const HOPPER_FLASH2_FWD_BWD_EFFICIENCY: Readonly<Record<number, readonly (readonly [number, number])[]>> = {
  64: [[512, 0.115], [1024, 0.166], [2048, 0.212], [4096, 0.245], [8192, 0.265], [16384, 0.281], [32768, 0.29]],
  128: [[512, 0.127], [1024, 0.188], [2048, 0.24], [4096, 0.28], [8192, 0.306], [16384, 0.322], [32768, 0.33]]
};

/** Linear in log₂(sequence length) between measured points; null outside them or for an unmeasured head size. */
function interpolate(table: Readonly<Record<number, readonly (readonly [number, number])[]>>, headDim: number, seqLen: number): number | null {
  const points = table[headDim];
  if (points === undefined || !(seqLen >= points[0]![0] && seqLen <= points[points.length - 1]![0])) return null;
  for (let i = 1; i < points.length; i++) {
    const [s1, e1] = points[i]!;
    if (seqLen <= s1) {
      const [s0, e0] = points[i - 1]!;
      const t = Math.log2(seqLen / s0) / Math.log2(s1 / s0);
      return e0 + t * (e1 - e0);
    }
  }
  return points[points.length - 1]![1];
}

/** The FlashAttention kernels written before Hopper: the first (v1, and its Triton port) and the second. */
export type AmpereFlashAttention = "flash-v1" | "flash-v2";

/**
 * Fraction of the bf16 peak a FlashAttention kernel written for Ampere reaches, forward + backward:
 * - on Hopper (HOPPER_SDPA_GPU_IDS), FlashAttention-2 at its measured rate there
 *   (HOPPER_FLASH2_FWD_BWD_EFFICIENCY), and v1 at FLASH_ATTENTION_V1_SHARE_OF_V2 of it (Dao 2023:
 *   v2 is "around 2x" v1; both use the same Ampere instructions, so the ratio is carried over);
 * - elsewhere, FlashAttention-2's published low end (FLASH_ATTENTION_EFFICIENCY) or v1's
 *   (× FLASH_ATTENTION_V1_SHARE_OF_V2: 25%, the low end of v1's published 25-40%).
 * On Hopper a sequence outside the measured 512–32,768 tokens takes the nearest measured length's
 * rate (the curve flattens: 0.322 → 0.33 from 16k to 32k at head 128); a head size not measured
 * takes the published figures, as every other chip does.
 */
export function ampereFlashAttentionEfficiency(gpu: GpuSpec, kernel: AmpereFlashAttention, headDim: number, seqLen: number): number {
  const share = kernel === "flash-v1" ? FLASH_ATTENTION_V1_SHARE_OF_V2 : 1;
  const points = HOPPER_FLASH2_FWD_BWD_EFFICIENCY[headDim];
  const clamped = points ? Math.min(Math.max(seqLen, points[0]![0]), points[points.length - 1]![0]) : seqLen;
  const hopper = HOPPER_SDPA_GPU_IDS.includes(gpu.id) ? interpolate(HOPPER_FLASH2_FWD_BWD_EFFICIENCY, headDim, clamped) : null;
  return (hopper ?? FLASH_ATTENTION_EFFICIENCY) * share;
}
