#!/usr/bin/env python3
"""Activation memory and step time of Llama-3-shaped decoder blocks under three recompute modes.

For LLM Training Cost Atlas's recompute mode "per-op" (src/engine/memory.ts, flops.ts): the
per-operation selective activation checkpointing that torchtitan runs as
activation_checkpoint.mode = "selective", selective_ac_option = "op".

Run on one CUDA GPU with plain PyTorch 2.x (no other package):

    python3 bench/gpu/sac_memory.py --out "$OUT" [--shapes llama-3.2-1b,llama-3.2-3b,llama-3-8b]
        [--seq-lens 2048,4096,8192] [--micro-batches 1,2] [--layers 4] [--modes none,per-op,full]
        [--stacks eager] [--deadline SECONDS]

Writes OUT/sac_memory.csv, one row per (shape, layers, sequence, micro-batch, mode, stack), flushed
as it is measured (a run stopped early keeps its rows).

What a row holds:
  saved_bytes_after_forward  torch.cuda.memory_allocated() after the forward pass minus before it:
                             every tensor kept for the backward pass by the `layers` blocks,
                             including each block's output (the next block's input; the last one is
                             the output held for backward). Divided by layers: bytes kept per layer.
  peak_bytes_over_start      torch.cuda.max_memory_allocated() during forward + backward minus the
                             memory allocated before the forward (weights, input, output gradient);
                             the weights' gradients (bf16, set to None before each step) are in it.
  step_seconds               median over trials of forward + backward (CUDA events), after warm-up.
  saved_ops_per_layer        which aten ops the per-op policy marked MUST_SAVE in one block's
                             forward (name:count), so a reader can check the policy hit the ops it
                             meant to (e.g. the flash SDPA op, not cuDNN's, which is not on the list).

The blocks follow torchtitan's Llama model (torchtitan/models/llama/model.py and models/norms.py at
commit 9dec370ad2, the code of the December 2024 benchmark rows in data/check_torchtitan.csv):
RMSNorm computed in fp32 and cast back, wq/wk/wv/wo without bias, rotary embeddings applied in fp32
through complex multiplication, key/value heads repeated to the query heads (repeat_kv), causal
F.scaled_dot_product_attention, SwiGLU feed-forward w2(silu(w1 x) * w3 x). Weights and activations
in bf16, as under FSDP2 with param_dtype bfloat16. The attention backend is pinned to FlashAttention
(torch.nn.attention.sdpa_kernel), the backend of those rows (see the file's assumptions).

Modes:
  none    no checkpointing.
  per-op  torch.utils.checkpoint with create_selective_checkpoint_contexts and torchtitan's policy
          (torchtitan/parallelisms/parallelize_llama.py _save_list and _custom_policy at 9dec370ad2,
          unchanged in models/llama3/parallelize_llama.py at 820504e20d): MUST_SAVE the outputs of
          aten.mm except every second one (counted separately in the forward and the recompute),
          of the flash and memory-efficient SDPA ops, of _c10d_functional.reduce_scatter_tensor, of
          aten.max (and, at 9dec370ad2 only, aten.abs); PREFER_RECOMPUTE everything else.
  full    torch.utils.checkpoint of the whole block (use_reentrant=False).
Stacks: eager; compile (each block, checkpoint wrapper included, under torch.compile, as torchtitan's
apply_compile does).

Nothing here is invented: every number written is measured on the device the script runs on.
"""
import argparse
import collections
import datetime as dt
import functools
import gc
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibrate import RowWriter  # noqa: E402

SOURCE = "bench/gpu/sac_memory.py"

# Llama 3 shapes (dim, heads, kv heads, FFN width) from Meta's published configs: Llama 3.2 1B and
# 3B (dim 2048 / 3072, 32 / 24 heads, 8 KV heads, FFN 8192), Llama 3 8B (dim 4096, 32 heads, 8 KV
# heads, FFN 14336, torchtitan/models/llama/__init__.py at 9dec370ad2).
SHAPES = {
    "llama-3.2-1b": (2048, 32, 8, 8192),
    "llama-3.2-3b": (3072, 24, 8, 8192),
    "llama-3-8b": (4096, 32, 8, 14336),
}
ROPE_THETA = 500000.0


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)).type_as(x) * self.weight


