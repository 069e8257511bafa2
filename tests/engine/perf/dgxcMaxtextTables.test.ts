// A check set nothing was fitted to: NVIDIA/dgxc-benchmarking's MaxText (JAX/XLA on GPUs) Llama 3
// 70B recipe at release v25.02 (maxtext/README_70b.md and configure.sh at 8f5cbb3799), the rows
// whose sharding the engine can state: one FSDP group over every GPU (128 and 256 H100s, BF16 and
// FP8). data/system_mfu.csv has no MaxText GPU row (its DGX Cloud rows are NeMo's Llama 3.1 and
// Nemotron-4). Left out, with the reason in each row's assumptions: 512–2,048 GPUs (FSDP over 128
// and data parallel across groups) and release v24.11.1's Llama 2 70B rows (a custom remat policy
// between the engine's selective and full).
import {describe, expect, it} from "vitest";
import {checkSetUnderTest, systemMfuRows} from "./helpers.js";

const NAME = "check_dgxc_maxtext_h100";
const {rows, table, summary} = checkSetUnderTest(NAME);

describe("MaxText Llama 3 70B on H100 (NVIDIA DGX Cloud benchmarks) as a check set (nothing fitted to it)", () => {
  it("reads 4 rows, FSDP over every GPU with 2 sequences each, whose MFU is the README's model flops over its step time", () => {
    expect(rows.map((r) => `${r.precision}/${r.accelerators}`)).toEqual(["bf16-master-fp32/128", "bf16-master-fp32/256", "fp8/128", "fp8/256"]);
    const stepSeconds = [15.563, 15.444, 9.074, 9.488];
    rows.forEach((r, i) => {
      expect(r).toMatchObject({zero_stage: 3, tp: 1, pp: 1, dp: r.accelerators, micro_batch: 2, global_batch_sequences: 2 * r.accelerators});
      // README: MFU = GBS × 3.94e15 / step time / GPUs / peak (989 BF16, 1979 FP8 TFLOP/s).
      const peak = r.precision === "fp8" ? 1979e12 : 989e12;
      expect(Math.abs((r.global_batch_sequences * 3.94e15) / stepSeconds[i]! / r.accelerators / peak - r.mfu)).toBeLessThan(0.001);
    });
  });

  it("shares no row with data/system_mfu.csv", () => {
    expect(systemMfuRows().filter((r) => /maxtext/i.test(r.id) && r.gpu_id === "h100-sxm5-80gb")).toEqual([]);
  });

  it("under-predicts every row by 8 to 11 points at the production matmul rate (mean |error| 9.1 when written, none within ±5), and is still out of sample", () => {
    expect(summary.compared).toBe(4);
    expect(summary.meanAbsErrorPoints).toBeLessThan(10);
    for (const r of table) expect(r.errorPoints).toBeLessThan(-5);
    expect(summary.mechanismFoundHere).toBeNull();
  });
});
