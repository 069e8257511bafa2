#!/usr/bin/env bash
# Does a stronger timing protocol make host-bound step times reproduce? The 16 host-bound
# configurations of the stacks grid (GPT-2 small–XL and TinyLlama 1.1B, sequence 1024/2048,
# micro-batch 1; eager and torch.compile), timed twice with the committed protocol (warmup 2,
# 3 trials × 3 steps) and twice with a longer one (warmup 5, 7 trials × 5 steps), interleaved, in
# one session on one GPU. Output: $OUT/{weak,strong}-{a,b}/gpu_stack_steps.csv with each row's
# fastest and slowest trial (bench/gpu/stack_steps_protocol.csv gathers them).
set -euo pipefail
OUT=${OUT:?set OUT}
GRID=(--parts stacks --precisions amp-bf16 --models gpt2-small,gpt2-medium,gpt2-large,gpt2-xl,tinyllama-1.1b
      --seq-lens 1024,2048 --micro-batches 1 --record-trials)
for run in a b; do
  python3 bench/gpu/calibrate.py --out "$OUT/weak-$run" "${GRID[@]}" --step-warmup 2 --step-trials 3 --step-reps 3
  python3 bench/gpu/calibrate.py --out "$OUT/strong-$run" "${GRID[@]}" --step-warmup 5 --step-trials 7 --step-reps 5
done
