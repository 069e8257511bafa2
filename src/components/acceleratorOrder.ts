// One order for every accelerator picker: by vendor, then by release year, then by name
// (NVIDIA V100 → A100 → H100 …, Google TPU v3 → v4 …), so the same list reads the same on every page.
import type {GpuSpec} from "../engine/types.js";

const vendorOf = (name: string): string => name.split(" ")[0] ?? name;

/** A sorted copy of `gpus`. */
export function sortAccelerators<T extends Pick<GpuSpec, "name" | "releaseYear">>(gpus: readonly T[]): T[] {
  return [...gpus].sort((a, b) => vendorOf(a.name).localeCompare(vendorOf(b.name)) || a.releaseYear - b.releaseYear || a.name.localeCompare(b.name, "en", {numeric: true}));
}
