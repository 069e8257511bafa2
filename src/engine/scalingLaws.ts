// Scaling laws: loss as a function of parameters N and training tokens D, compute-optimal
// allocation, over-training, inference-aware sizing and repeated data. Losses are in nats per
// token on each paper's own data (WebText2 for Kaplan, MassiveText for Chinchilla): compare fits
// by their shape, not by absolute loss. The constants are also in data/scaling_laws.csv
// (tests/engine/scalingLaws.test.ts keeps both equal).
import {FLOPS_PER_PARAM_PER_TOKEN} from "./flops.js";
import {goldenSectionMinimum} from "./minimize.js";

/** L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq (2)). */
export interface ParametricFit {
  id: string;
  label: string;
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  source: string;
}

/** Hoffmann et al. 2022 (arXiv 2203.15556), Sec 3.3, Eq (10): Chinchilla Approach 3. */
export const CHINCHILLA_APPROACH_3: ParametricFit = {
  id: "chinchilla-approach-3",
  label: "Chinchilla Approach 3 (Hoffmann et al. 2022)",
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
  source: "Hoffmann et al. 2022, Sec 3.3, Eq (10)"
};

/**
 * Besiroglu, Erdil, Barnett and You 2024, "Chinchilla Scaling: A replication attempt" (Epoch AI,
 * arXiv 2404.10102), Sec 3: the refit of Approach 3 to data reconstructed from Hoffmann et al.
 * Fig 4, whose optimum (a = β/(α+β) = 0.51) agrees with Approaches 1 and 2.
 */
export const EPOCH_2024_REPLICATION: ParametricFit = {
  id: "epoch-2024-replication",
  label: "Chinchilla replication (Besiroglu et al. 2024)",
  E: 1.8172,
  A: 482.01,
  B: 2085.43,
  alpha: 0.3478,
  beta: 0.3658,
  source: "Besiroglu et al. 2024, Sec 3"
};

export const PARAMETRIC_FITS: readonly ParametricFit[] = [CHINCHILLA_APPROACH_3, EPOCH_2024_REPLICATION];

/** Power-law allocation N_opt ∝ C^a, D_opt ∝ C^b (Hoffmann et al. 2022, Table 2). */
export interface AllocationExponents {
  id: string;
  a: number;
  b: number;
  source: string;
}

export const CHINCHILLA_APPROACH_1: AllocationExponents = {id: "chinchilla-approach-1", a: 0.5, b: 0.5, source: "Hoffmann et al. 2022, Table 2"};
export const CHINCHILLA_APPROACH_2: AllocationExponents = {id: "chinchilla-approach-2", a: 0.49, b: 0.51, source: "Hoffmann et al. 2022, Table 2"};
/** As printed in Table 2; equals β/(α+β) of the Approach 3 fit to two decimals. */
export const CHINCHILLA_APPROACH_3_EXPONENTS: AllocationExponents = {id: "chinchilla-approach-3", a: 0.46, b: 0.54, source: "Hoffmann et al. 2022, Table 2"};

/** Kaplan et al. 2020 (arXiv 2001.08361) L(N, D), Eq (1.5) with Table 2's fit. N excludes embeddings. */
export const KAPLAN_2020 = {
  alphaN: 0.076,
  alphaD: 0.103,
  nC: 6.4e13,
  dC: 1.8e13,
  /** N_opt ∝ C_min^0.73 (Sec 1.2, after Eq (1.8)). */
  computeOptimalExponent: 0.73,
  source: "Kaplan et al. 2020, Eq (1.5), Table 2; Sec 1.2"
} as const;

/** Muennighoff et al. 2023 (arXiv 2305.16264), Sec 3.1 Eq (5): decay constants of repeated data and excess parameters. */
export const MUENNIGHOFF_2023 = {rDStar: 15.4, rNStar: 5.3, source: "Muennighoff et al. 2023, Sec 3.1, Eq (5); Appendix A"} as const;

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

/** Predicted loss (nats/token) of a parametric fit. */
export function parametricLoss(fit: ParametricFit, params: number, tokens: number): number {
  requirePositive("params", params);
  requirePositive("tokens", tokens);
  return fit.E + fit.A / params ** fit.alpha + fit.B / tokens ** fit.beta;
}

