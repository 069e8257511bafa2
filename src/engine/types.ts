// The engine's shared vocabulary. SI base units everywhere: FLOP, FLOP/s, bytes, bytes/s,
// seconds, watts, joules, USD. Conversion to TFLOP/s, GB, days or $M happens only at the edge
// (src/components/format.ts and the CLI's callers), never in here.

// The spec types are derived from the zod schema of specSchema.ts (one definition: the CLI and
// the types cannot drift apart); field documentation lives there.
import type {z} from "zod";
import type {
  ffnKindSchema,
  hardwareSchema,
  modelSchema,
  parallelismSchema,
  precisionSchema,
  recomputeSchema,
  stackSchema,
  trainingSpecSchema,
  zeroStageSchema
} from "./specSchema.js";

/** Numeric precision regime of training (see memory.ts for bytes per parameter in each). */
export type Precision = z.infer<typeof precisionSchema>;

/** Activation recomputation: none, selective (attention core, Korthikanti et al. 2022), per-op (torchtitan's per-operation checkpointing), or full. */
export type Recompute = z.infer<typeof recomputeSchema>;

export type ZeroStage = z.infer<typeof zeroStageSchema>;

/** The training software: "megatron" (default), "megatron-tuned", "pytorch" or "pytorch-compile" (stack.ts). */
export type Stack = z.infer<typeof stackSchema>;

export type PricingModel = "on-demand" | "reserved" | "spot";

/** Feed-forward block: classic two-matrix (GELU) or gated three-matrix (SwiGLU). */
export type FfnKind = z.infer<typeof ffnKindSchema>;

/** A decoder-only transformer, dense or mixture-of-experts. */
export type ModelSpec = z.infer<typeof modelSchema>;

/** Multi-head latent attention's ranks and head widths (ModelSpec.latentAttention). */
export type LatentAttention = NonNullable<ModelSpec["latentAttention"]>;

/** An accelerator's datasheet figures, in SI units (converted from data/gpus.csv). */
export interface GpuSpec {
  id: string;
  name: string;
  /** Dense peak throughput by precision, FLOP/s; null where unsupported. */
  peakFlopsPerSecond: {fp32: number | null; tf32: number | null; fp16: number | null; bf16: number | null; fp8: number | null};
  hbmBytes: number;
  hbmBytesPerSecond: number;
  /** Scale-up (NVLink-class) bandwidth per accelerator, bytes/s; null if unknown. */
  scaleUpBytesPerSecond: number | null;
  /** Accelerators per node (scale-up domain) in the reference system; null if unknown. */
  gpusPerNode: number | null;
  /** Inter-node bandwidth per accelerator, one direction, bytes/s; null if unknown. */
  scaleOutBytesPerSecond: number | null;
  tdpWatts: number | null;
  releaseYear: number;
}

export type HardwareSpec = z.infer<typeof hardwareSchema>;

export type ParallelismSpec = z.infer<typeof parallelismSchema>;

/** The whole question: train this model on these tokens with this hardware, layout and software. */
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;

/** Memory per GPU, bytes. */
export interface MemoryBreakdown {
  weights: number;
  /** Gradient bytes the peak holds beyond the other parts (all of them, unless gradients are freed between steps: memory.ts). */
  gradients: number;
  optimizer: number;
  activations: number;
  /** Temporary buffers (communication buckets, logits, allocator fragmentation allowance). */
  buffers: number;
  total: number;
}
