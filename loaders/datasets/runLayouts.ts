import {z} from "zod";
import {column} from "../schema.js";
import {fraction, intColumn, numberColumn, positive, textColumn} from "./columns.js";
import type {DatasetSpec} from "../schema.js";
import {STACK_NAMES} from "../../src/engine/stack.js";

const zeroStage = z.number().int().min(0, {message: "expected a ZeRO stage 0–3"}).max(3, {message: "expected a ZeRO stage 0–3"});
/** "until_tokens:global_batch_tokens" phases before the final batch, separated by ";" (tokens cumulative, increasing). */
const ramp = z.string().regex(/^\d+(\.\d+)?(e\d+)?:\d+(;\d+(\.\d+)?(e\d+)?:\d+)*$/, {message: "expected phases 'until_tokens:batch_tokens' separated by ';'"});

/**
 * How published runs were laid out and what they lost: parallelism degrees, pods, batch and its
 * ramp-up, interruptions, as the papers print them (blank = not published; the engine's planner
 * then chooses that dimension). Keyed by the run's row in training_runs.
 */
export const runLayouts: DatasetSpec = {
  name: "run_layouts",
  title: "Layouts and goodput of published runs",
  description: "Published parallel layouts (tp, pp, dp, cp, ep, ZeRO, micro-batch, recomputation, pods), batch ramp-up and interruptions of the training runs, with the paper and section each comes from.",
  key: ["run_id"],
  sourceColumns: ["layout_source"],
  references: [{column: "run_id", dataset: "training_runs"}],
  columns: [
    column({name: "run_id", kind: "string", unit: null, required: true, description: "The run's id in training_runs.", check: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {message: "expected lower-case letters, digits and hyphens"})}),
    intColumn("accelerators", "accelerators", "Accelerators the layout runs on (tp·pp·dp·cp where all are given)."),
    intColumn("pods", "pods", "TPU pods (ICI domains) joined over the data-center network; blank for one pod or GPUs."),
    intColumn("tp", null, "Tensor-parallel degree."),
    intColumn("pp", null, "Pipeline stages."),
    intColumn("dp", null, "Data-parallel degree (all pods together)."),
    intColumn("cp", null, "Context-parallel degree."),
    intColumn("ep", null, "Expert-parallel degree (mixture-of-experts)."),
    column({name: "zero_stage", kind: "int", unit: null, required: false, description: "ZeRO stage (3 = fully sharded data parallel, FSDP).", check: zeroStage}),
    intColumn("micro_batch", "sequences", "Sequences per micro-batch."),
    column({name: "recompute", kind: "string", unit: null, required: false, description: "Activation recomputation: none, selective or full.", check: z.enum(["none", "selective", "full"])}),
    intColumn("virtual_stages", null, "Interleaved pipeline chunks per GPU."),
    column({name: "sequence_parallel", kind: "bool", unit: null, required: false, description: "Megatron sequence parallelism with tensor parallelism; blank = the engine's default (on whenever tp > 1). Only read where the whole layout is published."}),
    column({name: "flash_attention", kind: "bool", unit: null, required: false, description: "Attention by a fused FlashAttention-style kernel that never stores the s×s scores; blank = the engine's default (on). Only read where the whole layout is published."}),
    numberColumn("global_batch_tokens", "tokens", "Tokens per optimizer step in the final (main) phase.", positive),
    column({name: "batch_ramp", kind: "string", unit: null, required: false, description: "Earlier, smaller batches: 'until_tokens:batch_tokens' phases separated by ';' (cumulative tokens at which each phase ends).", check: ramp}),
    intColumn("interruptions", "events", "Job interruptions the run reports in interruption_window_hours."),
    numberColumn("interruption_window_hours", "hours", "Wall-clock hours the interruption count covers.", positive),
    numberColumn("hours_lost_per_interruption", "hours", "Training time one interruption costs, where the run says (work redone since the last checkpoint and the restart); blank = MegaScale's 25 minutes.", positive),
    numberColumn("effective_training_time_reported", "fraction", "Share of wall-clock time on useful training as the run reports it (a bound where the text says '> 90%').", fraction),
    textColumn("layout_source", "Paper and section or table the layout is read from.", true),
    textColumn("goodput_source", "Paper and section for the batch ramp and interruptions."),
    textColumn("notes", "Derivations and what is not published."),
    column({name: "dp_overlap", kind: "bool", unit: null, required: false, description: "Whether the run's framework overlaps its data-parallel collectives (gradient reduction, ZeRO weight all-gather) with compute; blank = the engine's default (on). false where the framework runs them between the backward pass and the next forward (DeepSpeed's pipeline engine)."}),
    textColumn("framework", "The training framework, where the run's paper, config or repository names it, and what in it decides dp_overlap."),
    numberColumn("scale_out_gbps", "GB/s", "Inter-node bandwidth per accelerator, one direction, of the cluster the run used, where its instance type or fabric is cited (cluster_source); blank = the reference system of data/gpus.csv.", positive),
    textColumn("cluster_source", "Where scale_out_gbps is read: the run's cluster and its network."),
    column({name: "loss", kind: "string", unit: null, required: false, description: "The loss kernel the run's code runs, where it is read (cited in framework): vocab-parallel-fp32 = Megatron's unfused vocab-parallel cross-entropy on logits cast to fp32 (52 HBM bytes per logit, runPrediction.ts); blank = the step model's fused count (20).", check: z.enum(["vocab-parallel-fp32"])}),
    column({name: "attention_kernel", kind: "string", unit: null, required: false, description: "The attention kernel the run's code runs, where it is read (attention_source): flash-v1 = the first FlashAttention (flash-attn 0.x, head dimensions up to 128), at 25% of peak (runPrediction.ts FLASH_ATTENTION_V1_EFFICIENCY); blank = the step model's FlashAttention-2 rate (50%).", check: z.enum(["flash-v1"])}),
    textColumn("attention_source", "Where attention_kernel is read: the run's config, code and the kernel's version."),
    column({name: "tensor_parallel", kind: "bool", unit: null, required: false, description: "true where the paper says tensor (model) parallelism was used but not its degree (tp blank): the planner then chooses among tp > 1 only; blank = not said."}),
    intColumn("eval_interval_steps", "steps", "Training steps between evaluation passes, from the run's config (overhead_source); blank = not published."),
    numberColumn("eval_batches", "global batches", "Global batches run forward per evaluation (eval iterations × datasets, or the eval set's size ÷ the global batch; overhead_source).", positive),
    intColumn("checkpoint_interval_steps", "steps", "Training steps between checkpoint saves, from the run's config or logbook."),
    numberColumn("checkpoint_save_seconds", "seconds", "Seconds one checkpoint save stops training, as the run's logbook measures it; blank = not published (then no pause is charged).", positive),
    intColumn("repeated_steps", "steps", "Steps trained and then thrown away by rollbacks the run reports (restarts from an earlier checkpoint)."),
    numberColumn("downtime_hours", "hours", "Wall-clock hours the whole job stood still, itemised in the run's logbook and not among the interruptions counted above.", positive),
    textColumn("overhead_source", "Where the evaluation, checkpoint, rollback and downtime figures are read, and how each is derived."),
    column({name: "reported_hours_steady_state", kind: "bool", unit: null, required: false, description: "true where the reported GPU-hours are the run's tokens ÷ its measured training throughput (goodput_source shows the arithmetic): a steady-state figure, so no interruption, checkpoint or evaluation is charged; blank = the hours are elapsed time."}),
    column({name: "stack", kind: "string", unit: null, required: false, description: "The engine stack that times the run (stack.ts), by one rule read from the framework, never from the run's residual: \"pytorch\" (eagerStep.ts) where the framework runs eager PyTorch modules under autograd with data-parallel sharding (DDP, FSDP, ZeRO-3) as its only parallelism and no fused kernels beyond attention; \"megatron\" (the fused-stack model) for Megatron-LM and its derivatives, compiled code (JAX/XLA on TPUs, llm.c) and in-house stacks with hand-written kernels, and for eager-PyTorch frameworks whose tensor or pipeline parallelism the plain-PyTorch model cannot describe (stack_source says which); blank = the engine's default, megatron.", check: z.enum(STACK_NAMES)}),
    textColumn("stack_source", "Why the run gets its stack under the rule, and which framework settings the plain-PyTorch model takes at its defaults because the run does not publish them."),
    column({name: "layer_kernels", kind: "string", unit: null, required: false, description: "The transformer-layer code the run ran, where it is read (layer_kernels_source): gpt-neox-v1 = GPT-NeoX v1.0's parallel (gpt-j-residual) layer with partial rotary and FlashAttention, whose unfused bias adds, q/k/v copies and autograd slice and split backwards move 19 and 26 more activation elements per token and attention width forward and backward than the fused Megatron layer, and which all-reduces once in the forward pass (runPrediction.ts GPT_NEOX_V1_LAYER_ELEMENTWISE); blank = the step model's fused Megatron layer.", check: z.enum(["gpt-neox-v1"])}),
    textColumn("layer_kernels_source", "Where layer_kernels is read: the framework's version and the config switches that select the layer's code.")
  ]
};
