"""HiNet's invertible hiding network in the Haar wavelet domain, with DLV-HiNet's dual latent
variable (SPEC sections 2-3). A = DWT(cover), B = DWT(secret); DLV-HiNet appends DWT(w0) to A and
DWT(w1) to B, w ~ N(0, 1) of shape [N, 2, H, W]:
    hide:    (A', B') = blocks(A, B);  stego = IWT(A'[:12])       (the rest is lost)
    reveal:  (A'', B'') = blocks^-1([DWT(stego), z_A], z_B);  secret = IWT(B''[:12])
with z = 0 standing in for the lost channels."""
from dataclasses import dataclass

import torch
from torch import nn

from .invertible_block import InvertibleBlock
from .wavelet import dwt, iwt


@dataclass(frozen=True)
class Config:
    dual_latent: bool
    blocks: int
    growth: int
    clamp: float = 2.0

    @property
    def method(self) -> str:
        return "dlv-hinet" if self.dual_latent else "hinet"

    @property
    def branch_channels(self) -> int:
        return 16 if self.dual_latent else 12

    @staticmethod
    def preset(name: str, method: str) -> "Config":
        """The presets of `stego train --preset`; HiNet gets blocks to match DLV-HiNet's size."""
        dual = method == "dlv-hinet"
        blocks, growth = {"paper": (16, 32) if dual else (18, 32), "small": (4, 16) if dual else (5, 16),
                          "tiny": (2, 8) if dual else (3, 8)}[name]
        return Config(dual, blocks, growth)

    def metadata(self) -> dict:
        """The checkpoint metadata `stego` reads (the same strings Swift writes)."""
        return {"method": self.method, "blocks": str(self.blocks), "growth": str(self.growth),
                "clamp": repr(float(self.clamp)), "branch_channels": str(self.branch_channels)}

    @staticmethod
    def from_metadata(meta: dict) -> "Config":
        if meta.get("method") not in ("dlv-hinet", "hinet"):
            raise ValueError("checkpoint metadata does not describe a hinet or dlv-hinet network")
        return Config(meta["method"] == "dlv-hinet", int(meta["blocks"]), int(meta["growth"]), float(meta["clamp"]))


class HidingNetwork(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        for k in range(1, config.blocks + 1):
            setattr(self, f"inv{k}", InvertibleBlock(config.branch_channels, config.growth, config.clamp))

    @property
    def blocks(self) -> list[InvertibleBlock]:
        return [getattr(self, f"inv{k}") for k in range(1, self.config.blocks + 1)]

    def initialize(self, generator: torch.Generator | None = None):
        for block in self.blocks:
            for subnet in (block.r, block.y, block.f):
                subnet.initialize(generator)

    def hide(self, cover: torch.Tensor, secret: torch.Tensor, w: torch.Tensor | None = None) -> torch.Tensor:
        """The cover-branch output A' [N, C, H/2, W/2]; the stego image is `stego_image(A')`."""
        a, b = dwt(cover), dwt(secret)
        if self.config.dual_latent:
            a, b = torch.cat([a, dwt(w[:, 0:1])], 1), torch.cat([b, dwt(w[:, 1:2])], 1)
        for block in self.blocks:
            a, b = block(a, b)
        return a

    @staticmethod
    def stego_image(cover_branch: torch.Tensor) -> torch.Tensor:
        return iwt(cover_branch[:, :12])

    def reveal(self, stego: torch.Tensor) -> torch.Tensor:
        """The secret from a (quantized) stego image, zero standing in for the lost channels."""
        n, _, h, w = stego.shape
        c = self.config.branch_channels
        a = dwt(stego)
        if c > 12:
            a = torch.cat([a, a.new_zeros(n, c - 12, h // 2, w // 2)], 1)
        b = a.new_zeros(n, c, h // 2, w // 2)
        for block in reversed(self.blocks):
            a, b = block.inverse(a, b)
        return iwt(b[:, :12])


def quantize_8bit(x: torch.Tensor) -> torch.Tensor:
    """round(clamp(x, 0, 1) * 255) / 255 with halves rounded up (as Swift's rounded()): the clamp's
    own gradient (0 outside [0, 1]) and a straight-through one for the rounding."""
    clamped = x.clamp(0, 1)
    return clamped + (torch.floor(clamped * 255 + 0.5) / 255 - clamped).detach()
