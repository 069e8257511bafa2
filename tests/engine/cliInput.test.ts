// The engine CLI as a new user meets it (scripts/engine-cli.ts main, run in-process): every bad
// input exits non-zero with one sentence on stderr that names the field and what is allowed,
// nothing on stdout; valid but impossible input gets a verdict in words; --help helps.
import {describe, expect, it} from "vitest";
import fc from "fast-check";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {main} from "../../scripts/engine-cli.js";
import {estimateCommand} from "../../scripts/cli/estimate.js";
import {allGpus} from "../../scripts/cli/gpus.js";
import {nonFiniteNumber, overflowMessage} from "../../scripts/cli/overflow.js";
import {layoutIssues, parameterCount} from "../../src/engine/index.js";
import type {TrainingSpec} from "../../src/engine/index.js";

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `engine ...args` with `stdin` (null: a terminal, nothing piped in). */
function cli(args: string[], stdin: string | null = ""): Run {
  let stdout = "";
  let stderr = "";
  const status = main(args, {readStdin: () => stdin, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t)});
  return {status, stdout, stderr};
}

// LLaMA-2 7B on 64 A100s: the README's example spec.
const SPEC = {
  model: {params: 6.74e9, layers: 32, dModel: 4096, heads: 32, kvHeads: 32, ffnDim: 11008, ffnKind: "swiglu", vocab: 32000, seqLen: 4096},
  tokens: 2e12,
  hardware: {gpu: "a100-sxm4-80gb", count: 64, usdPerGpuHour: 2, mfu: 0.45},
  parallelism: {tp: 1, pp: 1, dp: 64, cp: 1, ep: 1, zeroStage: 3, microBatch: 1, globalBatchTokens: 4194304, recompute: "none"},
  precision: "bf16-master-fp32"
};
type Spec = Record<string, any>;
const withSpec = (change: (s: Spec) => void): string => {
  const s = structuredClone(SPEC) as Spec;
  change(s);
  return JSON.stringify(s);
};
/** The same question for plan: no layout but the batch, no MFU (plan predicts it). */
const withPlanSpec = (change: (s: Spec) => void = () => {}): string =>
  withSpec((s) => {
    s.parallelism = {globalBatchTokens: 4194304};
    delete s.hardware.mfu;
    change(s);
  });
const PLAN = withPlanSpec();

/** A refusal: status 1, nothing on stdout, one line on stderr that matches `message`. */
function expectRefusal(r: Run, message: RegExp): void {
  expect(r.stdout, r.stderr).toBe("");
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr.trimEnd().split("\n"), "one line").toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |Required|Unrecognized key|Invalid enum value|Expected \w+, received|planLayouts:/);
}

