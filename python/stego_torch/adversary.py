"""A small colour steganalyser trained alongside the hiding network (the issue's adversary):
    z = linear(mean over pixels of conv3(conv2(|conv1(TLU(K * [R, G, B, R - G, B - G]))|)))
where K is Ker and Boehme's 3x3 high-pass kernel / 4 on 8-bit levels and TLU clips it to +-3 (as
steganalysers start: the fixed residual keeps the noise and drops the content). z > 0 says
"stego". The hiding network is trained to make z say "cover" for its stego images, and the
steganalyser, one step each, to tell them apart:
    hiding: + w softplus(z(stego))          steganalyser: softplus(z(cover)) + softplus(-z(stego))
Judge it only with a detector trained afresh (`stego eval`), never with this one."""
import torch
import torch.nn.functional as F
from torch import nn

from .objective import _constant


class Steganalyser(nn.Module):
    def __init__(self, width: int = 32):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(5, width, 3, padding=1), nn.Conv2d(width, width, 3, stride=2, padding=1),
                                    nn.Conv2d(width, width, 3, stride=2, padding=1)])
        self.classify = nn.Linear(width, 1)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        """[n, 3, H, W] in [0, 1] -> [n] logits."""
        x = image * 255
        sources = torch.cat((x, x[:, 0:1] - x[:, 1:2], x[:, 2:3] - x[:, 1:2]), 1)
        residual = F.conv2d(sources, _constant("high_pass", x.device, x.dtype).expand(5, 1, 3, 3), groups=5).clamp(-3, 3)
        x = self.convs[0](residual).abs()  # sign-blind, as Xu-Net's first layer: noise adds energy either way
        for conv in self.convs[1:]:
            x = F.leaky_relu(conv(x), 0.2)
        return self.classify(x.mean((2, 3))).squeeze(1)

    def loss(self, cover: torch.Tensor, stego: torch.Tensor) -> torch.Tensor:
        """Its own training loss: cover labelled 0, stego 1 (mean binary cross-entropy)."""
        return (F.softplus(self(cover)) + F.softplus(-self(stego))).mean()

    @staticmethod
    def fooled(logits: torch.Tensor) -> torch.Tensor:
        """The hiding network's term: cross-entropy of its stego images labelled cover, summed over the batch."""
        return F.softplus(logits).sum()
