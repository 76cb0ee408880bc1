#!/usr/bin/env python3
"""Writes Tests/StegoKitTests/Fixtures/photos/: unmodified 256x256 centre crops of the first twelve
camera photos of the training set (the kphotoalbum set, by name), the clean images the
steganalysis tests embed known payloads into. Run by hand:
    python3 scripts/make_photo_fixtures.py ../shared/data/train
Needs numpy and pypng."""
import pathlib, sys
import numpy as np
import png

SIDE = 256


def main(train: pathlib.Path):
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/StegoKitTests/Fixtures/photos"
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(train.glob("kphotoalbum_*.png"))[:12]:
        width, height, rows, _ = png.Reader(filename=str(path)).asRGB8()
        image = np.vstack([np.frombuffer(bytes(r), dtype=np.uint8) for r in rows]).reshape(height, width, 3)
        y, x = (height - SIDE) // 2, (width - SIDE) // 2
        crop = image[y:y + SIDE, x:x + SIDE].reshape(SIDE, SIDE * 3)
        with open(out / path.name, "wb") as f:
            png.Writer(SIDE, SIDE, greyscale=False).write(f, crop.tolist())


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
