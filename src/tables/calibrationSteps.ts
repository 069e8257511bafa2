// The CSV format of a reader's measured training steps ("Calibrate to your cluster"): one row per
// measured configuration, validated cell by cell with the data loaders' own machinery (csv.ts,
// validate.ts), so a bad file is refused with `file:line:column: what was expected`.
import {z} from "zod";
// Narrow engine imports (not ../engine/index.js), so the page that reads a pasted file loads only these.
import {parameterCount} from "../engine/parameters.js";
import {predictStep} from "../engine/perf/stepTime.js";
import {compareMeasuredStep, engineRecompute, measuredStepSpec} from "../engine/perf/measured.js";
import type {MeasuredStepRow} from "../engine/perf/measured.js";
import {SpecError, validateSpec} from "../engine/validateSpec.js";
import {stackSchema} from "../engine/specSchema.js";
import type {CalibrationStep} from "../engine/calibration/fit.js";
import type {GpuSpec, Precision, Recompute, Stack, TrainingSpec} from "../engine/types.js";
import {parseCsv} from "./csv.js";
import type {CsvRecord} from "./csv.js";
import {DataError} from "./errors.js";
import {column} from "./schema.js";
import type {DatasetSpec, Row} from "./schema.js";
import {validateTable} from "./validate.js";
import {intColumn, numberColumn, positive, positiveInt, slug, textColumn} from "./columns.js";

const int = (name: string, unit: string | null, description: string) => column({name, kind: "int", unit, required: true, description, check: positiveInt});
const bool = (name: string, description: string) => column({name, kind: "bool", unit: null, required: false, description});

/** The format, column by column; the calibrate page documents it from this list. */
export const calibrationSteps: DatasetSpec = {
  name: "calibration_steps",
  title: "Measured training steps (your cluster)",
  description: "One steady-state optimizer step per row: the model's shape, the layout, the software stack, the accelerator, and the measured seconds per step (and, optionally, peak memory per GPU).",
  key: ["run"],
  sourceColumns: [],
  references: [{column: "gpu_id", dataset: "gpus"}],
  columns: [
    column({name: "run", kind: "string", unit: null, required: true, description: "Your name for the row, unique in the file (e.g. 7b-tp2-mb4)."}),
    column({name: "gpu_id", kind: "string", unit: null, required: true, description: "Accelerator: an id from the atlas's data/gpus.csv (e.g. h100-sxm5-80gb).", check: slug}),
    column({name: "stack", kind: "string", unit: null, required: false, description: "Training software: megatron (Megatron-LM / NeMo class, fused kernels), pytorch (eager PyTorch) or pytorch-compile (torch.compile); it sets the memory model (src/engine/stack.ts). Rows of different stacks are fitted separately; blank = one stack, unnamed (memory as megatron).", check: stackSchema}),
    column({name: "precision", kind: "string", unit: null, required: true, description: "fp32, amp-bf16, bf16-master-fp32 or fp8.", check: z.enum(["fp32", "amp-bf16", "bf16-master-fp32", "fp8"])}),
    int("layers", "layers", "Transformer layers."),
    int("d_model", null, "Hidden size."),
    int("heads", null, "Attention heads."),
    intColumn("kv_heads", null, "Key/value heads (grouped-query attention); blank = heads."),
    intColumn("ffn_dim", null, "MLP hidden size (SwiGLU: each of the gate and up projections); blank = 4·d_model (GELU) or 8/3·d_model (SwiGLU)."),
    column({name: "ffn_kind", kind: "string", unit: null, required: true, description: "gelu or swiglu.", check: z.enum(["gelu", "swiglu"])}),
    int("vocab", "tokens", "Vocabulary size."),
    int("seq_len", "tokens", "Sequence length."),
    numberColumn("params", "parameters", "Total parameters (all experts); blank = counted from the shape.", positive),
    intColumn("experts", null, "Experts per MoE layer; blank for a dense model."),
    intColumn("experts_active", null, "Experts each token is routed to (MoE only)."),
    bool("tied_embeddings", "true when the output projection shares the embedding matrix; blank = false."),
    bool("dropout", "Dropout on (its masks are stored for the backward pass; memory only); blank = true."),
    int("tp", null, "Tensor-parallel degree."),
    int("pp", null, "Pipeline-parallel degree."),
    int("dp", null, "Data-parallel degree."),
    intColumn("cp", null, "Context-parallel degree; blank = 1."),
    intColumn("ep", null, "Expert-parallel degree; blank = 1."),
    column({name: "zero_stage", kind: "int", unit: null, required: true, description: "ZeRO / FSDP sharding stage: 0, 1, 2 or 3.", check: z.number().int().min(0, {message: "expected 0, 1, 2 or 3"}).max(3, {message: "expected 0, 1, 2 or 3"})}),
    int("micro_batch", "sequences", "Sequences per micro-batch per GPU."),
    column({name: "global_batch_tokens", kind: "float", unit: "tokens", required: true, description: "Tokens per optimizer step over all GPUs (a whole number of micro-batches: seq_len · micro_batch · dp each).", check: positive}),
    column({name: "recompute", kind: "string", unit: null, required: true, description: "Activation recomputation: none, selective (attention core only) or full.", check: z.enum(["none", "selective", "full"])}),
    bool("flash_attention", "Fused attention kernel (FlashAttention, cuDNN SDPA); blank = true."),
    bool("sequence_parallel", "Megatron sequence parallelism; blank = on when tp > 1."),
    int("gpus", "GPUs", "GPUs the step ran on: must equal tp · pp · dp · cp."),
    column({name: "step_seconds", kind: "float", unit: "s", required: true, description: "Measured seconds per optimizer step, steady state (after warm-up; median of several steps).", check: positive}),
    numberColumn("peak_memory_bytes", "bytes", "Optional: peak memory allocated per GPU (torch.cuda.max_memory_allocated), bytes.", positive),
    textColumn("notes", "Optional: anything else about the row (framework version, date, cluster).")
  ]
};

