// Time of the collective operations a training step issues, on ring algorithms (the NCCL default
// for large messages). Every function takes the per-rank message size in bytes and the group's
// effective bus bandwidth in bytes/s, and returns seconds.
//
// Ring costs (Patarasuk & Yuan 2009, "Bandwidth optimal all-reduce algorithms for clusters of
// workstations", J. Parallel Distrib. Comput. 69(2); the same factors NCCL's nccl-tests use to
// turn algorithm bandwidth into "bus bandwidth", NVIDIA/nccl-tests doc/PERFORMANCE.md):
//   all-reduce      2(n−1)/n · bytes / busBw
//   all-gather      (n−1)/n · bytes / busBw   (bytes = the gathered, full-size buffer)
//   reduce-scatter  (n−1)/n · bytes / busBw   (bytes = the full-size input buffer)
//   all-to-all      (n−1)/n · bytes / busBw   (bytes = what one rank sends in total)

import type {GpuSpec} from "../types.js";

/**
 * Fraction of a link's line rate that NCCL delivers as bus bandwidth: 370 of 450 GB/s on H100
 * NVLink, "with the protocol overhead (~20%)" — S. Jeaugey (NCCL maintainer), NVIDIA/nccl-tests
 * issue #212, 2024-05-06. Applied to every link (NVLink and InfiniBand/RoCE) for want of a
 * per-fabric figure.
 */
export const NCCL_BUS_EFFICIENCY = 370 / 450;

/** Ring all-reduce over `n` ranks of a `bytes`-sized buffer. */
export function allReduceSeconds(bytes: number, n: number, busBytesPerSecond: number): number {
  return n <= 1 ? 0 : (2 * (n - 1) / n) * bytes / busBytesPerSecond;
}

/** Ring all-gather over `n` ranks producing a `bytes`-sized buffer on every rank. */
export function allGatherSeconds(bytes: number, n: number, busBytesPerSecond: number): number {
  return n <= 1 ? 0 : ((n - 1) / n) * bytes / busBytesPerSecond;
}

/** Ring reduce-scatter over `n` ranks of a `bytes`-sized input buffer. */
export function reduceScatterSeconds(bytes: number, n: number, busBytesPerSecond: number): number {
  return n <= 1 ? 0 : ((n - 1) / n) * bytes / busBytesPerSecond;
}

/** All-to-all over `n` ranks where each rank sends `bytes` in total (1/n of it stays local). */
export function allToAllSeconds(bytes: number, n: number, busBytesPerSecond: number): number {
  return n <= 1 ? 0 : ((n - 1) / n) * bytes / busBytesPerSecond;
}

/** Point-to-point send of `bytes` over a link of `bytesPerSecond`. */
export function sendSeconds(bytes: number, bytesPerSecond: number): number {
  return bytes / bytesPerSecond;
}

/**
 * Effective per-rank bus bandwidth (bytes/s) of a communication group of `groupSize` ranks whose
 * consecutive members are `stride` ranks apart in the global rank order (ranks fill a node before
 * the next: Megatron's order is tp, cp, ep/dp, pp from fastest to slowest varying).
 *
 * - The whole group inside one node (stride·groupSize ≤ gpusPerNode): NVLink, one direction
 *   (data/gpus.csv's scale-up figure is bidirectional, so half of it), times NCCL's efficiency.
 * - The group spans nodes: a ring crosses each node boundary once per channel; NCCL runs one
 *   channel per NIC rail, so the group's inter-node traffic leaves a node through as many NICs as
 *   the group has members in that node. Per-rank bus bandwidth is then
 *   min(NVLink, membersPerNode × per-GPU scale-out bandwidth) × efficiency.
 *
 * `busEfficiency` is NCCL_BUS_EFFICIENCY unless a calibration replaces it.
 *
 * Unknown fabric figures fall back conservatively: no scale-up figure → scale-out; no scale-out
 * figure → scale-up (a single node is the only honest reading of such a datasheet).
 */
export function groupBusBytesPerSecond(gpu: GpuSpec, groupSize: number, stride: number, busEfficiency: number = NCCL_BUS_EFFICIENCY): number {
  const perNode = gpu.gpusPerNode ?? 1;
  const up = gpu.scaleUpBytesPerSecond === null ? null : gpu.scaleUpBytesPerSecond / 2;
  const out = gpu.scaleOutBytesPerSecond;
  const intraNode = stride * groupSize <= perNode;
  let raw: number;
  if (intraNode) raw = up ?? out ?? 0;
  else {
    const membersPerNode = Math.max(1, Math.min(groupSize, Math.floor(perNode / Math.max(1, stride))));
    const scaleOut = out === null ? up ?? 0 : membersPerNode * out;
    raw = up === null ? scaleOut : Math.min(up, scaleOut);
  }
  if (!(raw > 0)) throw new RangeError(`data/gpus.csv gives no interconnect bandwidth for the ${gpu.name}, so the time its ${groupSize} accelerators spend communicating is unknown`);
  return raw * busEfficiency;
}