/** Kaplan et al. 2020 Eq (1.5): L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, N non-embedding parameters. */
export function kaplanLoss(nonEmbeddingParams: number, tokens: number): number {
  requirePositive("params", nonEmbeddingParams);
  requirePositive("tokens", tokens);
  const {alphaN, alphaD, nC, dC} = KAPLAN_2020;
  return ((nC / nonEmbeddingParams) ** (alphaN / alphaD) + dC / tokens) ** alphaD;
}

/** Perplexity = exp(loss in nats per token). */
export function perplexity(lossNats: number): number {
  return Math.exp(lossNats);
}

export interface Allocation {
  params: number;
  tokens: number;
  flops: number;
  tokensPerParam: number;
}

/**
 * Compute-optimal N and D for a budget of C FLOPs under C = 6ND (Hoffmann et al. 2022, Eq (4)):
 * G = (αA/(βB))^(1/(α+β)), N_opt = G·(C/6)^(β/(α+β)), D_opt = G⁻¹·(C/6)^(α/(α+β)).
 */
export function computeOptimal(fit: ParametricFit, flops: number): Allocation {
  requirePositive("flops", flops);
  const {A, B, alpha, beta} = fit;
  const g = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  const c6 = flops / FLOPS_PER_PARAM_PER_TOKEN;
  const params = g * c6 ** (beta / (alpha + beta));
  const tokens = c6 ** (alpha / (alpha + beta)) / g;
  return {params, tokens, flops, tokensPerParam: tokens / params};
}

/**
 * Power-law allocation from one anchor (N₀, C₀): N_opt(C) = N₀·(C/C₀)^a, D_opt = C/(6·N_opt).
 * Approaches 1 and 2 publish exponents, not coefficients; the anchor supplies the coefficient.
 */
export function powerLawAllocation(exponents: AllocationExponents, anchor: {params: number; flops: number}, flops: number): Allocation {
  requirePositive("flops", flops);
  const params = anchor.params * (flops / anchor.flops) ** exponents.a;
  const tokens = flops / (FLOPS_PER_PARAM_PER_TOKEN * params);
  return {params, tokens, flops, tokensPerParam: tokens / params};
}

/** Points of an iso-FLOP curve: loss of every model size at a fixed budget, D = C/(6N). */
export function isoFlopCurve(fit: ParametricFit, flops: number, params: readonly number[]): {params: number; tokens: number; loss: number}[] {
  requirePositive("flops", flops);
  return params.map((n) => {
    const tokens = flops / (FLOPS_PER_PARAM_PER_TOKEN * n);
    return {params: n, tokens, loss: parametricLoss(fit, n, tokens)};
  });
}

/**
 * Tokens a model of `params` parameters needs to reach `targetLoss`:
 * D = (B / (L − E − A/N^α))^(1/β). Infinity when the model cannot reach it at any D.
 */
export function tokensForLoss(fit: ParametricFit, params: number, targetLoss: number): number {
  requirePositive("params", params);
  const gap = targetLoss - fit.E - fit.A / params ** fit.alpha;
  if (!(gap > 0)) return Number.POSITIVE_INFINITY;
  return (fit.B / gap) ** (1 / fit.beta);
}

export interface OvertrainingComparison {
  optimal: Allocation;
  small: Allocation;
  /** The loss both reach: the compute-optimal model's loss. */
  loss: number;
  /** Training FLOPs of the smaller model ÷ the compute-optimal model's (≥ 1). */
  trainingCostRatio: number;
  /** Inference FLOPs per token of the smaller model ÷ the optimal model's (= N_small / N_opt). */
  inferenceCostRatio: number;
  /** Inference tokens after which the smaller model's total (training + 2N per token) is cheaper; Infinity if never. */
  breakEvenInferenceTokens: number;
}

/**
 * The price of a smaller model trained past Chinchilla-optimal to the same loss as the
 * compute-optimal model for `flops` (the trade Sardana et al. 2023, "Beyond Chinchilla-Optimal",
 * arXiv 2401.00448, analyse): extra training FLOPs now against 2·N FLOPs per inference token saved.
 */
