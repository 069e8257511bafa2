// /prices's first view: the price history of the default accelerator (src/prices.md, "Price
// history per accelerator"); the page's `?acc=` picks another, so it is drawn from the address.
// Above it, the opening paragraph's sentence about the data, the accelerator select and the
// sentence over the chart, which would otherwise push the chart down as they arrive.
import * as Inputs from "npm:@observablehq/inputs";
import type {FirstViewData, FirstViewSpec} from "../spec.js";
import {ONE_WIDTH, rows, textView} from "../spec.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import {
  DEFAULT_HISTORY_ACCELERATOR, HISTORY_ACCELERATOR_CHOICES, HISTORY_ACCELERATOR_CONTROL, priceDataSummary, priceHistory, priceHistorySummary, priceObservations
} from "../../../src/components/priceAnalysis.js";
import type {CloudPriceRow} from "../../../src/components/priceAnalysis.js";
import {priceHistoryChart} from "../../../src/components/priceCharts.js";

/** The page's observations, every price row oldest first. */
const observationsOf = (data: FirstViewData) => priceObservations(rows<CloudPriceRow>(data.arrow("cloud_prices.arrow")));

export const PRICES_FIRST_VIEWS: FirstViewSpec[] = [
  // The page: summary = priceDataSummary(observations), shown in its opening paragraph.
  {
    page: "/prices",
    name: "prices-summary",
    urlState: false,
    widths: ONE_WIDTH,
    draw: (data) => textView(priceDataSummary(observationsOf(data)))
  },
  // The page: view(url.select(Inputs, "acc", HISTORY_ACCELERATOR_CONTROL)), the select at its default.
  {
    page: "/prices",
    name: "prices-accelerator",
    urlState: true,
    widths: ONE_WIDTH,
    draw: () => Inputs.select(HISTORY_ACCELERATOR_CHOICES, {...HISTORY_ACCELERATOR_CONTROL, value: DEFAULT_HISTORY_ACCELERATOR})
  },
  // The page: <p>${priceHistorySummary(history, historyAccelerator)}</p> above the chart.
  {
    page: "/prices",
    name: "price-history-summary",
    urlState: true,
    widths: ONE_WIDTH,
    draw: (data) => {
      const sentence = priceHistorySummary(priceHistory(observationsOf(data), DEFAULT_HISTORY_ACCELERATOR), DEFAULT_HISTORY_ACCELERATOR);
      if (sentence === null) throw new Error(`no price for ${DEFAULT_HISTORY_ACCELERATOR} in cloud_prices.arrow`);
      return textView(sentence, "p");
    }
  },
  {
    page: "/prices",
    name: "price-history",
    urlState: true,
    // The page: observations = priceObservations(Array.from(priceTable, (row) => row.toJSON()));
    // history = priceHistory(observations, historyAccelerator), the select at its default;
    // resize((width) => priceHistoryChart(history, {width: drawingWidth(width)}))
    draw: (data, width) => {
      const history = priceHistory(observationsOf(data), DEFAULT_HISTORY_ACCELERATOR);
      // The page shows a note instead of a chart for an accelerator with no price.
      if (history.length === 0) throw new Error(`no price for ${DEFAULT_HISTORY_ACCELERATOR} in cloud_prices.arrow`);
      return priceHistoryChart(history, {width: drawingWidth(width)});
    }
  }
];
