#!/usr/bin/env python3
"""Where plain PyTorch DDP's extra memory sits in a step, for LLM Training Cost Atlas (see bench/gpu/README.md).

The 2 × H200 rows (data/gpu_multi_steps.csv, bench/gpu/multi_steps_repeat.csv) show DDP holding 4 or
8 bytes per parameter more than one GPU alone at the peak, and gradient_as_bucket_view 0, 4 or 8, the
same configuration giving one value in one run and another in the next. multi_gpu.py writes only the
peak over the whole timed run; this script splits it by iteration and phase, and names what is
alive at the peak, on one GPU (a one-rank NCCL process group: DDP's reducer, its buckets and the
NCCL work objects are the same code as on two ranks; the all-reduce itself is a local copy).

    python3 -m torch.distributed.run --standalone --nproc_per_node=1 bench/gpu/ddp_memory.py --out OUTDIR

Each configuration (model × shape × mode) is built as multi_gpu.py builds it and runs the step of
multi_gpu.py's protocol (warm-up 2, then 3 trials of 3 steps: 11 steps), with two passes:
  - plain: host-side allocator counters only (no synchronisation added, nothing recorded);
  - traced: the same under torch.cuda.memory._record_memory_history (Python stacks), and the
    allocations alive at the run's peak, grouped by the Python frames that made them.
Writes, one row at a time:
  ddp_memory_phases.csv  per step and phase (forward, backward, step, zero_grad): bytes allocated
                         at the phase's end and the phase's peak, both above the bytes allocated
                         before the model was built
  ddp_memory_sites.csv   per traced configuration: the peak, the step and phase it fell in, and the
                         bytes alive then per allocation site (innermost Python frames)
`--pause-after-first S` synchronises and waits S seconds between the first and second step (the
rows carry `pause_s`): if the second step's extra bucket set is the first step's, held until the
process group's watchdog finds its all-reduces complete, a pause removes it.
Every number written is measured on the machine the script runs on.
"""
import argparse
import collections
import datetime as dt
import gc
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibrate import RowWriter  # noqa: E402
from multi_gpu import MODELS, build, make_optimizer, versions  # noqa: E402

SOURCE = "bench/gpu/ddp_memory.py"
PHASES = ["forward", "backward", "step", "zero_grad"]
# multi_gpu.py's timing protocol (time_steps(step, reps=3, trials=3, warmup=2)): 11 steps, with a
# synchronisation after the warm-up and before each trial
STEPS = 11
SYNC_BEFORE = {2, 5, 8}
# the shapes whose DDP peak moved between 4 and 8 bytes per parameter between runs, and the
# one-sequence shapes where the optimizer step sets the peak
DEFAULT_SHAPES = "tinyllama-1.1b:1024:1,tinyllama-1.1b:1024:4,gpt2-xl:1024:1,gpt2-xl:1024:4,gpt2-medium:1024:1,gpt2-medium:1024:4"
MARK_BYTES = 512  # the allocator's smallest block: marker allocations are multiples of it


def phase_marker(step, phase):
    """A tiny allocation whose size names (step, phase) in the allocator's trace; freed at once."""
    torch.empty(marker_bytes(step, phase), dtype=torch.uint8, device="cuda")


def trace_start():
    """A tiny allocation that opens this configuration's part of the trace (a history that was
    recorded before, for another configuration, may still be in the buffer)."""
    torch.empty(MARK_BYTES, dtype=torch.uint8, device="cuda")


def marker_bytes(step, phase):
    """Multiples of 512 bytes (the allocator's rounding) from 512·100 on, one per (step, phase)."""
    return MARK_BYTES * (100 + step * len(PHASES) + PHASES.index(phase))


def decode_marker(size):
    k = size // MARK_BYTES - 100
    return divmod(k, len(PHASES)) if 0 <= k < STEPS * len(PHASES) and size % MARK_BYTES == 0 else None


def run_config(name, seq_len, micro_batch, mode, traced, world, pause_s=0.0):
    spec = MODELS[name]
    gc.collect()
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    base = torch.cuda.memory_allocated()
    if traced:
        torch.cuda.memory._record_memory_history(max_entries=2_000_000, stacks="python")
        trace_start()
    model, params = build(mode, spec, seq_len, world)
    opt = make_optimizer(model)
    torch.manual_seed(1)
    idx = torch.randint(0, spec["vocab"], (micro_batch, seq_len), device="cuda")
    vocab = spec["vocab"]
    rows = []

    def record(step, phase):
        rows.append({"step": step, "phase": phase,
                     "allocated_bytes": torch.cuda.memory_allocated() - base,
                     "phase_peak_bytes": torch.cuda.max_memory_allocated() - base})
        torch.cuda.reset_peak_memory_stats()
        if traced:
            phase_marker(step, phase)

    torch.cuda.reset_peak_memory_stats()
    for step in range(STEPS):
        if step in SYNC_BEFORE:
            torch.cuda.synchronize()
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = F.cross_entropy(model(idx, "none").float().view(-1, vocab), idx.view(-1))
        record(step, "forward")
        loss.backward()
        del loss
        record(step, "backward")
        opt.step()
        record(step, "step")
        opt.zero_grad(set_to_none=True)
        record(step, "zero_grad")
        if step == 0 and pause_s > 0:
            # let the GPU finish the first step and the NCCL watchdog thread find its all-reduces
            # complete before DDP rebuilds its buckets (no gc.collect: only time passes)
            torch.cuda.synchronize()
            time.sleep(pause_s)
    torch.cuda.synchronize()
    sites = None
    if traced:
        snapshot = torch.cuda.memory._snapshot()
        torch.cuda.memory._record_memory_history(enabled=None)
        sites = peak_sites(snapshot["device_traces"][torch.cuda.current_device()])
    del model, opt, idx
    gc.collect()
    torch.cuda.empty_cache()
    return params, rows, sites


