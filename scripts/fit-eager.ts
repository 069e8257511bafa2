// Refits the eager step model's host constants (src/engine/perf/eagerStep.ts EAGER_FIT and
// EAGER_HOST_SECONDS_PER_LAYER["h200-sxm-141gb"]) on the GPT-2 rows of data/gpu_multi_steps.csv
// (2 × H200), the LLaMA rows held out (measuredMulti.ts MULTI_HELD_OUT_MODELS), by the procedure
// eagerStep.ts documents: grid searches of the sum of squared log(predicted ÷ measured), one group
// of constants at a time with the ones before it held:
//   1. the H200 host's seconds per layer jointly with the overlap power, on the "single" rows;
//   2. DDP's host seconds per parameter tensor jointly with its exposed share of the all-reduce, on
//      the "ddp" and "ddp-bucket-view" rows;
//   3. FSDP2's host seconds per unit, on the FSDP2 rows;
//   4. DTensor's host seconds per layer, on the "tp2" rows;
// then on the lent H100 (data/gpu_training_steps.csv, amp-bf16, fused AdamW), the overlap power held:
//   5. the H100 host's seconds per layer, on the 30 rows without recomputation;
//   6. the recomputation host factors, on the 24 GPT-2 rows of each mode (TinyLlama held out).
// Prints the minima and the step-time counts on every split with them. Usage: npx tsx scripts/fit-eager.ts
import {loadWithReferences} from "../loaders/compile.js";
import {EAGER_FIT, EAGER_HOST_SECONDS_PER_LAYER, busBandwidthFromRows, compareMeasuredMultiStep, isMultiHeldOut, measuredStepSpec, predictEagerStep} from "../src/engine/index.js";
import type {EagerFit, MeasuredMultiStepRow, MeasuredStepRow, NcclRow} from "../src/engine/index.js";
import {allGpus} from "./cli/gpus.js";

const h200 = allGpus().find((g) => g.id === "h200-sxm-141gb")!;
const h100 = allGpus().find((g) => g.id === "h100-sxm5-80gb")!;
const rows = (loadWithReferences("gpu_multi_steps") as unknown as MeasuredMultiStepRow[]).filter((r) => r.status === "ok");
const busBandwidth = busBandwidthFromRows(loadWithReferences("gpu_nccl") as unknown as NcclRow[]);
const fitRows = rows.filter((r) => !isMultiHeldOut(r));

const range = (from: number, to: number, step: number) => Array.from({length: Math.round((to - from) / step) + 1}, (_, i) => Number((from + i * step).toPrecision(6)));
const ratio = (r: MeasuredMultiStepRow, fit: Partial<EagerFit>, host: number) => compareMeasuredMultiStep(r, h200, {busBandwidth, fit, hostSecondsPerLayer: host})!.timeRatio;
const sse = (rs: MeasuredMultiStepRow[], fit: Partial<EagerFit>, host: number) => rs.reduce((a, r) => a + Math.log(ratio(r, fit, host)) ** 2, 0);

function argmin<T>(candidates: T[], cost: (c: T) => number): {best: T; cost: number} {
  let best: T = candidates[0] as T;
  let bestCost = Infinity;
  for (const c of candidates) {
    const x = cost(c);
    if (x < bestCost) [best, bestCost] = [c, x];
  }
  return {best, cost: bestCost};
}

const fit: EagerFit = {...EAGER_FIT};
const single = fitRows.filter((r) => r.mode === "single");
const grid1 = range(1.5e-3, 3.5e-3, 0.05e-3).flatMap((host) => [1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48].map((overlapPower) => ({host, overlapPower})));
const s1 = argmin(grid1, ({host, overlapPower}) => sse(single, {...fit, overlapPower}, host));
const host = s1.best.host;
fit.overlapPower = s1.best.overlapPower;

const ddp = fitRows.filter((r) => r.mode.startsWith("ddp"));
const grid2 = range(10e-6, 80e-6, 1e-6).flatMap((t) => range(0, 1, 0.01).map((f) => ({t, f})));
const s2 = argmin(grid2, ({t, f}) => sse(ddp, {...fit, ddpHostSecondsPerTensor: t, ddpExposedCommFraction: f}, host));
fit.ddpHostSecondsPerTensor = s2.best.t;
fit.ddpExposedCommFraction = s2.best.f;

const fsdp = fitRows.filter((r) => r.mode.startsWith("fsdp2"));
const s3 = argmin(range(1e-3, 8e-3, 0.05e-3), (u) => sse(fsdp, {...fit, fsdpHostSecondsPerUnit: u}, host));
fit.fsdpHostSecondsPerUnit = s3.best;

const tp = fitRows.filter((r) => r.mode === "tp2");
const s4 = argmin(range(2e-3, 14e-3, 0.05e-3), (u) => sse(tp, {...fit, tpHostSecondsPerLayer: u}, host));
fit.tpHostSecondsPerLayer = s4.best;

const h100Rows = (loadWithReferences("gpu_training_steps") as unknown as MeasuredStepRow[]).filter((r) => r.status === "ok" && r.precision === "amp-bf16");
const h100Sse = (rs: MeasuredStepRow[], f: Partial<EagerFit>, h: number) =>
  rs.reduce((a, r) => a + Math.log(predictEagerStep(measuredStepSpec(r, h100.id), h100, {optimizer: "fused", fit: f, hostSecondsPerLayer: h}).secondsPerStep / r.step_seconds!) ** 2, 0);
const noRecompute = h100Rows.filter((r) => r.recompute === "none");
const s5 = argmin(range(1.5e-3, 4.5e-3, 0.05e-3), (h) => h100Sse(noRecompute, fit, h));
const h100Host = s5.best;
for (const [script, engine] of [["attention-core", "selective"], ["full", "full"]] as const) {
  const gpt2 = h100Rows.filter((r) => r.recompute === script && r.family === "gpt2");
  const s6 = argmin(range(1, 3, 0.01), (x) => h100Sse(gpt2, {...fit, recomputeHostFactor: {...fit.recomputeHostFactor, [engine]: x}}, h100Host));
  fit.recomputeHostFactor = {...fit.recomputeHostFactor, [engine]: s6.best};
}

const within = (rs: MeasuredMultiStepRow[], f: Partial<EagerFit>, h: number) => `${rs.filter((r) => Math.abs(ratio(r, f, h) - 1) <= 0.1).length}/${rs.length}`;
const splits = (f: Partial<EagerFit>, h: number) => ({all: within(rows, f, h), fit: within(fitRows, f, h), heldOut: within(rows.filter(isMultiHeldOut), f, h)});
console.log(JSON.stringify({
  rows: {single: single.length, ddp: ddp.length, fsdp2: fsdp.length, tp2: tp.length, h100: noRecompute.length},
  fitted: {hostSecondsPerLayerH200: host, hostSecondsPerLayerH100: h100Host, ...fit},
  was: {hostSecondsPerLayerH200: EAGER_HOST_SECONDS_PER_LAYER["h200-sxm-141gb"], hostSecondsPerLayerH100: EAGER_HOST_SECONDS_PER_LAYER["h100-sxm5-80gb"], ...EAGER_FIT},
  within10: {fitted: splits(fit, host), was: splits({}, EAGER_HOST_SECONDS_PER_LAYER["h200-sxm-141gb"]!)}
}, null, 1));
