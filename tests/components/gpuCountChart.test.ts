// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {countOf, gpuCountChart, gpuCountChartSpec, gpuTick, infeasibleSummary} from "../../src/components/gpuCountChart.js";
import {toSvgDom} from "../../src/components/virtualSvg.js";
import type {SvgElementSpec} from "../../src/components/virtualSvg.js";
import type {GpuCountPoint} from "../../src/components/gpuCountSweep.js";

// Fixture: 1 and 2 GPUs do not fit; 4, 8 and 16 are priced; 32 is refused; 64 is priced and is the reader's.
const priced = (gpus: number, costUsd: number, yours = false): GpuCountPoint => ({
  gpus, yours, layout: `tensor 1 × pipeline 1 × data ${gpus}`, feasible: true, reason: null,
  costUsd, costUsdLow: costUsd * 0.9, costUsdHigh: costUsd * 1.5,
  wallClockDays: 1000 / gpus, wallClockDaysLow: 900 / gpus, wallClockDaysHigh: 1500 / gpus, mfu: 0.4
});
const refused = (gpus: number, reason: string): GpuCountPoint => ({
  gpus, yours: false, layout: `tensor 1 × pipeline 1 × data ${gpus}`, feasible: false, reason,
  costUsd: null, costUsdLow: null, costUsdHigh: null, wallClockDays: null, wallClockDaysLow: null, wallClockDaysHigh: null, mfu: null
});
const points: GpuCountPoint[] = [
  refused(1, "does not fit: 160 GB per GPU, 80 GB of memory"),
  refused(2, "does not fit: 90 GB per GPU, 80 GB of memory"),
  priced(4, 1e6), priced(8, 1.1e6), priced(16, 1.3e6),
  refused(32, "Interruptions would leave no time to train on this many accelerators"),
  priced(64, 2e6, true)
];

describe("gpuCountChart", () => {
  it("marks each infeasible count with a × and its reason, and prices only the feasible ones", () => {
    const svg = gpuCountChart(points, {width: 600, metric: "cost"});
    expect([...svg.querySelectorAll("g[data-infeasible]")].map((g) => g.getAttribute("data-infeasible"))).toEqual(["1", "2", "32"]);
    expect(svg.querySelector('g[data-infeasible="1"] title')!.textContent).toMatch(/does not fit/);
    expect([...svg.querySelectorAll("circle[data-gpus]")].map((c) => c.getAttribute("data-gpus"))).toEqual(["4", "8", "16", "64"]);
  });

  it("breaks the line at an infeasible count: two runs, 4–16 and 64", () => {
    const svg = gpuCountChart(points, {width: 600, metric: "days"});
    expect(svg.querySelectorAll("path[data-line]")).toHaveLength(2);
    expect(svg.querySelectorAll("path[data-band]")).toHaveLength(1);
  });

  it("rings the reader's point and labels it with its value", () => {
    const cost = gpuCountChart(points, {width: 600, metric: "cost"});
    expect(cost.querySelector("g[data-current]")!.textContent).toBe("you: 64 GPUs, $2M");
    const days = gpuCountChart(points, {width: 600, metric: "days"});
    expect(days.querySelector("g[data-current]")!.textContent).toBe("you: 64 GPUs, 15.6 days");
  });

  it("says 'infeasible', never a price, when the reader's own count cannot run", () => {
    const mine = points.map((p) => ({...p, yours: p.gpus === 2}));
    const svg = gpuCountChart(mine, {width: 600, metric: "cost"});
    expect(svg.querySelector("g[data-current]")!.textContent).toBe("you: 2 GPUs, infeasible");
    const one = gpuCountChart(points.map((p) => ({...p, yours: p.gpus === 1})), {width: 600, metric: "cost"});
    expect(one.querySelector("g[data-current]")!.textContent).toBe("you: 1 GPU, infeasible");
  });

  it("counts TPU chips, not GPUs, when told", () => {
    const svg = gpuCountChart(points, {width: 600, metric: "days", unit: "TPU chip"});
    expect(svg.querySelector("g[data-current]")!.textContent).toBe("you: 64 TPU chips, 15.6 days");
    expect(svg.textContent).toContain("TPU chips →");
    expect(svg.getAttribute("aria-label")).toMatch(/against the number of TPU chips/);
    expect(infeasibleSummary(points, "TPU chip")).toMatch(/at 1 and 2 TPU chips/);
  });

  it("puts a higher cost higher up, and more GPUs further right", () => {
    const svg = gpuCountChart(points, {width: 600, metric: "cost"});
    const at = (n: number) => svg.querySelector(`circle[data-gpus="${n}"]`)!;
    expect(Number(at(16).getAttribute("cy"))).toBeLessThan(Number(at(4).getAttribute("cy")));
    expect(Number(at(16).getAttribute("cx"))).toBeGreaterThan(Number(at(4).getAttribute("cx")));
  });

  it("fits 375 px: every point inside the width, and the reader's label too at either end of the axis", () => {
    const svg = gpuCountChart(points, {width: 311, metric: "cost"});
    for (const c of svg.querySelectorAll("circle")) {
      const cx = Number(c.getAttribute("cx"));
      expect(cx).toBeGreaterThanOrEqual(0);
      expect(cx).toBeLessThanOrEqual(311);
    }
    for (const mine of [4, 64]) {
      const label = gpuCountChart(points.map((p) => ({...p, yours: p.gpus === mine})), {width: 311, metric: "cost"}).querySelector("g[data-current] text")!;
      const x = Number(label.getAttribute("x"));
      const estimate = label.textContent!.length * 7.5;
      const [from, to] = label.getAttribute("text-anchor") === "end" ? [x - estimate, x] : [x, x + estimate];
      expect(from).toBeGreaterThanOrEqual(0);
      expect(to).toBeLessThanOrEqual(311);
    }
  });

  it("keeps the reader's label clear of the y-axis tick labels at 375 px, wherever the reader's point is", () => {
    // The calculator's own span, 1 to 131,072 GPUs, as on the home page's phone view (the reader at 4,096).
    const wide = Array.from({length: 18}, (_, k) => priced(2 ** k, 1e7 * (1 + k / 10)));
    for (const mine of [1, 64, 1024, 4096, 16384, 131072]) {
      const svg = gpuCountChart(wide.map((p) => ({...p, yours: p.gpus === mine})), {width: 280, metric: "cost"});
      const label = svg.querySelector("g[data-current] text")!;
      const x = Number(label.getAttribute("x"));
      const estimate = label.textContent!.length * 7.5;
      const from = label.getAttribute("text-anchor") === "end" ? x - estimate : x;
      // The tick labels end at their x (text-anchor end), left of the plot.
      const ticks = [...svg.querySelectorAll("text[text-anchor=end]")].filter((t) => t !== label && /^\$/.test(t.textContent ?? ""));
      expect(ticks.length).toBeGreaterThan(0);
      const tickEnd = Math.max(...ticks.map((t) => Number(t.getAttribute("x"))));
      expect(from, `reader at ${mine} GPUs`).toBeGreaterThanOrEqual(tickEnd);
    }
  });

  it("says so in the panel when no count can run", () => {
    const svg = gpuCountChart(points.filter((p) => !p.feasible), {width: 600, metric: "cost"});
    expect(svg.textContent).toContain("Infeasible at every count");
    expect(svg.querySelectorAll("circle[data-gpus]")).toHaveLength(0);
  });
});