describe("the CLI refuses bad input in one sentence that names the field", () => {
  it("not a spec at all: an array, a number, null", () => {
    for (const [text, got] of [["[]", "an array"], ["42", "42"], ["null", "null"]] as const) {
      expectRefusal(cli(["estimate"], text), new RegExp(`^engine estimate: expected a JSON object \\(the spec\\), got ${got}\\n$`));
    }
  });

  it("a parameter count the architecture contradicts, and activeParams on a dense model, are refused naming both figures (estimate and plan)", () => {
    for (const command of ["estimate", "plan"]) {
      const input = command === "estimate" ? withSpec((s) => (s.model.params = 70e9)) : withPlanSpec((s) => (s.model.params = 70e9));
      expectRefusal(cli([command], input), new RegExp(`^engine ${command}: model\\.params: 70 billion parameters, but the architecture \\(32 layers of width 4,096, an FFN 11,008 wide, a 32,000-token vocabulary\\) holds 6\\.74 billion, .*: they describe different models, so correct params or the architecture\\n$`));
    }
    expectRefusal(cli(["estimate"], withSpec((s) => (s.model.activeParams = 6e9))), /^engine estimate: model\.activeParams: applies to mixture-of-experts models .*this model has no experts, so every parameter is active/);
    // The name's round figure is the same model, and the output says what the architecture counts
    // (Llama 2 7B: 6,738,415,616; Touvron et al. 2023 print 6.74B).
    const named = cli(["estimate"], withSpec((s) => (s.model.params = 7e9)));
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout).architectureParams).toBe(6_738_415_616);
  });

  it("a misspelt field is one issue with a suggestion, not \"Required\" and \"Unrecognized key(s)\"", () => {
    const r = cli(["estimate"], withSpec((s) => {
      s.modle = s.model;
      delete s.model;
    }));
    expectRefusal(r, /^engine estimate: unknown field "modle" \(did you mean "model"\?\); the fields here are model, tokens, hardware, parallelism, precision, stack\n$/);
  });

  it("a missing field says it is required and what it takes", () => {
    expectRefusal(cli(["estimate"], withSpec((s) => delete s.tokens)), /tokens: missing \(required: a number\)/);
    expectRefusal(cli(["estimate"], withSpec((s) => delete s.precision)), /precision: missing \(required: "fp32", "amp-bf16", "bf16-master-fp32", "fp16-master-fp32" or "fp8"\)/);
  });

  it("a number written as a string, and a fractional count, say what was found", () => {
    expectRefusal(cli(["estimate"], withSpec((s) => (s.hardware.count = "8"))), /hardware\.count: expected a number, got the string "8" \(write 8 without quotes\)/);
    expectRefusal(cli(["estimate"], withSpec((s) => (s.hardware.count = 1.5))), /hardware\.count: expected a whole number, got 1\.5/);
    expectRefusal(cli(["estimate"], withSpec((s) => (s.model.dropout = "no"))), /model\.dropout: expected true or false, got the string "no"/);
  });

  it("an unknown precision lists the allowed ones and suggests the nearest", () => {
    expectRefusal(cli(["estimate"], withSpec((s) => (s.precision = "bf16"))), /precision: expected "fp32", "amp-bf16", "bf16-master-fp32", "fp16-master-fp32" or "fp8", got the string "bf16" \(did you mean "bf16-master-fp32"\?\)/);
    expectRefusal(cli(["estimate"], withSpec((s) => (s.parallelism.recompute = "partial"))), /parallelism\.recompute: expected "none", "selective", "per-op" or "full", got the string "partial"/);
  });

  it("recompute per-op (torchtitan's per-operation checkpointing) is estimated, with less activation memory than selective and more hardware FLOPs than none", () => {
    const run = (recompute: string) => {
      const r = cli(["estimate"], withSpec((s) => ((s.parallelism.recompute = recompute), (s.stack = "pytorch"))));
      expect(r.stderr, recompute).toBe("");
      expect(r.status, recompute).toBe(0);
      return JSON.parse(r.stdout) as {memoryPerGpuBytes: {activations: number}; hardwareFlops: number};
    };
    const [none, selective, perOp] = [run("none"), run("selective"), run("per-op")];
    expect(perOp.memoryPerGpuBytes.activations).toBeLessThan(selective.memoryPerGpuBytes.activations);
    expect(perOp.hardwareFlops).toBeGreaterThan(none.hardwareFlops);
  });

  it("an unknown GPU id suggests the near ones: a missing suffix, a typo, a product name", () => {
    expectRefusal(cli(["estimate"], withSpec((s) => (s.hardware.gpu = "h100"))), /unknown GPU id "h100" \(did you mean "h100-sxm5-80gb" or "h100-pcie-80gb"\?\)/);
    expectRefusal(cli(["estimate"], withSpec((s) => (s.hardware.gpu = "a100-sxm4-80g"))), /unknown GPU id "a100-sxm4-80g" \(did you mean "a100-sxm4-80gb"\?\)/);
    expectRefusal(cli(["estimate"], withSpec((s) => (s.hardware.gpu = "NVIDIA H200 SXM 141GB"))), /\(did you mean "h200-sxm-141gb"\?\)/);
  });

  it("kvHeads above heads says so rather than 'heads is not divisible by kvHeads'", () => {
    expectRefusal(cli(["estimate"], withSpec((s) => (s.model.kvHeads = 64))), /model\.kvHeads: 64 exceeds heads = 32/);
  });

  it("an input too large to compute with is refused naming that input, never printed as a null cost", () => {
    expectRefusal(cli(["estimate"], withSpec((s) => (s.tokens = 1e300))), /^engine estimate: tokens: /);
    expectRefusal(cli(["estimate"], withSpec((s) => (s.hardware.usdPerGpuHour = 1e308))), /^engine estimate: hardware\.usdPerGpuHour: /);
    const plan = cli(["plan"], withPlanSpec((s) => {
      s.hardware.usdPerGpuHour = 1e308;
      s.limit = 1;
    }));
    expectRefusal(plan, /^engine plan: layouts\.0\.trainingUsd came out as Infinity: .*check hardware\.usdPerGpuHour = 1e\+308, the input's largest number/);
  });

  it("the output guard finds the first number that is not finite, and names the input's largest number", () => {
    expect(nonFiniteNumber({a: 1, b: [2, {c: Infinity}], d: Number.NaN})).toEqual({path: "b.1.c", value: Infinity});
    expect(nonFiniteNumber({a: null, b: [1e308]})).toBeNull();
    expect(overflowMessage("costUsd", Infinity, JSON.stringify({tokens: 2e12, hardware: {count: 8, usdPerGpuHour: 1e308}}))).toBe(
      "costUsd came out as Infinity: the input's numbers are too large to compute with (the largest a double holds is 1.8e308); check hardware.usdPerGpuHour = 1e+308, the input's largest number"
    );
  });
});

