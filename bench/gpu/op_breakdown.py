#!/usr/bin/env python3
"""Where an eager step's GPU time goes, op by op and shape by shape (LLM Training Cost Atlas).

Run where PyTorch sees one CUDA GPU (see bench/gpu/README.md):

    python3 bench/gpu/op_breakdown.py --out OUTDIR            # 12 steps, about 3 minutes on an H200
    python3 bench/gpu/op_breakdown.py --out OUTDIR --quick    # 1 step, smoke test

Why: on one H200 the engine's eager GPU time is 10-30% short of the measured kernel time at one
1,024-token sequence and 5-15% long at 16k tokens (data/gpu_stack_steps.csv), and the 2 x H200
steps that miss while GPU-bound are all at 1,024 tokens (data/gpu_multi_steps.csv,
bench/gpu/multi_steps_wide.csv). A cost that does not grow with tokens is missing. Candidates the
kernel-kind totals of kernel_breakdown.py cannot tell apart: autocast's per-step cast of every fp32
weight to bf16 and of its bf16 gradient back to fp32 (per parameter, not per token), the embedding's
dense gradient, the loss over a 128k vocabulary, matmuls that run below the best-shape rate at
1,024 rows. This script profiles one step of each configuration (the model code of calibrate.py,
bf16 autocast, no recomputation, AdamW as multi_gpu.py runs it: foreach) with torch.profiler,
recording input shapes, and writes, for every aten op and input-shape group, the GPU time of the
kernels it launched itself:

  op_breakdown.csv         device, date, torch, source, model, seq_len, micro_batch, optimizer,
                           op, input_shapes, calls, seconds (self device time of that op+shapes)
  op_breakdown_steps.csv   the same keys, with kernel_seconds (every kernel of a step profiled on
                           the GPU alone), attributed_seconds (the sum of op_breakdown.csv rows, a
                           second profiled step: how much of it the aten rows cover), params, tensors, and step_seconds (median wall clock of
                           3 trials of 3 steps without the profiler)

Every number written is measured on the machine the script runs on.
"""
import argparse
import datetime as dt
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate  # noqa: E402  (the models, stamps and timing of the calibration script)

SOURCE = "bench/gpu/op_breakdown.py"
# Llama 3.2 3B as bench/gpu/multi_gpu.py defines it (meta-llama/Llama-3.2-3B config.json).
MODELS = {**calibrate.MODELS, **calibrate.SLICED_MODELS,
          "llama-3.2-3b": {"family": "llama", "layers": 28, "d_model": 3072, "heads": 24, "kv_heads": 8,
                           "ffn": 8192, "vocab": 128256, "tied": True}}
GRID_MODELS = ["gpt2-medium", "gpt2-xl", "tinyllama-1.1b", "llama-3.2-3b", "llama-3-8b-8l", "llama-3-70b-2l"]
# One 1,024-token sequence (where the misses are) and eight (8,192 tokens, where the eager
# element-wise factors were profiled on the H100).
SHAPES = [(1024, 1), (1024, 8)]


def device_seconds(evt):
    us = getattr(evt, "self_device_time_total", None)
    if us is None:
        us = getattr(evt, "self_cuda_time_total", 0.0)
    return us / 1e6


def is_cpu_op(evt):
    kind = getattr(evt, "device_type", None)
    return kind is None or str(kind).endswith("CPU")


def profile_step(step):
    """Kernel seconds of one step profiled on the GPU alone (calibrate.kernel_profile), and the aten
    ops of another step profiled with the host and input shapes. Only aten ops are kept: the CPU
    side also reports CUDA-runtime events with a "device time" that is no kernel's (on the first
    run, 2026-12-01, "Command Buffer Full": 7 s on a 0.3 s step), and profiling the host as well
    slows the step, so kernel_seconds comes from the GPU-only profile."""
    from torch.profiler import ProfilerActivity, profile
    kernels = calibrate.kernel_profile(step)[0]
    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA], record_shapes=True) as prof:
        step()
        torch.cuda.synchronize()
    ops = [e for e in prof.key_averages(group_by_input_shape=True)
           if is_cpu_op(e) and e.key.startswith("aten::") and device_seconds(e) > 0]
    return kernels, ops


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--models", default=",".join(GRID_MODELS))
    parser.add_argument("--optimizer", choices=["foreach", "fused"], default="foreach")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("op_breakdown.py: no CUDA device")
    os.makedirs(args.out, exist_ok=True)
    ctx = {"device": torch.cuda.get_device_name(0), "date": dt.date.today().isoformat()}
    stamp = {**calibrate.stamp(ctx), "source": SOURCE}
    ops_out = calibrate.RowWriter(os.path.join(args.out, "op_breakdown.csv"))
    steps_out = calibrate.RowWriter(os.path.join(args.out, "op_breakdown_steps.csv"))
    models = args.models.split(",")[:1] if args.quick else args.models.split(",")
    shapes = SHAPES[:1] if args.quick else SHAPES
    for name in models:
        spec = MODELS[name]
        for seq_len, micro_batch in shapes:
            torch.cuda.empty_cache()
            with torch.device("cuda"):
                model = calibrate.Model(spec, seq_len)
            params = list(model.parameters())
            opt = torch.optim.AdamW(params, lr=1e-4, **{args.optimizer: True})
            idx = torch.randint(0, spec["vocab"], (micro_batch, seq_len), device="cuda")
            vocab = spec["vocab"]

            step = calibrate.make_step(model, opt, idx, vocab, "amp-bf16", "none", compiled=False)

            step_seconds = calibrate.time_cuda(step, 3, trials=3, warmup=2)
            kernels, ops = profile_step(step)
            key = {"model": name, "seq_len": seq_len, "micro_batch": micro_batch, "optimizer": args.optimizer}
            attributed = 0.0
            for e in ops:
                seconds = device_seconds(e)
                attributed += seconds
                ops_out.write({**stamp, **key, "op": e.key, "input_shapes": str(getattr(e, "input_shapes", ""))[:300],
                               "calls": e.count, "seconds": f"{seconds:.6e}"})
            steps_out.write({**stamp, **key, "params": sum(p.numel() for p in params), "tensors": len(params),
                             "kernel_seconds": f"{kernels:.6e}", "attributed_seconds": f"{attributed:.6e}",
                             "step_seconds": f"{step_seconds:.6e}"})
            del model, opt, idx, params
    ops_out.close()
    steps_out.close()


if __name__ == "__main__":
    main()
