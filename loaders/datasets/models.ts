import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec, Row} from "../schema.js";

const positive = z.number().positive({message: "expected a number > 0"});
const positiveInt = z.number().int().positive({message: "expected a whole number > 0"});
const nonnegativeInt = z.number().int().nonnegative({message: "expected a whole number ≥ 0"});

/** Columns that describe mixture-of-experts layers. */
const MOE_ONLY = ["shared_experts", "dense_layers", "expert_ffn_dim"] as const;
/** Multi-head latent attention's columns: all or none. */
const LATENT_ATTENTION = ["q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim"] as const;

/**
 * Architectures of well-known language models, as published (paper tables and released config
 * files). The calculator and the case studies start from these rows.
 */
export const models: DatasetSpec = {
  name: "models",
  title: "Model architectures",
  description: "Published architectures of well-known decoder-only language models: shape, vocabulary, context, experts, parameter counts and training tokens.",
  key: ["id"],
  sourceColumns: ["source", "source_date"],
  references: [{column: "training_run_id", dataset: "training_runs"}],
  rowRules: [
    ...MOE_ONLY.map((column) => ({
      column,
      expected: "blank on a dense model (experts_total blank): it describes mixture-of-experts layers",
      holds: (row: Row) => row[column] === null || row.experts_total !== null
    })),
    {
      column: "dense_layers",
      expected: "fewer dense layers than layers (a mixture-of-experts model has at least one MoE layer)",
      holds: (row: Row) => row.dense_layers === null || (row.dense_layers as number) < (row.layers as number)
    },
    ...LATENT_ATTENTION.map((column) => ({
      column,
      expected: `all of ${LATENT_ATTENTION.join(", ")} given, or none (multi-head latent attention needs every one)`,
      holds: (row: Row) => LATENT_ATTENTION.every((c) => row[c] === null) || LATENT_ATTENTION.every((c) => row[c] !== null)
    }))
  ],
  columns: [
    column({name: "id", kind: "string", unit: null, required: true, description: "Stable identifier used in URLs (lower-case, digits, dots and hyphens).", check: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, {message: "expected lower-case letters, digits, dots and hyphens"})}),
    column({name: "name", kind: "string", unit: null, required: true, description: "Name as the authors print it."}),
    column({name: "org", kind: "string", unit: null, required: true, description: "Organisation that trained it."}),
    column({name: "year", kind: "int", unit: "year", required: true, description: "Year of publication.", check: z.number().int().min(2017).max(2030)}),
    column({name: "params_billions", kind: "float", unit: "10^9 parameters", required: true, description: "Total parameters as reported (all experts for MoE).", check: positive}),
    column({name: "active_params_billions", kind: "float", unit: "10^9 parameters", required: false, description: "Parameters used per token (MoE only; blank for dense models).", check: positive}),
    column({name: "layers", kind: "int", unit: null, required: true, description: "Transformer blocks.", check: positiveInt}),
    column({name: "d_model", kind: "int", unit: null, required: true, description: "Hidden (residual stream) width.", check: positiveInt}),
    column({name: "heads", kind: "int", unit: null, required: true, description: "Query attention heads.", check: positiveInt}),
    column({name: "kv_heads", kind: "int", unit: null, required: true, description: "Key/value heads (equal to heads for multi-head attention, fewer for GQA, 1 for MQA).", check: positiveInt}),
    column({name: "head_dim", kind: "int", unit: null, required: false, description: "Width of each attention head where the model sets it apart from d_model / heads (Gemma 256, Qwen3 128); blank = d_model / heads.", check: positiveInt}),
    column({name: "ffn_dim", kind: "int", unit: null, required: true, description: "Feed-forward hidden width: of each expert for MoE unless expert_ffn_dim is given, else of the leading dense layers.", check: positiveInt}),
    column({name: "ffn_kind", kind: "string", unit: null, required: true, description: "gelu: two-matrix MLP; swiglu: gated three-matrix MLP.", check: z.enum(["gelu", "swiglu"])}),
    column({name: "vocab", kind: "int", unit: "tokens", required: true, description: "Vocabulary size.", check: positiveInt}),
    column({name: "seq_len", kind: "int", unit: "tokens", required: true, description: "Sequence length in the main pre-training phase.", check: positiveInt}),
    column({name: "tied_embeddings", kind: "bool", unit: null, required: false, description: "Output matrix shares the token embedding's weights; blank when the source does not say."}),
    column({name: "position_embedding", kind: "string", unit: null, required: true, description: "learned (absolute, a seq_len × d_model table of parameters), rotary (RoPE) or relative (Transformer-XL style).", check: z.enum(["learned", "rotary", "relative"])}),
    column({name: "experts_total", kind: "int", unit: null, required: false, description: "Routed experts per MoE layer (blank for dense).", check: positiveInt}),
    column({name: "experts_active", kind: "int", unit: null, required: false, description: "Routed experts used per token (blank for dense).", check: positiveInt}),
    column({name: "shared_experts", kind: "int", unit: null, required: false, description: "Experts of each MoE layer that every token passes through besides the routed ones (DeepSeekMoE); blank = 0 (dense models: blank).", check: nonnegativeInt}),
    column({name: "dense_layers", kind: "int", unit: null, required: false, description: "Leading layers of a MoE model whose FFN is one dense block ffn_dim wide instead of experts; blank = 0 (dense models: blank).", check: nonnegativeInt}),
    column({name: "expert_ffn_dim", kind: "int", unit: null, required: false, description: "Hidden width of one routed or shared expert's FFN when it differs from ffn_dim (DeepSeek's moe_inter_dim); blank = ffn_dim.", check: positiveInt}),
    column({name: "q_lora_rank", kind: "int", unit: null, required: false, description: "Multi-head latent attention: rank of the query compression (0 = queries projected at full rank); blank when the model has standard attention.", check: nonnegativeInt}),
    column({name: "kv_lora_rank", kind: "int", unit: null, required: false, description: "Multi-head latent attention: width of the shared key-value latent; blank when the model has standard attention.", check: positiveInt}),
    column({name: "qk_nope_head_dim", kind: "int", unit: null, required: false, description: "Multi-head latent attention: per-head query/key width without rotary embedding.", check: positiveInt}),
    column({name: "qk_rope_head_dim", kind: "int", unit: null, required: false, description: "Multi-head latent attention: per-head query/key width carrying the rotary embedding (the key part shared by all heads).", check: positiveInt}),
    column({name: "v_head_dim", kind: "int", unit: null, required: false, description: "Multi-head latent attention: per-head value width.", check: positiveInt}),
    column({name: "training_tokens_billions", kind: "float", unit: "10^9 tokens", required: false, description: "Pre-training tokens as reported; blank when undisclosed.", check: positive}),
    column({name: "batch_tokens_millions", kind: "float", unit: "10^6 tokens", required: false, description: "Tokens per optimizer step in the main (final) phase of pre-training; blank when undisclosed.", check: positive}),
    column({name: "training_run_id", kind: "string", unit: null, required: false, description: "The run's row in data/training_runs.csv (reported GPU-hours, cost, hardware), when there is one."}),
    column({name: "source", kind: "string", unit: null, required: true, description: "Paper and table, or config file URL, for every figure in the row."}),
    column({name: "source_date", kind: "date", unit: null, required: true, description: "Publication date of the source."}),
    column({name: "notes", kind: "string", unit: null, required: false, description: "Caveats: approximations, whose run the tokens belong to."})
  ]
};
