// The calculator's controls (src/index.md) made into the engine's question, in the steps the page
// takes them: the job the controls show (model, tokens, accelerators, price, format, software,
// batch), the layout it opens on, and the whole input with the layout and the MFU settings. Pure:
// the page's cells and its first view drawn at build time (scripts/firstViews/pages/index.ts) both
// call these, so the view drawn in advance is the run the page computes.
import type {Calibration} from "../engine/calibration/calibration.js";
import type {WholeRunCorrection} from "../engine/runBand.js";
import type {GpuSpec, ModelSpec, Precision, Stack} from "../engine/types.js";
import type {CalculatorInput} from "./calculator.js";
import {startingBatchTokens, startingLayout} from "./calculatorPlan.js";
import type {CalculatorLayoutChoice} from "./calculatorPlan.js";
import type {ModelRecord} from "./models.js";

/**
 * The calculator's controls that no model or accelerator sets, as the page opens: the MFU predicted
 * (an assumed 40% only when the reader turns prediction off: PaLM's 46.2% and Llama 3 405B's
 * 38–43% bracket it, Chowdhery et al. 2022 Table 3, Dubey et al. 2024 Table 4), experts over 8
 * ranks (Mixtral 8x7B's 8 experts; the layout ignores it for a dense model), and 4M tokens per step
 * for a model whose batch is not published (Llama 2's, Touvron et al. 2023 Sec 2.2).
 */
export const CALCULATOR_DEFAULTS = {
  predict: true,
  mfuPercent: 40,
  ep: 8,
  batchMillions: 4
} as const satisfies {predict: boolean; mfuPercent: number; ep: number; batchMillions: number};

/** The global batch the calculator starts `record` on before its layout is known: its published batch, else CALCULATOR_DEFAULTS'. */
export function publishedBatchMillions(record: Pick<ModelRecord, "batch_tokens_millions">): number {
  return record.batch_tokens_millions ?? CALCULATOR_DEFAULTS.batchMillions;
}

/** The job controls, as the page's inputs hold them (tokens in billions, batch in millions). */
export interface CalculatorJobControls {
  model: ModelSpec;
  tokensBillions: number;
  gpu: GpuSpec;
  gpuCount: number;
  usdPerGpuHour: number;
  precision: Precision;
  stack: Stack;
  batchMillions: number;
  /** The reader's calibration from the page's address, if any. */
  calibration: Calibration | null;
}

/** The calculator's job without its layout and MFU settings: what the starting layout and "Fastest layout" search for. */
export type CalculatorJob = Omit<CalculatorInput, keyof CalculatorLayoutChoice | "mfuOverride" | "gpuHoursBand">;

/** The job the controls show. */
export function calculatorJob(controls: CalculatorJobControls): CalculatorJob {
  return {
    model: controls.model,
    tokens: controls.tokensBillions * 1e9,
    gpu: controls.gpu,
    gpuCount: controls.gpuCount,
    usdPerGpuHour: controls.usdPerGpuHour,
    precision: controls.precision,
    stack: controls.stack,
    globalBatchTokens: controls.batchMillions * 1e6,
    calibration: controls.calibration
  };
}

/**
 * The layout a model opens on for `job` (calculatorPlan.ts startingLayout), and the batch, in
 * millions of tokens, that layout holds nearest the model's (startingBatchTokens); null with
 * `keepBatch` (a link's own batch).
 */
export function calculatorStart(job: CalculatorJob, {keepBatch}: {keepBatch: boolean}): {layout: CalculatorLayoutChoice; batchMillions: number | null} {
  const layout = startingLayout(job);
  return {layout, batchMillions: keepBatch ? null : startingBatchTokens(job, layout) / 1e6};
}

/** The whole-run band the calculator prices with (data/run_track_record.json's correction), or null without one. */
export type CalculatorBand = WholeRunCorrection["band"] & {unattributedOverhead: number};

export function calculatorBand(correction: WholeRunCorrection | null): CalculatorBand | null {
  return correction === null ? null : {...correction.band, unattributedOverhead: correction.unattributedOverhead};
}

/** The MFU controls: predicted, or the reader's assumed percentage. */
export interface CalculatorMfuControls {
  predict: boolean;
  mfuPercent: number;
}

/** The calculator's whole input: the job, the layout controls, the MFU setting and the track record's band. */
export function calculatorInput(job: CalculatorJob, layout: CalculatorLayoutChoice, mfu: CalculatorMfuControls, band: CalculatorBand | null): CalculatorInput {
  return {
    ...job,
    ...layout,
    mfuOverride: mfu.predict ? undefined : mfu.mfuPercent / 100,
    gpuHoursBand: band
  };
}
