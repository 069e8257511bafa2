// The measured attention curve in src/engine/perf/attentionKernel.ts against the file it comes
// from (data/gpu_attention.csv, bench/gpu/calibrate.py --parts attention on the lent H200).
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {FLASH_ATTENTION_EFFICIENCY, FLASH_ATTENTION_V1_EFFICIENCY, FLASH_ATTENTION_V1_SHARE_OF_V2, HOPPER_FLASH2_FWD_BWD_EFFICIENCY, HOPPER_SDPA_FWD_BWD_EFFICIENCY, ampereFlashAttentionEfficiency, measuredAttentionEfficiency} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
interface AttentionRow {device: string; shape: string; seq_len: number; head_dim: number; backend: string; pass: string; tflops: number | null; note: string | null}
const rows = loadDataset(datasetByName("gpu_attention"), ROOT) as unknown as AttentionRow[];
const h200 = gpu("h200-sxm-141gb");
const peakTflops = h200.peakFlopsPerSecond.bf16! / 1e12;
const fwdBwd = (backend: string) => rows.filter((r) => r.backend === backend && r.pass === "forward+backward");

describe("data/gpu_attention.csv (H200, causal bf16 SDPA)", () => {
  it("holds four head shapes × seven sequence lengths × four kernels × two passes, measured on the H200", () => {
    expect(rows).toHaveLength(224);
    expect(new Set(rows.map((r) => r.device))).toEqual(new Set(["NVIDIA H200"]));
  });

  it("PyTorch's default kernel there is cuDNN's: within 10% of forced cuDNN at every shape and length, and faster than forced FlashAttention-2", () => {
    for (const d of fwdBwd("default")) {
      const cudnn = fwdBwd("cudnn").find((r) => r.shape === d.shape && r.seq_len === d.seq_len)!;
      const flash = fwdBwd("flash").find((r) => r.shape === d.shape && r.seq_len === d.seq_len)!;
      expect(Math.abs(d.tflops! / cudnn.tflops! - 1), `${d.shape} s=${d.seq_len}`).toBeLessThan(0.1);
      expect(d.tflops!, `${d.shape} s=${d.seq_len}`).toBeGreaterThan(flash.tflops!);
    }
  });

  it("the memory-efficient kernel refuses grouped-query attention (enable_gqa) and says so in note", () => {
    const refused = rows.filter((r) => r.backend === "efficient" && r.tflops === null);
    expect(new Set(refused.map((r) => r.shape))).toEqual(new Set(["tinyllama-1.1b", "llama3-8b", "llama3-70b"]));
    expect(refused.every((r) => (r.note ?? "").length > 0)).toBe(true);
  });
});

/** Each point of `table` is the mean of the file's two head shapes of its size for `backend`, forward + backward, to ±0.005. */
function expectMeanOfHeadShapes(table: Readonly<Record<number, readonly (readonly [number, number])[]>>, backend: Parameters<typeof fwdBwd>[0]): void {
  for (const [headDim, points] of Object.entries(table)) {
    for (const [seqLen, efficiency] of points) {
      const measured = fwdBwd(backend).filter((r) => r.head_dim === Number(headDim) && r.seq_len === seqLen);
      expect(measured, `head ${headDim} s=${seqLen}`).toHaveLength(2);
      const mean = measured.reduce((a, r) => a + r.tflops! / peakTflops, 0) / measured.length;
      expect(Math.abs(efficiency - mean), `head ${headDim} s=${seqLen}`).toBeLessThanOrEqual(0.005);
    }
  }
}

