"""The orthonormal Haar transform in HiNet's layout (SPEC section 1): for each 2x2 block a b / c d,
LL = (a+b+c+d)/2, HL = (b+d-a-c)/2, LH = (c+d-a-b)/2, HH = (a+d-b-c)/2, subband-major:
[N, C, H, W] -> [N, 4C, H/2, W/2] with channel k of subband s at s*C + k."""
import torch


def dwt(x: torch.Tensor) -> torch.Tensor:
    a, b = x[:, :, 0::2, 0::2], x[:, :, 0::2, 1::2]
    c, d = x[:, :, 1::2, 0::2], x[:, :, 1::2, 1::2]
    return 0.5 * torch.cat([a + b + c + d, b + d - a - c, c + d - a - b, a + d - b - c], dim=1)


def iwt(y: torch.Tensor) -> torch.Tensor:
    ll, hl, lh, hh = y.chunk(4, dim=1)
    n, c, h, w = ll.shape
    x = y.new_empty(n, c, 2 * h, 2 * w)
    x[:, :, 0::2, 0::2] = 0.5 * (ll - hl - lh + hh)
    x[:, :, 0::2, 1::2] = 0.5 * (ll + hl - lh - hh)
    x[:, :, 1::2, 0::2] = 0.5 * (ll - hl + lh - hh)
    x[:, :, 1::2, 1::2] = 0.5 * (ll + hl + lh + hh)
    return x
