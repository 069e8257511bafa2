// /prices's first view: the price history of the default accelerator (src/prices.md, "Price
// history per accelerator"); the page's `?acc=` picks another, so it is drawn from the address.
import type {FirstViewSpec} from "../spec.js";
import {rows} from "../spec.js";
import {drawingWidth} from "../../../src/components/chartScales.js";
import {DEFAULT_HISTORY_ACCELERATOR, priceHistory, priceObservations} from "../../../src/components/priceAnalysis.js";
import type {CloudPriceRow} from "../../../src/components/priceAnalysis.js";
import {priceHistoryChart} from "../../../src/components/priceCharts.js";

export const PRICES_FIRST_VIEWS: FirstViewSpec[] = [
  {
    page: "/prices",
    name: "price-history",
    urlState: true,
    // The page: observations = priceObservations(Array.from(priceTable, (row) => row.toJSON()));
    // history = priceHistory(observations, historyAccelerator), the select at its default;
    // resize((width) => priceHistoryChart(history, {width: drawingWidth(width)}))
    draw: (data, width) => {
      const history = priceHistory(priceObservations(rows<CloudPriceRow>(data.arrow("cloud_prices.arrow"))), DEFAULT_HISTORY_ACCELERATOR);
      // The page shows a note instead of a chart for an accelerator with no price.
      if (history.length === 0) throw new Error(`no price for ${DEFAULT_HISTORY_ACCELERATOR} in cloud_prices.arrow`);
      return priceHistoryChart(history, {width: drawingWidth(width)});
    }
  }
];
