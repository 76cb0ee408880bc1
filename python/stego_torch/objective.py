"""HiNet's training objective as `stego train` computes it (Model/HidingObjective.swift), on [0, 1]
images, sums of squares divided by the batch size:
    total = wR |revealed - secret|^2 + wG |stego - cover|^2 + wL |LL(stego) - LL(cover)|^2
            + wY |Y(stego) - Y(cover)|^2 + wC |K * chroma(stego - cover)|^2
            + wT sum_c |sqrt(w_c) (stego - cover)_c|^2    (the twin alone: w_c the cover's HILL cost)
            + wA softplus(z(stego))    (the twin alone: a steganalyser's logit, adversary.py)
the stego image rounded to 8 bits before reveal (a straight-through gradient for the rounding, none
where clamped); LL is the cover branch's first 3 channels against DWT(cover)'s; Y = 0.299 R + 0.587
G + 0.114 B; chroma is the error's colour differences (R - G, B - G) and K Ker and Boehme's 3x3
high-pass kernel / 4, on interior pixels (Loss.chromaHighPassSumOfSquares). w_c is HILL's cost of
the cover's channel c (as Secrecy/HILLCost.swift, with epsilon one level so that flat areas stay
finite) divided by its mean over the image: the same change costs more where the cover is smooth,
where steganalysers find it first, and the term equals the guide term on an evenly textured cover.
(Weighting only the error's high-pass residual was tried first: the network moved its error into
low-frequency colour, which no high-pass term sees, and lost RGB PSNR.)"""
import functools
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .network import HidingNetwork, quantize_8bit
from .wavelet import dwt

_CONSTANTS = {"luma": torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1),
              "high_pass": torch.tensor([[-1.0, 2, -1], [2, -4, 2], [-1, 2, -1]]).view(1, 1, 3, 3) / 4}


@functools.cache
def _constant(name: str, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """One of `_CONSTANTS` on the training device, copied once: a copy from the host at every step
    would make the host wait for the GPU."""
    return _CONSTANTS[name].to(device, dtype)


def _symmetric_pad(x: torch.Tensor, r: int) -> torch.Tensor:
    """MATLAB's 'symmetric' padding (the edge sample repeated, mirrored again past the far edge),
    as HILLCost.swift mirrors."""
    for dim in (2, 3):
        n = x.shape[dim]
        period = torch.arange(-r, n + r, device=x.device) % (2 * n)  # made on the device: no copy from the host each step
        x = x.index_select(dim, torch.where(period < n, period, 2 * n - 1 - period))
    return x


def _box_mean(x: torch.Tensor, r: int) -> torch.Tensor:
    return F.avg_pool2d(_symmetric_pad(x, r), 2 * r + 1, stride=1)


def hill_cost(levels: torch.Tensor, epsilon: float = 1.0) -> torch.Tensor:
    """HILL's cost (Li, Wang, Huang and Ni 2014) of each sample of [n, c, h, w] images on 0-255,
    per channel: (1 / (|X * KB| * L3 + epsilon)) * L15, no wet samples."""
    c = levels.shape[1]
    residual = F.conv2d(_symmetric_pad(levels, 1), _constant("high_pass", levels.device, levels.dtype).expand(c, 1, 3, 3), groups=c).abs()
    return _box_mean(1 / (_box_mean(residual, 1) + epsilon), 7)


def texture_weighted_error(error: torch.Tensor, cover: torch.Tensor) -> torch.Tensor:
    """Sum of squares of the error, each sample weighted by the cover's HILL cost over its mean."""
    with torch.no_grad():
        cost = hill_cost(cover * 255)
        weight = cost / cost.mean(dim=(2, 3), keepdim=True)
    return (weight * error ** 2).sum()


def chroma_high_pass(error: torch.Tensor) -> torch.Tensor:
    """Sum of squares of the high-pass residual of the error's colour differences."""
    colour = torch.cat((error[:, 0:1] - error[:, 1:2], error[:, 2:3] - error[:, 1:2]), 1)
    return (F.conv2d(colour, _constant("high_pass", error.device, error.dtype).expand(2, 1, 3, 3), groups=2) ** 2).sum()


@dataclass
class Objective:
    reconstruction: float = 5.0
    guide: float = 1.0
    low_frequency: float = 1.0
    luma: float = 0.0
    chroma: float = 0.0
    texture: float = 0.0
    adversary: float = 0.0

    def __call__(self, net: HidingNetwork, cover: torch.Tensor, secret: torch.Tensor, w: torch.Tensor | None,
                 steganalyser=None):
        """(total, its parts, training PSNRs, the 8-bit stego images); the adversary's term needs a steganalyser."""
        n = cover.shape[0]
        cover_branch = net.hide(cover, secret, w)
        stego = net.stego_image(cover_branch)
        quantized = quantize_8bit(stego)
        revealed = net.reveal(quantized)
        parts = {
            "recon": ((revealed - secret) ** 2).sum() / n,
            "guide": ((stego - cover) ** 2).sum() / n,
            "low": ((cover_branch[:, :3] - dwt(cover)[:, :3]) ** 2).sum() / n,
        }
        weights = {"recon": self.reconstruction, "guide": self.guide, "low": self.low_frequency}
        if self.luma:
            parts["luma"] = ((((stego - cover) * _constant("luma", stego.device, stego.dtype)).sum(1)) ** 2).sum() / n
            weights["luma"] = self.luma
        if self.chroma:
            parts["chroma"] = chroma_high_pass(stego - cover) / n
            weights["chroma"] = self.chroma
        if self.texture:
            parts["texture"] = texture_weighted_error(stego - cover, cover) / n
            weights["texture"] = self.texture
        if self.adversary:
            parts["adversary"] = steganalyser.fooled(steganalyser(quantized)) / n
            weights["adversary"] = self.adversary
        total = sum(weights[k] * v for k, v in parts.items())
        with torch.no_grad():
            psnr = {"stego": _psnr(quantized, cover), "secret": _psnr(quantize_8bit(revealed), secret)}
        return total, parts, psnr, quantized


def _psnr(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """A tensor (inf where the images are equal), so that the GPU never waits for the host."""
    return -10 * torch.log10(((a.float() - b.float()) ** 2).mean())
