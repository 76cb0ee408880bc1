"""Trains HiNet / DLV-HiNet like `stego train`, on a GPU or CPU, on one process or many:

    python -m stego_torch.train --method dlv-hinet --data photos/ --out dlv.safetensors --steps 20000
    torchrun --nproc_per_node=8 -m stego_torch.train ...      (DistributedDataParallel)

Checkpoints are `stego train`'s (FILE and FILE.state) and resume either way; every rank draws its
own crops, rank 0 writes checkpoints and the CSV log (FILE.csv)."""
import argparse
import csv
import math
import os
import signal
import sys
import time

import torch
import torch.distributed as dist
from torch import nn

from . import checkpoint, latent
from .adversary import Steganalyser
from .averaging import RunningMean, average_path
from .data import ImageFolder
from .network import Config, HidingNetwork, quantize_8bit
from .objective import Objective

REPORT_SECONDS = 10  # between progress lines; a due report reads the step's figures at once


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m stego_torch.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--method", choices=["dlv-hinet", "hinet"], default="dlv-hinet")
    p.add_argument("--data", required=True, help="folder of training PNGs (searched recursively)")
    p.add_argument("--out", required=True, help="checkpoint to write; Adam's state goes to OUT.state, the log to OUT.csv")
    p.add_argument("--preset", choices=["paper", "small", "tiny"], default="small")
    p.add_argument("--blocks", type=int, help="override the preset's block count")
    p.add_argument("--growth", type=int, help="override the preset's growth")
    p.add_argument("--steps", type=int, default=10_000, help="steps in total (a resumed run counts those done)")
    p.add_argument("--crop", type=int, default=128)
    p.add_argument("--batch", type=int, default=4, help="pairs per step and per process")
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--lr-halve-every", type=int, default=0, help="halve the learning rate every N steps (0: never)")
    p.add_argument("--warmup-steps", type=int, default=0, help="raise the learning rate linearly over the first N steps (0: at once); "
                   "use it with --grow-from: a fresh Adam's first steps move every weight by the full rate")
    p.add_argument("--clip", type=float, default=10.0, help="global gradient-norm clipping")
    p.add_argument("--weight-decay", type=float, default=1e-5)
    p.add_argument("--reconstruction-weight", type=float, default=5.0)
    p.add_argument("--guide-weight", type=float, default=1.0)
    p.add_argument("--low-frequency-weight", type=float, default=1.0)
    p.add_argument("--luma-weight", type=float, default=0.0)
    p.add_argument("--chroma-weight", type=float, default=0.0, help="high-pass residual of the stego error's colour differences")
    p.add_argument("--texture-weight", type=float, default=0.0, help="the stego error weighted by the cover's HILL cost: a change "
                   "in a smooth area, where steganalysers look first, costs more (the twin alone)")
    p.add_argument("--adversary-weight", type=float, default=0.0, help="train a steganalyser alongside (adversary.py) and weigh its "
                   "verdict on the stego images by this (0: none; the twin alone, on one process; saved to OUT.adversary)")
    p.add_argument("--adversary-lr", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--checkpoint-minutes", type=float, default=5.0)
    p.add_argument("--average-every", type=int, default=0, help="every N steps add the weights to a running mean, written with "
                   "each checkpoint as OUT's name with -average (0: none; a resumed run starts a new mean)")
    p.add_argument("--val", help="folder of validation PNGs (never the training folder)")
    p.add_argument("--val-every", type=int, default=1000)
    p.add_argument("--val-size", type=int, default=256)
    p.add_argument("--resume", action="store_true", help="continue from OUT and OUT.state")
    p.add_argument("--grow-from", metavar="FILE", help="start from a checkpoint of the same method and growth with fewer "
                   "blocks: its blocks come first, the added ones start as the identity")
    p.add_argument("--force", action="store_true", help="replace an existing OUT when not resuming")
    p.add_argument("--bf16", action="store_true", help="bfloat16 autocast on CUDA")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--threads", type=int, help="CPU threads per process")
    a = p.parse_args(argv)
    if a.crop < 16 or a.crop % 2 or a.batch < 1 or a.steps < 1 or a.warmup_steps < 0 or a.lr_halve_every < 0 or a.average_every < 0:
        p.error("--crop must be even and at least 16; --batch and --steps positive; "
                "--warmup-steps, --lr-halve-every and --average-every not negative")
    if a.val and os.path.realpath(a.val) == os.path.realpath(a.data):
        p.error("--val must not be the training folder")
    return a


class TrainingStep(nn.Module):
    """The objective as a module's forward, so that DistributedDataParallel sees one call."""

    def __init__(self, net: HidingNetwork, objective: Objective):
        super().__init__()
        self.net, self.objective = net, objective

    def forward(self, cover, secret, w, steganalyser=None):
        return self.objective(self.net, cover, secret, w, steganalyser)


def main(argv=None):
    args = parse(argv)
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    rank, world = 0, 1
    device = torch.device(args.device)
    if distributed:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
            torch.cuda.set_device(device)
    if args.threads:
        torch.set_num_threads(args.threads)
    if device.type == "cuda":  # the crop and batch never change: find the fastest convolutions once
        torch.backends.cudnn.benchmark = True
    if distributed and args.adversary_weight:
        raise SystemExit("--adversary-weight trains on one process only")
    log = Log(args.out + ".csv", enabled=rank == 0)

    config = Config.preset(args.preset, args.method)
    config = Config(config.dual_latent, args.blocks or config.blocks, args.growth or config.growth, config.clamp)
    net = HidingNetwork(config).to(device)
    names = {p: n for n, p in net.named_parameters()}
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    step, rate_scale = 0, 1.0
    torch.manual_seed(args.seed)  # the steganalyser's first weights follow --seed too
    steganalyser = Steganalyser().to(device) if args.adversary_weight else None
    steganalyser_optimizer = torch.optim.Adam(steganalyser.parameters(), lr=args.adversary_lr) if steganalyser else None
    if args.resume:
        step, rate_scale = resume(args, net, optimizer, names, device)
        log.say(f"resumed from {args.out} at step {step}")
        if steganalyser and os.path.exists(args.out + ".adversary"):
            steganalyser.load_state_dict({k: v.to(device) for k, v in checkpoint.read(args.out + ".adversary")[0].items()})
            log.say(f"the steganalyser resumed from {args.out}.adversary (its Adam starts afresh)")
    else:
        for path in [args.out] + ([average_path(args.out)] if args.average_every else []):
            if os.path.exists(path) and not args.force:
                raise SystemExit(f"{path} exists: use --resume to continue it or --force to replace it")
        net.initialize(torch.Generator().manual_seed(args.seed))
        if args.grow_from:
            grow(net, args.grow_from, device)
            log.say(f"grown from {args.grow_from}")
    if distributed:  # every rank starts from rank 0's weights
        for p in net.parameters():
            dist.broadcast(p.data, 0)

    data = ImageFolder(args.data, device, minimum_size=args.crop)
    validation = ImageFolder(args.val, device) if args.val and rank == 0 else None
    generator = torch.Generator(device="cpu").manual_seed(args.seed + 1_000_003 * rank + 7919 * step)
    latent_generator = torch.Generator(device=device).manual_seed(args.seed + 31 * rank + step)
    objective = Objective(args.reconstruction_weight, args.guide_weight, args.low_frequency_weight, args.luma_weight, args.chroma_weight,
                          args.texture_weight, args.adversary_weight)
    model = TrainingStep(net, objective)
    if distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    log.say(f"training {config.method} (blocks {config.blocks}, growth {config.growth}; "
            f"{sum(p.numel() for p in net.parameters())} parameters) on {len(data.images)} images, "
            f"{world} process(es) on {device.type}, batch {args.batch} per process")

    signalled = []
    signal.signal(signal.SIGTERM, lambda *_: signalled.append(1))
    signal.signal(signal.SIGINT, lambda *_: signalled.append(1))
    stopping = False
    good = snapshot(net, optimizer, step)
    average = RunningMean(net, args.average_every) if args.average_every and rank == 0 else None
    last_checkpoint = last_report = time.time()
    start, start_step, failures, recent = time.time(), step, 0, []
    pending = None  # the previous step's figures: read once this step's work is queued
    progress = make_progress(args.steps, step) if rank == 0 else None
    while step < args.steps and not stopping:
        lr = learning_rate(step, args) * rate_scale
        for group in optimizer.param_groups:
            group["lr"] = lr
        cover, secret = (t.to(device) for t in data.random_pairs(args.batch, args.crop, generator))
        w = torch.randn(args.batch, 2, args.crop, args.crop, device=device, generator=latent_generator) if config.dual_latent else None
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16 and device.type == "cuda"):
            total, parts, psnr, stego = model(cover, secret, w, steganalyser)
        total.backward()
        norm = nn.utils.clip_grad_norm_(net.parameters(), args.clip)  # all-reduced gradients: every rank agrees
        optimizer.step()  # a non-finite step is undone below, from the last good state
        if steganalyser:
            parts["steganalyser"] = train_steganalyser(steganalyser, steganalyser_optimizer, cover, stego.detach(), args, device)
        figures = StepFigures(norm, total, parts, psnr)
        step += 1
        now = time.time()
        checkpoint_due, stopping = agreed([now - last_checkpoint >= args.checkpoint_minutes * 60, bool(signalled)], distributed, device)
        due = {"report": now - last_report >= REPORT_SECONDS or step == args.steps or stopping, "checkpoint": checkpoint_due,
               "validation": bool(validation and args.val_every and step % args.val_every == 0)}
        read = [pending] if pending else []
        if any(due.values()) or distributed:  # ranks read each step at once, so that they restore together
            read, pending = read + [figures], None
        else:
            pending = figures
        values = [f.read() for f in read]
        if not all(map(StepFigures.finite, values)):
            failures += 1
            if failures >= 20:
                raise SystemExit(f"20 non-finite losses in a row at step {step}: giving up (check the data and --lr)")
            rate_scale *= 0.5
            step, pending = restore(net, optimizer, good), None
            if average:  # the weights before a diverging step are suspect: the mean starts again
                average = RunningMean(net, args.average_every)
            log.say(f"step {step}: non-finite loss; restored the state of step {step}, learning rate now x{rate_scale}")
            continue
        failures = 0 if values else failures
        if average and step % args.average_every == 0:  # a step found non-finite later restarts the mean above
            average.add(net, step)
        recent += values
        if progress:
            progress.update(1)
        if due["report"] and recent:
            log.report(step, args, recent, (step - start_step) * args.batch * world / (now - start), lr)
            recent, last_report = [], now
        if due["checkpoint"]:
            good = save(args, net, optimizer, names, config, step, rate_scale, rank, log, steganalyser, average)
            last_checkpoint = now
        if due["validation"]:
            log.validation(step, validate(net, validation, args, device), (time.time() - start) / 3600)
    if pending and not StepFigures.finite(pending.read()):  # stopped before the last step was read
        step = restore(net, optimizer, good)
        average = None  # it may hold that step's weights
    save(args, net, optimizer, names, config, step, rate_scale, rank, log, steganalyser, average)
    if progress:
        progress.close()
    log.close()
    if distributed:  # leave together: no rank tears its connections down while rank 0 still saves
        dist.barrier()
        dist.destroy_process_group()


