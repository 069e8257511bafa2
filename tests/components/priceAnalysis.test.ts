import {describe, expect, it} from "vitest";
import {ACCELERATOR_LABELS, DEFAULT_HISTORY_ACCELERATOR, HISTORY_ACCELERATOR_CHOICES, acceleratorLabel, priceDataSummary, priceHistorySummary, acceleratorsIn, cheapestEffective, historyTimeAxis, kindRatios, kindSpread, priceHistory, priceObservations} from "../../src/components/priceAnalysis.js";
import {BAD_NUMBER} from "../browser/pageChecks.js";
import {loadWithReferences} from "../../loaders/compile.js";
import type {ChipPeak, CloudPriceRow, PriceObservation} from "../../src/components/priceAnalysis.js";

function obs(over: Partial<PriceObservation>): PriceObservation {
  return {id: "x", provider: "P", offering: "o", gpuId: "h100-sxm5-80gb", accelerator: "h100", pricingModel: "on-demand", commitmentTerm: null, usdPerGpuHour: 2, observed: new Date("2026-01-01"), source: "s", ...over};
}

const peaks = new Map<string, ChipPeak>([
  ["h100-sxm5-80gb", {name: "NVIDIA H100 SXM5 80GB", peakBf16Tflops: 989.4, source: "H100 datasheet"}],
  ["a100-sxm4-80gb", {name: "NVIDIA A100 SXM4 80GB", peakBf16Tflops: 312, source: "A100 datasheet"}]
]);

describe("priceObservations", () => {
  const row = (over: Partial<CloudPriceRow>): CloudPriceRow => ({
    id: "x", provider: "P", offering: "o", gpu_id: null, accelerator: "h100", pricing_model: "spot", commitment_term: null,
    usd_per_gpu_hour: 2, observed_date: Date.UTC(2025, 0, 1), source: "s", ...over
  });

  it("sorts the price rows oldest first, same-day rows by id, and reads the date as a Date", () => {
    const out = priceObservations([row({id: "b"}), row({id: "c", observed_date: Date.UTC(2023, 6, 27)}), row({id: "a"})]);
    expect(out.map((o) => o.id)).toEqual(["c", "a", "b"]);
    expect(out[0]!.observed.toISOString().slice(0, 10)).toBe("2023-07-27");
  });

  it("renames the columns as the charts read them and leaves the rows given unsorted", () => {
    const given = [row({id: "b", gpu_id: "h100-sxm5-80gb", commitment_term: "1 year"}), row({id: "a"})];
    expect(priceObservations(given)[1]).toEqual({
      id: "b", provider: "P", offering: "o", gpuId: "h100-sxm5-80gb", accelerator: "h100", pricingModel: "spot", commitmentTerm: "1 year",
      usdPerGpuHour: 2, observed: new Date(Date.UTC(2025, 0, 1)), source: "s"
    });
    expect(given.map((r) => r.id)).toEqual(["b", "a"]);
  });

  it("the default history accelerator is one of the page's labels", () => {
    expect([...ACCELERATOR_LABELS.values()]).toContain(DEFAULT_HISTORY_ACCELERATOR);
  });
});

describe("priceHistory", () => {
  it("keeps one accelerator's observations, oldest first, each on a provider · kind line", () => {
    const rows = [obs({id: "b", observed: new Date("2025-01-01")}), obs({id: "a", observed: new Date("2023-07-27"), provider: "AWS"}), obs({id: "c", accelerator: "a100-80gb"})];
    const history = priceHistory(rows, "H100");
    expect(history.map((h) => h.id)).toEqual(["a", "b"]);
    expect(history[0]!.series).toBe("AWS · on-demand");
  });

  it("lists the accelerators present in display order", () => {
    expect(acceleratorsIn([obs({accelerator: "tpu-v5e"}), obs({accelerator: "a100-40gb"}), obs({accelerator: "h100"})])).toEqual(["A100 40GB", "H100", "TPU v5e"]);
  });
});

