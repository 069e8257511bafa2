import {describe, expect, it} from "vitest";
import {KNOWN_MISSES, SYSTEM_SETTINGS, knownMissLimitPoints, summarizeValidation, validateSystemMfu} from "../../../src/engine/index.js";
import {GPUS, systemMfuRows} from "./helpers.js";

describe("validation against published utilisation (data/system_mfu.csv; nothing here was fitted)", () => {
  const table = validateSystemMfu(systemMfuRows(), GPUS);
  const compared = table.filter((r) => r.status === "compared");

  it("compares every row whose inputs are published: Narayanan 2021 Table 1, Korthikanti 2022 Table 5, MosaicML LLM Foundry (H100, A100 80GB and A100 40GB), Llama 3 405B at 8K (Table 4), MegaScale's Megatron-LM baseline (Table 2, Figure 9, Table 3's baseline row), Nemotron-4 340B (Table 2), NeMo's H100 benchmarks (DGX Cloud: Nemotron-4 340B, Llama 3.1 8B/70B/405B in BF16 and FP8) and NeMo's and Megatron-Bridge's published H100 FP8 tables", () => {
    expect(compared.length).toBe(76);
    expect(compared.filter((r) => r.id.startsWith("dgxc2502-llama31-")).length).toBe(12);
    expect(compared.filter((r) => r.id.startsWith("nemo2407-")).length).toBe(12);
    expect(compared.filter((r) => r.id.startsWith("mbridge")).length).toBe(4);
    expect(compared.filter((r) => r.id.startsWith("llm-foundry-")).length).toBe(15);
    expect(compared.filter((r) => r.id.startsWith("megascale-2024-megatron-")).length).toBe(12);
    expect(compared.filter((r) => r.id.includes("nemotron4-340b")).length).toBe(4);
  });
  it("derives each NeMo / Megatron-Bridge FP8 row's MFU from its tokens/s with the engine's FLOPs per token (within 0.5% of NeMo 24.07's own TFLOP/s ÷ 1979; Megatron-Bridge counts half the attention matrix, so its TFLOP/s are lower)", () => {
    for (const row of compared.filter((r) => /^(nemo2407|mbridge|dgxc2502)/.test(r.id))) {
      const csv = systemMfuRows().find((r) => r.id === row.id)!;
      const perToken = row.prediction!.modelFlopsPerStep / row.prediction!.tokensPerStep;
      const tokensPerSecondPerGpu = (row.reported! * 1978.9e12) / perToken;
      const fromTable = (csv as unknown as {tflops_per_gpu: number}).tflops_per_gpu / 1978.9;
      if (row.id.startsWith("nemo2407")) expect(Math.abs(fromTable / row.reported! - 1)).toBeLessThan(0.005);
      else if (row.id.startsWith("mbridge")) expect(fromTable).toBeLessThan(row.reported!);
      // The DGX Cloud tables print MFU with the same FLOPs formula (its 405B rows count a 128,256 vocabulary where GPT-2's ran: 0.3% more).
      else expect(Math.abs(Number((csv as unknown as {mfu_pct: string}).mfu_pct.replace("%", "")) / 100 / row.reported! - 1)).toBeLessThan(0.006);
      expect(tokensPerSecondPerGpu).toBeGreaterThan(250);
    }
  });
  it("leaves MegaScale's own rows incomplete: its model changes (parallel blocks, sliding-window attention) are not in the engine", () => {
    for (const row of table.filter((r) => r.id.startsWith("megascale-2024-megascale-"))) expect(row.status).toBe("incomplete");
  });
  it("predicts Llama 3 405B's published layouts, whose 126 layers do not divide over pp 16 (Llama Team 2024, Table 4: 43% MFU on 8,192 GPUs, 41% on 16,384)", () => {
    const llama = compared.filter((r) => r.id.startsWith("llama3-405b-8k"));
    expect(llama.map((r) => r.prediction?.gpus)).toEqual([8192, 16384]);
    // The 128K-context row stays incomplete: its DP is printed as 4 in some transcriptions and 8 in others.
    expect(table.find((r) => r.id === "llama3-405b-128k-16384gpu")?.missing).toEqual(["dp", "recompute"]);
  });
  for (const row of compared) {
    const known = row.id in KNOWN_MISSES;
    const bound = known ? knownMissLimitPoints(row.id) : 5;
    it(`${row.id}: reported ${row.metric} ${(100 * (row.reported ?? 0)).toFixed(1)}%, predicted within ±${bound} points${known ? " (known miss, explained in KNOWN_MISSES)" : ""}`, () => {
      expect(Math.abs(row.errorPoints as number)).toBeLessThanOrEqual(bound);
    });
  }
  it("lists no known miss that now lands within ±5 points (keep the list honest)", () => {
    for (const row of compared.filter((r) => r.id in KNOWN_MISSES)) expect(Math.abs(row.errorPoints as number)).toBeGreaterThan(5);
  });
  it("keeps the errors where they were measured (median 1.89 and mean 2.19 points over 76 rows, 71 within ±5; mean 2.74 and 14 of 15 within ±5 over the held-out rows; a regression guard, not a claim)", () => {
    const s = summarizeValidation(table);
    expect(s.meanAbsErrorPoints).toBeLessThan(2.3);
    expect(s.medianAbsErrorPoints).toBeLessThanOrEqual(2.0);
    expect(s.within5Points).toBeGreaterThanOrEqual(71);
    const held = summarizeValidation(table.filter((r) => r.split === "held-out"));
    expect(held.meanAbsErrorPoints).toBeLessThan(2.8);
    expect(held.within5Points).toBeGreaterThanOrEqual(14);
    // Without NVIDIA's tuned benchmark rows the rest stays where it was (46 of 48 within ±5, 96%).
    const rest = summarizeValidation(table.filter((r) => !/^(nemo2407|mbridge|dgxc2502)/.test(r.id)));
    expect(rest.within5Points).toBeGreaterThanOrEqual(Math.ceil(0.8 * rest.compared));
    expect(rest.meanAbsErrorPoints).toBeLessThan(3.2);
    expect(s.within5Points + Object.keys(KNOWN_MISSES).length).toBe(s.compared);
  });
  it("runs Narayanan 2021's pipelines interleaved (Sec 5.1), at the least degree each layout allows: the smallest divisor above 1 of its layers per stage", () => {
    const settings = SYSTEM_SETTINGS.find((x) => x.sourceSystem.test("Megatron-LM PTD-P (Narayanan et al. 2021)"))!;
    const rows = systemMfuRows().filter((r) => r.id.startsWith("megatron-2021-") && (r.pp ?? 1) > 1);
    expect(rows.length).toBe(6);
    for (const r of rows) {
      const perStage = r.layers! / r.pp!;
      const least = [...Array(perStage).keys()].map((k) => k + 1).find((d) => d > 1 && perStage % d === 0);
      expect(settings.virtualStages?.[r.id]).toBe(least);
      expect(table.find((x) => x.id === r.id)!.status).toBe("compared");
    }
  });
  it("lists what is missing for every row it cannot compare", () => {
    for (const row of table.filter((r) => r.status === "incomplete")) expect(row.missing.length).toBeGreaterThan(0);
  });
});

describe("summarizeValidation", () => {
  it("reports predicted ÷ reported as a range (0.87–1.50 when measured: the relative MFU error an estimate band must allow)", () => {
    const s = summarizeValidation(validateSystemMfu(systemMfuRows(), GPUS));
    const [lo, hi] = s.ratioRange!;
    expect(lo).toBeGreaterThan(0.75);
    expect(hi).toBeLessThan(1.55);
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(1);
  });
});