describe("gpuTick and infeasibleSummary", () => {
  it("countOf writes 1 GPU, 4,096 GPUs, 2 TPU chips", () => {
    expect([countOf(1, "GPU"), countOf(4096, "GPU"), countOf(2, "TPU chip")]).toEqual(["1 GPU", "4,096 GPUs", "2 TPU chips"]);
  });

  it("gpuTick writes 1, 100, 2k, 131k, 1M", () => {
    expect([1, 100, 2000, 131072, 1e6].map(gpuTick)).toEqual(["1", "100", "2k", "131k", "1M"]);
  });

  it("infeasibleSummary names the counts that do not fit, then each other reason as a sentence of its own", () => {
    expect(infeasibleSummary(points)).toBe("× marks counts that cannot run and are not priced: does not fit in memory at 1 and 2 GPUs. At 32 GPUs: Interruptions would leave no time to train on this many accelerators.");
    expect(infeasibleSummary(points.filter((p) => p.gpus > 2))).toBe("× marks counts that cannot run and are not priced. At 32 GPUs: Interruptions would leave no time to train on this many accelerators.");
    expect(infeasibleSummary(points.filter((p) => p.feasible))).toBe("");
  });

  it("describes unchanged axes as the very same objects (patching skips them), and new ones when they change", () => {
    const group = (spec: SvgElementSpec, attr: string) => spec.children.find((c) => typeof c !== "string" && attr in c.attrs) as SvgElementSpec;
    const moved = points.map((p) => (p.gpus === 64 ? {...p, costUsd: 2.1e6} : p));
    const [a, b] = [gpuCountChartSpec(points, {width: 600, metric: "cost"}), gpuCountChartSpec(moved, {width: 600, metric: "cost"})];
    expect(group(b, "data-x-ticks")).toBe(group(a, "data-x-ticks"));
    expect(group(b, "data-y-ticks")).toBe(group(a, "data-y-ticks"));
    // Another width or metric: other ticks, drawn as a fresh build draws them.
    const narrow = gpuCountChartSpec(points, {width: 375, metric: "cost"});
    expect(group(narrow, "data-x-ticks")).not.toBe(group(a, "data-x-ticks"));
    const days = gpuCountChartSpec(points, {width: 600, metric: "days"});
    expect(group(days, "data-y-ticks")).not.toBe(group(a, "data-y-ticks"));
    expect((toSvgDom(group(days, "data-y-ticks")) as Element).textContent).not.toBe((toSvgDom(group(a, "data-y-ticks")) as Element).textContent);
  });
});
