// A check set nothing was fitted to: AI-Hypercomputer/tpu-recipes' Trillium (TPU v6e) recipes for
// MaxText at c8cfe2f, each README's logged step with the run config of the MaxText tag it names
// (tpu-recipes-v0.1.4 for Llama 3.1, v0.1.2 for GPT-3 175B and Mistral 7B). It was committed, with
// the engine's figure on it, before the compiled-stack matmul rule was set. The 12 rows the engine
// can state as they ran: one slice, FSDP over every chip, a remat policy whose recomputed forward
// is within 15% of a layer's forward of the engine's full recomputation. Left out, with reasons:
// Llama 2 70B (its log line ran 2 sequences per chip, total_weights 2,097,152 at 4,096 tokens, where
// the config it cites gives 3), Llama 3.1 405B (two slices, FSDP over DCN: the v6e's DCN bandwidth
// is not in data/gpus.csv), GPT-3 175B fp8 (no config, and no v6e fp8 peak), Gemma 3 12B (local
// sliding-window attention at 32,768 tokens), Mixtral 8x7B / 8x22B (dropped-token MoE), and the v5p
// recipes (GPT-3 175B names no MaxText commit; Llama 3.1 405B saves the attention output and the
// MLP's output projection, two thirds of the forward recomputed, and MaxText counts causal
// attention from that commit on).
import {describe, expect, it} from "vitest";
import {checkRowSpec, flopsPerToken} from "../../../src/engine/index.js";
import type {CheckSetRow} from "../../../src/engine/index.js";
import {GPUS, checkSetUnderTest, gpu, systemMfuRows} from "./helpers.js";

const NAME = "check_tpu_recipes_v6e";
const underTest = checkSetUnderTest(NAME);
const {table, summary} = underTest;
const rows = underTest.rows as (CheckSetRow & {tflops_per_gpu: number; reported_text: string})[];

/** The seconds and tokens of the README's log line. */
function logged(row: {reported_text: string}): {seconds: number; tokens: number} {
  const seconds = /seconds: ([\d.]+)/.exec(row.reported_text);
  const tokens = /total_weights: (\d+)/.exec(row.reported_text);
  if (!seconds || !tokens) throw new Error(`no step log in ${row.reported_text}`);
  return {seconds: Number(seconds[1]), tokens: Number(tokens[1])};
}

describe("Google's TPU recipes for MaxText on Trillium (v6e) as a check set (nothing fitted to it)", () => {
  it("reads 12 one-slice rows, FSDP over every chip, each chip running its per-device batch at once", () => {
    expect(rows.map((r) => `${r.params / 1e9}B/${r.accelerators}`)).toEqual([
      "8B/8", "8B/16", "8B/32", "8B/64", "8B/128", "8B/256", "70B/32", "70B/64", "70B/128", "70B/256", "175B/256", "7B/8"
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({gpu_id: "tpu-v6e", pods: null, tp: 1, pp: 1, cp: 1, dp: r.accelerators, zero_stage: 3, global_batch_sequences: r.micro_batch * r.accelerators});
      expect(r.heads * 128).toBe(r.d_model);
      // total_weights in the log line is the tokens of the step: the batch the config gives ran.
      expect(logged(r).tokens).toBe(r.global_batch_sequences * r.seq_len);
    }
  });

  it("prints MFU in the engine's own convention: its model FLOPs over the logged seconds reproduce the printed TFLOP/s within 0.2%", () => {
    const v6e = gpu("tpu-v6e");
    expect(v6e.peakFlopsPerSecond.bf16).toBe(918e12);
    for (const r of rows) {
      expect(Math.abs(r.tflops_per_gpu / 918 - r.mfu)).toBeLessThan(0.0001);
      const {spec} = checkRowSpec(r, new Map(GPUS.map((g) => [g.id, g] as const)));
      const {seconds, tokens} = logged(r);
      const engineTflopsPerChip = (flopsPerToken(spec.model).modelFlops * tokens) / seconds / r.accelerators / 1e12;
      expect(Math.abs(engineTflopsPerChip / r.tflops_per_gpu - 1)).toBeLessThan(0.002);
    }
  });

  it("shares no row with data/system_mfu.csv (no v6e row there)", () => {
    expect(systemMfuRows().filter((r) => r.gpu_id === "tpu-v6e" || /trillium|v6e/i.test(JSON.stringify(r)))).toEqual([]);
  });

  // Committed with the set, before the compiled-stack matmul rule (calibration.ts
  // XLA_TPU_BEST_SHAPE_MATMUL_EFFICIENCY) was set: at the H100's best-shape rate on a TPU the engine
  // under-predicted every row, 8 of 12 within ±5 points, mean |error| 4.99 (commit ba878f0).
  it("under the compiled-stack rule, set from citations before this set was predicted under it: 11 of 12 within ±5 points, mean |error| 2.76 when written", () => {
    expect(summary.compared).toBe(12);
    expect(summary.within5Points).toBe(11);
    expect(summary.meanAbsErrorPoints).toBeLessThan(2.8);
    const misses = table.filter((r) => Math.abs(r.errorPoints as number) > 5).map((r) => r.id);
    expect(misses).toEqual(["tpu-recipes-gpt3-175b-v6e-256"]);
    expect(summary.mechanismFoundHere).toBeNull();
  });
});
