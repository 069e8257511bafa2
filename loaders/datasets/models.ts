import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";

const positive = z.number().positive({message: "expected a number > 0"});
const positiveInt = z.number().int().positive({message: "expected a whole number > 0"});

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
    column({name: "ffn_dim", kind: "int", unit: null, required: true, description: "Feed-forward hidden width (per expert for MoE).", check: positiveInt}),
    column({name: "ffn_kind", kind: "string", unit: null, required: true, description: "gelu: two-matrix MLP; swiglu: gated three-matrix MLP.", check: z.enum(["gelu", "swiglu"])}),
    column({name: "vocab", kind: "int", unit: "tokens", required: true, description: "Vocabulary size.", check: positiveInt}),
    column({name: "seq_len", kind: "int", unit: "tokens", required: true, description: "Sequence length in the main pre-training phase.", check: positiveInt}),
    column({name: "tied_embeddings", kind: "bool", unit: null, required: false, description: "Output matrix shares the token embedding's weights; blank when the source does not say."}),
    column({name: "position_embedding", kind: "string", unit: null, required: true, description: "learned (absolute, a seq_len × d_model table of parameters), rotary (RoPE) or relative (Transformer-XL style).", check: z.enum(["learned", "rotary", "relative"])}),
    column({name: "experts_total", kind: "int", unit: null, required: false, description: "Routed experts per MoE layer (blank for dense).", check: positiveInt}),
    column({name: "experts_active", kind: "int", unit: null, required: false, description: "Routed experts used per token (blank for dense).", check: positiveInt}),
    column({name: "training_tokens_billions", kind: "float", unit: "10^9 tokens", required: false, description: "Pre-training tokens as reported; blank when undisclosed.", check: positive}),
    column({name: "batch_tokens_millions", kind: "float", unit: "10^6 tokens", required: false, description: "Tokens per optimizer step in the main (final) phase of pre-training; blank when undisclosed.", check: positive}),
    column({name: "training_run_id", kind: "string", unit: null, required: false, description: "The run's row in data/training_runs.csv (reported GPU-hours, cost, hardware), when there is one."}),
    column({name: "source", kind: "string", unit: null, required: true, description: "Paper and table, or config file URL, for every figure in the row."}),
    column({name: "source_date", kind: "date", unit: null, required: true, description: "Publication date of the source."}),
    column({name: "notes", kind: "string", unit: null, required: false, description: "Caveats: approximations, whose run the tokens belong to."})
  ]
};
