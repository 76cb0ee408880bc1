"""HiNet's dense sub-network (ResidualDenseBlock_out): five 3x3 convolutions, each seeing the input
and every earlier output, LeakyReLU 0.01 after the first four, none after the last."""
import torch
from torch import nn


class DenseSubnet(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, growth: int):
        super().__init__()
        for k in range(1, 6):
            width = in_channels + (k - 1) * growth
            setattr(self, f"conv{k}", nn.Conv2d(width, out_channels if k == 5 else growth, 3, padding=1))
        self.lrelu = nn.LeakyReLU(0.01)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = [x]
        for k in range(1, 5):
            features.append(self.lrelu(getattr(self, f"conv{k}")(torch.cat(features, dim=1))))
        return self.conv5(torch.cat(features, dim=1))

    def initialize(self, generator: torch.Generator | None = None):
        """HiNet's: every parameter 0.01 N(0, 1), the last convolution zero (identity block)."""
        for k in range(1, 6):
            conv = getattr(self, f"conv{k}")
            for p in (conv.weight, conv.bias):
                with torch.no_grad():
                    p.copy_(0.01 * torch.randn(p.shape, generator=generator) if k < 5 else torch.zeros_like(p))
