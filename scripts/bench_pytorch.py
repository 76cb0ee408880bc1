#!/usr/bin/env python3
"""PyTorch's side of `stego-bench conv`: the same convolutions on this CPU, as JSON on stdout.

  python/.venv/bin/python scripts/bench_pytorch.py --threads 2 --iterations 20 N,Cin,Cout,H,W ...

Times forward, backward-data (autograd, input only) and backward-weights (autograd, weight and
bias only) in milliseconds, for NCHW and channels-last tensors, reporting the faster of the two.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F


def timed(fn, iterations):
    for _ in range(3):
        fn()
    start = time.perf_counter()
    for _ in range(iterations):
        fn()
    return (time.perf_counter() - start) / iterations * 1e3


def measure(n, cin, cout, h, w, iterations, memory_format):
    x = torch.randn(n, cin, h, w).contiguous(memory_format=memory_format)
    weight = (0.1 * torch.randn(cout, cin, 3, 3)).contiguous(memory_format=memory_format)
    bias = torch.zeros(cout)
    with torch.no_grad():
        forward = timed(lambda: F.conv2d(x, weight, bias, padding=1), iterations)
    grad = torch.randn(n, cout, h, w).contiguous(memory_format=memory_format)
    xg = x.clone().requires_grad_(True)
    y = F.conv2d(xg, weight, bias, padding=1)
    data = timed(lambda: torch.autograd.grad(y, xg, grad, retain_graph=True), iterations)
    wg, bg = weight.clone().requires_grad_(True), bias.clone().requires_grad_(True)
    y = F.conv2d(x, wg, bg, padding=1)
    weights = timed(lambda: torch.autograd.grad(y, (wg, bg), grad, retain_graph=True), iterations)
    return {"forward_ms": forward, "backward_data_ms": data, "backward_weights_ms": weights}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("shapes", nargs="+")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    results = {}
    for shape in args.shapes:
        dims = [int(v) for v in shape.split(",")]
        runs = [measure(*dims, args.iterations, fmt) for fmt in (torch.contiguous_format, torch.channels_last)]
        results[shape] = {k: min(r[k] for r in runs) for k in runs[0]}
    print(json.dumps({"torch": torch.__version__, "results": results}))


if __name__ == "__main__":
    main()
