import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {loadWithReferences} from "../../loaders/compile.js";
import {gpuSpecFromRecord, precisionSchema, recomputeSchema, stackSchema} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {calculate} from "../../src/components/calculator.js";
import {sortAccelerators} from "../../src/components/acceleratorOrder.js";
import {modelSpecFromRecord} from "../../src/components/models.js";
import type {ModelRecord} from "../../src/components/models.js";
import {DEFAULT_RUN, PRECISION_LABELS, PRECISION_OPTIONS, RECOMPUTE_LABELS, RECOMPUTE_MEANINGS, STACK_OPTIONS, acceleratorOptions, defaultTokens, modelOptions, modelTokensNote, recomputeChoiceNote, stackNote} from "../../src/components/runOptions.js";

const modelRecords = loadWithReferences("models") as unknown as ModelRecord[];
const gpus = loadWithReferences("gpus").map((r) => gpuSpecFromRecord(r as unknown as GpuRecord));
const page = (name: string) => readFileSync(new URL(`../../src/${name}.md`, import.meta.url), "utf8");
const pageEntry = (name: string) => readFileSync(new URL(`../../src/components/pages/${name}.ts`, import.meta.url), "utf8");

/**
 * The names a page takes from runOptions: from its own import of ./components/runOptions.js, or,
 * for a page that loads its modules as one bundle (scripts/bundlePages.ts), from its entry's
 * re-export of ../runOptions.js together with the page's import of the bundle.
 */
