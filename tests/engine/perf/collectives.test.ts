import {describe, expect, it} from "vitest";
import {join} from "node:path";
import {NCCL_BUS_EFFICIENCY, LAYER_SLOTS, Slot, allGatherSeconds, allReduceSeconds, allToAllSeconds, bubbleFraction, groupBusBytesPerSecond, crossNodeRingLatencySeconds, groupNodes, layerCost, layerInvariants, reduceScatterSeconds, ringAllReduceLatencySeconds} from "../../../src/engine/index.js";
import {loadDataset} from "../../../loaders/load.js";
import {datasetByName} from "../../../loaders/datasets/index.js";
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

describe("PCIe cards (data/gpus.csv: an NVLink bridge joins a pair; PCIe beyond it)", () => {
  it("time a group beyond the bridged pair at the PCIe links, not at NVLink speed", () => {
    for (const [id, pcieOneWay] of [["a100-pcie-80gb", 32e9], ["h100-pcie-80gb", 64e9]] as const) {
      const g = gpu(id);
      expect(groupBusBytesPerSecond(g, 2, 1)).toBeCloseTo(300e9 * NCCL_BUS_EFFICIENCY, -6);
      // Eight cards in a ring: two members per pair, two PCIe links out of it.
      expect(groupBusBytesPerSecond(g, 8, 1)).toBeCloseTo(2 * pcieOneWay * NCCL_BUS_EFFICIENCY, -6);
    }
  });
});

describe("ring latency (NCCL's cost model, src/graph/tuning.cc)", () => {
  const h100 = gpu("h100-sxm5-80gb");
  it("counts the nodes a group spans in Megatron's rank order", () => {
    expect(groupNodes(h100, 8, 1)).toBe(1);
    expect(groupNodes(h100, 16, 1)).toBe(2);
    expect(groupNodes(h100, 64, 8)).toBe(64);
    expect(groupNodes(h100, 4, 2)).toBe(1);
  });
  it("is 8.4 µs + 3.4 µs per NVLink step in one node, and adds 14 µs network steps × 1.4 across two", () => {
    expect(ringAllReduceLatencySeconds(1, 1)).toBe(0);
    expect(ringAllReduceLatencySeconds(8, 1)).toBeCloseTo(8.4e-6 + 14 * 3.4e-6, 12);
    expect(ringAllReduceLatencySeconds(16, 2)).toBeCloseTo((8.4e-6 + 28 * 3.4e-6 + 2 * 14e-6) * 1.4, 12);
  });
  it("brings the all-reduce time of 2 × H200 (data/gpu_nccl.csv) closer to the measured at every size from 1 MiB up than bandwidth alone", () => {
    const rows = loadDataset(datasetByName("gpu_nccl"), join(import.meta.dirname, "..", "..", "..")) as unknown as {collective: string; gpus: number; bytes: number; seconds: number}[];
    const h200 = gpu("h200-sxm-141gb");
    const checked = rows.filter((r) => r.collective === "all_reduce" && r.bytes >= 2 ** 20);
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const r of checked) {
      const bandwidthOnly = allReduceSeconds(r.bytes, r.gpus, groupBusBytesPerSecond(h200, r.gpus, 1));
      const withLatency = bandwidthOnly + ringAllReduceLatencySeconds(r.gpus, groupNodes(h200, r.gpus, 1));
      expect(Math.abs(withLatency - r.seconds), `${r.bytes} bytes`).toBeLessThan(Math.abs(bandwidthOnly - r.seconds));
    }
  });
  it("makes tensor 16 across two 8-GPU H100 nodes far slower per layer than tensor 8 in one (Narayanan et al. 2021 Sec 3.2, Fig 13), not nearly equal as bandwidth alone made it", () => {
    // Llama 3 70B's layer at 4,096 tokens: 64 MiB of bf16 activations per all-reduce.
    const model = {params: 70e9, layers: 80, dModel: 8192, heads: 64, kvHeads: 8, ffnDim: 28672, ffnKind: "swiglu" as const, vocab: 128256, seqLen: 4096};
    const inv = layerInvariants(model, h100, "bf16-master-fp32", {});
    const tpForward = (tp: number) => layerCost(inv, tp, 1, 1, 1, true, true, new Float64Array(LAYER_SLOTS))[Slot.TpF] as number;
    // Bandwidth alone: 15/16 ÷ 400 GB/s against 7/8 ÷ 450 GB/s, 1.2×; NCCL's network steps add 74 µs to 383 µs.
    expect(tpForward(16) / tpForward(8)).toBeGreaterThan(1.35);
    expect(crossNodeRingLatencySeconds(h100, 8, 1)).toBe(0);
    expect(crossNodeRingLatencySeconds(h100, 16, 1)).toBeCloseTo(ringAllReduceLatencySeconds(16, 2) - ringAllReduceLatencySeconds(16, 1), 12);
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
