#!/usr/bin/env python3
"""Where a training step's GPU time goes, by kind of kernel (LLM Training Cost Atlas).

Run where PyTorch sees a CUDA GPU (see bench/gpu/README.md):

    python3 bench/gpu/kernel_breakdown.py --out OUTDIR

For a few model shapes of calibrate.py, runs two warm-up steps and profiles a third with
torch.profiler, then sums each CUDA kernel's self time into one of four kinds by its name:
  matmul     cuBLAS/CUTLASS GEMM kernels (names with gemm, nvjet, cutlass, xmma)
  attention  SDPA's fused kernels (flash, fmha, attention)
  optimizer  the fused AdamW update (multi_tensor_apply, adam)
  other      everything else: element-wise ops, norms, softmax/loss, casts, copies, memsets
Writes gpu_kernel_breakdown.csv (one row per step and kind) and gpu_kernel_names.csv (each
kernel name, its kind and seconds, for auditing the classification). Every number is measured.
"""
import argparse
import csv
import datetime as dt
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate  # noqa: E402  (the models and stamps of the calibration script)

KINDS = [
    ("attention", ("flash", "fmha", "attention")),
    ("matmul", ("gemm", "nvjet", "cutlass", "xmma")),
    ("optimizer", ("multi_tensor_apply", "adam")),
]


def kind_of(name):
    lower = name.lower()
    for kind, needles in KINDS:
        if any(n in lower for n in needles):
            return kind
    return "other"


def grid():
    for name in ["gpt2-medium", "gpt2-large", "gpt2-xl", "tinyllama-1.1b"]:
        for micro_batch in [4, 8]:
            yield name, 2048, micro_batch, "amp-bf16", "none"
    yield "gpt2-xl", 2048, 8, "amp-bf16", "full"
    yield "gpt2-medium", 2048, 4, "fp32", "none"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("kernel_breakdown.py: no CUDA device")
    os.makedirs(args.out, exist_ok=True)
    ctx = {"device": torch.cuda.get_device_name(0), "date": dt.date.today().isoformat()}
    stamp = {**calibrate.stamp(ctx), "source": "bench/gpu/kernel_breakdown.py"}
    rows = calibrate.RowWriter(os.path.join(args.out, "gpu_kernel_breakdown.csv"))
    names = calibrate.RowWriter(os.path.join(args.out, "gpu_kernel_names.csv"))
    from torch.profiler import ProfilerActivity, profile
    for model_name, seq_len, micro_batch, precision, recompute in grid():
        spec = calibrate.MODELS[model_name]
        torch.cuda.empty_cache()
        with torch.device("cuda"):
            model = calibrate.Model(spec, seq_len)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=True)
        idx = torch.randint(0, spec["vocab"], (micro_batch, seq_len), device="cuda")

        def step():
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=precision == "amp-bf16"):
                logits = model(idx, recompute)
                loss = F.cross_entropy(logits.float().view(-1, spec["vocab"]), idx.view(-1))
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)

        for _ in range(2):
            step()
        torch.cuda.synchronize()
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            step()
            torch.cuda.synchronize()
        totals = {kind: 0.0 for kind in ["matmul", "attention", "optimizer", "other"]}
        key = {"model": model_name, "seq_len": seq_len, "micro_batch": micro_batch, "precision": precision, "recompute": recompute}
        for evt in prof.key_averages():
            seconds = getattr(evt, "self_device_time_total", 0.0) / 1e6
            if seconds <= 0:
                continue
            kind = kind_of(evt.key)
            totals[kind] += seconds
            names.write({**stamp, **key, "kernel": evt.key[:200], "kind": kind, "calls": evt.count, "seconds": f"{seconds:.6e}"})
        for kind, seconds in totals.items():
            rows.write({**stamp, **key, "kind": kind, "seconds": f"{seconds:.6e}"})
        del model, opt, idx
    rows.close()
    names.close()


if __name__ == "__main__":
    main()
