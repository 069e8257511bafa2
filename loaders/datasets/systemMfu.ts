import {z} from "zod";
import {column} from "../schema.js";
import {accelerator, fraction, gpuIdColumn, idColumn, intColumn, numberColumn, positive, textColumn} from "./columns.js";
import type {DatasetSpec} from "../schema.js";
import {STACK_NAMES} from "../../src/engine/stack.js";

/**
 * Published throughput and utilisation measurements (shared/reference/system_mfu.csv): one row
 * per configuration, with parallelism, batch and architecture parsed for the performance model.
 */
export const systemMfu: DatasetSpec = {
  name: "system_mfu",
  title: "Measured throughput and MFU",
  description: "Published model-FLOPs and hardware-FLOPs utilisation for specific models, parallel layouts and clusters, with the original text and its source.",
  key: ["id"],
  sourceColumns: ["primary_source", "source_location", "how_verified"],
  references: [{column: "gpu_id", dataset: "gpus"}],
  columns: [
    idColumn("Stable identifier of the measurement (source, model, configuration)."),
    numberColumn("params", "parameters", "Model parameters (total), parsed from params_text or, where that is blank, the model name.", positive),
    gpuIdColumn("Accelerator (id in gpus); blank when the text does not pin down model and form factor."),
    accelerator,
    intColumn("num_gpus", "accelerators", "Number of accelerators in the measurement."),
    intColumn("tp", null, "Tensor-parallel degree."),
    intColumn("pp", null, "Pipeline-parallel degree."),
    intColumn("dp", null, "Data-parallel degree (FSDP/ZeRO included)."),
    intColumn("cp", null, "Context-parallel degree."),
    intColumn("ep", null, "Expert-parallel degree."),
    intColumn("seq_len", "tokens", "Sequence length."),
    intColumn("global_batch_sequences", "sequences", "Global batch size in sequences; blank when the source gives it in tokens only."),
    numberColumn("tflops_per_gpu", "TFLOP/s", "Achieved TFLOP/s per accelerator as the source counts them (see parse_notes where that includes recomputation).", positive),
    numberColumn("mfu", "fraction", "Model FLOPs utilisation: model FLOPs per second / dense peak (0.43 = 43%).", fraction),
    numberColumn("hfu", "fraction", "Hardware FLOPs utilisation: counts recomputed activations too.", fraction),
    column({name: "recompute", kind: "string", unit: null, required: false, description: "Activation recomputation: none, selective (attention only, Korthikanti 2022) or full (whole layer).", check: z.enum(["none", "selective", "full"])}),
    intColumn("layers", "layers", "Transformer layers, where the row's text gives them."),
    intColumn("d_model", null, "Hidden size, where the row's text gives it."),
    intColumn("heads", null, "Attention heads, where the row's text gives them."),
    intColumn("vocab", "tokens", "Vocabulary size, where the row's notes give it."),
    column({
      name: "stack",
      kind: "string",
      unit: null,
      required: false,
      description:
        "Training software as the source describes it, in the engine's stack names (src/engine/stack.ts): megatron (Megatron-LM / NeMo as run in production), megatron-tuned (NVIDIA's performance recipes: tensor-parallel overlap inside the matmuls), pytorch (PyTorch FSDP / DDP, eager); blank where the software is none of these.",
      check: z.enum(STACK_NAMES)
    }),
    textColumn("parse_notes", "How the parsed columns were read from the text, and why any is blank."),
    textColumn("source_system", "Training system or paper the measurement belongs to.", true),
    textColumn("model", "Model as named in the source.", true),
    textColumn("params_text", "Parameters, original text."),
    textColumn("hardware", "Accelerator and cluster, original text.", true),
    textColumn("num_gpus_text", "Accelerator count, original text."),
    textColumn("tp_text", "Tensor-parallel degree, original text (the reference file's TP column)."),
    textColumn("pp_text", "Pipeline-parallel degree, original text (PP)."),
    textColumn("dp_text", "Data-parallel degree, original text (DP)."),
    textColumn("cp_text", "Context-parallel degree, original text (CP)."),
    textColumn("ep_text", "Expert-parallel degree, original text (EP)."),
    textColumn("seq_len_text", "Sequence length, original text."),
    textColumn("global_batch", "Global batch, original text (sequences or tokens)."),
    textColumn("precision", "Numeric precision."),
    textColumn("step_time_or_throughput", "Step time or throughput, original text."),
    textColumn("tflops_per_gpu_text", "TFLOP/s per GPU, original text."),
    textColumn("mfu_pct", "MFU in percent, original text."),
    textColumn("hfu_pct", "HFU in percent, original text."),
    textColumn("pct_of_peak", "Percent of peak as the source prints it (Narayanan Table 1), original text."),
    textColumn("recompute_text", "Activation recomputation, original text."),
    textColumn("notes", "Caveats from the compiler."),
    textColumn("primary_source", "Paper or repository the measurement comes from.", true),
    textColumn("source_location", "Table or section within the source.", true),
    textColumn("how_verified", "How the compiler read the source.", true)
  ]
};
