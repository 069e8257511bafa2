// The five parts of the engine's MemoryBreakdown, in stacking order, with the words a reader sees.
export const MEMORY_PARTS = [
  {key: "weights", label: "Weights"},
  {key: "gradients", label: "Gradients"},
  {key: "optimizer", label: "Optimizer states"},
  {key: "activations", label: "Activations"},
  {key: "buffers", label: "Buffers"}
] as const;

export type MemoryPart = (typeof MEMORY_PARTS)[number]["key"];

export function partLabel(part: MemoryPart): string {
  return MEMORY_PARTS.find((p) => p.key === part)!.label;
}
