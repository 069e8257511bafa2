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

// Latency of a ring collective, as NCCL's own cost model puts it (NVIDIA/nccl src/graph/tuning.cc,
// ncclTopoTuneModel and ncclTopoGetAlgoTime, default tuner constants; read at commit 5067397, 2026):
// a base latency per collective plus one hardware latency per ring step, 2(n−1) steps for an
// all-reduce. Large messages use the Simple protocol. Inside one node every step is an NVLink hop;
// once the ring spans nodes, 2(nodes − 1) of the all-reduce's steps cross the network, and "inter-node
// rings still have to launch nsteps * net overhead" (each intra-node step costs at least the
// proxy's network overhead, 1 µs × 3 for Simple); for messages of ≥ 64 bytes per channel and rank a
// multi-node Simple ring's latency is multiplied by 1.4 on sm80 and newer, 1.9 before ("plateau
// effect of ring"). The graph's own network latency (latencyInter) is 0 unless a network plugin
// reports one, and is left out.
/** NCCL ring base latency, Simple protocol (tuning.cc baseLatencies[Ring][Simple]), seconds. */
export const NCCL_RING_BASE_SECONDS = 8.4e-6;
/** NCCL per-step latency of a ring over NVLink, Simple protocol (hwLatencies[NVLINK][Ring][Simple]), seconds. */
export const NCCL_RING_NVLINK_STEP_SECONDS = 3.4e-6;
/** NCCL per-step latency of a ring step across the network, Simple protocol (hwLatencies[NET][Ring][Simple]), seconds. */
export const NCCL_RING_NET_STEP_SECONDS = 14.0e-6;
/** NCCL network overhead per ring step once a ring spans nodes, Simple protocol (getNetOverhead 1 µs × 3), seconds. */
export const NCCL_RING_NET_OVERHEAD_SECONDS = 3 * 1.0e-6;
/** NCCL's multi-node Simple-ring latency factor for large messages on sm80 and newer (ncclTopoGetAlgoTime). */
export const NCCL_RING_PLATEAU_FACTOR = 1.4;

/**
 * Nodes a communication group of `groupSize` ranks, `stride` ranks apart, spans (the same rank
 * order as groupBusBytesPerSecond): 1 when the whole group sits in one node.
 */
export function groupNodes(gpu: GpuSpec, groupSize: number, stride: number): number {
  const perNode = gpu.gpusPerNode ?? 1;
  if (stride * groupSize <= perNode) return 1;
  const membersPerNode = Math.max(1, Math.min(groupSize, Math.floor(perNode / Math.max(1, stride))));
  return Math.ceil(groupSize / membersPerNode);
}

/**
 * Seconds of latency NCCL's cost model adds to a ring all-reduce of `groupSize` ranks spanning
 * `nodes` nodes (see the constants above), on top of its bandwidth term. One node: base + 2(n−1)
 * NVLink steps. Several: (base + (2(n−1) − 2(nodes−1)) · max(NVLink step, network overhead) +
 * 2(nodes−1) · network step) × 1.4.
 */
export function ringAllReduceLatencySeconds(groupSize: number, nodes: number): number {
  if (groupSize <= 1) return 0;
  const steps = 2 * (groupSize - 1);
  if (nodes <= 1) return NCCL_RING_BASE_SECONDS + steps * NCCL_RING_NVLINK_STEP_SECONDS;
  const interSteps = 2 * (nodes - 1);
  const intraStep = Math.max(NCCL_RING_NVLINK_STEP_SECONDS, NCCL_RING_NET_OVERHEAD_SECONDS);
  return (NCCL_RING_BASE_SECONDS + (steps - interSteps) * intraStep + interSteps * NCCL_RING_NET_STEP_SECONDS) * NCCL_RING_PLATEAU_FACTOR;
}

/**
 * Latency a ring all-reduce of `groupSize` ranks, `stride` apart, pays for crossing nodes: NCCL's
 * modelled latency of the ring as it lies (ringAllReduceLatencySeconds) less that of the same ring
 * inside one NVLink domain; 0 when the group sits in one node. Only the increment is added to the
 * step model because its in-node collectives are timed by bandwidth with constants fitted on
 * measured in-node layers (Korthikanti et al. 2022 Table 4 at tensor 8, perf/fit.ts), whose times
 * hold the in-node latency already.
 */
export function crossNodeRingLatencySeconds(gpu: GpuSpec, groupSize: number, stride: number): number {
  const nodes = groupNodes(gpu, groupSize, stride);
  return nodes <= 1 ? 0 : ringAllReduceLatencySeconds(groupSize, nodes) - ringAllReduceLatencySeconds(groupSize, 1);
}
