// Every page's first view (scripts/firstViews/spec.ts): the chart a reader sees first, drawn at
// build time by the page's own component from the page's own data, one file a page under pages/.
// Each `draw` does what the page's cell does with its controls at their defaults;
// tests/browser/firstViews.test.ts checks that the live chart shows the same marks.
import type {FirstViewSpec} from "./spec.js";
import {HARDWARE_FIRST_VIEWS} from "./pages/hardware.js";
import {CASE_STUDIES_FIRST_VIEWS} from "./pages/case-studies.js";
import {CAPABILITY_FIRST_VIEWS} from "./pages/capability.js";
import {CALIBRATION_FIRST_VIEWS} from "./pages/calibration.js";
import {METHODOLOGY_FIRST_VIEWS} from "./pages/methodology.js";

export const FIRST_VIEWS: readonly FirstViewSpec[] = [
  ...HARDWARE_FIRST_VIEWS,
  ...CASE_STUDIES_FIRST_VIEWS,
  ...CAPABILITY_FIRST_VIEWS,
  ...CALIBRATION_FIRST_VIEWS,
  ...METHODOLOGY_FIRST_VIEWS
];
