// What costs more as a job spreads over more machines at the same work per step: the step ends
// when its slowest rank ends (every data-parallel group meets at the gradient reduction, every
// pipeline waits for its slowest stage), so a few slow machines set the pace of all of them.
//
// Jiang et al. 2024, "MegaScale: Scaling Large Language Model Training to More Than 10,000 GPUs"
// (NSDI '24, arXiv 2402.15627):
//   Sec 5.1: "a minor fraction of machines (approximately 0.5%) exhibit substantially slower
//            performance during training ... The training efficiency is predominantly determined
//            by the slowest machine's performance (i.e., stragglers)";
//   Sec 6.3: "specific hosts took approximately 10% more time to execute the same forward
//            computations compared to other ranks".
// A job on `hosts` machines drawn from such a fleet holds at least one slow host with
// probability 1 − (1 − 0.005)^hosts. What that costs is measured in the same section: "After
// isolating and removing these problematic hosts from the cluster, we observed an approximate
// 0.7% improvement in MFU", at MegaScale's operating point of about 55% MFU (Table 2, 175B on
// 12,288 GPUs: 55.2%), i.e. 0.7 / 55.2 = 1.3% of the step's compute time for a job that surely
// holds a slow host. (A host 10% slower in its forward pass costs the job less than 10%: the
// rest of the step is not all forward computation.) Expected extra time = 1.3% × P(at least one
// slow host) for a job on two or more machines; one machine waits for no other. 2 machines:
// +0.013%; 128: +0.6%; 1,536: +1.3%. Neither number was fitted: both are read from the paper.
// Stragglers are thus a small part of why MFU falls with scale; the pipeline bubble and the
// exposed data-parallel traffic (stepTime.ts) are the larger parts.

/** Fraction of machines that run slow (MegaScale Sec 5.1, "approximately 0.5%"). */
export const SLOW_HOST_FRACTION = 0.005;
/**
 * Extra compute time of a job that holds a slow host: the MFU gained by removing them (MegaScale
 * Sec 6.3, "approximate 0.7% improvement in MFU") over the MFU it was gained on (Table 2: 55.2%).
 */
export const SLOW_HOST_JOB_EXTRA_TIME = 0.7 / 55.2;

/** Machines a job of `gpus` accelerators occupies, `gpusPerNode` to a machine. */
export function hostsOf(gpus: number, gpusPerNode: number): number {
  return Math.ceil(gpus / Math.max(1, gpusPerNode));
}

/**
 * Expected extra time of the compute timeline, as a fraction of it, because the job waits for
 * its slowest machine: SLOW_HOST_JOB_EXTRA_TIME × P(at least one of `hosts` machines is slow).
 */
export function expectedStragglerFraction(hosts: number): number {
  // One machine waits for no other: its own speed is what single-machine measurements (the
  // calibration of calibration.ts) already hold.
  if (!(hosts >= 2)) return 0;
  return SLOW_HOST_JOB_EXTRA_TIME * (1 - Math.pow(1 - SLOW_HOST_FRACTION, hosts));
}

// What waiting for the host costs Megatron-LM as MegaScale ran it: the same paper's ablation
// (Jiang et al. 2024, Table 3, 175B on 256 GPUs at a batch of 256 sequences of 2,048 tokens)
// gains 1.1 MFU points, 61.2% → 62.3%, from "data pipeline optimizations and the problematic code
// elimination mentioned in 6.3" (Sec 3.4: data loading creates "non-negligible GPU idle time at
// the beginning of each training step"; Sec 6.3: garbage collection and other code segments on the
// critical path). At that operating point a step does 256 × 2,048 tokens × 1.077e12 FLOP per token
// (the paper's FLOP count: 72·l·h²·(1 + s/6h + V/12lh) with l 96, h 12,288, s 2,048, V 64,000) on
// 256 A100s (312 TFLOP/s), so the gain is (1/0.612 − 1/0.623) of the step's ideal time: 0.20 s per
// step, taken as a fixed cost of every step of the baseline (the data loading is per step). Read
// from the paper, not fitted; the MegaScale baseline rows of data/system_mfu.csv use it.
const MEGASCALE_TABLE3_FLOPS_PER_STEP = 256 * 2048 * 72 * 96 * 12288 ** 2 * (1 + 2048 / (6 * 12288) + 64000 / (12 * 96 * 12288));
/** Seconds per step MegaScale's Megatron-LM baseline waits for the host (Table 3, row 7). */
export const MEGASCALE_BASELINE_HOST_SECONDS_PER_STEP = (MEGASCALE_TABLE3_FLOPS_PER_STEP / (256 * 312e12)) * (1 / 0.612 - 1 / 0.623);
