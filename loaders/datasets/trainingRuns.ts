import {accelerator, fraction, gpuIdColumn, idColumn, intColumn, numberColumn, positive, textColumn} from "./columns.js";
import type {DatasetSpec} from "../schema.js";

/**
 * Published training runs (shared/reference/training_runs.csv), with the source's text columns
 * kept verbatim and clean numeric columns parsed from them. A parsed cell is blank wherever the text
 * is a range, a lower bound, two competing figures or missing; `parse_notes` says why.
 */
export const trainingRuns: DatasetSpec = {
  name: "training_runs",
  title: "Published training runs",
  description: "One row per published LLM training run: size, tokens, hardware, time, utilisation and cost as reported, with the original text and its source.",
  key: ["id"],
  sourceColumns: ["primary_source", "source_location", "how_verified"],
  references: [{column: "gpu_id", dataset: "gpus"}],
  columns: [
    idColumn("Stable identifier of the run (slug of the model name)."),
    numberColumn("params_total", "parameters", "Total parameter count (all experts for MoE), parsed from total_params.", positive),
    numberColumn("params_active", "parameters", "Parameters active per token for mixture-of-experts models, parsed from active_params; blank for dense models.", positive),
    numberColumn("tokens", "tokens", "Training tokens processed, parsed from training_tokens; blank when the text is a lower bound or gives two figures.", positive),
    intColumn("seq_len", "tokens", "Pre-training sequence length, parsed from seq_len_text; blank when only the final long-context length is given."),
    numberColumn("train_flops_reported", "FLOP", "Total training compute as reported by the source (not 6ND), parsed from total_train_flops_reported.", positive),
    gpuIdColumn("Accelerator (id in gpus); blank when the text does not pin down the model and form factor (e.g. 'A100 40GB' could be SXM4 or PCIe)."),
    accelerator,
    intColumn("accelerator_count", "accelerators", "Number of accelerators, parsed from num_accelerators; blank for 'up to' figures or changing cluster sizes."),
    numberColumn("wall_clock_days", "days", "Wall-clock training time, parsed from wall_clock_days (hours converted to days); blank for approximate spans like '~2 months'.", positive),
    numberColumn("accelerator_hours", "accelerator-hours", "Accelerator-hours as reported (or the source's own chips × hours product), parsed from accelerator_hours_reported.", positive),
    numberColumn("mfu_reported", "fraction", "Model FLOPs utilisation as a fraction of dense peak (0.43 = 43%), parsed from mfu_or_tflops_reported; blank for ranges and for hardware-FLOP figures.", fraction),
    numberColumn("cost_usd_reported", "USD", "Training cost in US dollars as reported, parsed from cost_usd_reported."),
    numberColumn("usd_per_accelerator_hour", "USD/accelerator-hour", "Price per accelerator-hour the source assumed, parsed from cost_assumption (node prices divided by accelerators per node).", positive),
    textColumn("parse_notes", "How the parsed columns were read from the text, and why any is blank."),
    textColumn("model", "Model name as in the source.", true),
    textColumn("org", "Organisation that trained the model.", true),
    textColumn("year", "Year of publication (text; some rows give a range)."),
    textColumn("total_params", "Total parameters, original text."),
    textColumn("active_params", "Active parameters, original text."),
    textColumn("training_tokens", "Training tokens, original text."),
    textColumn("seq_len_text", "Sequence length, original text (the reference file's seq_len column)."),
    textColumn("total_train_flops_reported", "Training FLOPs, original text."),
    textColumn("hardware", "Accelerator, original text."),
    textColumn("num_accelerators", "Number of accelerators, original text."),
    textColumn("wall_clock_days_text", "Wall-clock time, original text (the reference file's wall_clock_days column)."),
    textColumn("accelerator_hours_reported", "Accelerator-hours, original text."),
    textColumn("mfu_or_tflops_reported", "MFU or achieved TFLOP/s, original text."),
    textColumn("cost_usd_reported_text", "Cost, original text (the reference file's cost_usd_reported column)."),
    textColumn("cost_assumption", "The price assumption behind the cost, original text."),
    textColumn("precision", "Numeric precision used in training."),
    textColumn("parallelism", "Parallelism layout (TP/PP/DP/FSDP/ZeRO)."),
    textColumn("failures_interruptions", "Failures or interruptions reported."),
    textColumn("checkpoint_details", "Checkpointing details reported."),
    textColumn("energy_reported", "Energy as reported (often accelerator-hours × TDP × PUE by construction)."),
    textColumn("co2_reported", "Emissions as reported."),
    textColumn("primary_source", "Paper, model card or repository the facts come from.", true),
    textColumn("source_location", "Table, section or page within the source.", true),
    textColumn("how_verified", "How the compiler read the source (directly, transcription, third-party compilation).", true),
    textColumn("confidence", "Compiler's confidence in the row (high / medium / low, per field where stated)."),
    textColumn("notes", "Caveats from the compiler.")
  ]
};