describe("the page's sentences about its prices", () => {
  const rows = [
    obs({id: "a", provider: "AWS", observed: new Date("2023-07-27")}),
    obs({id: "b", provider: "Lambda", observed: new Date("2026-11-09")}),
    obs({id: "c", provider: "AWS", accelerator: "a100-80gb", observed: new Date("2021-05-20")})
  ];

  it("the data: how many prices, from how many providers, earliest to latest, whatever the order given", () => {
    expect(priceDataSummary([rows[1]!, rows[2]!, rows[0]!])).toBe("The 3 prices in data/cloud_prices.csv come from 2 providers and were observed between 2021-05-20 and 2026-11-09; each row names its source, the date, and how the per-GPU figure was read from it.");
    expect(priceDataSummary([])).toBe("data/cloud_prices.csv holds no prices yet.");
  });

  it("an accelerator's history: its own prices and providers, first to last date; none without a price", () => {
    expect(priceHistorySummary(priceHistory(rows, "H100"), "H100")).toBe("2 prices for H100 from 2 providers, 2023-07-27 to 2026-11-09.");
    expect(priceHistorySummary(priceHistory(rows, "A100 80GB"), "A100 80GB")).toBe("1 price for A100 80GB from 1 provider, 2021-05-20 to 2021-05-20.");
    expect(priceHistorySummary(priceHistory(rows, "TPU v3"), "TPU v3")).toBeNull();
  });

  it("the accelerator select offers every label once, the default among them", () => {
    expect(HISTORY_ACCELERATOR_CHOICES).toEqual([...new Set(ACCELERATOR_LABELS.values())]);
    expect(HISTORY_ACCELERATOR_CHOICES).toContain(DEFAULT_HISTORY_ACCELERATOR);
    expect(HISTORY_ACCELERATOR_CHOICES.filter((l) => l === "H100")).toHaveLength(1);
  });
});

describe("kindSpread and kindRatios", () => {
  const rows = [
    obs({usdPerGpuHour: 4}), obs({usdPerGpuHour: 2}), obs({usdPerGpuHour: 3}),
    obs({pricingModel: "spot", usdPerGpuHour: 1}), obs({pricingModel: "spot", usdPerGpuHour: 2}),
    obs({pricingModel: "reserved", commitmentTerm: "1 year", usdPerGpuHour: 2.7}),
    obs({pricingModel: "spot", usdPerGpuHour: 0.1, observed: new Date("2022-06-01")})
  ];

  it("gives min, median and max per accelerator and kind, ignoring prices before the chosen year", () => {
    expect(kindSpread(rows, 2024)).toEqual([
      {accelerator: "H100", pricingModel: "on-demand", count: 3, minUsdPerGpuHour: 2, medianUsdPerGpuHour: 3, maxUsdPerGpuHour: 4},
      {accelerator: "H100", pricingModel: "reserved", count: 1, minUsdPerGpuHour: 2.7, medianUsdPerGpuHour: 2.7, maxUsdPerGpuHour: 2.7},
      {accelerator: "H100", pricingModel: "spot", count: 2, minUsdPerGpuHour: 1, medianUsdPerGpuHour: 1.5, maxUsdPerGpuHour: 2}
    ]);
    expect(kindSpread(rows, 2020).find((s) => s.pricingModel === "spot")!.minUsdPerGpuHour).toBe(0.1);
  });

  it("divides each kind's median by the on-demand median: spot 1.5/3 = 0.5, reserved 2.7/3 = 0.9", () => {
    expect(kindRatios(kindSpread(rows, 2024))).toEqual([{accelerator: "H100", spotToOnDemand: 0.5, reservedToOnDemand: 0.9, capacityBlockToOnDemand: null}]);
  });

  it("gives no ratio for an accelerator without an on-demand price", () => {
    expect(kindRatios(kindSpread([obs({pricingModel: "spot"})], 2024))).toEqual([]);
  });
});

