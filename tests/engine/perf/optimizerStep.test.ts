// One AdamW step alone on the H200 (data/gpu_optimizer.csv, bench/gpu/calibrate.py --parts optimizer,
// 2026-12-01) against the bytes the eager model counts for it (eagerStep.ts).
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
import {ADAMW_RATE, ADAMW_RATE_BY_GPU, EAGER_HBM_CAP_BYTES_PER_SECOND, FOREACH_ADAMW_BYTES_PER_PARAM, FUSED_ADAMW_TIME_FACTOR, HBM_EFFICIENCY, adamwSeconds} from "../../../src/engine/index.js";
import type {AdamwImplementation, AdamwRate} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
interface OptimizerRow {device: string; model: string; params: number; tensors: number; impl: "foreach" | "fused"; seconds: number}
const rows = loadDataset(datasetByName("gpu_optimizer"), ROOT) as unknown as OptimizerRow[];
const h200 = gpu("h200-sxm-141gb");
const foreach = rows.filter((r) => r.impl === "foreach");
const bytesPerSecond = (r: OptimizerRow) => (r.params * FOREACH_ADAMW_BYTES_PER_PARAM) / r.seconds;

describe("data/gpu_optimizer.csv (H200, one AdamW step alone)", () => {
  it("times foreach and fused AdamW for seven models, 124M to 3.8B parameters, 15 to 580 tensors", () => {
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => r.device))).toEqual(new Set(["NVIDIA H200"]));
    expect(Math.min(...rows.map((r) => r.params))).toBeLessThan(2e8);
    expect(Math.max(...rows.map((r) => r.params))).toBeGreaterThan(3.5e9);
  });

  it("foreach AdamW's 84 bytes a parameter move at 0.7–0.85 of the H200's 4.8 TB/s, whatever the tensor count: time is linear in parameters", () => {
    for (const r of foreach) {
      const share = bytesPerSecond(r) / h200.hbmBytesPerSecond;
      expect(share, r.model).toBeGreaterThan(0.7);
      expect(share, r.model).toBeLessThan(0.85);
    }
  });

  it("so the optimizer is not held to the cap the eager model puts on small element-wise kernels: at 3.35 TB/s × the HBM efficiency it would take 24–40% longer than measured (the one-GPU foreach misses of the wide-layer set)", () => {
    const capped = EAGER_HBM_CAP_BYTES_PER_SECOND * HBM_EFFICIENCY;
    for (const r of foreach) {
      expect(bytesPerSecond(r), r.model).toBeGreaterThan(EAGER_HBM_CAP_BYTES_PER_SECOND);
      const over = (r.params * FOREACH_ADAMW_BYTES_PER_PARAM) / capped / r.seconds - 1;
      expect(over, r.model).toBeGreaterThan(0.24);
      expect(over, r.model).toBeLessThan(0.4);
    }
  });

  it("fused AdamW is 2.5–2.9× faster than foreach for every model: one kernel reading and writing each fp32 tensor once, against foreach's chain of passes", () => {
    for (const f of foreach) {
      const fused = rows.find((r) => r.impl === "fused" && r.model === f.model)!;
      const speedup = f.seconds / fused.seconds;
      expect(speedup, f.model).toBeGreaterThan(2.5);
      expect(speedup, f.model).toBeLessThan(2.9);
    }
  });

  describe("the eager model's AdamW (eagerStep.ts adamwSeconds): fitted on the GPT-2 rows, the LLaMA rows held out", () => {
    // fused AdamW under autocast: fp32 weights, gradients and two moments read, weights and moments written (stepTime.ts optimizerBytesPerParam)
    const FUSED_BYTES = 28;
    const predicted = (r: OptimizerRow, rate?: AdamwRate) => {
      if (rate === undefined) return adamwSeconds(r.params, r.tensors, h200, r.impl, FUSED_BYTES);
      const bytes = r.impl === "foreach" ? FOREACH_ADAMW_BYTES_PER_PARAM : FUSED_BYTES;
      return (r.params * bytes) / (rate.hbmShare * h200.hbmBytesPerSecond) + r.tensors * rate.secondsPerTensor;
    };
    const sse = (rs: OptimizerRow[], rate: AdamwRate) => rs.reduce((a, r) => a + (predicted(r, rate) / r.seconds - 1) ** 2, 0);
    for (const impl of ["foreach", "fused"] as AdamwImplementation[]) {
      const gpt2 = rows.filter((r) => r.impl === impl && r.model.startsWith("gpt2"));
      const llama = rows.filter((r) => r.impl === impl && !r.model.startsWith("gpt2"));
      it(`${impl}: the share of HBM bandwidth (${ADAMW_RATE[impl].hbmShare}) and the time per tensor (${ADAMW_RATE[impl].secondsPerTensor * 1e6} µs) are the least-squares fit on the 4 GPT-2 rows, which they time within ±4%`, () => {
        expect(gpt2).toHaveLength(4);
        const at = sse(gpt2, ADAMW_RATE[impl]);
        for (const f of [0.98, 1.02]) {
          expect(sse(gpt2, {...ADAMW_RATE[impl], hbmShare: ADAMW_RATE[impl].hbmShare * f})).toBeGreaterThan(at);
          expect(sse(gpt2, {...ADAMW_RATE[impl], secondsPerTensor: ADAMW_RATE[impl].secondsPerTensor * f})).toBeGreaterThan(at);
        }
        for (const r of gpt2) expect(Math.abs(predicted(r) / r.seconds - 1), r.model).toBeLessThan(0.04);
      });
      it(`${impl}: held out, the 3 LLaMA rows (15–135 larger tensors, up to 3.8B parameters) within ±6%`, () => {
        expect(llama).toHaveLength(3);
        for (const r of llama) expect(Math.abs(predicted(r) / r.seconds - 1), r.model).toBeLessThan(0.06);
      });
    }

    it("keeps the H100's own fused AdamW (the profiled H100 steps): HBM_EFFICIENCY ÷ FUSED_ADAMW_TIME_FACTOR of its bandwidth", () => {
      expect(ADAMW_RATE_BY_GPU["h100-sxm5-80gb"]?.fused?.hbmShare).toBeCloseTo(HBM_EFFICIENCY / FUSED_ADAMW_TIME_FACTOR, 12);
      const h100 = gpu("h100-sxm5-80gb");
      expect(adamwSeconds(1e9, 100, h100, "fused", FUSED_BYTES)).toBeCloseTo((1e9 * FUSED_BYTES * FUSED_ADAMW_TIME_FACTOR) / (HBM_EFFICIENCY * h100.hbmBytesPerSecond), 12);
    });

    it("scales with the GPU's own HBM bandwidth elsewhere (an accelerator whose optimizer was not measured)", () => {
      const a100 = gpu("a100-sxm4-80gb");
      const one = adamwSeconds(1e9, 0, a100, "foreach", FUSED_BYTES);
      expect(one).toBeCloseTo((1e9 * FOREACH_ADAMW_BYTES_PER_PARAM) / (ADAMW_RATE.foreach.hbmShare * a100.hbmBytesPerSecond), 12);
      expect(adamwSeconds(2e9, 0, a100, "foreach", FUSED_BYTES)).toBeCloseTo(2 * one, 12);
    });
  });
});
