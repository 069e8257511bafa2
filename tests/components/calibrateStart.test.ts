// @vitest-environment jsdom
import {describe, expect, it, vi} from "vitest";
import {CALIBRATION_STEPS_INPUT, calibrateStart, exampleRowCount} from "../../src/components/calibrateStart.js";
import {csvDropInput} from "../../src/components/csvDropInput.js";
import {CALIBRATION_COLUMNS} from "../../src/tables/calibrationSteps.js";

describe("/calibrate's opening", () => {
  it("counts the example's rows after its header, trailing newline or not", () => {
    expect(exampleRowCount("a,b\n1,2\n3,4\n")).toBe(2);
    expect(exampleRowCount("a,b\n1,2")).toBe(1);
    expect(exampleRowCount("a,b\n")).toBe(0);
    expect(exampleRowCount("")).toBe(0);
  });

  it("says where to start, with the example's row count, and its buttons do what the page asks", () => {
    const actions = {downloadTemplate: vi.fn(), loadExample: vi.fn(), downloadExample: vi.fn()};
    const p = calibrateStart(80, actions);
    expect(p.textContent).toBe("Start from the template (the header only), or try the example: the atlas's own 80 GPU-bound steps measured on one H100, GPT-2 and TinyLlama in eager PyTorch (data/gpu_training_steps.csv), with step time = the GPU's kernel time. You can also download the example.");
    (p.querySelector("[data-testid=example-load]") as HTMLButtonElement).click();
    expect(actions.loadExample).toHaveBeenCalledTimes(1);
    (p.querySelector("[data-testid=template-download]") as HTMLButtonElement).click();
    (p.querySelector("[data-testid=example-download]") as HTMLButtonElement).click();
    expect(actions.downloadTemplate).toHaveBeenCalledTimes(1);
    expect(actions.downloadExample).toHaveBeenCalledTimes(1);
    // Drawn at build time without actions: the same buttons, doing nothing.
    const inert = calibrateStart(80);
    expect(inert.outerHTML).toBe(p.outerHTML);
    expect(() => (inert.querySelector("button") as HTMLButtonElement).click()).not.toThrow();
  });

  it("the CSV box has a fixed id when given one (a build draws it twice, byte for byte), a label pointing at it, and the columns as placeholder", () => {
    const a = csvDropInput(CALIBRATION_STEPS_INPUT);
    expect(a.outerHTML).toBe(csvDropInput(CALIBRATION_STEPS_INPUT).outerHTML);
    expect(a.querySelector("label")!.htmlFor).toBe("calibration-steps");
    expect(a.querySelector("textarea")!.id).toBe("calibration-steps");
    expect(a.querySelector("textarea")!.placeholder).toBe(CALIBRATION_COLUMNS.join(","));
    expect(csvDropInput({label: "x"}).querySelector("textarea")!.id).toMatch(/^csv-drop-[a-z0-9]+$/);
  });
});
