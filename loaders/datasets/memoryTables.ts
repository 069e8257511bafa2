import {idColumn, numberColumn, textColumn} from "./columns.js";
import type {DatasetSpec} from "../schema.js";

/** Published memory figures (shared/reference/memory.csv): ZeRO tables, activation formulas, checkpoint sizes. */
export const memoryTables: DatasetSpec = {
  name: "memory_tables",
  title: "Published memory figures",
  description: "Per-device model-state memory (ZeRO Tables 1-2, Figure 1), activation-memory formulas (Korthikanti 2022 Table 2) and checkpoint sizes, with the original text and its source.",
  key: ["id"],
  sourceColumns: ["primary_source", "how_verified"],
  columns: [
    idColumn("Stable identifier: source, table and position within it."),
    numberColumn("value", null, "The value as a number, in the row's unit; parameter counts written 7.6B are expanded to 7.6e9. Blank where the text is a formula, range or several figures."),
    numberColumn("value_bytes", "bytes", "The value in bytes where the unit is GB. ZeRO's GB is 10^9 bytes: 16Ψ/Nd with Ψ = 7.5e9 and Nd = 64 is 1.875e9 bytes, printed as 1.88 GB in Table 1."),
    textColumn("source", "Short name of the source.", true),
    textColumn("table_or_section", "Table, figure or section.", true),
    textColumn("model", "Model the figure is for."),
    textColumn("params", "Model size, original text."),
    textColumn("config", "Configuration (data-parallel degree, ZeRO stage, model parallelism)."),
    textColumn("quantity", "What is measured.", true),
    textColumn("value_text", "The value, original text (the reference file's value column).", true),
    textColumn("unit", "Unit of the value as printed.", true),
    textColumn("notes", "Caveats and formulas."),
    textColumn("primary_source", "Paper or repository.", true),
    textColumn("how_verified", "How the compiler read the source.", true)
  ]
};
