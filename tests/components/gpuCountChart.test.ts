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

  it("breaks the line at an infeasible count: two runs, 4–16 and 64–128", () => {
    // The sweep's fixed counts (gpuCountSweeper.fixed): the reader's 64 is also one of them.
    const fixed = [...points.map((p) => ({...p, yours: false})), priced(128, 2.5e6)];
    const svg = gpuCountChart(points, {width: 600, metric: "days", fixed});
    expect(svg.querySelectorAll("path[data-line]")).toHaveLength(2);
    expect(svg.querySelectorAll("path[data-band]")).toHaveLength(2);
    // Without the fixed counts the curve runs through the other points: 4–16 alone; 64 is the reader's dot.
    const own = gpuCountChart(points, {width: 600, metric: "days"});
    expect(own.querySelectorAll("path[data-line]")).toHaveLength(1);
    expect(own.querySelector('g[data-yours] circle[data-gpus="64"]')).not.toBeNull();
  });

  it("draws the curve through the fixed counts only: the reader's point between two of them is a dot of its own, on the line's span", () => {
    const fixed = [priced(4, 1e6), priced(8, 1.1e6), priced(16, 1.3e6)];
    const mine = {...priced(12, 1.2e6), yours: true};
    const svg = gpuCountChart([fixed[0]!, fixed[1]!, mine, fixed[2]!], {width: 600, metric: "cost", fixed});
    const line = svg.querySelector("path[data-line]")!.getAttribute("d")!;
    expect(line.split("L")).toHaveLength(3);
    const dot = svg.querySelector('g[data-yours] circle[data-gpus="12"]')!;
    const at = (n: number) => Number(svg.querySelector(`g[data-points] circle[data-gpus="${n}"]`)!.getAttribute("cx"));
    expect(Number(dot.getAttribute("cx"))).toBeGreaterThan(at(8));
    expect(Number(dot.getAttribute("cx"))).toBeLessThan(at(16));
    expect(svg.querySelector("g[data-current]")!.textContent).toBe("you: 12 GPUs, $1.2M");
    // A reader on a fixed count is that count's point: no second dot.
    const onFixed = gpuCountChart([fixed[0]!, {...fixed[1]!, yours: true}, fixed[2]!], {width: 600, metric: "cost", fixed});
    expect(onFixed.querySelectorAll('circle[data-gpus="8"]')).toHaveLength(1);
    expect(onFixed.querySelector("g[data-yours]")!.childNodes).toHaveLength(0);
  });

  it("an infeasible reader's count between fixed ones gets its own ×, once", () => {
    const fixed = [priced(4, 1e6), priced(8, 1.1e6)];
    const mine: GpuCountPoint = {...refused(6, "does not fit: 90 GB per GPU, 80 GB of memory"), yours: true};
    const svg = gpuCountChart([fixed[0]!, mine, fixed[1]!], {width: 600, metric: "cost", fixed});
    expect([...svg.querySelectorAll("g[data-infeasible]")].map((g) => g.getAttribute("data-infeasible"))).toEqual(["6"]);
    expect(svg.querySelector("g[data-current]")!.textContent).toBe("you: 6 GPUs, infeasible");
  });

  it("while only the reader's point moves over the same fixed points, the ×, curves and points are the same descriptions (patching skips them)", () => {
    const fixed = [refused(1, "does not fit: 160 GB per GPU, 80 GB of memory"), priced(4, 1e6), priced(8, 1.1e6), priced(16, 1.3e6), priced(32, 1.6e6)];
    const group = (spec: SvgElementSpec, attr: string) => spec.children.find((c) => typeof c !== "string" && attr in c.attrs) as SvgElementSpec;
    const draw = (mine: GpuCountPoint, list = fixed) => gpuCountChartSpec([...list.filter((p) => p.gpus < mine.gpus), mine, ...list.filter((p) => p.gpus > mine.gpus)], {width: 600, metric: "cost", fixed: list});
    const [a, b] = [draw({...priced(6, 1.05e6), yours: true}), draw({...priced(12, 1.2e6), yours: true})];
    for (const attr of ["data-infeasibles", "data-curves", "data-points"]) expect(group(b, attr), attr).toBe(group(a, attr));
    expect(group(b, "data-current")).not.toBe(group(a, "data-current"));
    // Other fixed points (another model, price …): drawn again.
    const other = fixed.map((p) => (p.feasible ? priced(p.gpus, (p.costUsd ?? 0) * 2) : p));
    expect(group(draw({...priced(12, 2.4e6), yours: true}, other), "data-curves")).not.toBe(group(a, "data-curves"));
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
