#!/usr/bin/env python3
"""Measures training on several GPUs of one host for LLM Training Cost Atlas (see bench/gpu/README.md).

Run with torchrun on a machine with N CUDA GPUs (the project's lent `nvidia-h200-x2`):

    NCCL_NVLS_ENABLE=0 python3 -m torch.distributed.run --standalone --nproc_per_node=2 \
        bench/gpu/multi_gpu.py --out OUTDIR [--parts nccl,training] [--models ...] [--modes ...]
        [--deadline SECONDS] [--quick]

Writes, one row at a time from rank 0 (a run stopped early keeps its rows), each row stamped with
the device, the GPU count, the date, the PyTorch and NCCL versions and its source (this script):
  gpu_nccl.csv         NCCL all-reduce / all-gather / reduce-scatter time by message size, with
                       algorithm and bus bandwidth as nccl-tests defines them
                       (https://github.com/NVIDIA/nccl-tests/blob/master/doc/PERFORMANCE.md)
  gpu_multi_steps.csv  peak memory (the largest over ranks) and step time of data-parallel and
                       tensor-parallel training steps, in plain PyTorch (eager autocast bf16, AdamW):
                         single             each GPU trains its own copy, no communication (baseline)
                         ddp                DistributedDataParallel, default 25 MB buckets
                         ddp-bucket-view    DDP with gradient_as_bucket_view=True (one gradient copy)
                         fsdp2-reshard      FSDP2 fully_shard per block, reshard after forward (ZeRO-3)
                         fsdp2-no-reshard   FSDP2, parameters kept gathered between forward and backward
                         tp2                tensor parallel over all GPUs (Megatron column/row split of
                                            attention and MLP through torch.distributed.tensor.parallel;
                                            embeddings, norms and the output layer replicated)
The model code is calibrate.py's (GPT-2 and LLaMA-shaped decoder blocks, SDPA attention).
Timing: CUDA events around N steps after warm-up, the median of trials; each rank times its own
steps and the slowest rank's median is written. Nothing here is invented: every number written is
measured on the machine the script runs on.
"""
import argparse
import csv
import gc
import datetime as dt
import math
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibrate import MODELS, SLICED_MODELS, RowWriter, make_step, rotary, time_cuda  # noqa: E402

SOURCE = "bench/gpu/multi_gpu.py"

# Llama 3.2 3B (meta-llama/Llama-3.2-3B config.json: 28 layers, hidden 3072, 24 heads, 8 key/value
# heads, intermediate 8192, vocabulary 128256, tied embeddings): a model big enough that gradient
# traffic is large beside compute on 2 GPUs.
MODELS = {**MODELS, "llama-3.2-3b": {"family": "llama", "layers": 28, "d_model": 3072, "heads": 24, "kv_heads": 8,
                                     "ffn": 8192, "vocab": 128256, "tied": True}}
# Llama 3 8B and 70B layer shapes cut to 8 and 2 layers (calibrate.py SLICED_MODELS): wide layers
# whose steps keep two GPUs busy, measured after the eager model was built, to test it.
MODELS.update(SLICED_MODELS)

MODES = ["single", "ddp", "ddp-bucket-view", "fsdp2-reshard", "fsdp2-no-reshard", "tp2"]


class TPBlock(nn.Module):
    """calibrate.py's Block, with head counts taken per tensor-parallel rank: under a column split
    the fused qkv (and gate/up) projection gives each rank a contiguous slice, read here as that
    rank's q, k and v heads (weights are random, so the slice is as good as Megatron's layout)."""

    def __init__(self, family, d_model, heads, kv_heads, ffn, tp):
        super().__init__()
        self.family = family
        self.heads_local = heads // tp
        self.kv_local = kv_heads // tp
        self.head_dim = d_model // heads
        bias = family == "gpt2"
        norm = nn.LayerNorm if family == "gpt2" else nn.RMSNorm
        self.ln1 = norm(d_model)
        self.qkv = nn.Linear(d_model, (heads + 2 * kv_heads) * self.head_dim, bias=bias)
        self.proj = nn.Linear(d_model, d_model, bias=bias)
        self.ln2 = norm(d_model)
        self.fc1 = nn.Linear(d_model, ffn if family == "gpt2" else 2 * ffn, bias=bias)
        self.fc2 = nn.Linear(ffn, d_model, bias=bias)

    def forward(self, x, rope=None):
        b, s, _ = x.shape
        hd = self.head_dim
        q, k, v = self.qkv(self.ln1(x)).split([self.heads_local * hd, self.kv_local * hd, self.kv_local * hd], dim=2)
        q = q.view(b, s, self.heads_local, hd).transpose(1, 2)
        k = k.view(b, s, self.kv_local, hd).transpose(1, 2)
        v = v.view(b, s, self.kv_local, hd).transpose(1, 2)
        if rope is not None:
            q, k = rotary(q, *rope), rotary(k, *rope)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=self.kv_local != self.heads_local)
        x = x + self.proj(y.transpose(1, 2).reshape(b, s, self.heads_local * hd))
        h = self.fc1(self.ln2(x))
        if self.family == "gpt2":
            h = F.gelu(h)
        else:
            gate, up = h.chunk(2, dim=-1)
            h = F.silu(gate) * up
        return x + self.fc2(h)


