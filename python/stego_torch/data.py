"""Training photos decoded once into uint8 tensors on the training device, and random crop pairs
(cover and secret from different images, random flips) drawn there: no per-pixel Python."""
import os
from concurrent.futures import ProcessPoolExecutor

import torch

from .images import read_png


def _read(file):
    """The photo, or the error that made it unreadable (skipped, not fatal)."""
    try:
        return read_png(file)
    except Exception as error:
        return error


class ImageFolder:
    def __init__(self, path: str, device, minimum_size: int = 1):
        files = sorted(os.path.join(root, f) for root, _, names in os.walk(path) for f in names if f.lower().endswith(".png"))
        # pypng decodes in pure Python (about 0.4 s a photo here): one process per core.
        with ProcessPoolExecutor(max_workers=min(len(files), os.cpu_count() or 1) or 1) as pool:
            decoded = list(pool.map(_read, files))
        self.images, self.names = [], []
        for file, image in zip(files, decoded):
            if isinstance(image, Exception):
                print(f"warning: {file}: {image}; skipped", flush=True)
                continue
            if min(image.shape[:2]) >= minimum_size:
                self.images.append(torch.from_numpy(image).to(device).permute(2, 0, 1).contiguous())
                self.names.append(os.path.relpath(file, path))
        if len(self.images) < 2:
            raise SystemExit(f"{path}: need at least two PNGs of at least {minimum_size}x{minimum_size} pixels")

    def random_pairs(self, count: int, size: int, generator: torch.Generator):
        """(cover, secret), each [count, 3, size, size] in [0, 1]."""
        def draw(n):
            return int(torch.randint(n, (1,), generator=generator))

        covers, secrets = [], []
        for _ in range(count):
            i = draw(len(self.images))
            j = draw(len(self.images) - 1)
            j += j >= i
            covers.append(self._crop(self.images[i], size, draw))
            secrets.append(self._crop(self.images[j], size, draw))
        return torch.stack(covers).float() / 255, torch.stack(secrets).float() / 255

    @staticmethod
    def _crop(image: torch.Tensor, size: int, draw) -> torch.Tensor:
        _, h, w = image.shape
        y, x = draw(h - size + 1), draw(w - size + 1)
        crop = image[:, y:y + size, x:x + size]
        if draw(2):
            crop = crop.flip(2)
        if draw(2):
            crop = crop.flip(1)
        return crop

    def validation_pairs(self, size: int):
        """Pairs (image i, image i+1) centre-cropped to the pair's common size, at most `size`."""
        for i, a in enumerate(self.images):
            b = self.images[(i + 1) % len(self.images)]
            h = min(size, a.shape[1], b.shape[1]) // 2 * 2
            w = min(size, a.shape[2], b.shape[2]) // 2 * 2
            yield tuple(_centre(t, h, w).unsqueeze(0).float() / 255 for t in (a, b))


def _centre(t: torch.Tensor, h: int, w: int) -> torch.Tensor:
    y, x = (t.shape[1] - h) // 2, (t.shape[2] - w) // 2
    return t[:, y:y + h, x:x + w]