def rope_table(head_dim, seq_len, device):
    freqs = 1.0 / (ROPE_THETA ** (torch.arange(0, head_dim, 2, device=device).float() / head_dim))
    angles = torch.outer(torch.arange(seq_len, device=device).float(), freqs)
    return torch.polar(torch.ones_like(angles), angles)  # complex64, (seq, head_dim / 2)


def rotate(x, table):
    xc = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
    return torch.view_as_real(xc * table.view(1, x.shape[1], 1, -1)).flatten(3).type_as(x)


class Block(nn.Module):
    def __init__(self, dim, heads, kv_heads, ffn):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, dim // heads
        self.attention_norm = RMSNorm(dim)
        self.wq = nn.Linear(dim, heads * self.head_dim, bias=False)
        self.wk = nn.Linear(dim, kv_heads * self.head_dim, bias=False)
        self.wv = nn.Linear(dim, kv_heads * self.head_dim, bias=False)
        self.wo = nn.Linear(heads * self.head_dim, dim, bias=False)
        self.ffn_norm = RMSNorm(dim)
        self.w1 = nn.Linear(dim, ffn, bias=False)
        self.w2 = nn.Linear(ffn, dim, bias=False)
        self.w3 = nn.Linear(dim, ffn, bias=False)

    def attention(self, x, table):
        b, s, _ = x.shape
        q = self.wq(x).view(b, s, -1, self.head_dim)
        k = self.wk(x).view(b, s, -1, self.head_dim)
        v = self.wv(x).view(b, s, -1, self.head_dim)
        q, k = rotate(q, table), rotate(k, table)
        rep = self.heads // self.kv_heads
        if rep > 1:  # repeat_kv
            k = k[:, :, :, None, :].expand(b, s, self.kv_heads, rep, self.head_dim).reshape(b, s, self.heads, self.head_dim)
            v = v[:, :, :, None, :].expand(b, s, self.kv_heads, rep, self.head_dim).reshape(b, s, self.heads, self.head_dim)
        out = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), is_causal=True)
        return self.wo(out.transpose(1, 2).contiguous().view(b, s, -1))

    def forward(self, x, table):
        h = x + self.attention(self.attention_norm(x), table)
        n = self.ffn_norm(h)
        return h + self.w2(F.silu(self.w1(n)) * self.w3(n))


def save_list():
    ops = [torch.ops.aten.mm.default, torch.ops.aten.max.default, torch.ops.aten.abs.default]
    for name in ("_scaled_dot_product_efficient_attention", "_scaled_dot_product_flash_attention"):
        ops.append(getattr(torch.ops.aten, name).default)
    try:
        ops.append(torch.ops._c10d_functional.reduce_scatter_tensor.default)
    except (AttributeError, RuntimeError):
        pass
    return set(ops)


def per_op_context(tally):
    """torchtitan's per-op policy (see the module docstring); `tally` counts MUST_SAVE ops by name
    in the forward pass."""
    from torch.utils.checkpoint import CheckpointPolicy, create_selective_checkpoint_contexts

    keep = save_list()
    counts = collections.defaultdict(int)

    def policy(ctx, func, *args, **kwargs):
        phase = "recompute" if ctx.is_recompute else "forward"
        if func == torch.ops.aten.mm.default:
            counts[phase] += 1
        save = func in keep and not (func == torch.ops.aten.mm.default and counts[phase] % 2 == 0)
        if save and not ctx.is_recompute and tally is not None:
            tally[str(func.overloadpacket.__name__)] += 1
        return CheckpointPolicy.MUST_SAVE if save else CheckpointPolicy.PREFER_RECOMPUTE

    return create_selective_checkpoint_contexts(policy)


class Wrapped(nn.Module):
    def __init__(self, block, mode, tally):
        super().__init__()
        self.block, self.mode, self.tally = block, mode, tally

    def forward(self, x, table):
        if self.mode == "none":
            return self.block(x, table)
        if self.mode == "full":
            return checkpoint(self.block, x, table, use_reentrant=False, preserve_rng_state=False)
        return checkpoint(self.block, x, table, use_reentrant=False, preserve_rng_state=False,
                          context_fn=functools.partial(per_op_context, self.tally))


def sdpa_flash():
    from torch.nn.attention import SDPBackend, sdpa_kernel
    return sdpa_kernel([SDPBackend.FLASH_ATTENTION])


