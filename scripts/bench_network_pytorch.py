#!/usr/bin/env python3
"""PyTorch's side of `stego-bench network`: hide + reveal with the same weights, as JSON.

  python/.venv/bin/python scripts/bench_network_pytorch.py MODEL.safetensors --threads 2 --sizes 512 1024

Builds HiNet / DLV-HiNet from the checkpoint's metadata with the modules of
scripts/make_engine_fixtures.py (HiNet's code), loads our weights, and times one hide (DWT,
blocks, IWT, 8-bit rounding) plus one reveal per size, in seconds (best of `--repeats`).
"""
import argparse
import json
import pathlib
import sys
import time

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "python"))
from make_engine_fixtures import HidingNetwork, dwt, iwt  # noqa: E402
from stego_torch.checkpoint import read  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sizes", type=int, nargs="+", default=[512, 1024, 2048])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float32)
    state, meta = read(args.model)
    dual = meta["method"] == "dlv-hinet"
    channels = 16 if dual else 12
    net = HidingNetwork(int(meta["blocks"]), channels, int(meta["growth"])).float()
    net.load_state_dict(state)
    net.eval()
    results = {}
    for size in args.sizes:
        cover, secret = torch.rand(1, 3, size, size), torch.rand(1, 3, size, size)
        w = torch.randn(1, 2, size, size)
        best = float("inf")
        for _ in range(args.repeats):
            start = time.perf_counter()
            with torch.no_grad():
                a, b = dwt(cover), dwt(secret)
                if dual:
                    a, b = torch.cat((a, dwt(w[:, 0:1])), 1), torch.cat((b, dwt(w[:, 1:2])), 1)
                a, _ = net(a, b)
                stego = (iwt(a[:, :12]).clamp(0, 1) * 255).round() / 255
                z = torch.zeros(1, channels, size // 2, size // 2)
                ra = torch.cat((dwt(stego), z[:, :channels - 12]), 1) if dual else dwt(stego)
                _, rb = net(ra, z, rev=True)
                iwt(rb[:, :12])
            best = min(best, time.perf_counter() - start)
        results[str(size)] = best
    print(json.dumps({"torch": torch.__version__, "seconds": results}))


if __name__ == "__main__":
    main()
