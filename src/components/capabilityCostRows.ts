// One row per model of the capability chart: the engine's estimated training cost beside the
// cost of the published GPU-hours, or why the engine gives none. Formatting stays with the page.
import type {CapabilityPoint} from "./capability.js";

export interface CapabilityCostRow {
  modelId: string;
  model: string;
  accelerator: string | null;
  /** "published" or "planned" layout, with the layout itself. */
  layout: string | null;
  engineMfu: number | null;
  engineGpuHours: number | null;
  usdEngine: number | null;
  publishedGpuHours: number | null;
  usdPublished: number | null;
  /** Why the engine gives no estimate; null when it priced the run. */
  whyNot: string | null;
}

/** The models behind `points`, once each, in order of training compute. */
export function capabilityCostRows(points: readonly CapabilityPoint[]): CapabilityCostRow[] {
  const byModel = new Map<string, CapabilityPoint>();
  for (const p of points) if (!byModel.has(p.modelId)) byModel.set(p.modelId, p);
  return [...byModel.values()]
    .sort((a, b) => a.trainingFlops - b.trainingFlops)
    .map((p) => ({
      modelId: p.modelId,
      model: p.model,
      accelerator: p.accelerator,
      layout: p.engineLayout === null ? null : `${p.engineLayoutSource}: ${p.engineLayout}`,
      engineMfu: p.engineMfu,
      engineGpuHours: p.engineGpuHours,
      usdEngine: p.usdEngine,
      publishedGpuHours: p.acceleratorHours,
      usdPublished: p.usdPublished,
      whyNot: p.engineWhyNot
    }));
}
