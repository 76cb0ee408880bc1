"""HiNet's affine coupling block on the cover branch x1 and the secret branch x2:
    forward:  y1 = x1 + f(x2);                 y2 = e(r(y1)) * x2 + y(y1)
    inverse:  x2 = (y2 - y(y1)) / e(r(y1));   x1 = y1 - f(x2)
with e(s) = exp(clamp * 2 * (sigmoid(s) - 0.5))."""
import torch
from torch import nn

from .dense_subnet import DenseSubnet


class InvertibleBlock(nn.Module):
    def __init__(self, channels: int, growth: int, clamp: float = 2.0):
        super().__init__()
        self.clamp = clamp
        self.r = DenseSubnet(channels, channels, growth)
        self.y = DenseSubnet(channels, channels, growth)
        self.f = DenseSubnet(channels, channels, growth)

    def e(self, s: torch.Tensor) -> torch.Tensor:
        return torch.exp(self.clamp * 2 * (torch.sigmoid(s) - 0.5))

    def forward(self, x1: torch.Tensor, x2: torch.Tensor):
        y1 = x1 + self.f(x2)
        return y1, self.e(self.r(y1)) * x2 + self.y(y1)

    def inverse(self, y1: torch.Tensor, y2: torch.Tensor):
        x2 = (y2 - self.y(y1)) / self.e(self.r(y1))
        return y1 - self.f(x2), x2
