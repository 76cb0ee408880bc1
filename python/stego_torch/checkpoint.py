"""`stego train`'s checkpoints: safetensors files (float32, HiNet's parameter names, the network's
configuration and the step in the metadata) for the weights, and FILE.state for Adam's moments
(`<name>.adam_m`, `<name>.adam_v`) with the step and the learning-rate scale. Written here
without the safetensors package: the format is an 8-byte header length, a JSON header, raw data."""
import json
import os
import struct
import tempfile

import torch


def read(path: str) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] not in ("F32", "F16"):
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}, expected F32 or F16")
        start, end = entry["data_offsets"]
        dtype = torch.float32 if entry["dtype"] == "F32" else torch.float16
        raw = bytearray(data[8 + length + start:8 + length + end])
        tensors[name] = torch.frombuffer(raw, dtype=dtype).float().reshape(entry["shape"])
    return tensors, meta


def write(path: str, tensors: dict[str, torch.Tensor], meta: dict[str, str]):
    """Writes atomically (a temporary file in the same folder, then a rename), with the mode the
    umask gives a new file, or the replaced file's mode."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        blob = tensors[name].detach().to("cpu", torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = meta
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.exists(path):
        mode = os.stat(path).st_mode & 0o7777
    else:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o666 & ~mask
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".stego-")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def adam_state(optimizer: torch.optim.Adam, names: dict[torch.nn.Parameter, str]) -> dict[str, torch.Tensor]:
    """Adam's moments under `stego train`'s names (parameters never updated have zero moments)."""
    out = {}
    for group in optimizer.param_groups:
        for p in group["params"]:
            state = optimizer.state.get(p, {})
            out[names[p] + ".adam_m"] = state.get("exp_avg", torch.zeros_like(p))
            out[names[p] + ".adam_v"] = state.get("exp_avg_sq", torch.zeros_like(p))
    return out


def restore_adam(optimizer: torch.optim.Adam, names: dict[torch.nn.Parameter, str], tensors: dict[str, torch.Tensor], step: int):
    """Puts `stego train`'s (or our) moments and step into a torch Adam: the two compute the same update."""
    for group in optimizer.param_groups:
        for p in group["params"]:
            m, v = tensors[names[p] + ".adam_m"], tensors[names[p] + ".adam_v"]
            if m.shape != p.shape or v.shape != p.shape:
                raise ValueError(f"optimizer state of {names[p]} has shape {tuple(m.shape)}, expected {tuple(p.shape)}")
            optimizer.state[p] = {"step": torch.tensor(float(step)), "exp_avg": m.to(p).clone(), "exp_avg_sq": v.to(p).clone()}