describe("cheapestEffective", () => {
  it("divides the price by dense BF16 peak × MFU: $2/h on a 989.4 TFLOP/s H100 at 40% MFU is $5.05 per PFLOP-hour", () => {
    const [best] = cheapestEffective([obs({})], peaks, {mfu: 0.4, windowDays: 365, kinds: ["on-demand"]});
    expect(best!.usdPerEffectivePflopHour).toBeCloseTo(2 / (0.9894 * 0.4), 6);
    expect(best!.peakSource).toBe("H100 datasheet");
  });

  it("keeps the cheapest recent price per chip, skips unidentified parts, old prices and unchosen kinds", () => {
    const rows = [
      obs({id: "h100-dear", usdPerGpuHour: 3}), obs({id: "h100-cheap", usdPerGpuHour: 2}),
      obs({id: "h100-old", usdPerGpuHour: 0.5, observed: new Date("2024-01-01")}),
      obs({id: "h100-spot", usdPerGpuHour: 0.8, pricingModel: "spot"}),
      obs({id: "a100-unknown-form", gpuId: null, accelerator: "a100-80gb", usdPerGpuHour: 0.1}),
      obs({id: "a100", gpuId: "a100-sxm4-80gb", accelerator: "a100-80gb", usdPerGpuHour: 1})
    ];
    const best = cheapestEffective(rows, peaks, {mfu: 0.5, windowDays: 365, kinds: ["on-demand"]});
    expect(best.map((b) => b.id)).toEqual(["h100-cheap", "a100"]);
    expect(cheapestEffective(rows, peaks, {mfu: 0.5, windowDays: 365, kinds: ["spot"]}).map((b) => b.id)).toEqual(["h100-spot"]);
  });

  it("halving MFU doubles every price per effective PFLOP-hour", () => {
    const at40 = cheapestEffective([obs({})], peaks, {mfu: 0.4, windowDays: 365, kinds: ["on-demand"]})[0]!;
    const at20 = cheapestEffective([obs({})], peaks, {mfu: 0.2, windowDays: 365, kinds: ["on-demand"]})[0]!;
    expect(at20.usdPerEffectivePflopHour / at40.usdPerEffectivePflopHour).toBeCloseTo(2, 12);
  });

  it("returns nothing for no rows or an MFU of zero, never NaN", () => {
    expect(cheapestEffective([], peaks, {mfu: 0.4, windowDays: 365, kinds: ["on-demand"]})).toEqual([]);
    expect(cheapestEffective([obs({})], peaks, {mfu: 0, windowDays: 365, kinds: ["on-demand"]})).toEqual([]);
  });
});

describe("acceleratorLabel", () => {
  it("names every accelerator family in words, with no placeholder for an unknown figure", () => {
    for (const label of ACCELERATOR_LABELS.values()) expect(label).not.toMatch(BAD_NUMBER);
    expect(acceleratorLabel("a100")).toBe("A100 40/80GB");
  });

  it("names every accelerator family of data/training_runs.csv (the capability page's 'Run on' column), never by its id", () => {
    const runs = loadWithReferences("training_runs") as unknown as {accelerator: string | null}[];
    const families = [...new Set(runs.map((r) => r.accelerator).filter((a): a is string => a !== null))];
    expect(families.length).toBeGreaterThan(0);
    for (const family of families) expect(ACCELERATOR_LABELS.has(family), family).toBe(true);
  });
});

describe("historyTimeAxis", () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  it("gives prices read on one date a day either side and that date as the only tick (a time scale would tick by the hour)", () => {
    const axis = historyTimeAxis([day("2024-12-20"), day("2024-12-20"), day("2024-12-20")]);
    expect(axis).toEqual({domain: [day("2024-12-19"), day("2024-12-21")], ticks: [day("2024-12-20")]});
  });
  it("ticks each date of a history within two weeks (TPU v6e: 2024-12-20 to 12-23), and leaves longer histories to the scale", () => {
    expect(historyTimeAxis([day("2024-12-23"), day("2024-12-20"), day("2024-12-20")])).toEqual({domain: [day("2024-12-19"), day("2024-12-24")], ticks: [day("2024-12-20"), day("2024-12-23")]});
    expect(historyTimeAxis([day("2024-12-20"), day("2025-01-03")])).toBeNull();
    expect(historyTimeAxis([])).toBeNull();
  });
});
