// `engine calibrate < steps.csv` and `engine estimate --calibration cal.json`, run as a reader runs them.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {runEngineCli} from "../engineCli.js";
import {isFp32FitRow} from "../../src/engine/index.js";
import {projectCsv} from "./fixtures.js";

const engine = runEngineCli;
const dir = mkdtempSync(join(tmpdir(), "calibration-cli-"));

const spec = {
  model: {params: 124e6, layers: 12, dModel: 768, heads: 12, ffnDim: 3072, ffnKind: "gelu", vocab: 50304, seqLen: 1024, tiedEmbeddings: true},
  tokens: 1e10,
  hardware: {gpu: "h100-sxm5-80gb", count: 8, usdPerGpuHour: 2},
  parallelism: {tp: 1, pp: 1, dp: 8, zeroStage: 0, microBatch: 8, globalBatchTokens: 524288, recompute: "none"},
  precision: "fp32"
};

describe("engine calibrate and estimate --calibration", {timeout: 60_000}, () => {
  it("calibrate reads the project's H100 fp32 steps from stdin and prints the fitted calibration; estimate uses it", async () => {
    const fit = await engine(["calibrate"], projectCsv(isFp32FitRow));
    expect(fit.stderr).toBe("");
    expect(fit.status).toBe(0);
    const out = JSON.parse(fit.stdout);
    expect(out.calibration.entries[0]).toMatchObject({gpu: "h100-sxm5-80gb", precision: "fp32", memoryBoundOverhead: null, communicationEfficiency: null});
    expect(out.calibration.entries[0].matmulEfficiency).toBeCloseTo(0.645, 2);
    expect(out.groups[0].rows.length).toBe(23);

    // Both what calibrate prints and the bare calibration (the page's download) are accepted.
    const printed = join(dir, "printed.json");
    const bare = join(dir, "cal.json");
    writeFileSync(printed, fit.stdout);
    writeFileSync(bare, JSON.stringify({...out.calibration, entries: [{...out.calibration.entries[0], matmulEfficiency: 0.5}]}));
    const plain = JSON.parse((await engine(["estimate"], JSON.stringify(spec))).stdout);
    const same = JSON.parse((await engine(["estimate", "--calibration", printed], JSON.stringify(spec))).stdout);
    const slower = JSON.parse((await engine(["estimate", `--calibration=${bare}`], JSON.stringify(spec))).stdout);
    expect(plain.calibrated).toBe(false);
    expect(same.calibrated).toBe(true);
    expect(same.mfu / plain.mfu).toBeCloseTo(1, 1);
    expect(slower.calibrated).toBe(true);
    expect(slower.gpuHours).toBeGreaterThan(plain.gpuHours * 1.15);
  });

  it("calibrate refuses a bad file with stdin:line:column, nothing on stdout, exit 1", async () => {
    const text = projectCsv(isFp32FitRow).replace(",h100-sxm5-80gb,", ",h900,");
    const r = await engine(["calibrate"], text);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^engine calibrate: stdin:2:\d+: column "gpu_id": expected a known gpus id, found unknown "h900"\n$/);
    expect((await engine(["calibrate"], "")).stderr).toMatch(/expected a CSV of measured steps on stdin/);
  });

  it("estimate refuses a missing, malformed or invalid calibration file and unknown options", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({version: 1, entries: [{gpu: "h100-sxm5-80gb", stack: null, precision: "bf16", matmulEfficiency: 2, memoryBoundOverhead: null, communicationEfficiency: null}]}));
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{");
    for (const [args, message] of [
      [["--calibration", join(dir, "missing.json")], /cannot read calibration file .*missing\.json/],
      [["--calibration", notJson], /not\.json is not valid JSON/],
      [["--calibration", bad], /bad\.json: invalid calibration: entries\.0\.matmulEfficiency: expected a fraction in \(0, 1\]/],
      [["--calibration"], /--calibration needs a value/],
      [["--fast"], /unknown option --fast/]
    ] as const) {
      const r = await engine(["estimate", ...args], JSON.stringify(spec));
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    }
  });
});
