"""The latent w that `stego hide --seed S` draws: SplitMix64 from seed S, two draws per sample
(Box-Muller, as Swift's Double.random(in:) turns 53 bits into a double), samples laid out
pixel-major, channel-minor (the [1, 2, H, W] tensor's NHWC storage)."""
import numpy as np
import torch

_INCREMENT = np.uint64(0x9E3779B97F4A7C15)
_ULP = np.finfo(np.float64).eps


def _splitmix64(seed: int, count: int) -> np.ndarray:
    """The first `count` outputs of SplitMix64 from `seed`."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, count + 1, dtype=np.uint64) * _INCREMENT
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def _unit(bits: np.ndarray) -> np.ndarray:
    """Swift's Double.random(in: 0..<1): the low 53 bits times 2^-53."""
    return (bits & np.uint64((1 << 53) - 1)).astype(np.float64) * (_ULP / 2)


def gaussian(seed: int, count: int) -> np.ndarray:
    """The first `count` N(0, 1) samples of Swift's `fillGaussian` from SeededGenerator(seed)."""
    draws = _splitmix64(seed, 2 * count)
    u1 = (1 - _ULP) * _unit(draws[0::2]) + _ULP  # Double.random(in: ulpOfOne..<1)
    u2 = _unit(draws[1::2])
    return (np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)).astype(np.float32)


def hide_latent(seed: int, height: int, width: int) -> torch.Tensor:
    """The [1, 2, H, W] latent of `stego hide --seed seed` for an image of even H x W."""
    samples = gaussian(seed, height * width * 2).reshape(height, width, 2)
    return torch.from_numpy(samples).permute(2, 0, 1).unsqueeze(0).contiguous()
