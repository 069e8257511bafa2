// A check set nothing was fitted to: AI-Hypercomputer/maxtext README's TPU v5p table at commit
// 04262f3cf (2024-03-22), with the run configs of the same commit (MaxText/configs/v5p/*.sh,
// base.yml, pyconfig.py). data/check_maxtext_v5p.csv keeps the 4 rows the engine can state as
// they ran: one slice (MaxText shards FSDP inside a slice and plain data parallelism across slices,
// which the engine's single zero stage cannot say) and a shape with heads × head_dim = d_model
// (the engine's ModelSpec derives the head width from d_model ÷ heads; global_parameter_scale
// 128 and 1024 double the heads but not d_model). Left out for those reasons: 128B on v5p-256
// and -512 and 1024B on v5p-2048 and -4096 (shape), 1160B on v5p-7680 and -12288 (no config at
// that commit), every multi-slice row of MaxText/configs/v5p/README.md, and the v5e table (its
// October 2023 runs used the earlier base.yml: 2,560-wide embeddings over 8 heads of 256).
// data/system_mfu.csv holds MaxText's two Gemma rows only, as text, never compared.
import {describe, expect, it} from "vitest";
import {checkSetUnderTest, systemMfuRows} from "./helpers.js";

const NAME = "check_maxtext_v5p";
const {rows, table, summary} = checkSetUnderTest(NAME);

describe("MaxText's TPU v5p table as a check set (nothing fitted to it)", () => {
  it("reads 4 one-slice rows whose shapes follow base.yml scaled by get_individual_scales (heads × 128 = d_model)", () => {
    expect(rows.map((r) => `${r.params / 1e9}B/${r.accelerators}`)).toEqual(["32B/64", "64B/64", "256B/512", "512B/512"]);
    for (const r of rows) {
      expect(r.heads * 128).toBe(r.d_model);
      expect(r.pods).toBeNull();
      expect(r.zero_stage).toBe(3);
      // MFU against the v5p's 459 TFLOP/s (data/gpus.csv), as the README's TFLOP/chip/sec column gives it.
      const tflops = (r as unknown as {tflops_per_gpu: number}).tflops_per_gpu;
      expect(Math.abs(tflops / 459 - r.mfu)).toBeLessThan(0.001);
    }
  });

  it("shares no row with data/system_mfu.csv, whose MaxText rows are Gemma's, uncompared", () => {
    const maxtext = systemMfuRows().filter((r) => r.source_system === "MaxText (Google)");
    expect(maxtext.map((r) => r.id)).toEqual(["maxtext-gemma-2b", "maxtext-gemma-7b"]);
    expect(maxtext.every((r) => r.mfu === null)).toBe(true);
  });

  it("under-predicts every row: the engine's matmul rate on a TPU is the H100's carried over (mean |error| 19.3 points when written, none within ±5)", () => {
    expect(summary.compared).toBe(4);
    expect(summary.meanAbsErrorPoints).toBeLessThan(20);
    expect(table.every((r) => (r.errorPoints as number) < 0)).toBe(true);
  });

  it("is the honest out-of-sample figure: nothing in the engine or its rows was changed because of it", () => {
    expect(summary.mechanismFoundHere).toBeNull();
    expect(rows.every((r) => r.loss === null)).toBe(true);
  });
});