/** Rows a file may hold: the fit's cost grows with them, and a cluster's calibration needs tens, not thousands. */
export const MAX_CALIBRATION_ROWS = 2000;

/** The column a spec problem belongs to, by validateSpec's path. */
const ISSUE_COLUMN: Readonly<Record<string, string>> = {
  parallelism: "gpus",
  "parallelism.tp": "tp",
  "parallelism.pp": "pp",
  "parallelism.cp": "cp",
  "parallelism.ep": "ep",
  "parallelism.globalBatchTokens": "global_batch_tokens",
  "model.kvHeads": "kv_heads",
  "model.dModel": "d_model",
  "model.params": "params",
  "model.experts.active": "experts_active",
  "model.experts": "experts"
};

function specOfRow(r: Row): TrainingSpec {
  const n = (k: string): number | undefined => (r[k] === null ? undefined : (r[k] as number));
  const experts = n("experts");
  const model: TrainingSpec["model"] = {
    params: 0,
    layers: r.layers as number,
    dModel: r.d_model as number,
    heads: r.heads as number,
    ...(n("kv_heads") !== undefined ? {kvHeads: n("kv_heads")} : {}),
    ...(n("ffn_dim") !== undefined ? {ffnDim: n("ffn_dim")} : {}),
    ffnKind: r.ffn_kind as "gelu" | "swiglu",
    vocab: r.vocab as number,
    seqLen: r.seq_len as number,
    ...(experts !== undefined ? {experts: {total: experts, active: n("experts_active") ?? 1}} : {}),
    tiedEmbeddings: r.tied_embeddings === true,
    ...(r.dropout !== null ? {dropout: r.dropout as boolean} : {})
  };
  model.params = n("params") ?? parameterCount(model).total;
  const gpus = r.gpus as number;
  return {
    model,
    tokens: r.global_batch_tokens as number,
    hardware: {gpu: r.gpu_id as string, count: gpus},
    parallelism: {
      tp: r.tp as number,
      pp: r.pp as number,
      dp: r.dp as number,
      ...(n("cp") !== undefined ? {cp: n("cp")} : {}),
      ...(n("ep") !== undefined ? {ep: n("ep")} : {}),
      zeroStage: r.zero_stage as 0 | 1 | 2 | 3,
      microBatch: r.micro_batch as number,
      globalBatchTokens: r.global_batch_tokens as number,
      recompute: r.recompute as Recompute,
      ...(r.flash_attention !== null ? {flashAttention: r.flash_attention as boolean} : {}),
      ...(r.sequence_parallel !== null ? {sequenceParallel: r.sequence_parallel as boolean} : {})
    },
    precision: r.precision as Precision,
    ...(r.stack !== null ? {stack: r.stack as Stack} : {})
  };
}

/**
 * Reads a reader's measured-steps CSV (`file` names it in messages) into steps the fit takes.
 * Every problem is a DataError at its cell: the CSV's shape, each value's kind and range, unknown
 * accelerators (`gpus` is data/gpus.csv), duplicate run names, layouts that do not multiply out or
 * divide the model, and rows the step-time model cannot predict.
 */
