#!/usr/bin/env python3
"""Sustained load: does an accelerator keep its first seconds' pace over minutes of training?

The step model is calibrated on short bursts (calibrate.py times a few steps per configuration, with
pauses between configurations while the next model is built), while a training run keeps the GPU at
full load for weeks. A GPU at its power limit lowers its clocks as it warms (the power a given clock
draws rises with temperature), so a burst may run faster than the steady state. This script
measures that on the device it runs on, from a cold start:

    python3 bench/gpu/sustained.py --out OUTDIR [--gemm-seconds 200] [--pause-seconds 20]
        [--step-seconds 200] [--model llama-3-8b-8l] [--micro-batch 4] [--seq-len 2048]

1. bf16 GEMMs of 8192 x 8192 x 8192 back to back for --gemm-seconds, timed per batch of 50 with
   CUDA events (TFLOP/s of each batch, and when it ended);
2. --pause-seconds idle (the pause calibrate.py's configurations have between them);
3. training steps of calibrate.py's model (forward under bf16 autocast, fp32 cross-entropy,
   backward, fused AdamW; calibrate.py make_step) back to back for --step-seconds, each step timed
   with CUDA events.
Meanwhile `nvidia-smi` samples the SM clock, power draw, temperature and the clock-limit reasons
every 500 ms. Writes sustained_load.csv (one row per GEMM batch or step), sustained_smi.csv
(nvidia-smi's samples, unchanged) and sustained_smi_q.txt (`nvidia-smi -q -d POWER,CLOCK,TEMPERATURE`
before the load). Nothing here is invented: every number written is measured where the script runs.
"""
import argparse
import csv
import datetime as dt
import os
import subprocess
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibrate import MODELS, SLICED_MODELS, Model, make_step  # noqa: E402

SOURCE = "bench/gpu/sustained.py"
SMI_FIELDS = ["timestamp", "clocks.sm", "clocks.mem", "power.draw", "power.limit", "temperature.gpu",
              "clocks_event_reasons.active"]


def start_smi(path):
    """nvidia-smi sampling every 500 ms into path; falls back to the older throttle-reason field name."""
    for fields in (SMI_FIELDS, SMI_FIELDS[:-1] + ["clocks_throttle_reasons.active"]):
        probe = subprocess.run(["nvidia-smi", f"--query-gpu={','.join(fields)}", "--format=csv"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            out = open(path, "w")
            return subprocess.Popen(["nvidia-smi", f"--query-gpu={','.join(fields)}", "--format=csv",
                                     "-lms", "500"], stdout=out, stderr=subprocess.STDOUT), out
    print(f"nvidia-smi sampling unavailable: {probe.stderr.strip()}", flush=True)
    return None, None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--gemm-seconds", type=float, default=200)
    parser.add_argument("--pause-seconds", type=float, default=20)
    parser.add_argument("--step-seconds", type=float, default=200)
    parser.add_argument("--model", default="llama-3-8b-8l")
    parser.add_argument("--micro-batch", type=int, default=4)
    parser.add_argument("--seq-len", type=int, default=2048)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        sys.exit("sustained.py: no CUDA device")
    os.makedirs(args.out, exist_ok=True)
    specs = {**MODELS, **SLICED_MODELS}
    if args.model not in specs:
        sys.exit(f"sustained.py: unknown model {args.model}; known: {list(specs)}")
    stamp = {"device": torch.cuda.get_device_name(0), "date": dt.date.today().isoformat(),
             "torch": torch.__version__, "source": SOURCE}
    with open(os.path.join(args.out, "sustained_smi_q.txt"), "w") as f:
        f.write(subprocess.run(["nvidia-smi", "-q", "-d", "POWER,CLOCK,TEMPERATURE"],
                               capture_output=True, text=True).stdout)
    smi, smi_file = start_smi(os.path.join(args.out, "sustained_smi.csv"))
    rows = open(os.path.join(args.out, "sustained_load.csv"), "w", newline="")
    writer = csv.DictWriter(rows, fieldnames=[*stamp, "workload", "unix_seconds", "seconds_since_start",
                                              "calls", "seconds", "tflops"])
    writer.writeheader()
    began = time.time()

    def record(workload, calls, seconds, flops):
        now = time.time()
        writer.writerow({**stamp, "workload": workload, "unix_seconds": f"{now:.3f}",
                         "seconds_since_start": f"{now - began:.3f}", "calls": calls,
                         "seconds": f"{seconds:.6e}", "tflops": f"{flops / seconds / 1e12:.2f}"})
        rows.flush()

    try:
        # 1. GEMMs.
        n, batch = 8192, 50
        a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
        b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
        c = torch.empty(n, n, device="cuda", dtype=torch.bfloat16)
        torch.mm(a, b, out=c)
        torch.cuda.synchronize()
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        until = time.time() + args.gemm_seconds
        while time.time() < until:
            start.record()
            for _ in range(batch):
                torch.mm(a, b, out=c)
            end.record()
            end.synchronize()
            record(f"gemm-bf16-{n}", batch, start.elapsed_time(end) / 1e3, 2 * n ** 3 * batch)
        del a, b, c
        torch.cuda.empty_cache()
        # 2. Idle.
        time.sleep(args.pause_seconds)
        # 3. Training steps.
        spec = specs[args.model]
        with torch.device("cuda"):
            model = Model(spec, args.seq_len)
        params = sum(p.numel() for p in model.parameters())
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=True)
        idx = torch.randint(0, spec["vocab"], (args.micro_batch, args.seq_len), device="cuda")
        step = make_step(model, opt, idx, spec["vocab"], "amp-bf16", "none", False)
        tokens = args.micro_batch * args.seq_len
        # Model FLOPs as calibrate.py counts them (PaLM, Appendix B: 6 per parameter per token plus
        # 12·L·d·s of attention per token, no causal discount).
        flops = 6 * params * tokens + 12 * spec["layers"] * spec["d_model"] * args.seq_len * tokens
        workload = f"step-{args.model}-b{args.micro_batch}-s{args.seq_len}-amp-bf16"
        until = time.time() + args.step_seconds
        while time.time() < until:
            start.record()
            step()
            end.record()
            end.synchronize()
            record(workload, 1, start.elapsed_time(end) / 1e3, flops)
    finally:
        rows.close()
        if smi is not None:
            smi.terminate()
            smi.wait()
            smi_file.close()


if __name__ == "__main__":
    main()
