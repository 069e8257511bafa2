// Whole runs the engine misses by more than RUN_MISS_THRESHOLD (|ln(reported ÷ predicted)|), and
// why, as far as the sources tell. The methodology page and `engine validate` print the reason
// beside the run; tests/components/runTrackRecord.test.ts fails when a run misses by more and has
// no reason here. Reasons are not corrections: nothing here changes a prediction.

/** |ln(reported ÷ predicted)| beyond which a run needs a stated reason: 0.25 ≈ 28% either way. */
export const RUN_MISS_THRESHOLD = 0.25;

export const RUN_KNOWN_MISSES: Readonly<Record<string, string>> = {
  "palm-540b":
    "PaLM's chip-hours include downtime and repeated steps (Chowdhery et al. 2022, Sec 4 and Table 22: 6,144 chips for 1,200 hours and 3,072 for 336), and even at the paper's own steady-state 46.2% MFU (Table 3) its 2.53e24 training FLOPs take 5.53M chip-hours, so the reported 8.40M are 1.52× the steps alone: a third of the time is counted but not itemised. Of it the engine charges only the steps its about 20 loss-spike rollbacks threw away (at least the 200 batches skipped each time, Sec 5.1: 4,000 steps, about 2%). The step itself differs little: the engine's 49.5% on the published layout lets the planner skip recomputation, where PaLM rematerialised (57.8% HFU against 46.2% MFU, 1.25× the FLOPs, Table 3); neither of the engine's modes is that (selective recomputes attention only, 49.4%; full recomputes every layer, 1.33×, 36%, ten points under the paper's own MFU), and which activations PaLM kept is not published, so none is pinned.",
  "smollm3-3b":
    "The run's steady throughput was itself about 14k tokens a second per GPU (29.4% MFU, the official training dashboard as quoted by tzafon.ai's 'Breaking 40k tokens' post), and 14,000 × 384 GPUs × 24 days is 11.1T tokens, the run's 11.2T: the reported days hold almost no lost time, so the gap is in the step, where the engine predicts 48% for nanotron's 3B step (tp 2, micro-batch 3 of 4,096 tokens, width 2,048) on H100s. Which term nanotron paid that the step model does not time is not published. The run is timed by the fused-stack model although nanotron runs eager PyTorch modules: its fused RMSNorm, rotary and FlashAttention-2 kernels and its own Megatron-style tensor parallelism (not DTensor's, the only tensor parallelism the plain-PyTorch model describes) put it outside that model (data/run_layouts.csv stack_source). Looked up after the run's residual had been seen; nothing here changes the prediction.",
  "llm-c-gpt2-124m":
    "The reported '~90 minutes' on 8 A100s (Karpathy, llm.c discussion #481) is about the run's own step time alone (~300 ms for each of 18,865 steps is 94 minutes), so it leaves no room for the evaluation the launch script runs (every 250 steps, 20 validation and 79 HellaSwag forward batches of 64 × 1,024 tokens per GPU: 11.7% of the time here, scripts/run_gpt2_124M.sh); and at 124M parameters (width 768) the step model predicts 46% MFU where ~300 ms a step is about 52% by 6·N·D alone — the small-width end where per-kernel costs the engine does not time weigh most."
};
