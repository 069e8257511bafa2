// Every page's first view (scripts/firstViews/spec.ts): the chart a reader sees first, drawn at
// build time by the page's own component from the page's own data, one file a page under pages/.
// Each `draw` does what the page's cell does with its controls at their defaults;
// tests/browser/firstViews.test.ts checks that the live chart shows the same marks.
import type {FirstViewSpec} from "./spec.js";
import {CALIBRATE_FIRST_VIEWS} from "./pages/calibrate.js";
import {CALIBRATION_FIRST_VIEWS} from "./pages/calibration.js";
import {CAPABILITY_FIRST_VIEWS} from "./pages/capability.js";
import {CASE_STUDIES_FIRST_VIEWS} from "./pages/case-studies.js";
import {DATA_FIRST_VIEWS} from "./pages/data.js";
import {DATA_CURATION_FIRST_VIEWS} from "./pages/data-curation.js";
import {HARDWARE_FIRST_VIEWS} from "./pages/hardware.js";
import {INDEX_FIRST_VIEWS} from "./pages/index.js";
import {LEVERS_FIRST_VIEWS} from "./pages/levers.js";
import {MEMORY_FIRST_VIEWS} from "./pages/memory.js";
import {METHODOLOGY_FIRST_VIEWS} from "./pages/methodology.js";
import {PRICES_FIRST_VIEWS} from "./pages/prices.js";
import {RELIABILITY_FIRST_VIEWS} from "./pages/reliability.js";
import {SCALING_LAWS_FIRST_VIEWS} from "./pages/scaling-laws.js";
import {SQL_BOX_FIRST_VIEWS} from "./pages/sqlBoxes.js";
import {TEMPLATE_FIRST_VIEWS} from "./pages/template.js";

/** In the sidebar's order; the SQL boxes last. */
export const FIRST_VIEWS: readonly FirstViewSpec[] = [
  ...INDEX_FIRST_VIEWS,
  ...MEMORY_FIRST_VIEWS,
  ...HARDWARE_FIRST_VIEWS,
  ...PRICES_FIRST_VIEWS,
  ...SCALING_LAWS_FIRST_VIEWS,
  ...LEVERS_FIRST_VIEWS,
  ...RELIABILITY_FIRST_VIEWS,
  ...DATA_CURATION_FIRST_VIEWS,
  ...CASE_STUDIES_FIRST_VIEWS,
  ...CAPABILITY_FIRST_VIEWS,
  ...CALIBRATION_FIRST_VIEWS,
  ...METHODOLOGY_FIRST_VIEWS,
  ...CALIBRATE_FIRST_VIEWS,
  ...TEMPLATE_FIRST_VIEWS,
  ...DATA_FIRST_VIEWS,
  ...SQL_BOX_FIRST_VIEWS
];
