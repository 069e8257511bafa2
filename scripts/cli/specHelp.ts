// The spec's fields in words, with units, for `engine estimate --help` and `engine plan --help`.
// The schema itself is src/engine/specSchema.ts; this is its reader's guide.

export const MODEL_FIELDS = `  model          the transformer (counts are plain numbers)
    params         total parameters, all experts (e.g. 6.74e9)           required, > 0
                   must agree with the architecture: within what counting conventions (embeddings, tied output,
                   biases) and 10% for unlisted structure explain; FLOPs come from the architecture, weight
                   and optimizer memory from params
    layers         transformer blocks                                   required, whole ≥ 1
    dModel         hidden width; divisible by heads unless headDim       required, whole ≥ 1
    heads          attention heads                                      required, whole ≥ 1
    vocab          vocabulary size, tokens                              required, whole ≥ 1
    seqLen         sequence length, tokens                              required, whole ≥ 1
    kvHeads        key/value heads (GQA/MQA); must divide heads         default heads
    headDim        width of each head where it is not dModel/heads       default dModel/heads
                   (Gemma 256, Qwen3 128): Q and attention output are heads·headDim wide
    ffnDim         FFN hidden size                                      default 4·dModel (gelu), 8/3·dModel (swiglu)
    ffnKind        "gelu" | "swiglu"                                    default "gelu"
    activeParams   parameters used per token, mixture-of-experts only; ≤ params; sets only approx6ND;
                   must agree with the architecture's active count as params does
    experts        {"total": n, "active": k} for mixture-of-experts      absent for dense models
    sharedExperts  MoE: experts every token also passes through          default 0
    denseLayers    MoE: leading layers with one dense FFN ffnDim wide     default 0
    expertFfnDim   MoE: hidden size of one expert's FFN                  default ffnDim
    latentAttention multi-head latent attention (DeepSeek-V2/V3):         absent: standard attention
                   {"qLoraRank": r (0 = full-rank queries), "kvLoraRank": c, "qkNopeHeadDim": n,
                    "qkRopeHeadDim": p, "vHeadDim": v}; kvHeads must be left out or equal heads
    tiedEmbeddings true when the output matrix shares the embedding      default false
    positionEmbedding "learned" | "rotary"                              default "rotary"
    dropout        trained with dropout (masks kept for backward)      default true
  tokens         training tokens (e.g. 2e12)                           required, > 0
  hardware
    gpu            an id from data/gpus.csv (a100-sxm4-80gb, h100-sxm5-80gb, h200-sxm-141gb, tpu-v5p, mi300x, …;
                   npm run -s engine -- gpus lists them all)
    count          accelerators                                         required, whole ≥ 1
    usdPerGpuHour  price per accelerator-hour, US dollars               optional (cost is null without it)
    mfu            model FLOPs utilisation in (0, 1]                    optional (predicted when absent)
  precision      "fp32" | "amp-bf16" | "bf16-master-fp32" | "fp16-master-fp32" | "fp8"
  stack          "megatron" (default) | "megatron-tuned" | "pytorch" | "pytorch-compile"`;

export const PARALLELISM_FIELDS = `  parallelism    the layout; tp·pp·dp·cp must equal hardware.count
    tp, pp, dp     tensor, pipeline, data-parallel degrees               required, whole ≥ 1
    cp, ep         context and expert parallel degrees                   default 1
    zeroStage      0 | 1 | 2 | 3                                        required
    microBatch     sequences per micro-batch per GPU                    required, whole ≥ 1
    recompute      "none" | "selective" | "full"                        required
    globalBatchTokens tokens per optimizer step, a whole number of micro-batches   optional
    sequenceParallel, flashAttention  true | false                     default true (sequenceParallel when tp > 1)
    virtualStages  interleaved pipeline chunks per GPU                  default 1`;

export const EXAMPLE_MODEL = `"model": {"params": 6.74e9, "layers": 32, "dModel": 4096, "heads": 32, "kvHeads": 32,
            "ffnDim": 11008, "ffnKind": "swiglu", "vocab": 32000, "seqLen": 4096},
  "tokens": 2e12,
  "hardware": {"gpu": "a100-sxm4-80gb", "count": 64, "usdPerGpuHour": 2},`;