function namesFromRunOptions(name: string): string[] {
  const names = (list: string) => list.split(",").map((s) => s.trim()).filter(Boolean);
  const direct = /import\s*\{([^}]*)\}\s*from "\.\/components\/runOptions\.js"/.exec(page(name));
  if (direct) return names(direct[1]!);
  const viaBundle = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from "\\./components/bundled/${name}\\.js"`).exec(page(name));
  const reexport = /export\s*\{([^}]*)\}\s*from "\.\.\/runOptions\.js"/.exec(pageEntry(name));
  if (!viaBundle || !reexport) return [];
  const imported = new Set(names(viaBundle[1]!));
  return names(reexport[1]!).filter((n) => imported.has(n));
}

describe("one set of run options for every planning page", () => {
  it("offers every precision the engine takes, each with one distinct label, BF16 first and FP32 last", () => {
    expect([...PRECISION_OPTIONS].sort()).toEqual([...precisionSchema.options].sort());
    const labels = PRECISION_OPTIONS.map((p) => PRECISION_LABELS[p]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(PRECISION_OPTIONS[0]).toBe("bf16-master-fp32");
    expect(PRECISION_OPTIONS.at(-1)).toBe("fp32");
    expect(PRECISION_LABELS["fp16-master-fp32"]).toMatch(/FP16 mixed precision \(loss scaling/);
  });

  it("offers every software stack and recomputation mode the engine takes", () => {
    expect([...STACK_OPTIONS].sort()).toEqual([...stackSchema.options].sort());
    expect(Object.keys(RECOMPUTE_LABELS)).toEqual([...recomputeSchema.options]);
    // Each mode is explained in one sentence under the picker (the calculator and the memory page).
    expect(Object.keys(RECOMPUTE_MEANINGS)).toEqual([...recomputeSchema.options]);
    for (const [mode, sentence] of Object.entries(RECOMPUTE_MEANINGS)) expect(sentence, mode).toMatch(/^[a-zP][^.]{20,}[^.]$/);
  });

  it("the notes under the pickers and the token slider say what the choice means, in one sentence", () => {
    expect(recomputeChoiceNote("selective")).toBe(`Selective (attention): ${RECOMPUTE_MEANINGS.selective}.`);
    expect(stackNote("pytorch")).toMatch(/^Plain PyTorch: eager autocast, .{20,}\.$/);
    for (const stack of STACK_OPTIONS) expect(stackNote(stack)).not.toMatch(/undefined|\.\.$/);
    const llama = modelRecords.find((m) => m.id === "llama3.1-70b")!;
    expect(modelTokensNote(llama)).toBe("Llama 3.1 70B was trained on 15T tokens (Llama Team 2024).");
    expect(modelTokensNote({...llama, name: "X", training_tokens_billions: null})).toBe("X's training tokens are not published; the default is 20 tokens per parameter (Hoffmann et al. 2022, Chinchilla).");
  });

  it("every model's token note cites a document in a few words that wrap on a 375 px phone (no URL, no long path: Qwen2.5's once began with a Hugging Face URL and pushed the calculator 151 px wide)", () => {
    for (const m of modelRecords) {
      const note = modelTokensNote(m);
      const citation = /\((.*)\)\.$/.exec(note)?.[1] ?? "";
      expect(note, m.id).not.toMatch(/https?:|undefined/);
      expect(citation.length, `${m.id}: ${citation}`).toBeLessThanOrEqual(120);
      for (const word of note.split(/\s+/)) expect(word.length, `${m.id}: "${word}"`).toBeLessThanOrEqual(48);
    }
  });

  it("names models and accelerators from the data, accelerators sorted by vendor, year and name", () => {
    const models = modelOptions(modelRecords);
    expect(models.ids).toEqual(modelRecords.map((m) => m.id));
    expect(models.label("gpt3-175b")).toBe("GPT-3 175B");
    const accelerators = acceleratorOptions(gpus);
    expect(accelerators.gpus).toEqual(sortAccelerators(gpus));
    expect(accelerators.ids.indexOf("v100-sxm2-32gb")).toBeLessThan(accelerators.ids.indexOf("a100-sxm4-80gb"));
    expect(accelerators.label("h100-sxm5-80gb")).toBe("NVIDIA H100 SXM5 80GB");
  });

  it("the default job exists in the data and is feasible and priced on the calculator", () => {
    const record = modelRecords.find((m) => m.id === DEFAULT_RUN.model)!;
    const gpu = gpus.find((g) => g.id === DEFAULT_RUN.gpu)!;
    expect(record).toBeDefined();
    expect(gpu).toBeDefined();
    const r = calculate({model: modelSpecFromRecord(record), tokens: 15e12, gpu, gpuCount: 4096, usdPerGpuHour: 2, precision: DEFAULT_RUN.precision, tp: DEFAULT_RUN.tp, pp: DEFAULT_RUN.pp, ep: 8, zeroStage: DEFAULT_RUN.zeroStage, recompute: DEFAULT_RUN.recompute, microBatch: DEFAULT_RUN.microBatch, globalBatchTokens: 16e6, stack: DEFAULT_RUN.stack});
    expect(r.estimate.feasible).toBe(true);
    expect(r.estimate.costUsd).toBeGreaterThan(0);
  });

  for (const name of ["index", "memory", "levers"]) {
    it(`/${name === "index" ? "" : name} takes its model, accelerator and precision options and defaults from runOptions, and defines none of its own`, () => {
      const source = page(name);
      expect(namesFromRunOptions(name)).toEqual(expect.arrayContaining(["DEFAULT_RUN", "acceleratorOptions", "modelOptions"]));
      expect(source).toMatch(/model: \{kind: "id", ids: models\.ids, default: DEFAULT_RUN\.model\}/);
      expect(source).toMatch(/gpu: \{kind: "id", ids: accelerators\.ids, default: DEFAULT_RUN\.gpu\}/);
      expect(source).toMatch(/format: models\.label/);
      expect(source).toMatch(/format: accelerators\.label/);
      // No page-local label table for a precision, and no hard-coded default model or accelerator.
      expect(source).not.toMatch(/"bf16-master-fp32":\s*"/);
      expect(source).not.toMatch(/default: "(llama3\.1-70b|h100-sxm5-80gb|bf16-master-fp32|megatron|selective)"/);
    });
  }

  it("a model starts on its published tokens, else Chinchilla's 20 per parameter, on the calculator and /levers alike", () => {
    const gpt3 = modelRecords.find((m) => m.id === "gpt3-175b")!;
    expect(defaultTokens(gpt3)).toBe(300e9);
    expect(defaultTokens({training_tokens_billions: null, params_billions: 7})).toBe(140e9);
    for (const name of ["index", "levers"]) expect(page(name)).toMatch(/url\.set\("tokens", defaultTokens\(/);
  });

  it("/case-studies runs GPT-3 on V100s in FP16 mixed precision (the V100 has no BF16), never BF16", () => {
    const source = page("case-studies");
    const component = readFileSync(new URL("../../src/components/gpt3OnV100s.ts", import.meta.url), "utf8");
    // The page's run and case 1 both come from gpt3OnV100s.ts, whose runs train in FP16.
    expect(source).toMatch(/gpt3OnV100s = \(mfu, usdPerGpuHour\) => gpt3OnV100sEstimate\(gpt3, v100/);
    expect(source).toMatch(/gpt3V100Case\(gpt3, v100/);
    expect(component).toMatch(/export function gpt3OnV100s\([^]*?parallelism: GPT3_LAYOUT, precision: "fp16-master-fp32"/);
    expect(source).not.toMatch(/peakTrainingFlopsPerSecond\(v100, "bf16/);
    expect(component).not.toMatch(/bf16-/);
  });
});