export function overtraining(fit: ParametricFit, flops: number, smallParams: number): OvertrainingComparison {
  const optimal = computeOptimal(fit, flops);
  const loss = parametricLoss(fit, optimal.params, optimal.tokens);
  // A caller's "100% of the optimal size" (optimal · 100 / 100) can land an ulp above it: allow a
  // relative 1e-12 and clamp, so the slider's end position is the optimum itself (issue 12).
  if (!(smallParams > 0 && smallParams <= optimal.params * (1 + 1e-12))) {
    throw new RangeError(`smallParams must be in (0, ${optimal.params.toExponential(3)}] (the compute-optimal size), got ${smallParams}`);
  }
  smallParams = Math.min(smallParams, optimal.params);
  const tokens = tokensForLoss(fit, smallParams, loss);
  const smallFlops = FLOPS_PER_PARAM_PER_TOKEN * smallParams * tokens;
  const small = {params: smallParams, tokens, flops: smallFlops, tokensPerParam: tokens / smallParams};
  const savedPerToken = 2 * (optimal.params - smallParams);
  const extra = smallFlops - flops;
  return {
    optimal,
    small,
    loss,
    trainingCostRatio: smallFlops / flops,
    inferenceCostRatio: smallParams / optimal.params,
    breakEvenInferenceTokens: savedPerToken > 0 && Number.isFinite(extra) ? Math.max(0, extra) / savedPerToken : Number.POSITIVE_INFINITY
  };
}

/**
 * Sardana et al. 2023 (arXiv 2401.00448), Sec 2: the model that reaches `targetLoss` with the
 * least total compute 6·N·D_train + 2·N·D_inference. Found by golden-section search over log N
 * (the total is unimodal in log N: training cost falls then rises towards the size that needs
 * infinite data, inference cost rises).
 */
export function inferenceAwareOptimal(fit: ParametricFit, targetLoss: number, inferenceTokens: number): Allocation & {totalFlops: number} {
  if (!(inferenceTokens >= 0) || !Number.isFinite(inferenceTokens)) throw new RangeError(`inferenceTokens must be a finite number ≥ 0, got ${inferenceTokens}`);
  if (!(targetLoss > fit.E)) throw new RangeError(`targetLoss must exceed the irreducible loss E = ${fit.E}, got ${targetLoss}`);
  // Smallest N that can reach the loss with infinite data: A/N^α < L − E.
  const nMin = (fit.A / (targetLoss - fit.E)) ** (1 / fit.alpha);
  const total = (logN: number) => {
    const n = Math.exp(logN);
    const d = tokensForLoss(fit, n, targetLoss);
    return FLOPS_PER_PARAM_PER_TOKEN * n * d + 2 * n * inferenceTokens;
  };
  const params = Math.exp(goldenSectionMinimum(total, Math.log(nMin * (1 + 1e-9)), Math.log(nMin * 1e6), {maxSteps: 200}));
  const tokens = tokensForLoss(fit, params, targetLoss);
  const flops = FLOPS_PER_PARAM_PER_TOKEN * params * tokens;
  return {params, tokens, flops, tokensPerParam: tokens / params, totalFlops: flops + 2 * params * inferenceTokens};
}

/**
 * Muennighoff et al. 2023 Eq (5): effective data of `epochs` passes over `uniqueTokens`:
 * D' = U + U·R*_D·(1 − e^(−R/R*_D)) with R = epochs − 1 repetitions. Never more than U·(1 + R*_D).
 */
export function effectiveRepeatedTokens(uniqueTokens: number, epochs: number, rDStar: number = MUENNIGHOFF_2023.rDStar): number {
  requirePositive("uniqueTokens", uniqueTokens);
  if (!(epochs >= 1) || !Number.isFinite(epochs)) throw new RangeError(`epochs must be a finite number ≥ 1, got ${epochs}`);
  const repetitions = epochs - 1;
  return uniqueTokens + uniqueTokens * rDStar * (1 - Math.exp(-repetitions / rDStar));
}

/**
 * Muennighoff et al. 2023 Eq (5) for parameters: effective parameters when a model has more
 * parameters than the compute-optimal size for its unique data, N' = U_N + U_N·R*_N·(1 − e^(−R_N/R*_N)),
 * with R_N = params/U_N − 1.
 */
export function effectiveParams(params: number, optimalParamsForUniqueData: number, rNStar: number = MUENNIGHOFF_2023.rNStar): number {
  requirePositive("params", params);
  requirePositive("optimalParamsForUniqueData", optimalParamsForUniqueData);
  const u = Math.min(params, optimalParamsForUniqueData);
  const excess = params / u - 1;
  return u + u * rNStar * (1 - Math.exp(-excess / rNStar));
}