class TPModel(nn.Module):
    def __init__(self, spec, seq_len, tp):
        super().__init__()
        d = spec["d_model"]
        self.wte = nn.Embedding(spec["vocab"], d)
        self.wpe = nn.Embedding(seq_len, d) if spec["family"] == "gpt2" else None
        self.blocks = nn.ModuleList(TPBlock(spec["family"], d, spec["heads"], spec["kv_heads"], spec["ffn"], tp)
                                    for _ in range(spec["layers"]))
        self.ln_f = nn.LayerNorm(d) if spec["family"] == "gpt2" else nn.RMSNorm(d)
        self.head = nn.Linear(d, spec["vocab"], bias=False)
        if spec["tied"]:
            self.head.weight = self.wte.weight
        if spec["family"] == "llama":
            hd = d // spec["heads"]
            inv = 1.0 / (10000 ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd))
            ang = torch.outer(torch.arange(seq_len, dtype=torch.float32), inv)
            ang = torch.cat((ang, ang), dim=-1)
            self.register_buffer("cos", ang.cos()[None, None], persistent=False)
            self.register_buffer("sin", ang.sin()[None, None], persistent=False)

    def forward(self, idx, recompute="none"):
        x = self.wte(idx)
        rope = None
        if self.wpe is not None:
            x = x + self.wpe(torch.arange(idx.shape[1], device=idx.device))
        else:
            rope = (self.cos.to(x.dtype), self.sin.to(x.dtype))
        for block in self.blocks:
            x = block(x, rope)
        return self.head(self.ln_f(x))


def versions():
    nccl = ".".join(str(v) for v in torch.cuda.nccl.version()) if hasattr(torch.cuda, "nccl") else ""
    return torch.__version__, nccl


def stamp(ctx):
    return {"device": ctx["device"], "gpus": ctx["world"], "date": ctx["date"], "torch": ctx["torch"],
            "nccl": ctx["nccl"], "source": SOURCE}


def time_steps(fn, reps, trials, warmup):
    """This rank's median seconds per call over `trials` trials of `reps` calls; ranks start together."""
    return time_cuda(fn, reps, trials=trials, warmup=warmup, before_trial=dist.barrier)


def all_max(value):
    t = torch.tensor([float(value)], device="cuda", dtype=torch.float64)
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return t.item()


def stop_now(deadline):
    """Rank 0 decides (so every rank stops at the same configuration)."""
    flag = torch.tensor([1.0 if time.monotonic() > deadline else 0.0], device="cuda")
    dist.broadcast(flag, 0)
    return flag.item() > 0


