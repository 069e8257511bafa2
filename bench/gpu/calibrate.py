#!/usr/bin/env python3
"""Measures an accelerator for LLM Training Cost Atlas's performance model.

Run on a machine with a CUDA GPU and PyTorch (see bench/gpu/README.md):

    python3 bench/gpu/calibrate.py --out OUTDIR [--quick] [--parts gemm,hbm,training]
        [--models gpt2-small,...] [--precisions amp-bf16,fp32] [--deadline SECONDS]

Writes one CSV per part into OUTDIR, one row at a time (a run stopped early keeps its rows), each
row stamped with the device name, the date, the PyTorch version and its source (this script):
  gpu_gemm.csv            matmul throughput by shape and dtype (the "fraction of peak by shape")
  gpu_hbm.csv             memory bandwidth of copies and elementwise ops
  gpu_training_steps.csv  peak memory, step time and GPU kernel time of training steps over a grid
                          of model shapes, micro-batches, sequence lengths, precisions and
                          recompute modes; flash_attention says whether SDPA had a fused kernel
                          for the row's attention shape (probed, see fused_attention)
  gpu_stack_steps.csv     the same steps in eager PyTorch and under torch.compile (--parts stacks)
  gpu_launch.csv          host seconds per eager op launch (--parts launch)
  gpu_attention.csv       causal SDPA attention by sequence length and kernel (--parts attention)
  gpu_layer_gemm.csv      tensor-parallel decoder-layer matmuls of published models (--parts layer-gemm)
  gpu_optimizer.csv       one AdamW step alone, foreach and fused, per model (--parts optimizer)

Timing: CUDA events around N repetitions after warm-up; the median of the trials is reported.
Kernel time: one further step under torch.profiler, summing the self time of every CUDA kernel and
memory operation (what the GPU was busy with; the rest of the step is host-side launch overhead).
Nothing here is invented: every number written is measured on the device the script runs on.
"""
import argparse
import contextlib
import csv
import datetime as dt
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

