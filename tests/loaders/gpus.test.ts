import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";

const gpus = new Map(loadWithReferences("gpus").map((r) => [String(r.id), r]));

describe("gpus dataset", () => {
  it("covers the accelerators the atlas compares (V100 to B200, MI300X, TPU v3 to v6e, Gaudi 3)", () => {
    for (const id of ["v100-sxm2-16gb", "v100-sxm2-32gb", "a100-sxm4-40gb", "a100-sxm4-80gb", "a100-pcie-80gb", "h100-sxm5-80gb", "h100-pcie-80gb", "h800-sxm5-80gb", "h200-sxm-141gb", "b200-sxm-180gb", "mi300x", "tpu-v3", "tpu-v4", "tpu-v5e", "tpu-v5p", "tpu-v6e", "gaudi3-oam"]) {
      expect(gpus.has(id), id).toBe(true);
    }
  });

  it("stores dense, not 2:4-sparse, throughput: H100 SXM BF16 is 989.4 TFLOP/s (datasheet 1,979 with sparsity)", () => {
    expect(gpus.get("h100-sxm5-80gb")!.peak_bf16_tflops).toBe(989.4);
    expect(gpus.get("h100-pcie-80gb")!.peak_bf16_tflops).toBe(756.5);
    expect(gpus.get("mi300x")!.peak_bf16_tflops).toBe(1307.4);
  });

  it("matches the peaks the reference sources use: A100 312, V100 125, TPU v3 123, TPU v4 275 (PaLM App. B)", () => {
    expect(gpus.get("a100-sxm4-80gb")!.peak_bf16_tflops).toBe(312);
    expect(gpus.get("v100-sxm2-32gb")!.peak_fp16_tflops).toBe(125);
    expect(gpus.get("tpu-v3")!.peak_bf16_tflops).toBe(123);
    expect(gpus.get("tpu-v4")!.peak_bf16_tflops).toBe(275);
  });

  it("lists the A100 PCIe 80GB the price rows name: the SXM4's peaks, 1,935 GB/s and 300 W", () => {
    expect(gpus.get("a100-pcie-80gb")).toMatchObject({peak_bf16_tflops: 312, peak_tf32_tflops: 156, hbm_gb: 80, hbm_tbps: 1.935, tdp_w: 300});
    const priced = loadWithReferences("cloud_prices").filter((r) => r.gpu_id === "a100-pcie-80gb");
    expect(priced.length).toBeGreaterThanOrEqual(8);
    for (const r of priced) expect(String(r.gpu_text) + String(r.offering), String(r.id)).toMatch(/PCIe/i);
  });

  it("has FP8 at least BF16 and BF16 at least TF32 wherever both are known", () => {
    for (const g of gpus.values()) {
      const tf32 = g.peak_tf32_tflops as number | null;
      const bf16 = g.peak_bf16_tflops as number | null;
      const fp8 = g.peak_fp8_tflops as number | null;
      if (bf16 !== null && fp8 !== null) expect(fp8, String(g.id)).toBeGreaterThanOrEqual(bf16);
      if (tf32 !== null && bf16 !== null) expect(bf16, String(g.id)).toBeGreaterThanOrEqual(tf32);
    }
  });

  it("gives H800 the H100's compute but 400 GB/s NVLink (DeepSeek, arXiv 2505.09343 Sec 4.1)", () => {
    expect(gpus.get("h800-sxm5-80gb")).toMatchObject({peak_bf16_tflops: 989.4, scale_up_gbps: 400});
  });

  it("lists the GH200 Alps and JUPITER run: 96 GB HBM3 at 4 TB/s, four to a node, 25 GB/s per GPU out, its dense peaks those of 132 Hopper SMs", () => {
    const gh200 = gpus.get("gh200-96gb")!;
    expect(gh200).toMatchObject({hbm_gb: 96, hbm_tbps: 4, gpus_per_node: 4, scale_out_gbps: 25, scale_up_gbps: 900});
    // Derived, not copied: the same 132 SMs as the H100 SXM5 give the same dense tensor peaks.
    const h100 = gpus.get("h100-sxm5-80gb")!;
    for (const k of ["peak_tf32_tflops", "peak_bf16_tflops", "peak_fp16_tflops", "peak_fp8_tflops"]) expect(gh200[k], k).toBe(h100[k]);
    expect(String(gh200.notes)).toMatch(/derived/);
    expect(String(gh200.notes)).toMatch(/132 SMs/);
  });

  it("fills gpu_id for every run whose hardware text pins down the accelerator", () => {
    const runs = new Map(loadWithReferences("training_runs").map((r) => [String(r.id), r]));
    expect(runs.get("deepseek-v3")!.gpu_id).toBe("h800-sxm5-80gb");
    expect(runs.get("palm-540b")!.gpu_id).toBe("tpu-v4");
    expect(runs.get("gopher-280b")!.gpu_id).toBe("tpu-v3");
    expect(runs.get("bloomberggpt-50b")!.gpu_id).toBe("a100-sxm4-40gb");
    expect(runs.get("apertus-70b")!.gpu_id).toBe("gh200-96gb");
  });
});