describe("the CLI reads what editors write", () => {
  it("a spec and a calibration file that start with a UTF-8 byte-order mark are read, not refused", () => {
    const plain = cli(["estimate"], JSON.stringify(SPEC));
    const bom = cli(["estimate"], `\uFEFF${JSON.stringify(SPEC)}`);
    expect(bom.stderr).toBe("");
    expect(bom.stdout).toBe(plain.stdout);
    const file = join(mkdtempSync(join(tmpdir(), "cli17-")), "cal.json");
    const calibration = {version: 1, entries: [{gpu: "a100-sxm4-80gb", stack: null, precision: "bf16", matmulEfficiency: 0.5, memoryBoundOverhead: null, communicationEfficiency: null}]};
    writeFileSync(file, `\uFEFF${JSON.stringify(calibration)}`);
    const predicted = withSpec((s) => delete s.hardware.mfu);
    const calibrated = cli(["estimate", "--calibration", file], predicted);
    expect(calibrated.stderr).toBe("");
    expect(JSON.parse(calibrated.stdout).calibrated).toBe(true);
  });
});

describe("the CLI refuses bad arguments", () => {
  it("a file name given as an argument, where the spec is read on stdin, says to use <", () => {
    expectRefusal(cli(["estimate", "spec.json"], JSON.stringify(SPEC)), /unexpected argument "spec\.json": estimate reads its input on stdin, so run npm run -s engine -- estimate < spec\.json/);
  });

  it("nothing piped in (a terminal) is refused at once instead of waiting", () => {
    expectRefusal(cli(["estimate"], null), /estimate reads its input on stdin and nothing was piped in: run npm run -s engine -- estimate < spec\.json/);
    expectRefusal(cli(["calibrate"], null), /calibrate < steps\.csv/);
  });

  it("unknown options are refused by every command, with the nearest known one", () => {
    expectRefusal(cli(["estimate", "--calib", "x.json"], JSON.stringify(SPEC)), /unknown option --calib \(did you mean "--calibration"\?\): estimate takes --calibration <file>/);
    expectRefusal(cli(["validate", "--json"]), /unknown option --json: validate takes no options/);
    expectRefusal(cli(["plan", "--limit", "3"], PLAN), /unknown option --limit: plan takes no options/);
    expectRefusal(cli(["validate-mfu", "extra"]), /unexpected argument "extra": validate-mfu reads no input/);
    expectRefusal(cli(["estimate", "--calibration", "a.json", "--calibration=b.json"], JSON.stringify(SPEC)), /--calibration is given twice: give it once/);
  });

  it("a missing calibration file says so in words, not ENOENT", () => {
    expectRefusal(cli(["estimate", "--calibration", "/nonexistent/cal.json"], JSON.stringify(SPEC)), /cannot read calibration file \/nonexistent\/cal\.json: no such file \(write one with npm run -s engine -- calibrate < steps\.csv > cal\.json\)/);
  });

  it("a misspelt command suggests the right one (status 2, usage on stderr)", () => {
    const r = cli(["estimatee"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^unknown command "estimatee" \(did you mean "estimate"\?\)/);
  });
});

describe("--help", () => {
  it("lists every subcommand on stdout, exit 0", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    for (const name of ["estimate", "plan", "gpus", "calibrate", "validate", "validate-mfu", "validate-steps"]) expect(r.stdout).toMatch(new RegExp(`\\n  ${name} `));
  });

  it("each subcommand's help gives its usage; estimate's and plan's list the spec fields with units and an example that runs", () => {
    for (const name of ["estimate", "plan", "gpus", "calibrate", "validate", "validate-mfu", "validate-steps"]) {
      const r = cli([name, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: npm run -s engine -- ${name}`));
      expect(cli(["help", name]).stdout).toBe(r.stdout);
    }
    for (const name of ["estimate", "plan"]) {
      const help = cli([name, "--help"]).stdout;
      expect(help).toMatch(/tokens\s+training tokens/);
      expect(help).toMatch(/usdPerGpuHour\s+price per accelerator-hour, US dollars/);
      expect(help).toMatch(/seqLen\s+sequence length, tokens/);
      // The example in the help runs as printed.
      const example = /echo '([\s\S]*?)' \| npm run -s engine -- (\w+)/.exec(help);
      expect(example, name).not.toBeNull();
      const r = cli([example![2]!], example![1]!);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toBeTypeOf("object");
    }
  });
});

describe("gpus", () => {
  it("lists every id hardware.gpu accepts, in SI units", () => {
    const r = cli(["gpus"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {gpus: {id: string; hbmBytes: number}[]};
    expect(out.gpus.map((g) => g.id)).toEqual(allGpus().map((g) => g.id));
    expect(out.gpus.find((g) => g.id === "h100-sxm5-80gb")!.hbmBytes).toBe(80e9);
  });
});

describe("plan: refusals in words, and a verdict when no layout qualifies", () => {
  it("a given MFU, which plan would ignore, and a zero stage outside 0–3 in space are refused in words", () => {
    expectRefusal(cli(["plan"], withPlanSpec((s) => (s.hardware.mfu = 0.45))), /hardware\.mfu: plan predicts each layout's MFU with the step-time model and would ignore a given one: remove hardware\.mfu/);
    expectRefusal(cli(["plan"], withPlanSpec((s) => (s.space = {zeroStages: [5]}))), /space\.zeroStages\.0: expected 0, 1, 2 or 3, got 5/);
  });

  it("a full estimate spec is refused with how to pin a degree instead", () => {
    expectRefusal(cli(["plan"], JSON.stringify(SPEC)), /plan chooses the layout itself, so parallelism takes only globalBatchTokens \(found tp, pp, dp, cp, ep, zeroStage, microBatch, recompute\); to pin a degree, use space/);
  });

  it("cost without a price, a batch that is not whole sequences, and two different batches name the field", () => {
    expectRefusal(cli(["plan"], withPlanSpec((s) => {
      s.objective = "cost";
      delete s.hardware.usdPerGpuHour;
    })), /hardware\.usdPerGpuHour: objective "cost" ranks by dollars and needs a price per GPU-hour > 0/);
    expectRefusal(cli(["plan"], withPlanSpec((s) => (s.parallelism = {globalBatchTokens: 1000}))), /globalBatchTokens: 1000 is not a whole number of 4096-token sequences/);
    expectRefusal(cli(["plan"], withPlanSpec((s) => {
      s.globalBatchTokens = 8388608;
    })), /globalBatchTokens: 8388608 differs from parallelism\.globalBatchTokens = 4194304/);
    expectRefusal(cli(["plan"], withPlanSpec((s) => {
      s.model.heads = 30;
    })), /model\.dModel: 4096 is not divisible by heads = 30/);
  });

  it("pins no layout can take are refused naming the pin, not blamed on the GPU count or memory", () => {
    expectRefusal(cli(["plan"], withPlanSpec((s) => (s.space = {ep: [8]}))), /^engine plan: space\.ep: 8 but the model has no experts/);
    expectRefusal(cli(["plan"], withPlanSpec((s) => (s.space = {pp: [1], virtualStages: [4]}))), /^engine plan: space\.virtualStages: 4 interleaved chunks need pipeline parallelism, but space\.pp allows only 1 stage/);
    // A pin list that includes a value the model can take still plans.
    expect(JSON.parse(cli(["plan"], withPlanSpec((s) => (s.space = {ep: [1, 8]}))).stdout).layouts.length).toBeGreaterThan(0);
  });

  it("fewer tokens than one step of the global batch return layouts: [] and the reason in words", () => {
    const short = JSON.parse(cli(["plan"], withPlanSpec((s) => (s.tokens = 1e6))).stdout);
    expect(short.layouts).toEqual([]);
    expect(short.reasons).toEqual(["The run trains 1,000,000 tokens, fewer than one optimizer step of its 4,194,304-token global batch, so it never completes a step: train at least 4,194,304 tokens, or use a smaller global batch."]);
  });

  it("a model that fits no layout, and a format the chip lacks, return layouts: [] and the reason in words", () => {
    const huge = JSON.parse(cli(["plan"], withPlanSpec((s) => {
      s.hardware.count = 1;
      Object.assign(s.model, {params: 1e12, layers: 128, dModel: 25600, heads: 160, kvHeads: 160, ffnDim: 100000});
    })).stdout);
    expect(huge.layouts).toEqual([]);
    expect(huge.reasons).toEqual([expect.stringMatching(/^None of the \d+ layouts examined fits in the 80 GB of one NVIDIA A100 SXM4 80GB with 1 GPU: use more GPUs/)]);
    const fp8 = JSON.parse(cli(["plan"], withPlanSpec((s) => {
      s.hardware.gpu = "tpu-v4";
      s.precision = "fp8";
    })).stdout);
    expect(fp8.layouts).toEqual([]);
    expect(fp8.reasons[0]).toMatch(/TPU v4's datasheet lists no FP8 throughput/);
    const ok = JSON.parse(cli(["plan"], withPlanSpec((s) => {
      s.limit = 1;
    })).stdout);
    expect(ok.layouts).toHaveLength(1);
    expect(ok.reasons).toEqual([]);
  });
});

describe("plan on random questions (fixed seed)", () => {
  const GPU_IDS = allGpus().map((g) => g.id);
  const question = fc.record({
    heads: fc.constantFrom(8, 16, 32),
    layers: fc.integer({min: 2, max: 48}),
    paramsSkew: fc.double({min: 0.95, max: 1.05, noNaN: true}),
    gpu: fc.constantFrom(...GPU_IDS),
    count: fc.integer({min: 1, max: 64}),
    sequences: fc.integer({min: 1, max: 512}),
    precision: fc.constantFrom("fp32", "bf16-master-fp32", "fp16-master-fp32", "fp8"),
    price: fc.option(fc.double({min: 0.5, max: 10, noNaN: true}), {nil: undefined})
  });
  it("every number is finite, trainingUsd is null only without a price, and reasons are given exactly when no layout comes back", () => {
    fc.assert(
      fc.property(question, (q) => {
        const spec = {
          // A count a few percent off the architecture's (biases, rounding); a contradicting one is refused.
          model: {params: parameterCount({params: 1, layers: q.layers, dModel: q.heads * 128, heads: q.heads, vocab: 32000, seqLen: 2048}).total * q.paramsSkew, layers: q.layers, dModel: q.heads * 128, heads: q.heads, vocab: 32000, seqLen: 2048},
          tokens: 1e11,
          hardware: {gpu: q.gpu, count: q.count, ...(q.price === undefined ? {} : {usdPerGpuHour: q.price})},
          globalBatchTokens: q.sequences * 2048,
          precision: q.precision,
          limit: 3
        };
        const r = cli(["plan"], JSON.stringify(spec));
        expect(r.stderr).toBe("");
        const out = JSON.parse(r.stdout) as {layouts: {trainingUsd: number | null}[]; reasons: string[]};
        expect(out.reasons.length > 0).toBe(out.layouts.length === 0);
        for (const l of out.layouts) expect(l.trainingUsd === null).toBe(q.price === undefined);
        const walk = (v: unknown, path: string): void => {
          if (typeof v === "number") expect(Number.isFinite(v), path).toBe(true);
          else if (v === null) expect(path, "only a price can be unknown").toMatch(/\.trainingUsd$/);
          else if (typeof v === "object") for (const [k, x] of Object.entries(v as object)) walk(x, `${path}.${k}`);
        };
        walk(out, "");
      }),
      {seed: 17, numRuns: 12}
    );
  }, 120_000);
});

describe("estimate: every number is finite, or null with its reason in unknownBecause", () => {
  it("estimate --help names every field of its output", () => {
    const help = cli(["estimate", "--help"]).stdout;
    for (const gpu of ["a100-sxm4-80gb", "tpu-v4"]) {
      const out = JSON.parse(cli(["estimate"], withSpec((s) => {
        s.hardware.gpu = gpu;
        s.precision = gpu === "tpu-v4" ? "fp8" : s.precision;
      })).stdout) as Record<string, unknown>;
      for (const key of Object.keys(out)) expect(help, key).toMatch(new RegExp(`\\b${key}\\b`));
      for (const key of Object.keys(out.memoryPerGpuBytes as object)) expect(help, key).toMatch(new RegExp(`\\b${key}\\b`));
    }
  });

  it("says why energy is unknown on a chip without a published TDP, and why cost is unknown without a price", () => {
    const tpu = JSON.parse(cli(["estimate"], withSpec((s) => (s.hardware.gpu = "tpu-v3"))).stdout);
    expect(tpu.energyKwh).toBeNull();
    expect(tpu.unknownBecause.energyKwh).toMatch(/data\/gpus\.csv lists no TDP for the Google TPU v3/);
    const free = JSON.parse(cli(["estimate"], withSpec((s) => delete s.hardware.usdPerGpuHour)).stdout);
    expect(free.unknownBecause).toEqual({costUsd: "no hardware.usdPerGpuHour was given"});
    expect(JSON.parse(cli(["estimate"], JSON.stringify(SPEC)).stdout).unknownBecause).toEqual({});
  });

  const GPU_IDS = allGpus().map((g) => g.id);
  const spec = fc
    .record({
      heads: fc.constantFrom(1, 2, 4, 8, 16, 32, 64, 128),
      headDim: fc.constantFrom(32, 64, 128),
      kvDivisor: fc.constantFrom(1, 2, 4, 8, 16),
      layers: fc.integer({min: 1, max: 128}),
      vocab: fc.integer({min: 256, max: 262_144}),
      seqLen: fc.constantFrom(512, 1024, 2048, 4096, 8192, 32_768),
      ffnKind: fc.constantFrom("gelu", "swiglu"),
      paramsSkew: fc.double({min: 0.95, max: 1.05, noNaN: true}),
      tokens: fc.double({min: 1e6, max: 1e14, noNaN: true}),
      gpu: fc.constantFrom(...GPU_IDS),
      tp: fc.constantFrom(1, 2, 4, 8),
      pp: fc.integer({min: 1, max: 16}),
      dp: fc.integer({min: 1, max: 512}),
      zeroStage: fc.constantFrom(0, 1, 2, 3),
      microBatch: fc.integer({min: 1, max: 8}),
      recompute: fc.constantFrom("none", "selective", "full"),
      precision: fc.constantFrom("fp32", "amp-bf16", "bf16-master-fp32", "fp16-master-fp32", "fp8"),
      stack: fc.constantFrom(undefined, "megatron", "megatron-tuned", "pytorch", "pytorch-compile"),
      mfu: fc.option(fc.double({min: 0.05, max: 0.9, noNaN: true}), {nil: undefined}),
      usdPerGpuHour: fc.option(fc.double({min: 0, max: 20, noNaN: true}), {nil: undefined})
    })
    .map((r): TrainingSpec => ({
      model: ((m) => ({...m, params: parameterCount(m).total * r.paramsSkew}))({params: 1, layers: r.layers, dModel: r.heads * r.headDim, heads: r.heads, kvHeads: Math.max(1, r.heads / r.kvDivisor), ffnKind: r.ffnKind as "gelu" | "swiglu", vocab: r.vocab, seqLen: r.seqLen}),
      tokens: r.tokens,
      hardware: {gpu: r.gpu, count: r.tp * r.pp * r.dp, ...(r.mfu === undefined ? {} : {mfu: r.mfu}), ...(r.usdPerGpuHour === undefined ? {} : {usdPerGpuHour: r.usdPerGpuHour})},
      parallelism: {tp: r.tp, pp: r.pp, dp: r.dp, zeroStage: r.zeroStage as 0 | 1 | 2 | 3, microBatch: r.microBatch, recompute: r.recompute as "none" | "selective" | "full"},
      precision: r.precision as TrainingSpec["precision"],
      ...(r.stack === undefined ? {} : {stack: r.stack as NonNullable<TrainingSpec["stack"]>})
    }));

  it("random valid specs (fixed seed): status 0, every number finite, every null explained", () => {
    fc.assert(
      fc.property(spec, (s) => {
        fc.pre(layoutIssues(s).length === 0);
        const out = estimateCommand.run([], () => JSON.stringify(s)) as Record<string, unknown>;
        const because = (out.unknownBecause ?? {}) as Record<string, string>;
        const walk = (v: unknown, path: string[]): void => {
          if (typeof v === "number") expect(Number.isFinite(v), path.join(".")).toBe(true);
          else if (v === null) {
            // A null is explained by its own field's reason, or (inside range) by the field it is the range of.
            const key = path[0] === "range" ? path[1]! : path[0]!;
            expect(because[key] ?? because[path[0]!], `${path.join(".")} is null without a reason`).toBeTypeOf("string");
          } else if (typeof v === "object") for (const [k, x] of Object.entries(v as object)) walk(x, [...path, k]);
        };
        walk(out, []);
      }),
      {seed: 17, numRuns: 120}
    );
  }, 120_000);
});
