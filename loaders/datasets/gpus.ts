import {z} from "zod";
import {column} from "../schema.js";
import type {DatasetSpec} from "../schema.js";

const nonNegative = z.number().nonnegative({message: "expected a number ≥ 0"});
const positive = z.number().positive({message: "expected a number > 0"});

/** Accelerator specifications from vendor datasheets. Throughputs are dense (no sparsity). */
export const gpus: DatasetSpec = {
  name: "gpus",
  title: "Accelerators",
  description: "Datasheet specifications of training accelerators: dense peak throughput by precision, memory, bandwidth, interconnect and power.",
  key: ["id"],
  sourceColumns: ["source", "source_date"],
  columns: [
    column({name: "id", kind: "string", unit: null, required: true, description: "Stable identifier used by the engine, URLs and other datasets (lower-case, hyphens).", check: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {message: "expected lower-case letters, digits and hyphens"})}),
    column({name: "name", kind: "string", unit: null, required: true, description: "Marketing name and form factor."}),
    column({name: "vendor", kind: "string", unit: null, required: true, description: "Manufacturer.", check: z.enum(["NVIDIA", "AMD", "Google", "Intel"])}),
    column({name: "release_year", kind: "int", unit: "year", required: true, description: "Year the accelerator was launched (announced as available; see notes where availability came later).", check: z.number().int().min(2010).max(2030)}),
    column({name: "peak_fp32_tflops", kind: "float", unit: "TFLOP/s", required: false, description: "Dense peak FP32 throughput (non-tensor-core).", check: nonNegative}),
    column({name: "peak_tf32_tflops", kind: "float", unit: "TFLOP/s", required: false, description: "Dense peak TF32 tensor throughput; blank where the chip has no TF32.", check: nonNegative}),
    column({name: "peak_fp16_tflops", kind: "float", unit: "TFLOP/s", required: false, description: "Dense peak FP16 tensor throughput.", check: nonNegative}),
    column({name: "peak_bf16_tflops", kind: "float", unit: "TFLOP/s", required: false, description: "Dense peak BF16 tensor throughput; blank where the chip has no BF16.", check: nonNegative}),
    column({name: "peak_fp8_tflops", kind: "float", unit: "TFLOP/s", required: false, description: "Dense peak FP8 tensor throughput; blank where the chip has no FP8.", check: nonNegative}),
    column({name: "hbm_gb", kind: "float", unit: "GB", required: true, description: "High-bandwidth memory capacity per accelerator (10^9 bytes as vendors print it).", check: positive}),
    column({name: "hbm_tbps", kind: "float", unit: "TB/s", required: true, description: "Peak memory bandwidth per accelerator.", check: positive}),
    column({name: "scale_up_gbps", kind: "float", unit: "GB/s", required: false, description: "Total bidirectional scale-up (NVLink, Infinity Fabric, ICI) bandwidth per accelerator.", check: positive}),
    column({name: "gpus_per_node", kind: "int", unit: "accelerators", required: false, description: "Accelerators per node (scale-up domain) in the vendor's reference system, e.g. 8 in a DGX H100; for TPUs, chips per pod (the ICI domain).", check: z.number().int().positive({message: "expected a whole number > 0"})}),
    column({name: "scale_out_gbps", kind: "float", unit: "GB/s", required: false, description: "Inter-node (InfiniBand/Ethernet; for TPUs, the data-center network between pods) bandwidth per accelerator, one direction, in the vendor's reference system.", check: positive}),
    column({name: "tdp_w", kind: "float", unit: "W", required: false, description: "Thermal design power (maximum board or chip power).", check: positive}),
    column({name: "source", kind: "string", unit: null, required: true, description: "Where the numbers come from: datasheet URL or paper and table."}),
    column({name: "source_date", kind: "date", unit: null, required: true, description: "Date the source was read or published."}),
    column({name: "notes", kind: "string", unit: null, required: false, description: "Caveats, e.g. which figures were halved from sparsity numbers."})
  ]
};
