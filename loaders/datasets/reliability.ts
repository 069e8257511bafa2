import {idColumn, intColumn, nonNegative, numberColumn, percent, textColumn} from "./columns.js";
import type {DatasetSpec} from "../schema.js";

/** Failures and interruptions in large training runs (shared/reference/reliability.csv). */
export const reliability: DatasetSpec = {
  name: "reliability",
  title: "Failures and interruptions",
  description: "Root causes of job interruptions (Llama 3 Table 5), OPT-175B, BLOOM, MPT and MegaScale operations logs, with the original text and its source.",
  key: ["id"],
  sourceColumns: ["primary_source", "how_verified"],
  columns: [
    idColumn("Stable identifier: run, category and component."),
    intColumn("count", "events", "Number of events, parsed from count_text; blank for bounds ('>100'), approximations and non-counts.", nonNegative),
    numberColumn("pct", "%", "Share of interruptions in percent as printed, parsed from pct_reported (Llama 3 Table 5 prints 30.1% for 148 of 419, which is 35.3%).", percent),
    textColumn("run", "Training run.", true),
    textColumn("scale", "Cluster size.", true),
    textColumn("period", "Period covered."),
    textColumn("category", "Category of cause.", true),
    textColumn("component", "Component or event.", true),
    textColumn("count_text", "Count, original text (the reference file's count column)."),
    textColumn("pct_reported", "Percentage, original text."),
    textColumn("detail", "Details."),
    textColumn("primary_source", "Paper, blog or logbook.", true),
    textColumn("source_location", "Section or file within the source."),
    textColumn("how_verified", "How the compiler read the source.", true)
  ]
};
