import {describe, expect, it} from "vitest";
import {runEngineCli} from "../engineCli.js";


const engine = runEngineCli;

const spec = {
  model: {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096},
  tokens: 2e12,
  hardware: {gpu: "a100-sxm4-80gb", count: 64, usdPerGpuHour: 2, mfu: 0.45},
  parallelism: {tp: 1, pp: 1, dp: 64, zeroStage: 3, microBatch: 1, recompute: "none"},
  precision: "bf16-master-fp32"
};

describe("engine CLI", {timeout: 60_000}, () => {
  it("estimate prints exactly one JSON object with the contract's fields", async () => {
    const r = await engine(["estimate"], JSON.stringify(spec));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ["trainingFlops", "flopsPerToken", "gpuHours", "wallClockDays", "costUsd", "energyKwh", "co2Kg", "fitsInMemory", "mfu"]) {
      expect(out).toHaveProperty(key);
    }
    for (const key of ["weights", "gradients", "optimizer", "activations", "total"]) expect(typeof out.memoryPerGpuBytes[key]).toBe("number");
    expect(out.mfu).toBe(0.45);
    expect(out.costUsd).toBeCloseTo(out.gpuHours * 2, 3);
  });
  it("estimate of an infeasible run prints feasible: false with reasons and no cost", async () => {
    const one = {...spec, hardware: {...spec.hardware, count: 1}, parallelism: {...spec.parallelism, dp: 1, zeroStage: 0}, precision: "fp8"};
    const r = await engine(["estimate"], JSON.stringify(one));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.feasible).toBe(false);
    expect(out.costUsd).toBeNull();
    expect(out.reasons.join(" ")).toMatch(/A100 SXM4 80GB's datasheet lists no FP8 throughput[\s\S]*choose BF16 mixed precision[\s\S]*Each GPU needs \d+ GB but/);
    expect(JSON.parse((await engine(["estimate"], JSON.stringify(spec))).stdout)).toMatchObject({feasible: true, reasons: []});
  });
  it("estimate with more pipeline stages than layers prints only the verdict; with a format the chip has no throughput for, the verdict and null time, cost and energy", async () => {
    const deep = await engine(["estimate"], JSON.stringify({...spec, hardware: {...spec.hardware, count: 64}, parallelism: {...spec.parallelism, pp: 64, dp: 1}}));
    expect(deep.status).toBe(0);
    expect(JSON.parse(deep.stdout)).toEqual({feasible: false, reasons: ["64 pipeline stages need at least 64 layers, but the model has 32: use at most 32 stages."]});
    const h800 = JSON.parse((await engine(["estimate"], JSON.stringify({...spec, hardware: {...spec.hardware, gpu: "h800-sxm5-80gb"}, precision: "fp32"}))).stdout);
    expect(h800.feasible).toBe(false);
    expect(h800.reasons[0]).toMatch(/H800 SXM5 80GB's datasheet lists no FP32 throughput[\s\S]*choose BF16 mixed precision/);
    expect(h800).toMatchObject({timed: false, mfu: null, gpuHours: null, wallClockDays: null, costUsd: null, energyKwh: null, co2Kg: null, range: null});
    expect(h800.trainingFlops).toBeGreaterThan(0);
    expect(typeof h800.memoryPerGpuBytes.total).toBe("number");
    expect(JSON.stringify(h800)).not.toMatch(/NaN|Infinity/);
  });
  it("takes model.dropout and the software stack, and the plain-PyTorch stack holds more memory for the logits", async () => {
    const megatron = JSON.parse((await engine(["estimate"], JSON.stringify({...spec, model: {...spec.model, dropout: false}}))).stdout);
    const r = await engine(["estimate"], JSON.stringify({...spec, model: {...spec.model, dropout: false}, stack: "pytorch"}));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).memoryPerGpuBytes.buffers).toBeGreaterThan(megatron.memoryPerGpuBytes.buffers);
    const bad = await engine(["estimate"], JSON.stringify({...spec, stack: "jax"}));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/stack: expected "megatron", "megatron-tuned", "pytorch" or "pytorch-compile"/);
  });
  it("refuses an unknown GPU id: message on stderr, nothing on stdout, non-zero exit", async () => {
    const r = await engine(["estimate"], JSON.stringify({...spec, hardware: {...spec.hardware, gpu: "h900"}}));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/unknown GPU id "h900"/);
  });
  it("refuses an impossible layout", async () => {
    const r = await engine(["estimate"], JSON.stringify({...spec, parallelism: {...spec.parallelism, dp: 63}}));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/but hardware.count is 64/);
  });
  it("refuses malformed JSON and empty input", async () => {
    expect((await engine(["estimate"], "{")).stderr).toMatch(/not valid JSON/);
    expect((await engine(["estimate"], "")).stderr).toMatch(/expected a JSON spec on stdin/);
  });
  it("validate prints the training-run table with its complete rows' ratio range", async () => {
    const r = await engine(["validate"], "");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.complete).toBeGreaterThanOrEqual(3);
    expect(out.ratioRange.min).toBeGreaterThan(0.9);
    expect(out.runs.find((x: {id: string}) => x.id === "palm-540b").complete).toBe(true);
  });
  it("validate-mfu prints the published-MFU table and the summary the methodology page shows", async () => {
    const r = await engine(["validate-mfu"], "");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.compared).toBe(out.rows.filter((x: {status: string}) => x.status === "compared").length);
    expect(out.summary.within5Points).toBe(out.rows.filter((x: {errorPoints: number | null}) => x.errorPoints !== null && Math.abs(x.errorPoints) <= 5).length);
    expect(out.rows.find((x: {id: string}) => x.id === "llama3-405b-8k-8192gpu").status).toBe("compared");
    // The check sets (perf/checkSets.ts): one summary per data/check_*.csv, counted from its own rows.
    const megatron = out.checkSets.find((s: {name: string}) => s.name === "check_megatron_readme");
    expect(megatron.compared).toBe(9);
    expect(megatron.within5Points).toBe(megatron.rows.filter((x: {errorPoints: number}) => Math.abs(x.errorPoints) <= 5).length);
  });
  it("as a process: --help prints on stdout with status 0; a file name given as an argument is refused, not waited on", async () => {
    const help = await engine(["estimate", "--help"], "");
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    expect(help.stdout).toMatch(/^usage: npm run -s engine -- estimate \[--calibration cal\.json\] < spec\.json/);
    const file = await engine(["estimate", "spec.json"], JSON.stringify(spec));
    expect(file.status).toBe(1);
    expect(file.stdout).toBe("");
    expect(file.stderr).toBe("engine estimate: unexpected argument \"spec.json\": estimate reads its input on stdin, so run npm run -s engine -- estimate < spec.json (with <, not as an argument)\n");
  });
  it("refuses an unknown command with usage", async () => {
    const r = await engine(["frobnicate"], "");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/unknown command "frobnicate"[\s\S]*estimate/);
  });
});
