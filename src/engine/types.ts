// The engine's shared vocabulary. SI base units everywhere: FLOP, FLOP/s, bytes, bytes/s,
// seconds, watts, joules, USD. Conversion to TFLOP/s, GB, days or $M happens only at the edge
// (src/components/format.ts and the CLI's callers), never in here.

/** Numeric precision regime of training (see memory.ts for bytes per parameter in each). */
export type Precision = "fp32" | "amp-bf16" | "bf16-master-fp32" | "fp8";

/** Activation recomputation: none, selective (attention core, Korthikanti et al. 2022), or full. */
export type Recompute = "none" | "selective" | "full";

export type ZeroStage = 0 | 1 | 2 | 3;

export type PricingModel = "on-demand" | "reserved" | "spot";

/** Feed-forward block: classic two-matrix (GELU) or gated three-matrix (SwiGLU). */
export type FfnKind = "gelu" | "swiglu";

/** A decoder-only transformer, dense or mixture-of-experts. */
export interface ModelSpec {
  /** Total parameters (all experts). */
  params: number;
  /** Parameters used per token (MoE); defaults to `params`. */
  activeParams?: number;
  layers: number;
  dModel: number;
  heads: number;
  /** Key/value heads (GQA/MQA); defaults to `heads`. */
  kvHeads?: number;
  /** FFN hidden size; defaults to 4·dModel (GELU) or 8/3·dModel (SwiGLU). */
  ffnDim?: number;
  ffnKind?: FfnKind;
  vocab: number;
  seqLen: number;
  /** Experts per MoE layer, and how many are routed per token. Absent for dense models. */
  experts?: {total: number; active: number};
  /** Output matrix shares the input embedding's weights (GPT-2/3). Default false (LLaMA-style untied). */
  tiedEmbeddings?: boolean;
  /** "learned" absolute position embeddings (GPT-2/3) add seqLen·dModel parameters; default "rotary" (none). */
  positionEmbedding?: "learned" | "rotary";
  /**
   * Trained with dropout, whose masks are stored for the backward pass (Korthikanti et al. 2022's
   * activation formula assumes it). Default true; LLaMA-style pre-training and the project's GPU
   * measurements use none.
   */
  dropout?: boolean;
}

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

export interface HardwareSpec {
  /** Id from data/gpus.csv. */
  gpu: string;
  count: number;
  usdPerGpuHour?: number;
  /** Model FLOPs utilisation in (0, 1]; predicted by the step-time model when absent. */
  mfu?: number;
}

export interface ParallelismSpec {
  tp: number;
  pp: number;
  dp: number;
  cp?: number;
  ep?: number;
  zeroStage: ZeroStage;
  /** Sequences per micro-batch per GPU. */
  microBatch: number;
  globalBatchTokens?: number;
  recompute: Recompute;
  /** Megatron sequence parallelism (shards LayerNorm/dropout activations over tp). Default true when tp > 1. */
  sequenceParallel?: boolean;
  /** Flash attention (no s² score matrix stored). Default true. */
  flashAttention?: boolean;
  /** Pipeline virtual stages per GPU (interleaved 1F1B). Default 1. */
  virtualStages?: number;
}

/** The whole question: train this model on these tokens with this hardware and layout. */
export interface TrainingSpec {
  model: ModelSpec;
  tokens: number;
  hardware: HardwareSpec;
  parallelism: ParallelismSpec;
  precision: Precision;
}

/** Memory per GPU, bytes. */
export interface MemoryBreakdown {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** Temporary buffers (communication buckets, logits, allocator fragmentation allowance). */
  buffers: number;
  total: number;
}