class StepFigures:
    """One step's gradient norm, loss, its parts and training PSNRs, copied to the host without
    waiting for the GPU: `read` waits for that copy alone, so the loop reads a step's figures after
    queuing the next step's work and the GPU never idles while Python prepares it."""

    def __init__(self, norm, total, parts, psnr):
        self.names = ["norm", "loss", *parts, "stego", "secret"]
        values = torch.stack([t.detach().float() for t in (norm, total, *parts.values(), psnr["stego"], psnr["secret"])])
        self.host = values.to("cpu", non_blocking=True)
        self.copied = None
        if values.is_cuda:
            self.copied = torch.cuda.Event()
            self.copied.record()

    def read(self) -> dict:
        if self.copied:
            self.copied.synchronize()
        return dict(zip(self.names, self.host.tolist()))

    @staticmethod
    def finite(values: dict) -> bool:
        return math.isfinite(values["norm"]) and math.isfinite(values["loss"])


def train_steganalyser(steganalyser, optimizer, cover, stego, args, device) -> torch.Tensor:
    """One step of the adversary on this step's covers and stego images; its loss (log 2 = guessing)."""
    optimizer.zero_grad(set_to_none=True)  # also drops what the hiding step left in its gradients
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.bf16 and device.type == "cuda"):
        loss = steganalyser.loss(cover, stego)
    loss.backward()
    optimizer.step()
    return loss.detach()


