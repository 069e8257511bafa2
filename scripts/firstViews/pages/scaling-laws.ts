// /scaling-laws's first view: the iso-FLOP curves (src/scaling-laws.md, "Iso-FLOP curves") at the
// page's default budget and fit; `?log10Flops=` and `?fit=` change them, so it is drawn from the address.
import type {FirstViewSpec} from "../spec.js";
import {DEFAULT_FIT_ID, DEFAULT_LOG10_FLOPS, SCALING_FITS, isoFlopCurves} from "../../../src/components/isoFlopCurves.js";
import {isoFlopChart} from "../../../src/components/isoFlopChart.js";

export const SCALING_LAWS_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/scaling-laws",
    name: "iso-flop-curves",
    urlState: true,
    // The page: iso = isoFlopCurves(FITS[fitId], log10Flops), both inputs at their defaults;
    // display(isoFlopChart(iso, {width}))
    draw: (_data, width) => isoFlopChart(isoFlopCurves(SCALING_FITS[DEFAULT_FIT_ID]!, DEFAULT_LOG10_FLOPS), {width})
  }
];