def site_of(frames):
    """The innermost Python frames of an allocation, as short file:line:function strings."""
    out = []
    for f in frames[:4]:
        path = f.get("filename", "?")
        for cut in ("site-packages/", "bench/gpu/"):
            if cut in path:
                path = path.split(cut, 1)[1]
        out.append(f"{path}:{f.get('line', '?')}:{f.get('name', '?')}")
    return " < ".join(out) if out else "(no Python frame)"


def peak_sites(trace):
    """Replays the allocator's trace (alloc adds, free_requested removes, as memory_allocated counts)
    and returns the peak's (step, phase, bytes) and the bytes alive then per allocation site."""
    starts = [i for i, e in enumerate(trace) if e["action"] == "alloc" and any(f.get("name") == "trace_start" for f in e.get("frames", []))]
    trace = trace[starts[-1] + 1:] if starts else trace
    live = {}
    total = peak = 0
    peak_at = -1
    position = (0, 0)  # (step, phase index) of the next marker: the peak is in this phase
    peak_position = position
    for i, e in enumerate(trace):
        action = e["action"]
        if action == "alloc":
            marker = decode_marker(e["size"]) if any(f.get("name") == "phase_marker" for f in e.get("frames", [])) else None
            if marker is not None:
                step, phase_index = marker
                position = (step, phase_index + 1) if phase_index + 1 < len(PHASES) else (step + 1, 0)
                continue
            live[e["addr"]] = e
            total += e["size"]
            if total > peak:
                peak, peak_at, peak_position = total, i, position
        elif action == "free_requested" and e["addr"] in live:
            total -= live.pop(e["addr"])["size"]
    # second pass up to the peak: who is alive there
    live = {}
    for e in trace[: peak_at + 1]:
        if e["action"] == "alloc":
            live[e["addr"]] = e
        elif e["action"] == "free_requested":
            live.pop(e["addr"], None)
    by_site = collections.defaultdict(lambda: [0, 0])
    for e in live.values():
        if any(f.get("name") == "phase_marker" for f in e.get("frames", [])):
            continue
        s = by_site[site_of(e.get("frames", []))]
        s[0] += e["size"]
        s[1] += 1
    step, phase_index = peak_position
    return {"peak_step": step, "peak_phase": PHASES[phase_index], "traced_peak_bytes": peak,
            "sites": sorted(by_site.items(), key=lambda kv: -kv[1][0])}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--shapes", default=DEFAULT_SHAPES, help="model:seq_len:micro_batch, comma-separated")
    parser.add_argument("--modes", default="single,ddp,ddp-bucket-view")
    parser.add_argument("--passes", default="plain,traced")
    parser.add_argument("--backend", default="nccl")
    parser.add_argument("--pause-after-first", type=float, default=0.0,
                        help="seconds to wait (after synchronising) between the first and second step")
    args = parser.parse_args()
    rank = int(os.environ["RANK"])
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    dist.init_process_group(args.backend, timeout=dt.timedelta(seconds=180),
                            device_id=torch.device("cuda", torch.cuda.current_device()) if args.backend == "nccl" else None)
    world = dist.get_world_size()
    torch_version, nccl_version = versions()
    head = {"device": torch.cuda.get_device_name(0), "ranks": world, "backend": args.backend,
            "date": dt.date.today().isoformat(), "torch": torch_version, "nccl": nccl_version, "source": SOURCE}
    os.makedirs(args.out, exist_ok=True)
    phases_out = RowWriter(os.path.join(args.out, "ddp_memory_phases.csv")) if rank == 0 else None
    sites_out = RowWriter(os.path.join(args.out, "ddp_memory_sites.csv")) if rank == 0 else None
    shapes = [(m, int(s), int(b)) for m, s, b in (x.split(":") for x in args.shapes.split(","))]
    unknown = [m for m, _, _ in shapes if m not in MODELS]
    if unknown:
        sys.exit(f"ddp_memory.py: unknown models {unknown}")
    for name, seq_len, micro_batch in shapes:
        for mode in args.modes.split(","):
            for traced in [p == "traced" for p in args.passes.split(",")]:
                params, rows, sites = run_config(name, seq_len, micro_batch, mode, traced, world, args.pause_after_first)
                if rank != 0:
                    continue
                key = {**head, "model": name, "seq_len": seq_len, "micro_batch": micro_batch, "mode": mode,
                       "pass": "traced" if traced else "plain", "pause_s": args.pause_after_first, "params": params}
                for r in rows:
                    phases_out.write({**key, **r})
                if sites is not None:
                    for site, (nbytes, blocks) in sites["sites"][:12]:
                        sites_out.write({**key, "peak_step": sites["peak_step"], "peak_phase": sites["peak_phase"],
                                         "traced_peak_bytes": sites["traced_peak_bytes"], "site_bytes": nbytes,
                                         "blocks": blocks, "site": site})
            dist.barrier()
    for w in (phases_out, sites_out):
        if w:
            w.close()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
