import {z} from "zod";
import {column} from "../schema.js";
import type {ColumnSpec, DatasetSpec} from "../schema.js";
import {accelerator, gpuIdColumn, idColumn, intColumn, nonNegative, numberColumn, positive, textColumn} from "./columns.js";

/** How a row's date relates to the price: the period it was in effect, when it was published, archived, or read. */
const dateBasis: ColumnSpec<"string"> = column({
  name: "date_basis", kind: "string", unit: null, required: true,
  description: "What observed_date means: effective (the price applied on that date), published (date of the paper, post or page that quotes it), archived (date of a web-archive capture), read (an undated copy read on that date).",
  check: z.enum(["effective", "published", "archived", "read"])
});

function observedDate(): ColumnSpec<"date"> {
  return column({name: "observed_date", kind: "date", unit: null, required: true, description: "Date the price was observed; see date_basis."});
}

/** The pricing kinds a row can have; "unspecified" where the source does not say. */
export const PRICING_MODELS = ["on-demand", "reserved", "spot", "capacity-block", "unspecified"] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** Kinds whose price is tied to a commitment, so the row must say for how long. */
const COMMITTED: ReadonlySet<string> = new Set(["reserved", "capacity-block"]);

// Relative tolerance for "per-GPU price = instance price / accelerators": sources print rounded
// figures (AWS's $4.916 for $39.33 / 8 = $4.91625).
const PER_GPU_TOLERANCE = 0.005;

/** Rental prices of accelerators, with provider, pricing model and observation date, for price-history plots. */
export const cloudPrices: DatasetSpec = {
  name: "cloud_prices",
  title: "Accelerator rental prices",
  description: "Published prices per accelerator-hour by provider, pricing model, region and date. Instance prices are divided by the accelerators per instance; nothing is interpolated.",
  key: ["id"],
  sourceColumns: ["source", "how_read"],
  references: [{column: "gpu_id", dataset: "gpus"}],
  rowRules: [
    {
      column: "commitment_term",
      expected: "a commitment term (e.g. 1 year) for a reserved or capacity-block price",
      holds: (row) => !COMMITTED.has(String(row.pricing_model)) || row.commitment_term !== null
    },
    {
      column: "usd_per_gpu_hour",
      expected: "usd_per_instance_hour / gpus_per_instance (within 0.5%)",
      holds: (row) => {
        const instance = row.usd_per_instance_hour as number | null;
        const count = row.gpus_per_instance as number | null;
        if (instance === null || count === null) return true;
        const perGpu = instance / count;
        return Math.abs((row.usd_per_gpu_hour as number) - perGpu) <= PER_GPU_TOLERANCE * perGpu;
      }
    }
  ],
  columns: [
    idColumn("Stable identifier: provider, offering, pricing model, region and month."),
    textColumn("provider", "Cloud, GPU cloud or marketplace selling the capacity.", true),
    textColumn("offering", "Instance type or product as the source names it.", true),
    gpuIdColumn("Accelerator (id in gpus); blank when the source does not pin down model and form factor (e.g. 'A100 80GB' may be SXM4 or PCIe)."),
    accelerator,
    textColumn("gpu_text", "Accelerator as the source describes it.", true),
    intColumn("gpus_per_instance", "accelerators", "Accelerators per priced instance or node, where the source prices instances or states the count."),
    numberColumn("usd_per_instance_hour", "USD/instance-hour", "Price of the whole instance or node per hour, where the source prices instances.", positive),
    column({name: "usd_per_gpu_hour", kind: "float", unit: "USD/GPU-hour", required: true, description: "Price per accelerator-hour: the source's figure, or usd_per_instance_hour / gpus_per_instance.", check: positive}),
    column({name: "pricing_model", kind: "string", unit: null, required: true, description: "on-demand, reserved (commitment; term in commitment_term), spot (interruptible), capacity-block (short fixed-term reservation paid up front), or unspecified where the source does not say.", check: z.enum(PRICING_MODELS)}),
    textColumn("commitment_term", "Commitment term, required for reserved and capacity-block prices (e.g. 1 year; 'not stated by the source' where it is not)."),
    textColumn("region", "Cloud region, where stated."),
    observedDate(),
    dateBasis,
    textColumn("source", "Where the price is published (page, repository file at a commit, paper), with the quoted figure.", true),
    textColumn("how_read", "How the per-accelerator price was read from the source (e.g. instance price ÷ 8 GPUs).", true),
    textColumn("notes", "Caveats: what the source leaves unstated.")
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
