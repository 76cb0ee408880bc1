#!/usr/bin/env python3
"""Writes PyTorch reference fixtures for the compute engine (Tests/StegoKitTests/Fixtures/engine).

Run once by hand with the twin's Python (scripts/setup-python.sh); CI never runs it:
  python/.venv/bin/python scripts/make_engine_fixtures.py

Each file holds the inputs, the parameters (named as in HiNet's state_dict), the outputs, an
upstream gradient `grad_*` of the outputs, and the gradients of the inputs and parameters of
L = sum(outputs * upstream). References are computed in float64 and stored as float32.
The modules below follow HiNet's code (ResidualDenseBlock_out, INV_block).
"""
import pathlib
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "python"))
from stego_torch.checkpoint import write  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/StegoKitTests/Fixtures/engine"
torch.manual_seed(20261124)
torch.set_default_dtype(torch.float64)


class DenseSubnet(nn.Module):  # HiNet's ResidualDenseBlock_out
    def __init__(self, cin, cout, growth):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, growth, 3, 1, 1)
        self.conv2 = nn.Conv2d(cin + growth, growth, 3, 1, 1)
        self.conv3 = nn.Conv2d(cin + 2 * growth, growth, 3, 1, 1)
        self.conv4 = nn.Conv2d(cin + 3 * growth, growth, 3, 1, 1)
        self.conv5 = nn.Conv2d(cin + 4 * growth, cout, 3, 1, 1)
        self.lrelu = nn.LeakyReLU(0.01)

    def forward(self, x):
        x1 = self.lrelu(self.conv1(x))
        x2 = self.lrelu(self.conv2(torch.cat((x, x1), 1)))
        x3 = self.lrelu(self.conv3(torch.cat((x, x1, x2), 1)))
        x4 = self.lrelu(self.conv4(torch.cat((x, x1, x2, x3), 1)))
        return self.conv5(torch.cat((x, x1, x2, x3, x4), 1))


class InvertibleBlock(nn.Module):  # HiNet's INV_block
    def __init__(self, c1, c2, growth, clamp=2.0):
        super().__init__()
        self.clamp = clamp
        self.r = DenseSubnet(c1, c2, growth)
        self.y = DenseSubnet(c1, c2, growth)
        self.f = DenseSubnet(c2, c1, growth)

    def e(self, s):
        return torch.exp(self.clamp * 2 * (torch.sigmoid(s) - 0.5))

    def forward(self, x1, x2):
        y1 = x1 + self.f(x2)
        y2 = self.e(self.r(y1)) * x2 + self.y(y1)
        return y1, y2


def randomize(module, scale):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(scale * torch.randn_like(p))


def save(name, tensors, inputs, outputs, module, metadata):
    grads = {k: torch.randn_like(v) for k, v in outputs.items()}
    loss = sum((outputs[k] * grads[k]).sum() for k in outputs)
    params = dict(module.named_parameters()) if module is not None else {}
    diff = torch.autograd.grad(loss, list(inputs.values()) + list(params.values()))
    out = dict(tensors)
    out.update(inputs)
    out.update(outputs)
    out.update({f"grad_{k}": v for k, v in grads.items()})
    out.update({f"grad_{k}": d for k, d in zip(inputs, diff[:len(inputs)])})
    out.update({k: p for k, p in params.items()})
    out.update({f"{k}.grad": d for k, d in zip(params, diff[len(inputs):])})
    out = {k: v.detach().to(torch.float32).contiguous() for k, v in out.items()}
    write(str(OUT / f"{name}.safetensors"), out, {k: str(v) for k, v in metadata.items()})


def conv_fixtures():
    # 3x3, stride 1, padding 1 (the dense sub-network's convolution)
    conv = nn.Conv2d(5, 7, 3, 1, 1)
    randomize(conv, 0.2)
    x = torch.randn(2, 5, 9, 11, requires_grad=True)
    save("conv3x3", {}, {"x": x}, {"y": conv(x)}, conv, {"stride": 1, "padding": "1,1,1,1", "kernel": "3,3"})
    # 4x3 kernel, stride 2, asymmetric padding (top 1, left 2, bottom 0, right 1)
    conv = nn.Conv2d(3, 4, (4, 3), 2, 0)
    randomize(conv, 0.2)
    x = torch.randn(2, 3, 10, 9, requires_grad=True)
    y = conv(F.pad(x, (2, 1, 1, 0)))
    save("conv_strided", {}, {"x": x}, {"y": y}, conv, {"stride": 2, "padding": "1,2,0,1", "kernel": "4,3"})


def subnet_fixture():
    net = DenseSubnet(6, 5, 8)
    randomize(net, 0.1)
    x = torch.randn(2, 6, 8, 10, requires_grad=True)
    save("dense_subnet", {}, {"x": x}, {"y": net(x)}, net, {"in": 6, "out": 5, "growth": 8})


def block_fixture():
    block = InvertibleBlock(6, 5, 8)
    randomize(block, 0.05)
    x1 = torch.randn(2, 6, 8, 6, requires_grad=True)
    x2 = torch.randn(2, 5, 8, 6, requires_grad=True)
    y1, y2 = block(x1, x2)
    save("invertible_block", {}, {"x1": x1, "x2": x2}, {"y1": y1, "y2": y2}, block,
         {"cover": 6, "secret": 5, "growth": 8, "clamp": 2.0})


def dwt(x):  # HiNet's dwt_init
    x01, x02 = x[:, :, 0::2, :] / 2, x[:, :, 1::2, :] / 2
    x1, x2, x3, x4 = x01[:, :, :, 0::2], x02[:, :, :, 0::2], x01[:, :, :, 1::2], x02[:, :, :, 1::2]
    return torch.cat((x1 + x2 + x3 + x4, -x1 - x2 + x3 + x4, -x1 + x2 - x3 + x4, x1 - x2 - x3 + x4), 1)


