#!/usr/bin/env python3
"""Measures an accelerator for LLM Training Cost Atlas's performance model.

Run on a machine with a CUDA GPU and PyTorch (see bench/gpu/README.md):

    python3 bench/gpu/calibrate.py --out OUTDIR [--quick]

Writes three CSVs into OUTDIR, each row stamped with the device name and the date:
  gpu_gemm.csv            matmul throughput by shape and dtype (the "fraction of peak by shape")
  gpu_hbm.csv             memory bandwidth of copies and elementwise ops
  gpu_training_steps.csv  peak memory and step time of GPT-style training steps over a grid of
                          sizes, micro-batches, sequence lengths, precisions and recompute modes

Timing: CUDA events around N repetitions after warm-up; the median of 5 trials is reported.
Nothing here is invented: every number written is measured on the device the script runs on.
"""
import argparse
import csv
import datetime as dt
import os
import statistics
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

DTYPES = {"fp32": torch.float32, "tf32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}


def time_cuda(fn, reps, trials=5, warmup=3):
    """Median seconds per call of fn over `trials` trials of `reps` calls each."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    results = []
    for _ in range(trials):
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(reps):
            fn()
        end.record()
        torch.cuda.synchronize()
        results.append(start.elapsed_time(end) / 1000.0 / reps)
    return statistics.median(results)


def gemm_grid(quick):
    sizes = [256, 512, 1024, 2048, 4096, 8192, 16384]
    if quick:
        sizes = [1024, 4096, 8192]
    shapes = [(s, s, s) for s in sizes]
    # Transformer-shaped products: tokens x d_model x (3|4|8/3) d_model, and skinny ones.
    for d in ([2048, 4096, 8192] if not quick else [4096]):
        for tokens in ([2048, 8192, 32768] if not quick else [8192]):
            shapes += [(tokens, 3 * d, d), (tokens, d, d), (tokens, 4 * d, d), (tokens, d, 4 * d)]
    return shapes


def measure_gemm(device_name, date, quick):
    rows = []
    for dtype_name in ["bf16", "fp16", "tf32", "fp32"]:
        torch.backends.cuda.matmul.allow_tf32 = dtype_name == "tf32"
        dtype = DTYPES[dtype_name]
        for (m, n, k) in gemm_grid(quick):
            if dtype_name in ("fp32", "tf32") and m * n * k > 4096 ** 3 * 8:
                continue  # slow and not used for training
            a = torch.randn(m, k, device="cuda", dtype=dtype)
            b = torch.randn(k, n, device="cuda", dtype=dtype)
            flops = 2.0 * m * n * k
            reps = max(1, min(200, int(2e12 / flops)))
            seconds = time_cuda(lambda: torch.matmul(a, b), reps)
            rows.append({"device": device_name, "date": date, "dtype": dtype_name, "m": m, "n": n, "k": k,
                         "seconds": f"{seconds:.6e}", "tflops": f"{flops / seconds / 1e12:.2f}"})
            del a, b
    torch.backends.cuda.matmul.allow_tf32 = False
    return rows


def measure_hbm(device_name, date):
    rows = []
    for mib in [64, 256, 1024, 4096]:
        n = mib * 2 ** 20 // 2
        x = torch.empty(n, device="cuda", dtype=torch.bfloat16).normal_()
        y = torch.empty_like(x)
        ops = {
            "copy": (lambda: y.copy_(x), 2),          # read x, write y
            "add_scalar": (lambda: torch.add(x, 1.0, out=y), 2),
            "gelu": (lambda: torch.nn.functional.gelu(x), 2),
        }
        for name, (fn, passes) in ops.items():
            seconds = time_cuda(fn, 20)
            moved = passes * x.numel() * x.element_size()
            rows.append({"device": device_name, "date": date, "op": name, "bytes": moved,
                         "seconds": f"{seconds:.6e}", "gbps": f"{moved / seconds / 1e9:.1f}"})
        del x, y
    return rows


class Block(nn.Module):
    """A GPT-2 style pre-LayerNorm decoder block with flash (SDPA) attention and a GELU MLP."""

    def __init__(self, d_model, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, 4 * d_model)
        self.fc2 = nn.Linear(4 * d_model, d_model)

    def attention(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q, k, v = (t.view(b, s, self.heads, d // self.heads).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.proj(y.transpose(1, 2).reshape(b, s, d))

    def forward(self, x, recompute="none"):
        if recompute == "selective":
            x = x + checkpoint(self.attention, x, use_reentrant=False)
        else:
            x = x + self.attention(x)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class GPT(nn.Module):
    def __init__(self, layers, d_model, heads, vocab, seq_len):
        super().__init__()
        self.wte = nn.Embedding(vocab, d_model)
        self.wpe = nn.Embedding(seq_len, d_model)
        self.blocks = nn.ModuleList(Block(d_model, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab, bias=False)
        self.head.weight = self.wte.weight  # tied, as in GPT-2

    def forward(self, idx, recompute):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1], device=idx.device))
        for block in self.blocks:
            if recompute == "full":
                x = checkpoint(block, x, use_reentrant=False)
            else:
                x = block(x, recompute)
        return self.head(self.ln_f(x))


def training_grid(quick):
    models = [  # (layers, d_model, heads): GPT-2 small / medium / large / XL shapes
        (12, 768, 12), (24, 1024, 16), (36, 1280, 20), (48, 1600, 25)]
    if quick:
        models = [(12, 768, 12)]
    for layers, d, h in models:
        for seq_len in [1024, 2048]:
            for micro_batch in [1, 4, 8]:
                for precision in ["amp-bf16", "fp32"]:
                    for recompute in ["none", "selective", "full"]:
                        if precision == "fp32" and recompute == "selective":
                            continue
                        yield layers, d, h, seq_len, micro_batch, precision, recompute


def measure_training(device_name, date, quick):
    vocab = 50304  # GPT-2's 50257 padded to a multiple of 64 (as nanoGPT/llm.c do)
    rows = []
    for layers, d, h, seq_len, micro_batch, precision, recompute in training_grid(quick):
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
        model = opt = idx = None
        params = 0
        seconds, peak, reserved, status = float("nan"), 0, 0, "ok"
        try:
            model = GPT(layers, d, h, vocab, seq_len).cuda()
            params = sum(p.numel() for p in model.parameters())
            opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=True)
            idx = torch.randint(0, vocab, (micro_batch, seq_len), device="cuda")

            def step():
                with torch.autocast("cuda", dtype=torch.bfloat16, enabled=precision == "amp-bf16"):
                    logits = model(idx, recompute)
                    loss = F.cross_entropy(logits.float().view(-1, vocab), idx.view(-1))
                loss.backward()
                opt.step()
                opt.zero_grad(set_to_none=True)

            seconds = time_cuda(step, reps=3, trials=3, warmup=2)
            peak = torch.cuda.max_memory_allocated()
            reserved = torch.cuda.max_memory_reserved()
        except torch.cuda.OutOfMemoryError:
            status = "oom"
        tokens = micro_batch * seq_len
        # Model FLOPs: 6 per parameter per token plus causal-free attention 12·L·d·s per token
        # (Chowdhery et al. 2022, PaLM, Appendix B).
        model_flops = 6 * params * tokens + 12 * layers * d * seq_len * tokens
        ok = status == "ok"
        rows.append({
            "device": device_name, "date": date, "layers": layers, "d_model": d, "heads": h,
            "seq_len": seq_len, "micro_batch": micro_batch, "vocab": vocab, "precision": precision,
            "recompute": recompute, "flash_attention": "true", "params": params,
            "peak_memory_bytes": peak if ok else "", "peak_reserved_bytes": reserved if ok else "",
            "step_seconds": f"{seconds:.6e}" if ok else "",
            "model_tflops": f"{model_flops / seconds / 1e12:.2f}" if ok else "",
            "status": status})
        del model, opt, idx
        torch.cuda.empty_cache()
        print(rows[-1], flush=True)
    return rows


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true", help="a small grid, for a smoke test")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("calibrate.py: no CUDA device")
    os.makedirs(args.out, exist_ok=True)
    device_name = torch.cuda.get_device_name(0)
    date = dt.date.today().isoformat()
    write_csv(os.path.join(args.out, "gpu_gemm.csv"), measure_gemm(device_name, date, args.quick))
    write_csv(os.path.join(args.out, "gpu_hbm.csv"), measure_hbm(device_name, date))
    write_csv(os.path.join(args.out, "gpu_training_steps.csv"), measure_training(device_name, date, args.quick))


if __name__ == "__main__":
    main()
