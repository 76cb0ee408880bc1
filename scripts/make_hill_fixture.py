#!/usr/bin/env python3
"""Writes Tests/StegoKitTests/Fixtures/hill/: HILL costs (Li, Wang, Huang, Ni, ICIP 2014) of a
64x48 crop of a committed photo fixture, of a 7x5 synthetic image and of texture around a flat area, computed here with numpy
straight from the paper's formula (2-D windows on symmetric-padded planes), independently of
the Swift code (Secrecy/HILLCost.swift, separable filters). Run by hand:
    python/.venv/bin/python scripts/make_hill_fixture.py
Needs numpy and pypng."""
import pathlib
import numpy as np
import png

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Tests/StegoKitTests/Fixtures"
KB = np.array([[-1, 2, -1], [2, -4, 2], [-1, 2, -1]], dtype=np.float64) / 4


def window_filter(plane, kernel):
    """Correlation with a (2r+1)^2 kernel over the plane padded symmetrically (edge repeated)."""
    r = kernel.shape[0] // 2
    padded = np.pad(plane, r, mode="symmetric")
    h, w = plane.shape
    out = np.zeros_like(plane)
    for dy in range(2 * r + 1):
        for dx in range(2 * r + 1):
            out += kernel[dy, dx] * padded[dy:dy + h, dx:dx + w]
    return out


def hill(image):
    costs = np.zeros(image.shape, dtype=np.float64)
    for c in range(3):
        x = image[:, :, c].astype(np.float64)
        residual = np.abs(window_filter(x, KB))
        inverse = 1 / (window_filter(residual, np.full((3, 3), 1 / 9)) + 1e-10)
        costs[:, :, c] = window_filter(inverse, np.full((15, 15), 1 / 225))
    costs[(image == 0) | (image == 255)] = np.inf
    return costs


def write(name, image):
    out = ROOT / "hill"
    out.mkdir(parents=True, exist_ok=True)
    h, w, _ = image.shape
    with open(out / f"{name}.png", "wb") as f:
        png.Writer(w, h, greyscale=False).write(f, image.reshape(h, w * 3).tolist())
    hill(image).astype("<f4").tofile(out / f"{name}.costs.f32")


def main():
    width, height, rows, _ = png.Reader(filename=str(ROOT / "photos/kphotoalbum_bar55.png")).asRGB8()
    photo = np.vstack([np.frombuffer(bytes(r), dtype=np.uint8) for r in rows]).reshape(height, width, 3)
    write("photo", photo[100:148, 90:154].copy())
    # Smaller than the 15x15 window, with saturated and flat samples.
    rng = np.random.default_rng(1)
    small = rng.integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    small[0, 0] = 0
    small[4, 6] = 255
    small[2, :, 1] = 100
    write("small", small)
    # A flat area (residual 0, so costs near 1e10) beside texture: running sums must not lose the
    # small costs next to the huge ones.
    flat = rng.integers(90, 170, size=(40, 64, 3), dtype=np.uint8)
    flat[:, 20:44] = 128
    write("flat", flat)


if __name__ == "__main__":
    main()