export function readCalibrationSteps(text: string, file: string, gpus: readonly GpuSpec[]): CalibrationStep[] {
  const table = parseCsv(text, file);
  if (table.records.length > MAX_CALIBRATION_ROWS) {
    const r = table.records[MAX_CALIBRATION_ROWS] as CsvRecord;
    throw new DataError({file, line: r.line, column: 1}, `at most ${MAX_CALIBRATION_ROWS} measured steps, found ${table.records.length}`);
  }
  const rows = validateTable(table, calibrationSteps, new Map([["gpus", new Set(gpus.map((g) => g.id))]]));
  if (table.records.length === 0) throw new DataError({file, line: 2, column: 1}, "at least one measured step after the header, found none");
  return rows.map((row, i) => {
    const record = table.records[i] as CsvRecord;
    const at = (name: string) => {
      const cell = record.cells.get(name)!;
      return {file, line: cell.line, column: cell.column};
    };
    let spec: TrainingSpec;
    try {
      spec = validateSpec(specOfRow(row));
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      const issue = error.issues[0]!;
      const name = ISSUE_COLUMN[issue.path] ?? "run";
      const message =
        issue.path === "parallelism" ? `gpus = tp · pp · dp · cp (${issue.message.replace(/, but hardware\.count is \d+/, "")}), found ${row.gpus}`
        : issue.path === "model.params" ? `a count this architecture holds (or blank, to count it from the shape): ${issue.message}`
        : `a layout the model allows: ${issue.message}`;
      throw new DataError(at(name), `column "${name}": expected ${message}`);
    }
    const gpu = gpus.find((g) => g.id === spec.hardware.gpu) as GpuSpec;
    try {
      predictStep(spec, gpu);
    } catch (error) {
      throw new DataError(at("precision"), `a step the model can predict on ${gpu.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return {
      run: row.run as string,
      line: record.line,
      spec,
      stepSeconds: row.step_seconds as number,
      peakMemoryBytes: row.peak_memory_bytes as number | null
    };
  });
}

/**
 * A project measurement whose GPU was busy at least 95% of the wall-clock step, so the measured
 * time is the GPU's and not the host's (the same bar as measured.ts isFp32FitRow).
 */
export function isGpuBoundStep(row: MeasuredStepRow): boolean {
  return row.status === "ok" && row.kernel_seconds !== null && row.step_seconds !== null && row.kernel_seconds / row.step_seconds >= 0.95;
}

/** The columns in file order: the template's header. */
export const CALIBRATION_COLUMNS: readonly string[] = calibrationSteps.columns.map((c) => c.name);

/**
 * The project's own measurements (data/gpu_training_steps.csv, eager PyTorch on the lent H100)
 * in this format: every step the engine can compare (compareMeasuredStep), with step_seconds the
 * measured GPU-busy (kernel) time, which is what the step-time model predicts (the wall-clock time
 * of small steps also holds host launch gaps). `keep` narrows the rows (default: all comparable).
 */
export function projectStepsAsCalibrationRows(rows: readonly MeasuredStepRow[], gpu: GpuSpec, keep: (row: MeasuredStepRow) => boolean = () => true): Row[] {
  return rows.filter((r) => keep(r) && compareMeasuredStep(r, gpu) !== null).map((r) => {
    const spec = measuredStepSpec(r, gpu.id);
    const p = spec.parallelism;
    return {
      run: `${r.model}-s${r.seq_len}-b${r.micro_batch}-${r.precision}-${engineRecompute(r.recompute)}`,
      gpu_id: gpu.id,
      stack: "pytorch",
      precision: spec.precision,
      layers: r.layers,
      d_model: r.d_model,
      heads: r.heads,
      kv_heads: r.kv_heads,
      ffn_dim: r.ffn,
      ffn_kind: spec.model.ffnKind ?? "gelu",
      vocab: r.vocab,
      seq_len: r.seq_len,
      params: r.params,
      experts: null,
      experts_active: null,
      tied_embeddings: r.tied_embeddings,
      dropout: false,
      tp: p.tp,
      pp: p.pp,
      dp: p.dp,
      cp: 1,
      ep: 1,
      zero_stage: p.zeroStage,
      micro_batch: p.microBatch,
      global_batch_tokens: p.globalBatchTokens ?? null,
      recompute: p.recompute,
      flash_attention: r.flash_attention,
      sequence_parallel: false,
      gpus: 1,
      step_seconds: r.kernel_seconds,
      peak_memory_bytes: r.peak_memory_bytes,
      notes: `atlas H100 measurement (data/gpu_training_steps.csv), ${r.model}, recompute ${r.recompute}`
    };
  });
}