describe("measuredAttentionEfficiency (src/engine/perf/attentionKernel.ts)", () => {
  it("each constant is the mean of the file's two head shapes of that size, default kernel, forward + backward, to ±0.005", () => {
    expectMeanOfHeadShapes(HOPPER_SDPA_FWD_BWD_EFFICIENCY, "default");
  });

  it("returns the measured point at a measured length and interpolates in log length between them", () => {
    expect(measuredAttentionEfficiency(h200, 128, 2048)).toBe(0.453);
    const between = measuredAttentionEfficiency(h200, 128, 2896)!; // ≈ 2048·√2: halfway in log length
    expect(between).toBeCloseTo((0.453 + 0.498) / 2, 2);
    expect(measuredAttentionEfficiency(gpu("h100-sxm5-80gb"), 64, 8192)).toBe(0.436);
  });

  it("says nothing (null) where nothing was measured: another GPU, head size or a length outside 512–32,768", () => {
    expect(measuredAttentionEfficiency(gpu("a100-sxm4-80gb"), 128, 2048)).toBeNull();
    expect(measuredAttentionEfficiency(h200, 96, 2048)).toBeNull();
    expect(measuredAttentionEfficiency(h200, 128, 256)).toBeNull();
    expect(measuredAttentionEfficiency(h200, 128, 65536)).toBeNull();
  });

  it("rises with sequence length up to 8k tokens for both head sizes (longer sequences give each kernel launch more work)", () => {
    for (const hd of [64, 128]) {
      const e = [512, 1024, 2048, 4096, 8192].map((s) => measuredAttentionEfficiency(h200, hd, s)!);
      for (let i = 1; i < e.length; i++) expect(e[i]!).toBeGreaterThan(e[i - 1]!);
    }
  });
});

describe("ampereFlashAttentionEfficiency (src/engine/perf/attentionKernel.ts): FlashAttention kernels written for Ampere", () => {
  it("holds FlashAttention-2's Hopper curve to the file's forced-flash rows: the mean of the two head shapes of each size, forward + backward, to ±0.005", () => {
    expectMeanOfHeadShapes(HOPPER_FLASH2_FWD_BWD_EFFICIENCY, "flash");
  });

  it("gives v1 half of v2 (Dao 2023's low ends, 25% and 50%), the same 25% on the A100 as the whole-run model's FlashAttention v1", () => {
    expect(FLASH_ATTENTION_V1_SHARE_OF_V2).toBe(0.5);
    const a100 = gpu("a100-sxm4-80gb");
    expect(ampereFlashAttentionEfficiency(a100, "flash-v2", 128, 2048)).toBe(FLASH_ATTENTION_EFFICIENCY);
    expect(ampereFlashAttentionEfficiency(a100, "flash-v1", 128, 2048)).toBe(FLASH_ATTENTION_V1_EFFICIENCY);
  });

  it("runs FlashAttention-2 on the H100 at the H200's measured 0.24 of peak at 2,048 tokens and head 128, half the published A100 figure, and v1 at half of that", () => {
    const h100 = gpu("h100-sxm5-80gb");
    expect(ampereFlashAttentionEfficiency(h100, "flash-v2", 128, 2048)).toBe(0.24);
    expect(ampereFlashAttentionEfficiency(h100, "flash-v1", 128, 2048)).toBeCloseTo(0.12, 10);
    // Below PyTorch's default (cuDNN) kernel on the same chip at every measured length.
    for (const [seqLen] of HOPPER_FLASH2_FWD_BWD_EFFICIENCY[128]!) expect(ampereFlashAttentionEfficiency(h100, "flash-v2", 128, seqLen)).toBeLessThan(measuredAttentionEfficiency(h100, 128, seqLen)!);
  });

  it("holds Hopper's nearest measured length beyond 512–32,768 tokens, and falls back to the published figures for an unmeasured head size", () => {
    expect(ampereFlashAttentionEfficiency(h200, "flash-v2", 128, 65536)).toBe(0.33);
    expect(ampereFlashAttentionEfficiency(h200, "flash-v2", 128, 256)).toBe(0.127);
    expect(ampereFlashAttentionEfficiency(h200, "flash-v1", 96, 2048)).toBe(FLASH_ATTENTION_EFFICIENCY * FLASH_ATTENTION_V1_SHARE_OF_V2);
  });
});
