#!/usr/bin/env python3
"""How much high-pass colour noise stego images carry against their covers: for each pair that
`stego eval --save DIR` wrote (METHOD-NAME-cover.png, METHOD-NAME-stego.png), the mean absolute
residual of Ker and Boehme's 3x3 kernel / 4 on the colour differences R - G and B - G, stego : cover
(1.0 = no more than the photo has; the trained detector's strongest features).

  python/.venv/bin/python scripts/colour_residual.py DIR
"""
import glob
import sys

import numpy as np
import png

KB = np.array([[-1, 2, -1], [2, -4, 2], [-1, 2, -1]]) / 4


def read(path):
    width, height, rows, _ = png.Reader(filename=path).asRGB8()
    return np.vstack([np.asarray(r, dtype=np.float64) for r in rows]).reshape(height, width, 3)


def residual(plane):
    h, w = plane.shape
    return np.mean(np.abs(sum(KB[i, j] * plane[i:h - 2 + i, j:w - 2 + j] for i in range(3) for j in range(3))))


def colour_residuals(image):
    r, g, b = image[..., 0], image[..., 1], image[..., 2]
    return residual(r - g), residual(b - g)


def main(folder):
    ratios = []
    for cover_path in sorted(glob.glob(f"{folder}/*-cover.png")):
        cover, stego = colour_residuals(read(cover_path)), colour_residuals(read(cover_path[:-len("cover.png")] + "stego.png"))
        ratios.append((stego[0] / cover[0], stego[1] / cover[1]))
        print(f"{cover_path[len(folder) + 1:-len('-cover.png')]}: R - G {ratios[-1][0]:.2f} : 1, B - G {ratios[-1][1]:.2f} : 1")
    if not ratios:
        raise SystemExit(f"{folder}: no *-cover.png with its *-stego.png (stego eval --save writes them)")
    mean = np.exp(np.mean(np.log(ratios), axis=0))
    print(f"geometric mean over {len(ratios)} pairs: R - G {mean[0]:.2f} : 1, B - G {mean[1]:.2f} : 1")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
