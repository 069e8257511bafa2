import {z} from "zod";
import {column} from "../schema.js";
import type {ColumnSpec, DatasetSpec} from "../schema.js";
import {gpuIdColumn, idColumn, intColumn, nonNegative, numberColumn, positive, textColumn} from "./columns.js";

/** How a row's date relates to the price: the period it was in effect, when it was published, archived, or read. */
const dateBasis: ColumnSpec<"string"> = column({
  name: "date_basis", kind: "string", unit: null, required: true,
  description: "What observed_date means: effective (the price applied on that date), published (date of the paper, post or page that quotes it), archived (date of a web-archive capture), read (an undated copy read on that date).",
  check: z.enum(["effective", "published", "archived", "read"])
});

function observedDate(): ColumnSpec<"date"> {
  return column({name: "observed_date", kind: "date", unit: null, required: true, description: "Date the price was observed; see date_basis."});
}

/** Rental prices of accelerators, with provider, pricing model and observation date, for price-history plots. */
export const cloudPrices: DatasetSpec = {
  name: "cloud_prices",
  title: "Accelerator rental prices",
  description: "Published prices per accelerator-hour by provider, pricing model, region and date. Instance prices are divided by the accelerators per instance; nothing is interpolated.",
  key: ["id"],
  sourceColumns: ["source"],
  references: [{column: "gpu_id", dataset: "gpus"}],
  columns: [
    idColumn("Stable identifier: provider, offering, pricing model, region and month."),
    textColumn("provider", "Cloud or platform selling the capacity; 'unspecified' where the source does not name it.", true),
    textColumn("offering", "Instance type or product as the source names it.", true),
    gpuIdColumn("Accelerator (id in gpus); blank when the source does not pin down model and form factor."),
    textColumn("gpu_text", "Accelerator as the source describes it.", true),
    intColumn("gpus_per_instance", "accelerators", "Accelerators per priced instance or node."),
    numberColumn("usd_per_instance_hour", "USD/instance-hour", "Price of the whole instance or node per hour, where the source prices instances.", positive),
    column({name: "usd_per_gpu_hour", kind: "float", unit: "USD/GPU-hour", required: true, description: "Price per accelerator-hour: the source's figure, or usd_per_instance_hour / gpus_per_instance.", check: positive}),
    column({name: "pricing_model", kind: "string", unit: null, required: true, description: "on-demand, reserved (commitment), spot (interruptible), capacity-block (short fixed-term reservation), or unspecified.", check: z.enum(["on-demand", "reserved", "spot", "capacity-block", "unspecified"])}),
    textColumn("commitment_term", "Commitment term for reserved prices (e.g. 1 year), where stated."),
    textColumn("region", "Cloud region, where stated."),
    observedDate(),
    dateBasis,
    textColumn("source", "Where the price is published (page, paper, script), with the quoted figure.", true),
    textColumn("notes", "Caveats: arithmetic done, what the source leaves unstated.")
  ]
};

/** Object-storage prices for datasets and checkpoints. */
export const storagePrices: DatasetSpec = {
  name: "storage_prices",
  title: "Object storage prices",
  description: "Object-storage list prices per GB-month by provider, class, region and date.",
  key: ["id"],
  sourceColumns: ["source"],
  columns: [
    idColumn("Stable identifier: provider, class, region and date."),
    textColumn("provider", "Cloud provider.", true),
    textColumn("service", "Storage service.", true),
    textColumn("storage_class", "Storage class and volume tier.", true),
    textColumn("region", "Region or location type.", true),
    column({name: "usd_per_gb_month", kind: "float", unit: "USD/GB-month", required: true, description: "List price per GB stored for a month.", check: nonNegative}),
    column({name: "gb_definition", kind: "string", unit: null, required: true, description: "Bytes per billed GB where the source states it (Google's 2014 terms: 2^30), else unstated.", check: z.enum(["10^9 bytes", "2^30 bytes", "unstated"])}),
    observedDate(),
    dateBasis,
    textColumn("source", "Pricing page (or archived copy) with the quoted figure.", true),
    textColumn("notes", "Caveats.")
  ]
};

/** Internet egress prices, for moving datasets and checkpoints out of a cloud. */
export const egressPrices: DatasetSpec = {
  name: "egress_prices",
  title: "Data egress prices",
  description: "Price per GB of data transferred out to the internet, by provider, volume tier and date.",
  key: ["id"],
  sourceColumns: ["source"],
  columns: [
    idColumn("Stable identifier: provider, destination, tier and date."),
    textColumn("provider", "Cloud provider.", true),
    textColumn("service", "Service whose egress is priced.", true),
    textColumn("destination", "Where the data goes.", true),
    textColumn("tier", "Monthly volume tier the price applies to.", true),
    textColumn("region", "Source region, where stated."),
    column({name: "usd_per_gb", kind: "float", unit: "USD/GB", required: true, description: "Price per GB transferred out.", check: nonNegative}),
    observedDate(),
    dateBasis,
    textColumn("source", "Pricing page (or archived copy) with the quoted figure.", true),
    textColumn("notes", "Caveats.")
  ]
};
