"""HiNet's training objective as `stego train` computes it (Model/HidingObjective.swift), on [0, 1]
images, sums of squares divided by the batch size:
    total = wR |revealed - secret|^2 + wG |stego - cover|^2 + wL |LL(stego) - LL(cover)|^2
            + wY |Y(stego) - Y(cover)|^2 + wC |K * chroma(stego - cover)|^2
            + wA softplus(z(stego))    (the twin alone: a steganalyser's logit, adversary.py)
the stego image rounded to 8 bits before reveal with a straight-through gradient; LL is the
cover branch's first 3 channels against DWT(cover)'s; Y = 0.299 R + 0.587 G + 0.114 B; chroma is
the error's colour differences (R - G, B - G) and K Ker and Boehme's 3x3 high-pass kernel / 4, on
interior pixels (Loss.chromaHighPassSumOfSquares)."""
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .network import HidingNetwork, quantize_8bit
from .wavelet import dwt

_LUMA = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)
_HIGH_PASS = torch.tensor([[-1.0, 2, -1], [2, -4, 2], [-1, 2, -1]]).view(1, 1, 3, 3) / 4


def chroma_high_pass(error: torch.Tensor) -> torch.Tensor:
    """Sum of squares of the high-pass residual of the error's colour differences."""
    colour = torch.cat((error[:, 0:1] - error[:, 1:2], error[:, 2:3] - error[:, 1:2]), 1)
    return (F.conv2d(colour, _HIGH_PASS.to(error).expand(2, 1, 3, 3), groups=2) ** 2).sum()


@dataclass
class Objective:
    reconstruction: float = 5.0
    guide: float = 1.0
    low_frequency: float = 1.0
    luma: float = 0.0
    chroma: float = 0.0
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
            parts["luma"] = ((((stego - cover) * _LUMA.to(stego)).sum(1)) ** 2).sum() / n
            weights["luma"] = self.luma
        if self.chroma:
            parts["chroma"] = chroma_high_pass(stego - cover) / n
            weights["chroma"] = self.chroma
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