def iwt(x):  # HiNet's iwt_init
    c = x.shape[1] // 4
    x1, x2, x3, x4 = x[:, :c] / 2, x[:, c:2 * c] / 2, x[:, 2 * c:3 * c] / 2, x[:, 3 * c:] / 2
    h = torch.zeros(x.shape[0], c, 2 * x.shape[2], 2 * x.shape[3], dtype=x.dtype)
    h[:, :, 0::2, 0::2] = x1 - x2 - x3 + x4
    h[:, :, 1::2, 0::2] = x1 - x2 + x3 - x4
    h[:, :, 0::2, 1::2] = x1 + x2 - x3 - x4
    h[:, :, 1::2, 1::2] = x1 + x2 + x3 + x4
    return h


class HidingNetwork(nn.Module):
    def __init__(self, blocks, channels, growth):
        super().__init__()
        self.blocks = blocks
        for k in range(1, blocks + 1):
            setattr(self, f"inv{k}", InvertibleBlock(channels, channels, growth))

    def forward(self, a, b, rev=False):
        order = range(1, self.blocks + 1) if not rev else range(self.blocks, 0, -1)
        for k in order:
            block = getattr(self, f"inv{k}")
            if not rev:
                a, b = block(a, b)
            else:
                s = block.e(block.r(a))
                b = (b - block.y(a)) / s
                a = a - block.f(b)
        return a, b


def network_fixture():
    """A whole DLV-HiNet (2 blocks, growth 8): hide, 8-bit rounding (clamp to [0, 1], whose
    gradient is 0 outside, then rounding with a straight-through gradient), reveal with zero
    stand-ins, HiNet's loss (5 recon + guide + low, sums / N)."""
    net = HidingNetwork(2, 16, 8)
    randomize(net, 0.05)
    cover, secret = torch.rand(2, 3, 8, 12), torch.rand(2, 3, 8, 12)
    w = torch.randn(2, 2, 8, 12)
    a = torch.cat((dwt(cover), dwt(w[:, 0:1])), 1)
    b = torch.cat((dwt(secret), dwt(w[:, 1:2])), 1)
    a_out, _ = net(a, b)
    stego = iwt(a_out[:, :12])
    clamped = stego.clamp(0, 1)
    quantized = clamped + ((clamped * 255).round() / 255 - clamped).detach()
    z = torch.zeros(2, 16, 4, 6)
    _, b_rev = net(torch.cat((dwt(quantized), z[:, :4]), 1), z, rev=True)
    revealed = iwt(b_rev[:, :12])
    n = cover.shape[0]
    recon = ((revealed - secret) ** 2).sum() / n
    guide = ((stego - cover) ** 2).sum() / n
    low = ((a_out[:, :3] - dwt(cover)[:, :3]) ** 2).sum() / n
    loss = 5 * recon + guide + low
    params = dict(net.named_parameters())
    grads = torch.autograd.grad(loss, list(params.values()))
    out = {"cover": cover, "secret": secret, "w": w, "stego": stego, "revealed": revealed,
           "loss": torch.stack([loss, recon, guide, low])}
    out.update(params)
    out.update({f"{k}.grad": g for k, g in zip(params, grads)})
    write(str(OUT / "dlv_network.safetensors"), out, {"blocks": "2", "growth": "8", "channels": "16"})


def adam_fixture():
    """Five steps of torch.optim.Adam with weight decay, for given gradients."""
    w = torch.randn(10, requires_grad=True)
    start = w.detach().clone()
    opt = torch.optim.Adam([w], lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
    grads = torch.randn(5, 10)
    for g in grads:
        opt.zero_grad()
        w.grad = g.clone()
        opt.step()
    tensors = {"start": start, "grads": grads, "final": w.detach()}
    write(str(OUT / "adam.safetensors"), tensors, {"lr": "0.01", "weight_decay": "0.1"})


def chroma_loss_fixture():
    """The colour residual loss from its definition: e = a - b, c1 = e_R - e_G, c2 = e_B - e_G,
    sum of squares of the valid 3x3 convolution with KB / 4, and its gradient in a (autograd).
    Its own generator, so that adding it left the other fixtures as they were."""
    g = torch.Generator().manual_seed(20261126)
    a = torch.rand(2, 3, 9, 11, generator=g, requires_grad=True)
    b = torch.rand(2, 3, 9, 11, generator=g)
    kernel = torch.tensor([[-1.0, 2, -1], [2, -4, 2], [-1, 2, -1]]).view(1, 1, 3, 3) / 4
    e = a - b
    colour = torch.cat((e[:, 0:1] - e[:, 1:2], e[:, 2:3] - e[:, 1:2]), 1)
    loss = (F.conv2d(colour, kernel.expand(2, 1, 3, 3), groups=2) ** 2).sum()
    loss.backward()
    write(str(OUT / "chroma_loss.safetensors"), {"a": a, "b": b, "grad_a": a.grad}, {"loss": repr(loss.item())})


if __name__ == "__main__":
    # With names, only those fixtures: python3 scripts/make_engine_fixtures.py chroma_loss_fixture
    OUT.mkdir(parents=True, exist_ok=True)
    fixtures = [conv_fixtures, subnet_fixture, block_fixture, adam_fixture, network_fixture, chroma_loss_fixture]
    for fixture in fixtures:
        if len(sys.argv) == 1 or fixture.__name__ in sys.argv[1:]:
            fixture()
