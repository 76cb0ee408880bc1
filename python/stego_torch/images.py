"""8-bit RGB images <-> [N, 3, H, W] float tensors in [0, 1], rounding as `stego` does, and PNG I/O."""
import numpy as np
import png
import torch


def read_png(path: str) -> np.ndarray:
    """H x W x 3 uint8 (alpha dropped; gray expanded), 8 bits per sample."""
    with open(path, "rb") as f:
        width, height, rows, _ = png.Reader(file=f).asRGB8()
        return np.vstack([np.frombuffer(bytes(r), dtype=np.uint8) for r in rows]).reshape(height, width, 3)


def write_png(path: str, image: np.ndarray):
    h, w, _ = image.shape
    with open(path, "wb") as f:
        png.Writer(w, h, greyscale=False).write(f, image.reshape(h, w * 3).tolist())


def to_tensor(image: np.ndarray, device="cpu") -> torch.Tensor:
    """uint8 H x W x 3 -> [1, 3, H, W], x / 255 in float32 (as Swift's Float(x) / 255)."""
    return torch.from_numpy(np.ascontiguousarray(image)).to(device).permute(2, 0, 1).unsqueeze(0).float() / 255


def to_uint8(t: torch.Tensor) -> np.ndarray:
    """[1, 3, H, W] -> uint8 H x W x 3: clamp to [0, 1], x * 255 rounded with halves up."""
    return torch.floor(t[0].clamp(0, 1) * 255 + 0.5).to(torch.uint8).permute(1, 2, 0).cpu().numpy()
