// The site's jargon, defined once. The glossary page (src/glossary.md.ts, a page loader) prints
// every entry with its source; src/components/termLinks.ts explains the first use of each term on
// every other page in place (hover or focus shows `short`, the link opens the entry). A definition
// that is a paper's names the paper and section in `source`; the rest are the site's own wording.

export interface GlossaryEntry {
  /** Anchor on the glossary page: /glossary#<id>. */
  id: string;
  /** The heading: the term as readers meet it. */
  term: string;
  /** One sentence, shown on hover and focus where the term is first used on a page. */
  short: string;
  /** The full entry on the glossary page (Markdown). */
  definition: string;
  /** Where the definition comes from, when it is a paper's or a standard's. */
  source?: string;
  /**
   * Words in page text that are this term (regular-expression sources, matched case-sensitively
   * as whole words). Empty: the term is only listed on the glossary page, never linked.
   */
  matches: string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: "flops",
    term: "FLOPs and FLOP/s",
    short: "Floating-point operations (FLOPs) count work; FLOP/s is a rate. Training a dense model costs about 6 FLOPs per parameter per token.",
    definition:
      "A FLOP is one floating-point addition or multiplication; FLOPs count the work a training run does and FLOP/s the rate an accelerator can do it. A dense transformer's training costs about 6 FLOPs per parameter per token: 2 in the forward pass and 4 in the backward pass, so compute ≈ 6·N·D for N parameters and D tokens.",
    source: "Kaplan et al. 2020, “Scaling Laws for Neural Language Models” (arXiv 2001.08361), Sec 2.1.",
    matches: ["FLOPs", "FLOP/s", "6·N·D", "6ND"]
  },
  {
    id: "tokens",
    term: "Tokens",
    short: "The units a tokenizer cuts text into (word pieces); training data and sequence lengths are counted in tokens.",
    definition:
      "A tokenizer splits text into tokens — whole words, pieces of words or bytes — and the model reads and predicts one token at a time. Training data (D), sequence length and batch size are counted in tokens.",
    matches: []
  },
  {
    id: "loss",
    term: "Loss (nats per token) and perplexity",
    short: "Training loss is the average −ln of the probability the model gave each next token, in nats per token; perplexity is e to the loss. Lower is better.",
    definition:
      "The cross-entropy loss of a language model: the average, over the tokens of a text, of −ln p, where p is the probability the model gave the token that actually came next. With the natural logarithm its unit is nats per token (bits per token would use log₂). Perplexity is e raised to the loss, the number of equally likely choices the model is as unsure as. Losses compare only on the same text and tokenizer.",
    matches: ["nats/token", "nats per token", "perplexity"]
  },
  {
    id: "mfu",
    term: "MFU (model FLOPs utilisation)",
    short: "Model FLOPs utilisation: the share of the accelerators' peak FLOP/s that goes into the model's own arithmetic (recomputation not counted).",
    definition:
      "The observed training throughput (tokens per second) divided by the theoretical maximum throughput of the system running at peak FLOP/s, where the FLOPs per token are the model's own — recomputed activations do not count. It makes runs with different implementations comparable. This site predicts it from the step-time model, or takes it as an input.",
    source: "Chowdhery et al. 2022, “PaLM: Scaling Language Modeling with Pathways” (arXiv 2204.02311), Sec 4.1 and Appendix B.",
    matches: ["MFU"]
  },
  {
    id: "hfu",
    term: "HFU (hardware FLOPs utilisation)",
    short: "Hardware FLOPs utilisation: like MFU, but counting the FLOPs spent recomputing activations, so it is the higher of the two.",
    definition:
      "The FLOPs the hardware actually executed per second, including recomputed activations, divided by peak FLOP/s. With no recomputation HFU equals MFU; with full recomputation the forward pass runs twice, so HFU is about 4/3 of MFU.",
    source: "Chowdhery et al. 2022 (PaLM, arXiv 2204.02311), Appendix B; Korthikanti et al. 2022 (arXiv 2205.05198), Sec 6.",
    matches: ["HFU"]
  },
  {
    id: "accelerator-hours",
    term: "GPU-hours, accelerator-hours",
    short: "Accelerators × hours: the unit training compute is rented and reported in (TPU runs count chip-hours).",
    definition:
      "The number of accelerators times the hours they run. Cloud prices are per accelerator-hour, so cost = accelerator-hours × price. For GPUs this is GPU-hours; for TPUs the same quantity is TPU chip-hours.",
    matches: ["accelerator-hours", "GPU-hours", "chip-hours"]
  },
  {
    id: "dp",
    term: "Data parallelism (DP)",
    short: "Data parallelism: every group of accelerators holds the whole model and trains on a different slice of each batch; gradients are averaged every step.",
    definition:
      "Each replica holds a full copy of the model (or, with ZeRO/FSDP, a shard of it) and processes a different part of the global batch; after the backward pass the replicas average their gradients with an all-reduce (or a reduce-scatter under ZeRO). The data-parallel degree multiplies the throughput but not the memory per accelerator.",
    matches: ["data parallelism", "data-parallel", "DP"]
  },
  {
    id: "tp",
    term: "Tensor parallelism (TP)",
    short: "Tensor parallelism: each layer's weight matrices are split across accelerators, which exchange partial results inside every layer (so it stays inside one server).",
    definition:
      "Splits the matrices of every attention and MLP block across t accelerators: attention heads and the MLP's hidden columns are divided, and the partial results are combined with two all-reduces per layer in the forward pass and two in the backward pass. The traffic is heavy, so it is kept inside a server on NVLink.",
    source: "Shoeybi et al. 2019, “Megatron-LM” (arXiv 1909.08053), Sec 3.",
    matches: ["tensor parallelism", "tensor-parallel", "tensor parallel", "TP"]
  },
  {
    id: "pp",
    term: "Pipeline parallelism (PP)",
    short: "Pipeline parallelism: the layers are cut into stages on different accelerators, and micro-batches flow through them like an assembly line.",
    definition:
      "Splits the layers into p consecutive stages, one per accelerator group; each step's batch is cut into micro-batches that flow through the stages, so only activations cross stage boundaries. Its cost is the pipeline bubble.",
    source: "Huang et al. 2019, “GPipe” (arXiv 1811.06965), Sec 2; Narayanan et al. 2021 (arXiv 2104.04473), Sec 2.2.",
    matches: ["pipeline parallelism", "pipeline-parallel", "PP"]
  },
  {
    id: "bubble",
    term: "Pipeline bubble",
    short: "The idle time at the start and end of each step while pipeline stages wait for work: (stages − 1) ÷ micro-batches of the step.",
    definition:
      "At the start of each step the later pipeline stages wait for the first micro-batch, and at the end the earlier ones wait for the last backward pass. With p stages and m micro-batches the idle time is (p − 1)/m of the ideal step time, and (p − 1)/(v·m) with an interleaved schedule of v model chunks per accelerator.",
    source: "Narayanan et al. 2021, “Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM” (arXiv 2104.04473), Sec 2.2.1–2.2.2.",
    matches: ["pipeline bubble", "bubble"]
  },
  {
    id: "1f1b",
    term: "1F1B schedule",
    short: "One forward, one backward: a pipeline schedule in which each stage alternates micro-batches' forward and backward passes, so it holds at most (stages) micro-batches' activations.",
    definition:
      "After a warm-up, each pipeline stage alternates one micro-batch's forward pass with another's backward pass. A stage then keeps the activations of at most p micro-batches (p = stages) instead of all m, at the same bubble as running all forwards first. The interleaved variant gives each accelerator several smaller chunks of layers to shrink the bubble.",
    source: "Narayanan et al. 2019, “PipeDream” (SOSP 2019), Sec 3.2; Narayanan et al. 2021 (arXiv 2104.04473), Sec 2.2.1 (PipeDream-Flush) and 2.2.2 (interleaved).",
    matches: ["1F1B"]
  },
  {
    id: "cp",
    term: "Context parallelism (CP)",
    short: "Context parallelism: long sequences are split along their length across accelerators, which pass keys and values around for attention.",
    definition:
      "Splits each sequence into chunks along its length, one per accelerator, for every layer; attention needs every earlier token's keys and values, which the accelerators exchange (in a ring, or with an all-gather as in Llama 3). It divides activation memory for long contexts.",
    source: "Liu et al. 2023, “Ring Attention with Blockwise Transformers” (arXiv 2310.01889), Sec 3; Llama Team 2024, “The Llama 3 Herd of Models” (arXiv 2407.21783), Sec 3.3.2.",
    matches: ["context parallelism", "context-parallel", "CP"]
  },
  {
    id: "ep",
    term: "Expert parallelism (EP)",
    short: "Expert parallelism: a mixture-of-experts layer's experts live on different accelerators, and tokens are sent to their experts and back (all-to-all).",
    definition:
      "Places the experts of each mixture-of-experts layer on different accelerators; every token is dispatched to the accelerators holding its chosen experts and the results are sent back, two all-to-all exchanges per layer and pass.",
    source: "Lepikhin et al. 2020, “GShard” (arXiv 2006.16668), Sec 2.2; Fedus et al. 2021, “Switch Transformers” (arXiv 2101.03961), Sec 2.",
    matches: ["expert parallelism", "expert-parallel", "EP"]
  },
  {
    id: "moe",
    term: "Mixture of experts (MoE)",
    short: "Mixture of experts: each layer has many feed-forward 'experts' and a router sends each token to a few, so only the active parameters cost FLOPs.",
    definition:
      "A layer with many feed-forward networks (experts) and a learned router that sends each token to the top-k of them. The model stores all experts' parameters but each token runs only the active ones, so FLOPs per token follow the active parameters and memory follows the total.",
    source: "Shazeer et al. 2017, “Outrageously Large Neural Networks” (arXiv 1701.06538), Sec 2; Fedus et al. 2021 (arXiv 2101.03961), Sec 2.1.",
    matches: ["mixture-of-experts", "mixture of experts", "MoE"]
  },
  {
    id: "sequence-parallelism",
    term: "Sequence parallelism",
    short: "Splits the layer-norm and dropout parts of each layer along the sequence across the tensor-parallel group, so their activations are divided too, at no extra traffic.",
    definition:
      "With tensor parallelism alone, the layer norms and dropouts of each layer are computed on every accelerator of the group on the whole sequence. Sequence parallelism splits those regions along the sequence, replacing each all-reduce with a reduce-scatter and an all-gather of the same volume, and divides their activation memory by the tensor-parallel degree.",
    source: "Korthikanti et al. 2022, “Reducing Activation Recomputation in Large Transformer Models” (arXiv 2205.05198), Sec 4.2.2.",
    matches: ["sequence parallelism", "sequence-parallel"]
  },
  {
    id: "recompute",
    term: "Activation recomputation (checkpointing)",
    short: "Keep fewer activations in memory and recompute them in the backward pass: less memory for more FLOPs. Selective recomputes only attention's cheap, large parts.",
    definition:
      "Instead of storing every layer's activations for the backward pass, store a few (for example each layer's input) and recompute the rest when they are needed, trading memory for compute. Full recomputation re-runs each layer's forward pass (about a third more FLOPs); selective recomputation re-runs only the attention operations whose activations are large but cheap to recompute; per-op recomputation, PyTorch's per-operation checkpointing as torchtitan runs it, keeps the outputs of every other matmul and of attention and re-runs everything else (for Llama 3 8B 64 KB a token a layer against the 139 KB kept without recomputation, for re-running three of its seven matmuls).",
    source: "Chen et al. 2016, “Training Deep Nets with Sublinear Memory Cost” (arXiv 1604.06174); Korthikanti et al. 2022 (arXiv 2205.05198), Sec 5 (selective recomputation); pytorch/torchtitan, torchtitan/parallelisms/parallelize_llama.py at commit 9dec370ad2, _save_list (per-op).",
    matches: ["activation checkpointing", "activation recomputation", "recomputation", "recompute"]
  },
  {
    id: "zero",
    term: "ZeRO stages 1–3",
    short: "ZeRO shards training state across data-parallel ranks instead of copying it: stage 1 the optimizer states, stage 2 also the gradients, stage 3 also the weights.",
    definition:
      "The Zero Redundancy Optimizer removes the copies data parallelism keeps on every replica. Stage 1 partitions the optimizer states (P<sub>os</sub>), stage 2 also the gradients (P<sub>os+g</sub>), stage 3 also the parameters (P<sub>os+g+p</sub>), each across the N<sub>d</sub> data-parallel ranks; stage 3 gathers each layer's weights just before using it.",
    source: "Rajbhandari et al. 2020, “ZeRO: Memory Optimizations Toward Training Trillion Parameter Models” (arXiv 1910.02054), Sec 5 and Fig 1.",
    matches: ["ZeRO-[0-3]", "ZeRO"]
  },
  {
    id: "fsdp",
    term: "FSDP (fully sharded data parallel)",
    short: "PyTorch's fully sharded data parallelism: weights, gradients and optimizer states are sharded across ranks, as in ZeRO stage 3.",
    definition:
      "PyTorch's implementation of sharded data parallelism: parameters, gradients and optimizer states are sharded across ranks and each unit's parameters are all-gathered just before use. Full sharding corresponds to ZeRO stage 3; keeping the gathered parameters between forward and backward passes (as Llama 3 did) gives ZeRO-2 memory.",
    source: "Zhao et al. 2023, “PyTorch FSDP: Experiences on Scaling Fully Sharded Data Parallel” (arXiv 2304.11277), Sec 3.",
    matches: ["FSDP"]
  },
  {
    id: "gqa",
    term: "GQA and MQA (grouped- and multi-query attention)",
    short: "Several query heads share one key/value head (GQA); in MQA all of them share a single one. Fewer key/value heads mean smaller K/V projections and caches.",
    definition:
      "Multi-query attention (MQA) keeps many query heads but a single key and value head shared by all of them. Grouped-query attention (GQA) sits between it and ordinary multi-head attention: the query heads are divided into groups, and each group shares one key/value head.",
    source: "Shazeer 2019, “Fast Transformer Decoding: One Write-Head is All You Need” (arXiv 1911.02150) for MQA; Ainslie et al. 2023, “GQA” (arXiv 2305.13245), Sec 2 for GQA.",
    matches: ["GQA", "MQA"]
  },
  {
    id: "micro-batch",
    term: "Micro-batch and global batch",
    short: "The sequences one accelerator runs through a forward and backward pass at once (micro-batch); the tokens of one optimizer step over all of them (global batch).",
    definition:
      "The global batch is what one optimizer step sees, counted in tokens or sequences across all data-parallel replicas. Each replica works through its share in micro-batches — the sequences that go through one forward and backward pass together — accumulating gradients until the step. Pipelines need several micro-batches per step to keep their stages busy.",
    matches: ["micro-batches", "micro-batch", "global batch"]
  },
  {
    id: "mixed-precision",
    term: "Mixed precision (BF16, FP8)",
    short: "Doing the matrix arithmetic in 16- or 8-bit number formats while keeping an FP32 master copy of the weights: faster and smaller, at the same quality when done right.",
    definition:
      "Mixed-precision training runs the forward and backward arithmetic in a 16-bit format (FP16 or BF16) and keeps a 32-bit master copy of the weights for the optimizer update. FP8 training goes further for the matrix multiplications, with per-tensor scaling to keep values in range.",
    source: "Micikevicius et al. 2018, “Mixed Precision Training” (arXiv 1710.03740), Sec 3; Micikevicius et al. 2022, “FP8 Formats for Deep Learning” (arXiv 2209.05433).",
    matches: ["mixed precision", "mixed-precision", "BF16", "FP8"]
  },
  {
    id: "goodput",
    term: "Goodput (effective training time)",
    short: "The share of wall-clock time a job spends on training steps that count, after checkpoint writes, failures, restarts and re-done work.",
    definition:
      "Of the time a training job holds its accelerators, the share that produces training progress that is kept: time spent writing checkpoints, restarting after failures and redoing work lost since the last checkpoint is not goodput. Llama 3 reports “higher than 90% effective training time” for its 405B run; the reliability page computes it from checkpoint and failure rates.",
    source: "Llama Team 2024, “The Llama 3 Herd of Models” (arXiv 2407.21783), Sec 3.3.4 (effective training time).",
    matches: ["goodput", "effective training time"]
  },
  {
    id: "mtbf",
    term: "MTBF (mean time between failures)",
    short: "Mean time between failures: the average running time from one failure to the next. A job on N GPUs fails about N times as often as one GPU.",
    definition:
      "The average running time between two failures. If each accelerator fails independently at a constant rate, a job that stops whenever any one of its N accelerators fails has an MTBF of the per-accelerator MTBF ÷ N. The [reliability page](./reliability) computes it from the interruptions Llama 3 reported.",
    matches: ["MTBF"]
  },
  {
    id: "pue",
    term: "PUE (power usage effectiveness)",
    short: "Power usage effectiveness: a data centre's total energy ÷ the energy its IT equipment uses; 1.1 means 10% more for cooling and power delivery.",
    definition: "The total energy a data centre draws divided by the energy delivered to its IT equipment. 1.0 would mean no cooling or power-conversion overhead at all; the site's default 1.1 follows LLaMA's energy accounting.",
    source: "The Green Grid 2012, “PUE: A Comprehensive Examination of the Metric” (White Paper #49); standardised as ISO/IEC 30134-2:2016.",
    matches: ["PUE"]
  },
  {
    id: "tdp",
    term: "TDP (thermal design power)",
    short: "The maximum power an accelerator board is specified to draw and dissipate; used here as an upper bound on its power.",
    definition: "The vendor's specified maximum sustained power of an accelerator board. Real training draws somewhat less on average, so energy computed from TDP is an upper bound.",
    matches: ["TDP"]
  },
  {
    id: "chinchilla",
    term: "Chinchilla-optimal",
    short: "Hoffmann et al. 2022's compute-optimal balance: for a fixed compute budget, scale parameters and tokens together, about 20 tokens per parameter.",
    definition:
      "For a fixed training compute budget, the loss is lowest when model size and training tokens grow in equal proportion; at the budgets studied this is about 20 tokens per parameter. Models trained for inference are often trained on many more tokens than this.",
    source: "Hoffmann et al. 2022, “Training Compute-Optimal Large Language Models” (arXiv 2203.15556), Sec 3 and Table 3.",
    matches: ["Chinchilla-optimal", "compute-optimal"]
  },
  {
    id: "hbm",
    term: "HBM (high-bandwidth memory)",
    short: "The accelerator's own memory, stacked beside the chip: its size limits what fits, its bandwidth limits memory-bound work.",
    definition: "Stacked DRAM packaged beside the accelerator die. Its capacity bounds the weights, optimizer states and activations that fit on one accelerator, and its bandwidth bounds operations that move more bytes than they compute.",
    matches: ["HBM"]
  },
  {
    id: "interconnect",
    term: "NVLink and InfiniBand",
    short: "NVLink connects the GPUs inside a server (900 GB/s per H100); InfiniBand or RoCE Ethernet connects servers (50 GB/s per GPU on a DGX H100).",
    definition:
      "NVLink is NVIDIA's GPU-to-GPU link inside a server (900 GB/s per H100 SXM); InfiniBand and RoCE Ethernet connect servers (a DGX H100 has one 400 Gb/s adapter per GPU, 50 GB/s). Which network a parallel group spans decides how long its communication takes.",
    source: "NVIDIA H100 Tensor Core GPU and DGX H100 datasheets, as recorded in data/gpus.csv.",
    matches: ["NVLink", "InfiniBand"]
  },
  {
    id: "all-reduce",
    term: "All-reduce, all-gather, reduce-scatter, all-to-all",
    short: "Collective operations: every rank ends with the sum (all-reduce), the concatenation (all-gather), its slice of the sum (reduce-scatter), or its own pieces from every rank (all-to-all).",
    definition:
      "The group communication patterns of parallel training. All-reduce leaves every rank with the sum of all ranks' tensors (data-parallel gradients, tensor-parallel partial sums); reduce-scatter leaves each with one slice of that sum and all-gather reassembles slices (ZeRO, sequence parallelism); all-to-all sends each rank a different piece from every other (expert parallelism).",
    matches: ["all-reduce", "all-gather", "reduce-scatter", "all-to-all"]
  }
];

/** The entry for an id; throws for an unknown id so a typo fails the build. */
export function glossaryEntry(id: string): GlossaryEntry {
  const entry = GLOSSARY.find((e) => e.id === id);
  if (!entry) throw new Error(`unknown glossary term: ${JSON.stringify(id)} (expected one of ${GLOSSARY.map((e) => e.id).join(", ")})`);
  return entry;
}
