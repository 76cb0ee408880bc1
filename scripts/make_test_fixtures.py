#!/usr/bin/env python3
"""Writes the test fixtures under Tests/StegoKitTests/Fixtures. Run once by hand; CI never runs it.

  pip install scikit-image pypng pillow && python3 scripts/make_test_fixtures.py ../shared/data/train

metrics/: small crops of training photos, each with a distorted twin, and the values scikit-image
computes for them (PSNR and SSIM on the BT.601 luma channel and on RGB, MAE, RMSE).
png/: PNGs of every colour type, bit depth and interlacing that the reader must accept, each with
the 8-bit RGB bytes it must decode to (`.rgb`, raw, row-major).
"""
import json
import pathlib
import sys

import numpy as np
import png  # pypng: writes every colour type and bit depth, and interlaced files
from PIL import Image, ImageCms
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/StegoKitTests/Fixtures"
rng = np.random.default_rng(20261124)


def luma(rgb):
    rgb = rgb.astype(np.float64)
    return 16 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255


def ssim(a, b, **kw):
    return structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                 data_range=255, **kw)


def metrics(a, b):
    ya, yb = luma(a), luma(b)
    d = a.astype(np.float64) - b.astype(np.float64)
    return {
        "psnr_y": peak_signal_noise_ratio(ya, yb, data_range=255),
        "psnr_rgb": peak_signal_noise_ratio(a, b, data_range=255),
        "ssim_y": ssim(ya, yb),
        "ssim_rgb": ssim(a, b, channel_axis=2),
        "mae": float(np.abs(d).mean()),
        "rmse": float(np.sqrt((d * d).mean())),
    }


def save_rgb(path, arr):
    Image.fromarray(arr, "RGB").save(path)


