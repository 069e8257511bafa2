import {describe, expect, it} from "vitest";
import {sortAccelerators} from "../../src/components/acceleratorOrder.js";
import {gpuSpecFromRecord} from "../../src/engine/index.js";
import type {GpuRecord} from "../../src/engine/index.js";
import {loadWithReferences} from "../../loaders/compile.js";

describe("sortAccelerators", () => {
  it("orders data/gpus.csv by vendor, then year, then name: AMD first, V100s before A100s before H100s, TPU v3 before v4", () => {
    const names = sortAccelerators((loadWithReferences("gpus") as unknown as GpuRecord[]).map(gpuSpecFromRecord)).map((g) => g.name);
    expect(names[0]).toMatch(/^AMD/);
    const at = (n: string) => names.indexOf(n);
    expect(at("NVIDIA V100 SXM2 16GB")).toBeLessThan(at("NVIDIA V100 SXM2 32GB"));
    expect(at("NVIDIA V100 SXM2 32GB")).toBeLessThan(at("NVIDIA A100 SXM4 40GB"));
    expect(at("NVIDIA A100 SXM4 80GB")).toBeLessThan(at("NVIDIA H100 SXM5 80GB"));
    expect(at("Google TPU v3")).toBeLessThan(at("Google TPU v4"));
    expect(at("Google TPU v4")).toBeLessThan(at("Intel Gaudi 3"));
  });
});
