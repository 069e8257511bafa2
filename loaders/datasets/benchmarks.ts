import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";
import {idColumn, percent, textColumn} from "./columns.js";

/**
 * Published evaluation scores of the models in data/models.csv, one row per model, benchmark and
 * source. The same model and benchmark can appear under two sources (Meta re-evaluated Llama 2 for
 * the Llama 3 card; DeepSeek evaluated Llama 3.1 405B itself): the setting columns say how each
 * score was obtained, so a reader compares like with like.
 */
export const benchmarks: DatasetSpec = {
  name: "benchmarks",
  title: "Published benchmark scores",
  description: "Evaluation results (MMLU, ARC-Challenge, HellaSwag, GSM8K) of pre-trained base models as published in papers and model cards, with shots, metric, evaluator and source.",
  key: ["id"],
  sourceColumns: ["source", "source_location", "source_url", "source_date", "observed_date", "how_read"],
  references: [{column: "model_id", dataset: "models"}],
  columns: [
    idColumn("Stable identifier: model, benchmark and source."),
    column({name: "model_id", kind: "string", unit: null, required: true, description: "The model's row in data/models.csv."}),
    column({name: "benchmark", kind: "string", unit: null, required: true, description: "mmlu, arc-challenge, hellaswag or gsm8k.", check: z.enum(["mmlu", "arc-challenge", "hellaswag", "gsm8k"])}),
    column({name: "score_percent", kind: "float", unit: "%", required: true, description: "Score as published, in percent (accuracy or exact match).", check: percent}),
    column({name: "shots", kind: "int", unit: "examples", required: true, description: "In-context examples in the prompt (0 for zero-shot).", check: z.number().int().min(0).max(64)}),
    textColumn("metric", "The metric as the source names it (accuracy, acc_char, macro_avg/acc_char, exact match).", true),
    column({name: "chain_of_thought", kind: "bool", unit: null, required: true, description: "The prompt asked for step-by-step reasoning (chain of thought)."}),
    textColumn("evaluated_by", "Who ran the evaluation (the model's authors, or another lab comparing it).", true),
    textColumn("harness", "Evaluation code or framework as the source names it.", true),
    textColumn("source", "Paper or model card the score is read from.", true),
    textColumn("source_location", "Table or section within the source.", true),
    textColumn("source_url", "Where the source can be read.", true),
    column({name: "source_date", kind: "date", unit: null, required: true, description: "Publication date of the source."}),
    column({name: "observed_date", kind: "date", unit: null, required: true, description: "Date the row was read from the source."}),
    textColumn("how_read", "How the value was read (directly from a repository, from a transcription).", true),
    textColumn("notes", "Caveats: re-evaluations, differing settings.")
  ]
};
