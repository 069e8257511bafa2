import {describe, expect, it} from "vitest";
import {NCCL_BUS_EFFICIENCY, allGatherSeconds, allReduceSeconds, allToAllSeconds, bubbleFraction, groupBusBytesPerSecond, reduceScatterSeconds} from "../../../src/engine/index.js";
import {gpu} from "./helpers.js";

describe("ring collectives (Patarasuk & Yuan 2009; nccl-tests bus bandwidth)", () => {
  it("all-reduce moves 2(n−1)/n of the buffer per rank", () => {
    expect(allReduceSeconds(8e9, 8, 1e9)).toBeCloseTo(14, 10);
  });
  it("all-gather + reduce-scatter cost exactly one all-reduce (sequence parallelism is free in volume)", () => {
    expect(allGatherSeconds(1e9, 4, 1e9) + reduceScatterSeconds(1e9, 4, 1e9)).toBeCloseTo(allReduceSeconds(1e9, 4, 1e9), 12);
  });
  it("costs nothing on one rank", () => {
    expect(allReduceSeconds(1e9, 1, 1e9)).toBe(0);
    expect(allToAllSeconds(1e9, 1, 1e9)).toBe(0);
  });
});

describe("group bandwidth", () => {
  const h100 = gpu("h100-sxm5-80gb");
  it("uses one direction of NVLink inside a node: 450 GB/s × 370/450 = 370 GB/s on H100 (nccl-tests #212)", () => {
    expect(groupBusBytesPerSecond(h100, 8, 1)).toBeCloseTo(370e9, -6);
  });
  it("drops to one 50 GB/s NIC per rank when every member sits on a different node", () => {
    expect(groupBusBytesPerSecond(h100, 64, 8)).toBeCloseTo(50e9 * NCCL_BUS_EFFICIENCY, -6);
  });
  it("spreads a cross-node ring over as many NIC rails as the group has members per node", () => {
    expect(groupBusBytesPerSecond(h100, 64, 2)).toBeCloseTo(4 * 50e9 * NCCL_BUS_EFFICIENCY, -6);
    expect(groupBusBytesPerSecond(h100, 64, 1)).toBeCloseTo(8 * 50e9 * NCCL_BUS_EFFICIENCY, -6); // 8 rails × 50 = 400 GB/s < NVLink 450
  });
});

describe("pipeline bubble (Narayanan et al. 2021 Sec 2.2)", () => {
  it("is (p−1)/m for 1F1B", () => {
    expect(bubbleFraction(8, 64)).toBeCloseTo(7 / 64, 12);
  });
  it("shrinks by the number of interleaved chunks", () => {
    expect(bubbleFraction(8, 64, 4)).toBeCloseTo(7 / 256, 12);
  });
  it("is zero without pipelining", () => {
    expect(bubbleFraction(1, 1)).toBe(0);
  });
  it("refuses nonsense", () => {
    expect(() => bubbleFraction(0, 4)).toThrow(RangeError);
  });
});
