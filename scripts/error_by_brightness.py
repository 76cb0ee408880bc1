#!/usr/bin/env python3
"""Where the hiding error lies by the cover's brightness: for the pairs that `stego eval --save DIR`
wrote (METHOD-NAME-cover/stego/secret/revealed.png), the mean squared error (8-bit levels, over
R, G and B) of stego against cover and of revealed against secret, over the pixels whose brightest
channel in the cover falls in each band. A network that treats every tone alike gives a flat column.

  python/.venv/bin/python scripts/error_by_brightness.py DIR
"""
import glob
import sys

import numpy as np

from colour_residual import read  # its neighbour in scripts/: 8-bit RGB as float64 H x W x 3

BANDS = (0, 64, 128, 192, 230, 245, 250, 256)


def main(folder):
    pixels = np.zeros(len(BANDS) - 1)
    cover_error, secret_error = np.zeros_like(pixels), np.zeros_like(pixels)
    pairs = sorted(glob.glob(f"{folder}/*-cover.png"))
    if not pairs:
        raise SystemExit(f"{folder}: no *-cover.png with its stego, secret and revealed images (stego eval --save writes them)")
    for cover_path in pairs:
        stem = cover_path[:-len("cover.png")]
        cover, stego, secret, revealed = (read(stem + part + ".png") for part in ("cover", "stego", "secret", "revealed"))
        band = np.digitize(cover.max(axis=2), BANDS) - 1
        for errors, (a, b) in ((cover_error, (stego, cover)), (secret_error, (revealed, secret))):
            errors += np.bincount(band.ravel(), ((a - b) ** 2).mean(axis=2).ravel(), len(BANDS) - 1)
        pixels += np.bincount(band.ravel(), minlength=len(BANDS) - 1)
    print(f"{len(pairs)} pairs; bands of the cover's brightest channel (8-bit levels)")
    print(f"{'band':>9} {'pixels':>7} {'cover MSE':>10} {'secret MSE':>11}")
    for k in range(len(BANDS) - 1):
        share, n = pixels[k] / pixels.sum(), max(pixels[k], 1)
        print(f"{BANDS[k]:3d}-{BANDS[k + 1] - 1:<5d} {100 * share:6.1f}% {cover_error[k] / n:10.1f} {secret_error[k] / n:11.1f}")
    print(f"{'all':>9} {100.0:6.1f}% {cover_error.sum() / pixels.sum():10.1f} {secret_error.sum() / pixels.sum():11.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
