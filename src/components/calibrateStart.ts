// The opening of /calibrate's "1. Your measured steps": where to start (the template, the example)
// and the CSV box. The page shows both with their actions; its first views
// (scripts/firstViews/pages/calibrate.ts) draw the same elements at build time, so they are on
// screen before the page's modules run and do not push the rest of the page down when they come.
import {CALIBRATION_COLUMNS} from "../tables/calibrationSteps.js";

/** What the paragraph's three buttons do on the page. */
export interface CalibrateStartActions {
  downloadTemplate(): void;
  loadExample(): void;
  downloadExample(): void;
}

/** The CSV box, as the page and its first view build it (a fixed id keeps builds byte-identical). */
export const CALIBRATION_STEPS_INPUT = {
  label: "Measured steps (CSV): paste, drop a file on this box, or choose one",
  placeholder: CALIBRATION_COLUMNS.join(","),
  rows: 8,
  id: "calibration-steps"
} as const;

/** Rows in the example CSV: its lines after the header. */
export function exampleRowCount(exampleCsv: string): number {
  return Math.max(0, exampleCsv.trim().split("\n").length - 1);
}

function button(text: string, testid: string, action: (() => void) | undefined): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.testid = testid;
  b.textContent = text;
  if (action) b.addEventListener("click", action);
  return b;
}

/** "Start from the template …, or try the example: …", with its buttons (inert without `actions`). */
export function calibrateStart(exampleRows: number, actions?: CalibrateStartActions): HTMLParagraphElement {
  const p = document.createElement("p");
  p.dataset.testid = "start-from";
  const code = document.createElement("code");
  code.textContent = "data/gpu_training_steps.csv";
  p.append(
    "Start from the ", button("template", "template-download", actions?.downloadTemplate), " (the header only), or try the ",
    button("example", "example-load", actions?.loadExample),
    `: the atlas's own ${exampleRows} GPU-bound steps measured on one H100, GPT-2 and TinyLlama in eager PyTorch (`, code,
    "), with step time = the GPU's kernel time. You can also ", button("download the example", "example-download", actions?.downloadExample), "."
  );
  return p;
}
