// Charts of the project's H200 kernel measurements: attention by sequence length and kernel
// (data/gpu_attention.csv) and tensor-parallel layer matmuls (data/gpu_layer_gemm.csv).
import * as Plot from "npm:@observablehq/plot";
import type {LayerMatmulShare} from "../engine/perf/layerGemm.js";
import {sig} from "./format.js";

export interface AttentionRow {
  shape: string;
  seq_len: number;
  head_dim: number;
  backend: string;
  pass: string;
  tflops: number | null;
}

const BACKEND_LABELS: Record<string, string> = {default: "PyTorch default", cudnn: "cuDNN", flash: "FlashAttention-2", efficient: "memory-efficient"};
const SHAPE_LABELS: Record<string, string> = {"gpt2-xl": "GPT-2 XL (25 × 64)", "tinyllama-1.1b": "TinyLlama (32/4 × 64)", "llama3-8b": "Llama 3 8B (32/8 × 128)", "llama3-70b": "Llama 3 70B (64/8 × 128)"};

/**
 * Share of the bf16 peak reached by forward + backward causal attention, against sequence length:
 * one line per kernel and head shape, faceted by head size, with the engine's flat figure as a rule.
 */
export function attentionChart(rows: readonly AttentionRow[], {width, peakTflops, engineShare}: {width: number; peakTflops: number; engineShare: number}): SVGSVGElement | HTMLElement {
  const data = rows.filter((r) => r.pass === "forward+backward" && r.tflops !== null && r.backend !== "cudnn")
    .map((r) => ({...r, share: r.tflops! / peakTflops, series: `${r.backend}|${r.shape}`}));
  // Narrow screens stack the two head sizes instead of setting them side by side: two facets in
  // about 300 px leave each end's sequence-length label ("32k", "512") on top of its neighbour's,
  // and the y label on top of the facet label.
  const compact = width < 560;
  const facet = compact ? "fy" : "fx";
  return Plot.plot({
    width: Math.max(300, Math.min(width, 760)),
    height: compact ? 420 : 300,
    marginLeft: 50,
    marginRight: compact ? 44 : 10,
    [facet]: {label: "Head size", tickFormat: (d: number) => `${d}`},
    x: {type: "log", base: 2, label: "Sequence length →", ticks: [512, 2048, 8192, 32768], tickFormat: (d: number) => (d >= 1024 ? `${d / 1024}k` : `${d}`)},
    y: {label: compact ? "↑ Share of bf16 peak (fwd + bwd)" : "↑ Share of bf16 peak (forward + backward)", domain: [0, 0.65], grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}%`},
    color: {domain: ["default", "flash", "efficient"], range: ["#4e79a7", "#f28e2b", "#bab0ac"], legend: true, tickFormat: (b: string) => BACKEND_LABELS[b] ?? b, label: "Kernel"},
    ariaLabel: "Line chart of the share of the H200's bf16 peak reached by causal attention, forward and backward, against sequence length, for PyTorch's default kernel, FlashAttention-2 and the memory-efficient kernel, at head sizes 64 and 128",
    marks: [
      Plot.ruleY([engineShare], {stroke: "#e15759", strokeDasharray: "4,3"}),
      Plot.line(data, {[facet]: "head_dim", x: "seq_len", y: "share", z: "series", stroke: "backend", strokeWidth: 1.5}),
      Plot.dot(data, {
        [facet]: "head_dim", x: "seq_len", y: "share", fill: "backend", r: 2.5, tip: true,
        title: (d: AttentionRow & {share: number}) => `${SHAPE_LABELS[d.shape] ?? d.shape}, ${d.seq_len.toLocaleString("en-US")} tokens\n${BACKEND_LABELS[d.backend] ?? d.backend}: ${sig(d.tflops!, 3)} TFLOP/s, ${sig(d.share * 100, 2)}% of peak`
      })
    ]
  });
}

/**
 * Each measured layer's matmuls as a share of the bf16 peak, by model and tensor-parallel degree,
 * with the engine's two matmul fractions (a tuned stack's and production Megatron's) as rules.
 */
export function layerMatmulChart(layers: readonly LayerMatmulShare[], {width, tuned, production}: {width: number; tuned: number; production: number}): SVGSVGElement | HTMLElement {
  const models = [...new Set(layers.map((l) => l.model))];
  return Plot.plot({
    width: Math.max(300, Math.min(width, 760)),
    height: 60 + 34 * models.length,
    marginLeft: 90,
    x: {label: "Share of bf16 peak →", domain: [0.5, 0.8], grid: true, tickFormat: (d: number) => `${Math.round(d * 100)}%`},
    y: {label: null, domain: models},
    // A swatch legend does not print its label, so each swatch says what it counts.
    color: {type: "ordinal", domain: [1, 2, 4, 8], scheme: "viridis", legend: true, label: "Tensor-parallel GPUs", tickFormat: (n: number) => (n === 1 ? "1 GPU" : `split over ${n} GPUs`)},
    ariaLabel: "Dot plot of the share of the H200's bf16 peak reached by each measured decoder layer's matmuls, by model and tensor-parallel degree, with the engine's tuned-stack and production Megatron matmul fractions",
    marks: [
      Plot.ruleX([tuned], {stroke: "#4e79a7", strokeDasharray: "4,3"}),
      Plot.ruleX([production], {stroke: "#e15759", strokeDasharray: "4,3"}),
      Plot.dot(layers, {
        x: "shareOfPeak", y: "model", fill: "tp", r: 3.5, tip: true,
        title: (l: LayerMatmulShare) => `${l.model}, tp ${l.tp}, ${l.tokens.toLocaleString("en-US")} tokens\n${sig(l.flops / l.seconds / 1e12, 3)} TFLOP/s, ${sig(l.shareOfPeak * 100, 2)}% of peak`
      })
    ]
  });
}
