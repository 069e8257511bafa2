import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";
import {idColumn, textColumn} from "./columns.js";

/**
 * Pretraining-data pipeline figures: how much of a web crawl survives each curation stage, corpus
 * sizes, what quality filtering buys on benchmarks, and how many characters a token covers.
 */
export const dataCuration: DatasetSpec = {
  name: "data_curation",
  title: "Pretraining data curation",
  description: "Stage-by-stage retention of web data (RefinedWeb, FineWeb), FineWeb vs FineWeb-Edu sizes and benchmark results, classifier cost, and tokenizer compression (characters per token), each with its source.",
  key: ["id"],
  sourceColumns: ["source", "source_location"],
  columns: [
    idColumn("Stable identifier: corpus and item."),
    textColumn("corpus", "Dataset or tokenizer the figure describes.", true),
    column({name: "kind", kind: "string", unit: null, required: true, description: "stage_retention (share of the crawl left after a stage), filter_removal (share one filter removes), corpus_size, benchmark, classifier, compute_cost or tokenizer_compression.", check: z.enum(["stage_retention", "filter_removal", "corpus_size", "benchmark", "classifier", "compute_cost", "tokenizer_compression"])}),
    textColumn("item", "The stage, filter, benchmark or tokenizer.", true),
    column({name: "value", kind: "float", unit: "see unit column", required: true, description: "The figure, in the row's unit (percentages as 0-100, token counts as plain numbers).", check: z.number().nonnegative({message: "expected a number ≥ 0"})}),
    textColumn("unit", "Unit of value: % of documents or tokens, tokens, % accuracy, H100 GPU-hours, characters/token. Characters are not bytes: no source here measures bytes per token.", true),
    column({name: "approximate", kind: "bool", unit: null, required: true, description: "true where the source gives the figure as approximate (~) or it is read off a figure."}),
    textColumn("condition", "Experimental condition, e.g. model size and training tokens, or the text sample."),
    textColumn("source", "Paper, dataset card or repository.", true),
    textColumn("source_location", "Section, table or figure, and how it was read.", true),
    textColumn("notes", "Caveats.")
  ]
};