def make_metrics(train):
    folder = OUT / "metrics"
    folder.mkdir(parents=True, exist_ok=True)
    # (source photo, crop box x, y, w, h, distortion)
    cases = [
        ("lomiri_Dragonfly_by_Bolly.png", 400, 300, 96, 80, "noise"),
        ("mate_Garden.png", 500, 200, 67, 53, "blur"),
        ("plasma_Kite.png", 300, 250, 128, 128, "lsb4"),
    ]
    expected = {}
    for i, (name, x, y, w, h, kind) in enumerate(cases):
        a = np.asarray(Image.open(train / name).convert("RGB"))[y:y + h, x:x + w].copy()
        if kind == "noise":
            b = np.clip(a + rng.normal(0, 6, a.shape), 0, 255).round().astype(np.uint8)
        elif kind == "blur":
            f = a.astype(np.float64)
            b = ((f + np.roll(f, 1, 0) + np.roll(f, 1, 1) + np.roll(f, (1, 1), (0, 1))) / 4).round().astype(np.uint8)
        else:
            b = (a & 0xF0) | (rng.integers(0, 256, a.shape, dtype=np.uint8) >> 4)
        save_rgb(folder / f"case{i}_a.png", a)
        save_rgb(folder / f"case{i}_b.png", b)
        expected[f"case{i}"] = {"source": name, "distortion": kind, **metrics(a, b)}
    (folder / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


def write_png(path, rows, width, height, **info):
    with open(path, "wb") as f:
        png.Writer(width, height, **info).write(f, rows)


def make_pngs():
    folder = OUT / "png"
    folder.mkdir(parents=True, exist_ok=True)
    w, h = 13, 7  # odd on both sides
    yy, xx = np.mgrid[0:h, 0:w]
    gray8 = (xx * 19 + yy * 23) % 256
    rgb8 = np.stack([gray8, (gray8 * 3) % 256, 255 - gray8], axis=2).astype(np.uint8)

    def emit(name, rows, expected, width=w, height=h, **info):
        write_png(folder / f"{name}.png", rows, width, height, **info)
        (folder / f"{name}.rgb").write_bytes(np.ascontiguousarray(expected, dtype=np.uint8).tobytes())

    def gray_to_rgb(g):
        return np.repeat(g[..., None], 3, axis=2)

    for depth in (1, 2, 4):
        levels = (1 << depth) - 1
        g = (xx + yy) % (levels + 1)
        emit(f"gray{depth}", g.tolist(), gray_to_rgb((g * 255 // levels).astype(np.uint8)), greyscale=True, bitdepth=depth)
    emit("gray8", gray8.tolist(), gray_to_rgb(gray8), greyscale=True, bitdepth=8)
    g16 = (xx * 4099 + yy * 7001) % 65536
    emit("gray16", g16.tolist(), gray_to_rgb(np.round(g16 * 255 / 65535)), greyscale=True, bitdepth=16)
    alpha = np.where((xx + yy) % 3 == 0, 0, 255)
    ga = np.stack([gray8, alpha], axis=2).reshape(h, -1)
    emit("gray_alpha8", ga.tolist(), gray_to_rgb(np.where(alpha == 0, 0, gray8)), greyscale=True, alpha=True, bitdepth=8)
    emit("rgb8", rgb8.reshape(h, -1).tolist(), rgb8, greyscale=False, bitdepth=8)
    emit("rgb8_interlaced", rgb8.reshape(h, -1).tolist(), rgb8, greyscale=False, bitdepth=8, interlace=True)
    rgb16 = np.minimum(rgb8.astype(np.int64) * 257 + 100, 65535)
    emit("rgb16", rgb16.reshape(h, -1).tolist(), np.round(rgb16 * 255 / 65535), greyscale=False, bitdepth=16)
    rgba = np.concatenate([rgb8, alpha[..., None]], axis=2)
    emit("rgba8", rgba.reshape(h, -1).tolist(), np.where(alpha[..., None] == 0, 0, rgb8), greyscale=False, alpha=True, bitdepth=8)
    palette = [(i * 40 % 256, i * 90 % 256, 255 - i * 30) for i in range(8)]
    idx = (xx + 2 * yy) % 8
    emit("palette4", idx.tolist(), np.array(palette, dtype=np.uint8)[idx], palette=palette, bitdepth=4)
    emit("one_pixel", [[200, 100, 50]], np.array([[[200, 100, 50]]]), width=1, height=1, greyscale=False, bitdepth=8)
    # Interlaced twins of every colour type and depth decode to the same bytes (their .rgb is
    # the non-interlaced twin's): libpng 1.6.39's simplified reader got 16-bit ones wrong.
    for name, info in [(f"gray{d}", dict(greyscale=True, bitdepth=d)) for d in (1, 2, 4, 8, 16)] + [
            ("rgb16", dict(greyscale=False, bitdepth=16)),
            ("gray_alpha8", dict(greyscale=True, alpha=True, bitdepth=8)), ("rgba8", dict(greyscale=False, alpha=True, bitdepth=8)),
            ("palette4", dict(palette=palette, bitdepth=4))]:
        reader = png.Reader(filename=str(folder / f"{name}.png"))
        _, _, rows, _ = reader.read()
        write_png(folder / f"{name}_interlaced.png", [list(r) for r in rows], w, h, interlace=True, **info)
    Image.fromarray(rgb8, "RGB").save(folder / "photo.jpg", quality=90)
    # An ICC profile (littleCMS's sRGB, which libpng does not take for its own sRGB chunk) in a
    # JPEG's APP2 and a PNG's iCCP: hide must carry a cover's profile into the stego image.
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (folder / "profile.icc").write_bytes(profile)
    Image.fromarray(rgb8, "RGB").save(folder / "photo_icc.jpg", quality=90, icc_profile=profile)
    Image.fromarray(rgb8, "RGB").save(folder / "rgb8_icc.png", icc_profile=profile)
    # WebP (lossless: it must decode to rgb8.rgb) and AVIF inputs, with the same profile.
    Image.fromarray(rgb8, "RGB").save(folder / "rgb8_icc.webp", lossless=True, icc_profile=profile)
    Image.fromarray(rgb8, "RGB").save(folder / "photo_icc.avif", quality=90, icc_profile=profile)
    valid = (folder / "rgb8.png").read_bytes()
    (folder / "truncated.png").write_bytes(valid[: len(valid) // 2])
    # Flip one byte of IDAT's CRC: the data stays intact, only the checksum is wrong.
    idat = valid.index(b"IDAT") - 4
    crc = idat + 8 + int.from_bytes(valid[idat:idat + 4], "big")
    (folder / "badcrc.png").write_bytes(valid[:crc] + bytes([valid[crc] ^ 0xFF]) + valid[crc + 1:])


if __name__ == "__main__":
    make_metrics(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/train"))
    make_pngs()