def measure_nccl(ctx, out, quick):
    world = ctx["world"]
    sizes = [2 ** p for p in range(10, 31, 2)] if not quick else [2 ** 20, 2 ** 26]
    for name in ["all_reduce", "all_gather", "reduce_scatter"]:
        for size in sizes:
            n = size // 2  # bf16 elements in the message (the whole buffer, as nccl-tests counts)
            n -= n % world
            buf = torch.randn(n, device="cuda", dtype=torch.bfloat16)
            shard = torch.empty(n // world, device="cuda", dtype=torch.bfloat16)
            if name == "all_reduce":
                fn = lambda: dist.all_reduce(buf)  # noqa: E731
                factor = 2 * (world - 1) / world
            elif name == "all_gather":
                fn = lambda: dist.all_gather_into_tensor(buf, shard)  # noqa: E731
                factor = (world - 1) / world
            else:
                fn = lambda: dist.reduce_scatter_tensor(shard, buf)  # noqa: E731
                factor = (world - 1) / world
            reps = max(5, min(200, int(2e10 / max(size, 1))))
            seconds = all_max(time_steps(fn, reps, trials=5, warmup=5))
            nbytes = n * 2
            if ctx["rank"] == 0:
                out.write({**stamp(ctx), "collective": name, "dtype": "bf16", "bytes": nbytes,
                           "seconds": f"{seconds:.6e}", "algbw_gbps": f"{nbytes / seconds / 1e9:.2f}",
                           "busbw_gbps": f"{nbytes / seconds / 1e9 * factor:.2f}"})
            del buf, shard


def build(mode, spec, seq_len, world):
    """The model, wrapped for `mode`, and the parameter count of the whole (unsharded) model."""
    from calibrate import Model
    torch.manual_seed(0)  # the same initial weights on every rank
    if mode == "tp2":
        from torch.distributed.device_mesh import init_device_mesh
        from torch.distributed.tensor.parallel import ColwiseParallel, RowwiseParallel, parallelize_module
        with torch.device("cuda"):
            model = TPModel(spec, seq_len, world)
        params = sum(p.numel() for p in model.parameters())
        mesh = init_device_mesh("cuda", (world,))
        for block in model.blocks:
            parallelize_module(block, mesh, {"qkv": ColwiseParallel(), "proj": RowwiseParallel(),
                                             "fc1": ColwiseParallel(), "fc2": RowwiseParallel()})
        return model, params
    with torch.device("cuda"):
        model = Model(spec, seq_len)
    params = sum(p.numel() for p in model.parameters())
    if mode in ("ddp", "ddp-bucket-view"):
        model = nn.parallel.DistributedDataParallel(model, device_ids=[torch.cuda.current_device()],
                                                    gradient_as_bucket_view=mode == "ddp-bucket-view")
    elif mode.startswith("fsdp2"):
        from torch.distributed.fsdp import fully_shard
        reshard = mode == "fsdp2-reshard"
        for block in model.blocks:
            fully_shard(block, reshard_after_forward=reshard)
        fully_shard(model, reshard_after_forward=reshard)
    return model, params


class Optimizers:
    """AdamW over a model whose parameters may mix DTensor (tensor-parallel splits) and plain
    tensors (replicated layers): the multi-tensor kernels refuse a mix in one call, so each kind
    gets its own AdamW, both multi-tensor (a per-parameter loop would make the step host-bound)."""

    def __init__(self, model):
        from torch.distributed.tensor import DTensor
        params = list(model.parameters())
        split = [p for p in params if isinstance(p, DTensor)]
        plain = [p for p in params if not isinstance(p, DTensor)]
        self.parts = [torch.optim.AdamW(group, lr=1e-4, foreach=True) for group in (split, plain) if group]

    def step(self):
        for opt in self.parts:
            opt.step()

    def zero_grad(self, set_to_none=True):
        for opt in self.parts:
            opt.zero_grad(set_to_none=set_to_none)


def make_optimizer(model):
    return Optimizers(model)


def training_grid(models, modes, quick):
    # (seq_len, micro_batch) per model: sized to fit 141 GB with DDP's second gradient copy.
    shapes = {"llama-3.2-3b": [(1024, 1), (1024, 4), (2048, 2)],
              "llama-3-8b-8l": [(2048, 1), (2048, 2), (4096, 1)],
              "llama-3-70b-2l": [(1024, 1), (2048, 1), (2048, 2)]}
    default = [(1024, 1), (1024, 4), (1024, 8), (2048, 4)]
    for name in models:
        for seq_len, micro_batch in (shapes.get(name, default) if not quick else [(1024, 4)]):
            for mode in modes:
                yield name, seq_len, micro_batch, mode


def measure_training(ctx, out, models, modes, quick, deadline):
    world = ctx["world"]
    for name, seq_len, micro_batch, mode in training_grid(models, modes, quick):
        spec = MODELS[name]
        if stop_now(deadline):
            if ctx["rank"] == 0:
                print(f"deadline reached before {name} s={seq_len} b={micro_batch} {mode}", flush=True)
            return
        if mode == "tp2" and (spec["heads"] % world or spec["kv_heads"] % world):
            continue  # heads must split evenly over the tensor-parallel ranks
        # a failed configuration's tensors can outlive it in reference cycles (its traceback's
        # frames): collect them, so the peak below is this configuration's alone
        gc.collect()
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
        base = torch.cuda.memory_allocated()
        model = opt = idx = None
        params, seconds, status = 0, math.nan, "ok"
        try:
            model, params = build(mode, spec, seq_len, world)
            opt = make_optimizer(model)
            # tensor parallelism: every rank sees the same batch; otherwise each rank its own
            torch.manual_seed(0 if mode == "tp2" else 1 + ctx["rank"])
            idx = torch.randint(0, spec["vocab"], (micro_batch, seq_len), device="cuda")
            vocab = spec["vocab"]

            step = make_step(model, opt, idx, vocab, "amp-bf16", "none", compiled=False)

            seconds = time_steps(step, reps=3, trials=3, warmup=2)
        except torch.cuda.OutOfMemoryError:
            status = "oom"
        except Exception as err:  # a mode this PyTorch cannot run: record it, go on
            status = "error"
            print(f"rank {ctx['rank']} {name} {mode}: {err!r}", flush=True)
        failed = all_max(0 if status == "ok" else (1 if status == "oom" else 2))
        status = "ok" if failed == 0 else ("oom" if failed == 1 else "error")
        seconds = all_max(seconds if status == "ok" else 0)
        peak = all_max(torch.cuda.max_memory_allocated() - base)
        reserved = all_max(torch.cuda.max_memory_reserved())
        ok = status == "ok"
        layers, d = spec["layers"], spec["d_model"]
        # tokens one rank's step processes: tensor parallel ranks share one micro-batch
        tokens_per_gpu = micro_batch * seq_len / (world if mode == "tp2" else 1)
        # Model FLOPs as in calibrate.py (Chowdhery et al. 2022, PaLM, Appendix B)
        flops_per_gpu = (6 * params + 12 * layers * d * seq_len) * tokens_per_gpu
        if ctx["rank"] == 0:
            out.write({
                **stamp(ctx), "model": name, "family": spec["family"], "layers": layers, "d_model": d,
                "heads": spec["heads"], "kv_heads": spec["kv_heads"], "ffn": spec["ffn"], "seq_len": seq_len,
                "micro_batch": micro_batch, "vocab": spec["vocab"], "tied_embeddings": "true" if spec["tied"] else "false",
                "precision": "amp-bf16", "mode": mode, "params": params,
                "peak_memory_bytes": int(peak) if ok else "", "peak_reserved_bytes": int(reserved) if ok else "",
                "step_seconds": f"{seconds:.6e}" if ok else "",
                "model_tflops_per_gpu": f"{flops_per_gpu / seconds / 1e12:.2f}" if ok else "",
                "status": status})
        del model, opt, idx
        torch.cuda.empty_cache()
        dist.barrier()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--parts", default="nccl,training")
    parser.add_argument("--models", default="gpt2-medium,gpt2-large,gpt2-xl,tinyllama-1.1b,llama-3.2-3b")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--deadline", type=float, default=math.inf,
                        help="seconds after which no new training configuration is started")
    args = parser.parse_args()
    if os.environ.get("NCCL_NVLS_ENABLE") != "0":
        sys.exit("multi_gpu.py: set NCCL_NVLS_ENABLE=0 (NVLink multicast must stay off on shared hosts)")
    deadline = time.monotonic() + args.deadline
    rank = int(os.environ["RANK"])
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    dist.init_process_group("nccl", timeout=dt.timedelta(seconds=180), device_id=torch.device("cuda", torch.cuda.current_device()))
    world = dist.get_world_size()
    torch_version, nccl_version = versions()
    ctx = {"device": torch.cuda.get_device_name(0), "world": world, "rank": rank,
           "date": dt.date.today().isoformat(), "torch": torch_version, "nccl": nccl_version}
    models, modes = args.models.split(","), args.modes.split(",")
    unknown = [m for m in models if m not in MODELS] + [m for m in modes if m not in MODES]
    if unknown:
        sys.exit(f"multi_gpu.py: unknown {unknown}")
    os.makedirs(args.out, exist_ok=True)
    if "nccl" in args.parts.split(","):
        w = RowWriter(os.path.join(args.out, "gpu_nccl.csv")) if rank == 0 else None
        measure_nccl(ctx, w, args.quick)
        if w:
            w.close()
    if "training" in args.parts.split(","):
        w = RowWriter(os.path.join(args.out, "gpu_multi_steps.csv")) if rank == 0 else None
        measure_training(ctx, w, models, modes, args.quick, deadline)
        if w:
            w.close()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