def learning_rate(step, args):
    """`stego train`'s schedule: halved every --lr-halve-every steps, raised linearly over the first --warmup-steps."""
    rate = args.lr * (0.5 ** (step // args.lr_halve_every) if args.lr_halve_every else 1)
    return rate * (step + 1) / args.warmup_steps if step < args.warmup_steps else rate


def resume(args, net, optimizer, names, device):
    weights, meta = checkpoint.read(args.out)
    state, state_meta = checkpoint.read(args.out + ".state")
    saved = Config.from_metadata(meta)
    if saved != net.config:
        raise SystemExit(f"{args.out}: saved network {saved} differs from the requested {net.config}")
    if meta.get("step") != state_meta.get("step"):
        raise SystemExit(f"{args.out} is at step {meta.get('step')} but its state at {state_meta.get('step')}")
    net.load_state_dict({k: v.to(device) for k, v in weights.items()})
    step = int(state_meta["step"])
    checkpoint.restore_adam(optimizer, names, {k: v.to(device) for k, v in state.items()}, step)
    return step, float(state_meta.get("rate_scale", "1.0"))


def grow(net, path, device):
    """The smaller network's blocks first; the added blocks keep HiNet's zero last convolution, so
    each is the identity and the grown network hides and reveals as the smaller one did."""
    weights, meta = checkpoint.read(path)
    saved, target = Config.from_metadata(meta), net.config
    if (saved.dual_latent, saved.growth, saved.clamp) != (target.dual_latent, target.growth, target.clamp) or saved.blocks > target.blocks:
        raise SystemExit(f"{path}: cannot grow {saved} into {target}: same method and growth, no more blocks")
    expected = set(HidingNetwork(saved).state_dict())  # every tensor of the saved network, as a strict load wants
    if set(weights) != expected:
        raise SystemExit(f"{path}: its tensors are not those of {saved} (missing {sorted(expected - set(weights))[:3]}, "
                         f"unknown {sorted(set(weights) - expected)[:3]})")
    net.load_state_dict({k: v.to(device) for k, v in weights.items()}, strict=False)


def agreed(decisions, distributed, device):
    """Under torchrun the ranks take each decision (checkpoint now, stop now) at the same step,
    when any rank takes it: each has its own clock and may be signalled alone, and a rank that
    snapshots or stops on its own would restore other weights than the rest, or leave them
    waiting for its gradients."""
    if not distributed:
        return decisions
    flags = torch.tensor(decisions, dtype=torch.int32, device=device)
    dist.all_reduce(flags, op=dist.ReduceOp.MAX)
    return [bool(flag) for flag in flags.tolist()]


def snapshot(net, optimizer, step):
    return step, {k: v.clone() for k, v in net.state_dict().items()}, {
        p: {k: (v.clone() if torch.is_tensor(v) else v) for k, v in s.items()} for p, s in optimizer.state.items()}


def restore(net, optimizer, good) -> int:
    step, weights, state = good
    net.load_state_dict(weights)
    optimizer.state.clear()
    for p, s in state.items():
        optimizer.state[p] = {k: (v.clone() if torch.is_tensor(v) else v) for k, v in s.items()}
    return step


def save(args, net, optimizer, names, config, step, rate_scale, rank, log, steganalyser=None, average=None):
    if rank == 0:
        meta = config.metadata() | {"step": str(step), "crop": str(args.crop), "batch": str(args.batch), "reveal_latent": "zero"}
        # The state first: a kill between the two writes leaves the weights behind, and --resume refuses.
        checkpoint.write(args.out + ".state", checkpoint.adam_state(optimizer, names), {"step": str(step), "rate_scale": repr(rate_scale)})
        checkpoint.write(args.out, dict(net.state_dict()), meta)
        if steganalyser:
            checkpoint.write(args.out + ".adversary", dict(steganalyser.state_dict()), {"step": str(step)})
        log.say(f"step {step}: checkpoint written to {args.out}")
        if average and average.count:
            mean = average.metadata(meta)
            checkpoint.write(average_path(args.out), average.weights(), mean)
            log.say(f"step {step}: mean of {average.count} weights (steps {mean['averaged_steps']}) written to {average_path(args.out)}")
    return snapshot(net, optimizer, step)


@torch.no_grad()
def validate(net, folder, args, device):
    """Mean Y and RGB PSNR of cover/stego and secret/recovery, pairs (i, i+1), 8-bit images,
    DLV-HiNet's latent drawn from --seed as `stego train` validates."""
    results = {"cs_psnr_y": [], "cs_psnr_rgb": [], "sr_psnr_y": [], "sr_psnr_rgb": []}
    for cover, secret in folder.validation_pairs(args.val_size):
        _, _, h, w = cover.shape
        z = latent.hide_latent(args.seed, h, w).to(device) if net.config.dual_latent else None
        stego = quantize_8bit(net.stego_image(net.hide(cover, secret, z)))
        revealed = quantize_8bit(net.reveal(stego))
        for prefix, a, b in (("cs", cover, stego), ("sr", secret, revealed)):
            results[prefix + "_psnr_y"].append(psnr(luma(a), luma(b)))
            results[prefix + "_psnr_rgb"].append(psnr(a * 255, b * 255))
    return {k: sum(v) / len(v) for k, v in results.items()}


def luma(x):
    """BT.601 Y on 0-255, as `stego compare` computes it."""
    return 16 + (65.481 * x[:, 0] + 128.553 * x[:, 1] + 24.966 * x[:, 2])


def psnr(a, b):
    mse = float(((a.double() - b.double()) ** 2).mean())
    return float("inf") if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def make_progress(total, done):
    if not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, initial=done, unit="step", dynamic_ncols=True)


class Log:
    """Progress lines on stderr (like `stego train`) and a CSV of losses and validation figures."""

    fields = ["step", "hours", "kind", "loss", "recon", "guide", "low", "luma", "chroma", "texture", "adversary", "steganalyser", "psnr_stego", "psnr_secret", "pairs_per_s", "lr",
              "cs_psnr_y", "cs_psnr_rgb", "sr_psnr_y", "sr_psnr_rgb"]

    def __init__(self, path, enabled):
        self.enabled, self.start = enabled, time.time()
        if enabled:
            new = not os.path.exists(path)
            # A resumed run keeps the columns its log was started with (an older twin's: fewer).
            fields = self.fields
            if not new:
                with open(path, newline="") as log:
                    fields = next(csv.reader(log), self.fields)
            self.file = open(path, "a", newline="")
            self.csv = csv.DictWriter(self.file, fields, extrasaction="ignore")
            if new:
                self.csv.writeheader()

    def close(self):
        if self.enabled:
            self.file.close()

    def say(self, text):
        if self.enabled:
            print(text, file=sys.stderr, flush=True)

    def row(self, values):
        if self.enabled:
            self.csv.writerow(values | {"hours": f"{(time.time() - self.start) / 3600:.4f}"})
            self.file.flush()

    def report(self, step, args, recent, rate, lr):
        """`recent`: the steps' figures (StepFigures.read) since the last report."""
        mean = {k: sum(r[k] for r in recent) / len(recent) for k in recent[0]}
        parts = {k: v for k, v in mean.items() if k not in ("norm", "loss", "stego", "secret")}
        self.say(f"step {step}/{args.steps}  loss {mean['loss']:.4g} (" + ", ".join(f"{k} {v:.4g}" for k, v in parts.items())
                 + f")  PSNR stego {mean['stego']:.2f} dB, secret {mean['secret']:.2f} dB  {rate:.2f} pairs/s  lr {lr:.2g}")
        self.row({"step": step, "kind": "train", "loss": mean["loss"], **parts, "psnr_stego": mean["stego"],
                  "psnr_secret": mean["secret"], "pairs_per_s": rate, "lr": lr})

    def validation(self, step, figures, hours):
        self.say(f"step {step} validation: cover/stego Y-PSNR {figures['cs_psnr_y']:.2f} RGB {figures['cs_psnr_rgb']:.2f} | "
                 f"secret/recovery Y-PSNR {figures['sr_psnr_y']:.2f} RGB {figures['sr_psnr_rgb']:.2f} ({hours:.3f} h into this run)")
        self.row({"step": step, "kind": "validation", **figures})


if __name__ == "__main__":
    main()
