// /calibrate's first views: the paragraph that says where to start (the template, the example) and
// the CSV box under "1. Your measured steps". The page draws no chart; these two arrive with its
// modules and would otherwise push the rest of the page down. Neither reads the address.
import type {FirstViewSpec} from "../spec.js";
import {ONE_WIDTH} from "../spec.js";
import {CALIBRATION_STEPS_INPUT, calibrateStart, exampleRowCount} from "../../../src/components/calibrateStart.js";
import {csvDropInput} from "../../../src/components/csvDropInput.js";

export const CALIBRATE_FIRST_VIEWS: FirstViewSpec[] = [
  // The page: calibrateStart(exampleRowCount(await FileAttachment("data/calibration-example.csv").text()), {…the buttons' actions}).
  {page: "/calibrate", name: "calibrate-start", urlState: false, widths: ONE_WIDTH, draw: (data) => calibrateStart(exampleRowCount(data.text("calibration-example.csv")))},
  // The page: view(csvDropInput(CALIBRATION_STEPS_INPUT)), empty.
  {page: "/calibrate", name: "calibrate-steps", urlState: false, widths: ONE_WIDTH, draw: () => csvDropInput(CALIBRATION_STEPS_INPUT)}
];