def measure(ctx, shape_name, layers, seq, batch, mode, stack, trials):
    dim, heads, kv_heads, ffn = SHAPES[shape_name]
    dev = torch.device("cuda")
    torch.manual_seed(0)
    tally = collections.Counter()
    blocks = nn.ModuleList()
    for i in range(layers):
        with torch.device(dev):  # initialised on the GPU: seconds saved per row on the wide shapes
            block = Block(dim, heads, kv_heads, ffn).to(dtype=torch.bfloat16)
        # The tally is an eager-only check: under torch.compile a Counter held by the module makes
        # Dynamo fail to guard it ("DictGuardManager does not support a leaf_guard", first run).
        w = Wrapped(block, mode, tally if i == 0 and stack == "eager" else None)
        blocks.append(torch.compile(w, fullgraph=False) if stack == "compile" else w)
    table = rope_table(dim // heads, seq, dev)
    x = torch.randn(batch, seq, dim, device=dev, dtype=torch.bfloat16)
    grad_out = torch.randn(batch, seq, dim, device=dev, dtype=torch.bfloat16)

    def forward():
        h = x
        for blk in blocks:
            h = blk(h, table)
        return h

    def step():
        for p in blocks.parameters():
            p.grad = None
        out = forward()
        out.backward(grad_out)

    with sdpa_flash():
        for _ in range(2):  # warm-up (and compilation)
            step()
        for p in blocks.parameters():
            p.grad = None
        gc.collect()
        torch.cuda.synchronize()
        tally.clear()
        before = torch.cuda.memory_allocated()
        torch.cuda.reset_peak_memory_stats()
        out = forward()
        torch.cuda.synchronize()
        saved = torch.cuda.memory_allocated() - before
        out.backward(grad_out)
        torch.cuda.synchronize()
        peak = torch.cuda.max_memory_allocated() - before
        del out
        ops = ";".join(f"{k}:{v}" for k, v in sorted(tally.items()))
        times = []
        for _ in range(trials):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            step()
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end) / 1000)
    return {
        "shape": shape_name, "layers": layers, "d_model": dim, "heads": heads, "kv_heads": kv_heads, "ffn_dim": ffn,
        "seq_len": seq, "micro_batch": batch, "mode": mode, "stack": stack, "dtype": "bf16", "sdpa_backend": "flash",
        "saved_bytes_after_forward": saved, "saved_bytes_per_layer": saved / layers,
        "peak_bytes_over_start": peak, "step_seconds": statistics.median(times),
        "saved_ops_per_layer": ops if mode == "per-op" else "",
        "device": ctx["device"], "date": ctx["date"], "torch": torch.__version__, "cuda": torch.version.cuda,
        "source": SOURCE, "error": "",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--shapes", default="llama-3.2-1b,llama-3.2-3b,llama-3-8b")
    ap.add_argument("--seq-lens", default="2048,4096,8192")
    ap.add_argument("--micro-batches", default="1,2")
    ap.add_argument("--layers", default="4")
    ap.add_argument("--modes", default="none,per-op,full")
    ap.add_argument("--stacks", default="eager")
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--deadline", type=float, default=330.0, help="stop starting new rows after this many seconds")
    args = ap.parse_args()
    if not torch.cuda.is_available():
        sys.exit("sac_memory.py needs a CUDA GPU")
    os.makedirs(args.out, exist_ok=True)
    ctx = {"device": torch.cuda.get_device_name(0), "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")}
    writer = RowWriter(os.path.join(args.out, "sac_memory.csv"))
    t0 = time.time()
    for stack in args.stacks.split(","):
        for shape in args.shapes.split(","):
            for layers in (int(v) for v in args.layers.split(",")):
                for seq in (int(v) for v in args.seq_lens.split(",")):
                    for batch in (int(v) for v in args.micro_batches.split(",")):
                        for mode in args.modes.split(","):
                            if time.time() - t0 > args.deadline:
                                print("deadline reached; stopping", flush=True)
                                return
                            gc.collect()
                            torch.cuda.empty_cache()
                            try:
                                writer.write(measure(ctx, shape, layers, seq, batch, mode, stack, args.trials))
                            except Exception as exc:  # noqa: BLE001 — one failed row must not end the grid
                                print(f"{shape} L{layers} s{seq} b{batch} {mode} {stack}: {exc!r}", flush=True)
                                gc.collect()
                                torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