DTYPES = {"fp32": torch.float32, "tf32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
SOURCE = "bench/gpu/calibrate.py"


class RowWriter:
    """Appends rows to a CSV as they are measured, flushing each one."""

    def __init__(self, path):
        self.path = path
        self.file = None
        self.writer = None

    def write(self, row):
        if self.writer is None:
            self.file = open(self.path, "w", newline="")
            self.writer = csv.DictWriter(self.file, fieldnames=list(row.keys()))
            self.writer.writeheader()
        self.writer.writerow(row)
        self.file.flush()
        print(row, flush=True)

    def close(self):
        if self.file is not None:
            self.file.close()


def stamp(ctx):
    return {"device": ctx["device"], "date": ctx["date"], "torch": torch.__version__, "source": SOURCE}


def time_cuda(fn, reps, trials=5, warmup=3, before_trial=None, spread=None):
    """Median seconds per call of fn over `trials` trials of `reps` calls each; `before_trial`
    runs before each trial's clock starts (multi_gpu.py lines the ranks up with a barrier);
    `spread`, a dict, receives the fastest and slowest trial (seconds per call)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    results = []
    for _ in range(trials):
        if before_trial is not None:
            before_trial()
            torch.cuda.synchronize()
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(reps):
            fn()
        end.record()
        torch.cuda.synchronize()
        results.append(start.elapsed_time(end) / 1000.0 / reps)
    if spread is not None:
        spread.update(fastest=min(results), slowest=max(results))
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


def fp8_product(m, n, k):
    """An FP8 (E4M3) product with per-tensor scales and a bf16 result, as Transformer Engine runs
    its FP8 GEMMs: torch._scaled_mm wants the second operand column-major."""
    a = torch.randn(m, k, device="cuda").to(torch.float8_e4m3fn)
    b = torch.randn(n, k, device="cuda").to(torch.float8_e4m3fn).t()
    one = torch.tensor(1.0, device="cuda")
    return lambda: torch._scaled_mm(a, b, scale_a=one, scale_b=one, out_dtype=torch.bfloat16)


def measure_gemm(ctx, out, quick, dtypes=("bf16", "fp16", "tf32", "fp32")):
    for dtype_name in dtypes:
        torch.backends.cuda.matmul.allow_tf32 = dtype_name == "tf32"
        for (m, n, k) in gemm_grid(quick):
            if dtype_name in ("fp32", "tf32") and m * n * k > 4096 ** 3 * 8:
                continue  # slow and not used for training
            if dtype_name == "fp8":
                product = fp8_product(m, n, k)
            else:
                a = torch.randn(m, k, device="cuda", dtype=DTYPES[dtype_name])
                b = torch.randn(k, n, device="cuda", dtype=DTYPES[dtype_name])
                product = lambda: torch.matmul(a, b)  # noqa: E731
            flops = 2.0 * m * n * k
            reps = max(1, min(200, int(2e12 / flops)))
            seconds = time_cuda(product, reps)
            out.write({**stamp(ctx), "dtype": dtype_name, "m": m, "n": n, "k": k,
                       "seconds": f"{seconds:.6e}", "tflops": f"{flops / seconds / 1e12:.2f}"})
            del product
    torch.backends.cuda.matmul.allow_tf32 = False


def measure_hbm(ctx, out):
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
            out.write({**stamp(ctx), "op": name, "bytes": moved,
                       "seconds": f"{seconds:.6e}", "gbps": f"{moved / seconds / 1e9:.1f}"})
        del x, y


def head_dim_of(spec):
    """Width of each attention head: the shape's head_dim (Gemma 256, Qwen3 and Mistral NeMo 128), else
    d_model / heads."""
    return spec.get("head_dim") or spec["d_model"] // spec["heads"]


def rotary(x, cos, sin):
    """Rotary position embedding (Su et al. 2021, RoFormer), the half-split form LLaMA uses."""
    x1, x2 = x.chunk(2, dim=-1)
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin


class Block(nn.Module):
    """A pre-norm decoder block with flash (SDPA) attention.

    family "gpt2": LayerNorm, biases, GELU MLP of 4·d, learned positions (added by the model).
    family "llama": RMSNorm, no biases, SwiGLU MLP of `ffn`, rotary positions, grouped-query
    attention with `kv_heads` key/value heads.
    """

    def __init__(self, family, d_model, heads, kv_heads, ffn, head_dim=None):
        super().__init__()
        self.family = family
        self.heads = heads
        self.kv_heads = kv_heads
        # Heads of their own width (Gemma 256, Qwen3 and Mistral NeMo 128): queries and the
        # attention output are heads * head_dim wide; default d_model / heads.
        self.head_dim = head_dim or d_model // heads
        bias = family == "gpt2"
        norm = nn.LayerNorm if family == "gpt2" else nn.RMSNorm
        self.ln1 = norm(d_model)
        self.qkv = nn.Linear(d_model, (heads + 2 * kv_heads) * self.head_dim, bias=bias)
        self.proj = nn.Linear(heads * self.head_dim, d_model, bias=bias)
        self.ln2 = norm(d_model)
        if family == "gpt2":
            self.fc1 = nn.Linear(d_model, ffn)
        else:
            self.fc1 = nn.Linear(d_model, 2 * ffn, bias=False)  # gate and up projections, fused
        self.fc2 = nn.Linear(ffn, d_model, bias=bias)

    def core(self, q, k, v):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=self.kv_heads != self.heads)

    def attention(self, x, rope, recompute):
        b, s, d = x.shape
        hd = self.head_dim
        q, k, v = self.qkv(self.ln1(x)).split([self.heads * hd, self.kv_heads * hd, self.kv_heads * hd], dim=2)
        q = q.view(b, s, self.heads, hd).transpose(1, 2)
        k = k.view(b, s, self.kv_heads, hd).transpose(1, 2)
        v = v.view(b, s, self.kv_heads, hd).transpose(1, 2)
        if rope is not None:
            q, k = rotary(q, *rope), rotary(k, *rope)
        if recompute == "attention-core":
            y = checkpoint(self.core, q, k, v, use_reentrant=False)
        else:
            y = self.core(q, k, v)
        return self.proj(y.transpose(1, 2).reshape(b, s, self.heads * hd))

    def mlp(self, x):
        if self.family == "gpt2":
            return self.fc2(F.gelu(self.fc1(self.ln2(x))))
        gate, up = self.fc1(self.ln2(x)).chunk(2, dim=-1)
        return self.fc2(F.silu(gate) * up)

    def forward(self, x, rope=None, recompute="none"):
        if recompute == "selective":
            x = x + checkpoint(self.attention, x, rope, "none", use_reentrant=False)
        else:
            x = x + self.attention(x, rope, recompute)
        return x + self.mlp(x)


class Model(nn.Module):
    def __init__(self, spec, seq_len):
        super().__init__()
        family, layers, d = spec["family"], spec["layers"], spec["d_model"]
        self.family = family
        self.wte = nn.Embedding(spec["vocab"], d)
        self.wpe = nn.Embedding(seq_len, d) if family == "gpt2" else None
        self.blocks = nn.ModuleList(
            Block(family, d, spec["heads"], spec["kv_heads"], spec["ffn"], head_dim_of(spec)) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d) if family == "gpt2" else nn.RMSNorm(d)
        self.head = nn.Linear(d, spec["vocab"], bias=False)
        if spec["tied"]:
            self.head.weight = self.wte.weight
        if family == "llama":
            hd = head_dim_of(spec)
            inv = 1.0 / (10000 ** (torch.arange(0, hd, 2, dtype=torch.float32) / hd))
            ang = torch.outer(torch.arange(seq_len, dtype=torch.float32), inv)
            ang = torch.cat((ang, ang), dim=-1)
            self.register_buffer("cos", ang.cos()[None, None], persistent=False)
            self.register_buffer("sin", ang.sin()[None, None], persistent=False)

    def trunk(self, idx, recompute):
        """Embeddings and decoder blocks: the hidden states before the final norm and head."""
        x = self.wte(idx)
        rope = None
        if self.wpe is not None:
            x = x + self.wpe(torch.arange(idx.shape[1], device=idx.device))
        else:
            rope = (self.cos.to(x.dtype), self.sin.to(x.dtype))
        for block in self.blocks:
            if recompute == "full":
                x = checkpoint(block, x, rope, "none", use_reentrant=False)
            else:
                x = block(x, rope, recompute)
        return x

    def forward(self, idx, recompute):
        return self.head(self.ln_f(self.trunk(idx, recompute)))


# Model shapes. GPT-2 small/medium/large/XL (Radford et al. 2019, Table 2; vocabulary 50257 padded
# to 50304, a multiple of 64, as nanoGPT and llm.c do). TinyLlama 1.1B (Zhang et al. 2024,
# arXiv 2401.02385, Table 1: 22 layers, 2048 hidden, 32 heads, 4 key/value groups, 5632
# intermediate, vocabulary 32000), with untied embeddings as LLaMA.
MODELS = {
    "gpt2-small": {"family": "gpt2", "layers": 12, "d_model": 768, "heads": 12, "kv_heads": 12, "ffn": 3072, "vocab": 50304, "tied": True},
    "gpt2-medium": {"family": "gpt2", "layers": 24, "d_model": 1024, "heads": 16, "kv_heads": 16, "ffn": 4096, "vocab": 50304, "tied": True},
    "gpt2-large": {"family": "gpt2", "layers": 36, "d_model": 1280, "heads": 20, "kv_heads": 20, "ffn": 5120, "vocab": 50304, "tied": True},
    "gpt2-xl": {"family": "gpt2", "layers": 48, "d_model": 1600, "heads": 25, "kv_heads": 25, "ffn": 6400, "vocab": 50304, "tied": True},
    "tinyllama-1.1b": {"family": "llama", "layers": 22, "d_model": 2048, "heads": 32, "kv_heads": 4, "ffn": 5632, "vocab": 32000, "tied": False},
}
# Layer shapes of real LLMs, cut to a few layers so one GPU holds them with AdamW: Llama 3 8B and
# 70B (Dubey et al. 2024, arXiv 2407.21783, Table 3: model dimension 4096 / 8192, FFN 14336 /
# 28672, 32 / 64 heads, 8 key/value heads; vocabulary 128256 as in meta-llama/Meta-Llama-3-8B
# config.json), with 8 and 2 of their 32 and 80 layers. Not in the default grid.
SLICED_MODELS = {
    "llama-3-8b-8l": {"family": "llama", "layers": 8, "d_model": 4096, "heads": 32, "kv_heads": 8, "ffn": 14336, "vocab": 128256, "tied": False},
    "llama-3-70b-2l": {"family": "llama", "layers": 2, "d_model": 8192, "heads": 64, "kv_heads": 8, "ffn": 28672, "vocab": 128256, "tied": False},
    # Heads of their own width (data/models.csv head_dim; 2026-12-03), 4 layers each: Qwen3 32B
    # (64 heads of 128 on 5120, 8 KV heads, FFN 25600, vocabulary 151936, untied: Qwen3 report
    # Table 1 and its config.json), Gemma 7B (16 heads of 256 on 3072, FFN 24576, vocabulary
    # 256000, tied: google/gemma_pytorch gemma/config.py; its GeGLU gate is run as SiLU, the same
    # matmuls), Gemma 2 9B (16 heads of 256 on 3584, 8 KV heads, FFN 14336) and Mistral NeMo 12B
    # (32 heads of 128 on 5120, narrower than the residual; 8 KV heads, FFN 14336, vocabulary
    # 131072, untied: nvidia/Mistral-NeMo-12B-Instruct config.json).
    "qwen3-32b-4l": {"family": "llama", "layers": 4, "d_model": 5120, "heads": 64, "kv_heads": 8, "head_dim": 128, "ffn": 25600, "vocab": 151936, "tied": False},
    "gemma-7b-4l": {"family": "llama", "layers": 4, "d_model": 3072, "heads": 16, "kv_heads": 16, "head_dim": 256, "ffn": 24576, "vocab": 256000, "tied": True},
    "gemma-2-9b-4l": {"family": "llama", "layers": 4, "d_model": 3584, "heads": 16, "kv_heads": 8, "head_dim": 256, "ffn": 14336, "vocab": 256000, "tied": True},
    "mistral-nemo-12b-4l": {"family": "llama", "layers": 4, "d_model": 5120, "heads": 32, "kv_heads": 8, "head_dim": 128, "ffn": 14336, "vocab": 131072, "tied": False},
}


def training_grid(quick, models, precisions):
    if quick:
        models = models[:1]
    for name in models:
        for seq_len in [1024, 2048]:
            for micro_batch in [1, 4, 8]:
                for precision in precisions:
                    for recompute in ["none", "attention-core", "selective", "full"]:
                        if precision == "fp32" and recompute in ("selective", "attention-core"):
                            continue
                        yield name, seq_len, micro_batch, precision, recompute


def fused_attention(spec, micro_batch, seq_len, precision):
    """Whether PyTorch runs this attention shape with a fused kernel (flash, memory-efficient or
    cuDNN): ask SDPA for those backends alone and see if it refuses. When it does, the training
    step falls back to the math kernel, which stores the s x s attention scores."""
    from torch.nn.attention import SDPBackend, sdpa_kernel
    dtype = torch.bfloat16 if precision == "amp-bf16" else torch.float32
    hd = spec["d_model"] // spec["heads"]
    q = torch.randn(micro_batch, spec["heads"], seq_len, hd, device="cuda", dtype=dtype)
    kv = torch.randn(micro_batch, spec["kv_heads"], seq_len, hd, device="cuda", dtype=dtype)
    try:
        with sdpa_kernel([SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.CUDNN_ATTENTION]):
            F.scaled_dot_product_attention(q, kv, kv, is_causal=True, enable_gqa=spec["kv_heads"] != spec["heads"])
        return True
    except RuntimeError:
        return False
    finally:
        del q, kv


def attention_grid(quick):
    """(shape name, heads, kv_heads, head_dim) of published models (calibrate.py MODELS and
    data/models.csv), sequence lengths 512 to 32768 at 32768 tokens per call (batch = 32768 / s)."""
    shapes = [("gpt2-xl", 25, 25, 64), ("tinyllama-1.1b", 32, 4, 64), ("llama3-8b", 32, 8, 128), ("llama3-70b", 64, 8, 128)]
    seqs = [512, 1024, 2048, 4096, 8192, 16384, 32768]
    if quick:
        shapes, seqs = shapes[2:3], [1024, 8192]
    return shapes, seqs


def measure_attention(ctx, out, quick):
    """gpu_attention.csv: causal bf16 attention through SDPA, forward alone and forward + backward,
    with PyTorch's default choice of kernel and with each fused backend forced. FLOPs counted as
    FlashAttention-2 does (Dao 2023, arXiv 2307.08691, Sec. 4.1 benchmark): forward 4·b·h·s²·d,
    halved for a causal mask; backward 2.5 × forward (five matmuls against two)."""
    from torch.nn.attention import SDPBackend, sdpa_kernel
    forced = {"flash": [SDPBackend.FLASH_ATTENTION], "cudnn": [SDPBackend.CUDNN_ATTENTION],
              "efficient": [SDPBackend.EFFICIENT_ATTENTION]}
    shapes, seqs = attention_grid(quick)
    for (name, heads, kv_heads, hd) in shapes:
        for s in seqs:
            b = max(1, 32768 // s)
            q = torch.randn(b, heads, s, hd, device="cuda", dtype=torch.bfloat16, requires_grad=True)
            k = torch.randn(b, kv_heads, s, hd, device="cuda", dtype=torch.bfloat16, requires_grad=True)
            v = torch.randn(b, kv_heads, s, hd, device="cuda", dtype=torch.bfloat16, requires_grad=True)
            g = torch.randn(b, heads, s, hd, device="cuda", dtype=torch.bfloat16)
            gqa = kv_heads != heads
            fwd_flops = 4.0 * b * heads * s * s * hd / 2
            for backend in ("default", *forced):
                def fwd():
                    return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=gqa)

                def fwd_bwd():
                    y = fwd()
                    torch.autograd.grad(y, (q, k, v), g)

                for pass_name, fn, flops in (("forward", fwd, fwd_flops), ("forward+backward", fwd_bwd, 3.5 * fwd_flops)):
                    row = {**stamp(ctx), "shape": name, "dtype": "bf16", "batch": b, "seq_len": s, "heads": heads,
                           "kv_heads": kv_heads, "head_dim": hd, "causal": "true", "backend": backend, "pass": pass_name}
                    try:
                        with sdpa_kernel(forced[backend]) if backend in forced else contextlib.nullcontext():
                            seconds = time_cuda(fn, max(1, min(50, int(5e11 / flops))))
                    except RuntimeError as err:  # the backend refuses this shape (e.g. GQA without expansion)
                        out.write({**row, "flops": f"{flops:.6e}", "seconds": "", "tflops": "",
                                   "note": str(err).splitlines()[0][:120].replace(",", ";")})
                        continue
                    out.write({**row, "flops": f"{flops:.6e}", "seconds": f"{seconds:.6e}",
                               "tflops": f"{flops / seconds / 1e12:.2f}", "note": ""})
            del q, k, v, g
            torch.cuda.empty_cache()


def layer_gemm_shapes(model_ids, tps, token_counts):
    """The matmuls of one decoder layer under Megatron-style tensor parallelism (Shoeybi et al. 2019,
    arXiv 1909.08053, Sec. 3: QKV and the MLP's first matmul split by columns, the attention output and
    the MLP's second matmul by rows), for published shapes read from data/models.csv. Each appears
    three times per step: forward (tokens × n × k), input gradient (tokens × k × n) and weight
    gradient (k × n × tokens)."""
    models = {}
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "data", "models.csv"), newline="") as f:
        for r in csv.DictReader(f):
            models[r["id"]] = r
    for mid in model_ids:
        if mid not in models:
            sys.exit(f"calibrate.py: {mid} is not in data/models.csv")
        r = models[mid]
        d, heads, kv, ffn = int(r["d_model"]), int(r["heads"]), int(r["kv_heads"] or r["heads"]), int(r["ffn_dim"])
        hd = d // heads
        gated = r["ffn_kind"] in ("swiglu", "geglu")
        for tp in tps:
            if heads % tp:
                continue
            layers = [("qkv", (heads + 2 * max(kv, tp)) * hd // tp, d), ("attention-out", d, d // tp),
                      ("mlp-in", (2 if gated else 1) * ffn // tp, d), ("mlp-out", d, ffn // tp)]
            for tokens in token_counts:
                for (layer, n, k) in layers:
                    for (pass_name, shape) in (("forward", (tokens, n, k)), ("input-grad", (tokens, k, n)), ("weight-grad", (k, n, tokens))):
                        yield mid, tp, tokens, layer, pass_name, shape


def measure_layer_gemm(ctx, out, quick, model_ids):
    """gpu_layer_gemm.csv: bf16 throughput of the tensor-parallel layer matmuls above."""
    tps, tokens = ((1, 2, 4, 8), (2048, 4096, 8192)) if not quick else ((1, 8), (4096,))
    for (mid, tp, t, layer, pass_name, (m, n, k)) in layer_gemm_shapes(model_ids, tps, tokens):
        a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
        b = torch.randn(k, n, device="cuda", dtype=torch.bfloat16)
        flops = 2.0 * m * n * k
        seconds = time_cuda(lambda: torch.matmul(a, b), max(1, min(100, int(1e12 / flops))))
        out.write({**stamp(ctx), "model": mid, "tp": tp, "tokens": t, "layer": layer, "pass": pass_name, "dtype": "bf16",
                   "m": m, "n": n, "k": k, "seconds": f"{seconds:.6e}", "tflops": f"{flops / seconds / 1e12:.2f}"})
        del a, b


def measure_optimizer(ctx, out, models):
    """gpu_optimizer.csv: seconds of one AdamW step alone (fp32 parameters, gradients set), multi-tensor
    (foreach, what multi_gpu.py's steps use) and fused (what calibrate.py's steps use), for each model's
    parameters as built; the bytes a step must move are in the engine (stackStep / eagerStep)."""
    for name in models:
        spec = MODELS[name]
        model = Model(spec, 1024).cuda()
        params = [p for p in model.parameters() if p.requires_grad]
        for p in params:
            p.grad = torch.randn_like(p)
        n = sum(p.numel() for p in params)
        for impl in ("foreach", "fused"):
            opt = torch.optim.AdamW(params, lr=1e-4, **{impl: True})
            opt.step()  # allocates the moments
            seconds = time_cuda(opt.step, 3)
            out.write({**stamp(ctx), "model": name, "params": n, "tensors": len(params), "impl": impl,
                       "seconds": f"{seconds:.6e}", "ns_per_param": f"{seconds / n * 1e9:.4f}"})
            del opt
            torch.cuda.empty_cache()
        del model, params
        torch.cuda.empty_cache()


def kernel_profile(step):
    """GPU-busy seconds of one step (the self time of every CUDA kernel and memcpy/memset) and
    the number of kernels and memory operations it launched."""
    from torch.profiler import ProfilerActivity, profile
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        step()
        torch.cuda.synchronize()
    total_us = 0.0
    launches = 0
    for evt in prof.key_averages():
        busy = getattr(evt, "self_device_time_total", 0.0)
        total_us += busy
        if busy > 0:
            launches += evt.count
    return total_us / 1e6, launches


def kernel_seconds(step):
    """GPU-busy seconds of one step (kernel_profile)."""
    return kernel_profile(step)[0]


def measure_launch(ctx, out):
    """Host cost of launching one small eager op (gpu_launch.csv): wall seconds per op over a
    long loop of ops on tiny tensors, where the GPU finishes each op before the next is issued."""
    x = torch.randn(64, 64, device="cuda", dtype=torch.bfloat16)
    w = torch.randn(64, 64, device="cuda", dtype=torch.bfloat16)
    ln = nn.LayerNorm(64, device="cuda", dtype=torch.bfloat16)
    ops = {
        "add": lambda: torch.add(x, x),
        "mul_scalar": lambda: x * 2.0,
        "matmul": lambda: torch.matmul(x, w),
        "linear": lambda: F.linear(x, w),
        "layer_norm": lambda: ln(x),
        "gelu": lambda: F.gelu(x),
    }
    reps = 20000
    for name, fn in ops.items():
        for _ in range(1000):
            fn()
        torch.cuda.synchronize()
        trials = []
        for _ in range(5):
            began = time.perf_counter()
            for _ in range(reps):
                fn()
            torch.cuda.synchronize()
            trials.append((time.perf_counter() - began) / reps)
        out.write({**stamp(ctx), "op": name, "reps": reps, "seconds_per_op": f"{statistics.median(trials):.4e}"})


def compile_regions(model):
    """torch.compile the way torchtitan does (regional compilation): each decoder block on its own,
    so the 12-48 identical blocks share one compiled graph, plus the final norm + head + loss."""
    for i, block in enumerate(model.blocks):
        model.blocks[i] = torch.compile(block)


def make_step(model, opt, idx, vocab, precision, recompute, compiled):
    """One training step: forward under autocast, cross-entropy on fp32 logits, backward, AdamW."""
    def head_loss(x):
        logits = model.head(model.ln_f(x))
        return F.cross_entropy(logits.float().view(-1, vocab), idx.view(-1))

    loss_fn = torch.compile(head_loss) if compiled else head_loss

    def step():
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=precision == "amp-bf16"):
            if compiled:
                loss = loss_fn(model.trunk(idx, recompute))
            else:
                loss = F.cross_entropy(model(idx, recompute).float().view(-1, vocab), idx.view(-1))
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    return step


# Steps timed per measured configuration: the protocol of the committed gpu_training_steps.csv and
# gpu_stack_steps.csv rows (--step-warmup/--step-trials/--step-reps change it).
STEP_TIMING = {"warmup": 2, "trials": 3, "reps": 3}


def measure_step(ctx, name, seq_len, micro_batch, precision, recompute, compiled=False):
    """Measures one configuration; returns its gpu_training_steps.csv row."""
    spec = MODELS[name]
    fused = fused_attention(spec, micro_batch, seq_len, precision)  # before the peak is reset
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    model = opt = idx = None
    params = 0
    seconds, kernels, peak, reserved, status = math.nan, math.nan, 0, 0, "ok"
    compile_seconds = math.nan
    launches = None
    timing = ctx.get("step_timing", STEP_TIMING)
    spread = {}
    try:
        with torch.device("cuda"):
            model = Model(spec, seq_len)
        params = sum(p.numel() for p in model.parameters())
        if compiled:
            compile_regions(model)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=True)
        idx = torch.randint(0, spec["vocab"], (micro_batch, seq_len), device="cuda")
        step = make_step(model, opt, idx, spec["vocab"], precision, recompute, compiled)
        if compiled:
            began = time.monotonic()
            step()  # compiles forward and backward graphs
            torch.cuda.synchronize()
            compile_seconds = time.monotonic() - began
            torch.cuda.reset_peak_memory_stats()
        seconds = time_cuda(step, reps=timing["reps"], trials=timing["trials"], warmup=timing["warmup"], spread=spread)
        peak = torch.cuda.max_memory_allocated()
        reserved = torch.cuda.max_memory_reserved()
        try:
            kernels, launches = kernel_profile(step)
        except Exception as err:  # the profiler is optional: leave the cell blank
            print(f"profiler failed: {err!r}", flush=True)
    except torch.cuda.OutOfMemoryError:
        status = "oom"
    layers, d = spec["layers"], spec["d_model"]
    tokens = micro_batch * seq_len
    # Model FLOPs: 6 per parameter per token plus attention 12·L·d·s per token, no causal
    # discount (Chowdhery et al. 2022, PaLM, Appendix B).
    attention_width = spec["heads"] * head_dim_of(spec)
    model_flops = 6 * params * tokens + 12 * layers * attention_width * seq_len * tokens
    ok = status == "ok"
    row = {
        **stamp(ctx), "model": name, "family": spec["family"], "layers": layers, "d_model": d,
        "heads": spec["heads"], "kv_heads": spec["kv_heads"], **({"head_dim": spec.get("head_dim", "")} if ctx.get("head_dim_column") else {}), "ffn": spec["ffn"],
        "seq_len": seq_len, "micro_batch": micro_batch, "vocab": spec["vocab"],
        "tied_embeddings": "true" if spec["tied"] else "false", "precision": precision,
        "recompute": recompute, "flash_attention": "true" if fused else "false", "params": params,
        "peak_memory_bytes": peak if ok else "", "peak_reserved_bytes": reserved if ok else "",
        "step_seconds": f"{seconds:.6e}" if ok else "",
        "kernel_seconds": f"{kernels:.6e}" if ok and not math.isnan(kernels) else "",
        "model_tflops": f"{model_flops / seconds / 1e12:.2f}" if ok else "",
        "status": status}
    if ctx.get("record_trials"):
        # Timing protocol and its own spread (--record-trials): how far one trial strays from another.
        row.update(timing=f"warmup {timing['warmup']}, {timing['trials']} trials x {timing['reps']} steps, median",
                   trial_fastest_seconds=f"{spread['fastest']:.6e}" if ok else "",
                   trial_slowest_seconds=f"{spread['slowest']:.6e}" if ok else "")
    del model, opt, idx
    torch._dynamo.reset()
    torch.cuda.empty_cache()
    return row, compile_seconds, launches


def measure_training(ctx, out, quick, models, precisions, deadline):
    for name, seq_len, micro_batch, precision, recompute in training_grid(quick, models, precisions):
        if time.monotonic() > deadline:
            print(f"deadline reached before {name} s={seq_len} b={micro_batch} {precision} {recompute}", flush=True)
            return
        row, _, _ = measure_step(ctx, name, seq_len, micro_batch, precision, recompute)
        out.write(row)


def stack_grid(quick, models, precisions, seq_lens=(1024, 2048), micro_batches=(1, 4, 8)):
    """Eager and compiled steps of the same configurations, without recomputation."""
    for name in (models[:1] if quick else models):
        for seq_len in ([1024] if quick else seq_lens):
            for micro_batch in ([4] if quick else micro_batches):
                for precision in precisions:
                    yield name, seq_len, micro_batch, precision


def measure_stacks(ctx, out, quick, models, precisions, deadline, seq_lens=(1024, 2048), micro_batches=(1, 4, 8)):
    """gpu_stack_steps.csv: each configuration in eager PyTorch ("pytorch") and under
    torch.compile ("pytorch-compile"), with the seconds the first compiled step took."""
    for name, seq_len, micro_batch, precision in stack_grid(quick, models, precisions, seq_lens, micro_batches):
        for stack in ctx.get("stacks", ["pytorch", "pytorch-compile"]):
            if time.monotonic() > deadline:
                print(f"deadline reached before {name} s={seq_len} b={micro_batch} {precision} {stack}", flush=True)
                return
            row, compile_seconds, launches = measure_step(ctx, name, seq_len, micro_batch, precision, "none",
                                                compiled=stack == "pytorch-compile")
            out.write({**row, "stack": stack,
                       "compile_seconds": "" if math.isnan(compile_seconds) else f"{compile_seconds:.1f}",
                       "kernels_per_step": "" if launches is None else launches})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true", help="a small grid, for a smoke test")
    parser.add_argument("--parts", default="gemm,hbm,training",
                        help="any of gemm, hbm, training, stacks (eager vs torch.compile), launch (host cost per op), "
                             "attention (SDPA kernels by sequence length), layer-gemm (tensor-parallel layer matmuls), "
                             "optimizer (one AdamW step alone, foreach and fused)")
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--precisions", default="amp-bf16,fp32")
    parser.add_argument("--gemm-dtypes", default="bf16,fp16,tf32,fp32", help="any of bf16, fp16, tf32, fp32, fp8 (E4M3 via torch._scaled_mm)")
    parser.add_argument("--layer-models", default="llama2-7b,llama2-13b,llama3-8b,falcon-40b,llama2-70b,gpt3-175b",
                        help="data/models.csv ids whose tensor-parallel layer matmuls the layer-gemm part times")
    parser.add_argument("--seq-lens", default="1024,2048", help="sequence lengths of the stacks grid")
    parser.add_argument("--micro-batches", default="1,4,8", help="micro-batches of the stacks grid")
    parser.add_argument("--step-warmup", type=int, default=STEP_TIMING["warmup"], help="untimed steps before a step is timed")
    parser.add_argument("--step-trials", type=int, default=STEP_TIMING["trials"], help="timed trials per step (the median is written)")
    parser.add_argument("--step-reps", type=int, default=STEP_TIMING["reps"], help="steps per timed trial")
    parser.add_argument("--record-trials", action="store_true",
                        help="add the timing protocol and the fastest and slowest trial to each step row")
    parser.add_argument("--stacks", default="pytorch,pytorch-compile", help="the stacks part's stacks: pytorch (eager), pytorch-compile")
    parser.add_argument("--head-dim-column", action="store_true",
                        help="write a head_dim column (blank = d_model / heads) into the step rows")
    parser.add_argument("--deadline", type=float, default=math.inf,
                        help="seconds after which no new training configuration is started")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("calibrate.py: no CUDA device")
    deadline = time.monotonic() + args.deadline
    models = args.models.split(",")
    MODELS.update({m: SLICED_MODELS[m] for m in models if m in SLICED_MODELS})
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        sys.exit(f"calibrate.py: unknown models {unknown}; known: {list(MODELS)}")
    os.makedirs(args.out, exist_ok=True)
    ctx = {"device": torch.cuda.get_device_name(0), "date": dt.date.today().isoformat(),
           "step_timing": {"warmup": args.step_warmup, "trials": args.step_trials, "reps": args.step_reps},
           "record_trials": args.record_trials, "stacks": args.stacks.split(","), "head_dim_column": args.head_dim_column}
    precisions = args.precisions.split(",")
    # Each part writes one CSV, row by row (RowWriter).
    runs = {
        "gemm": ("gpu_gemm.csv", lambda w: measure_gemm(ctx, w, args.quick, args.gemm_dtypes.split(","))),
        "hbm": ("gpu_hbm.csv", lambda w: measure_hbm(ctx, w)),
        "training": ("gpu_training_steps.csv", lambda w: measure_training(ctx, w, args.quick, models, precisions, deadline)),
        "launch": ("gpu_launch.csv", lambda w: measure_launch(ctx, w)),
        "optimizer": ("gpu_optimizer.csv", lambda w: measure_optimizer(ctx, w, models)),
        "attention": ("gpu_attention.csv", lambda w: measure_attention(ctx, w, args.quick)),
        "layer-gemm": ("gpu_layer_gemm.csv", lambda w: measure_layer_gemm(ctx, w, args.quick, args.layer_models.split(","))),
        "stacks": ("gpu_stack_steps.csv", lambda w: measure_stacks(
            ctx, w, args.quick, models, precisions, deadline,
            [int(x) for x in args.seq_lens.split(",")], [int(x) for x in args.micro_batches.split(",")])),
    }
    parts = args.parts.split(",")
    for part, (filename, measure) in runs.items():
        if part in parts:
            w = RowWriter(os.path.join(args.out, filename))
            measure(w)
            w.close()

if __name__ == "__main__":
    main()
