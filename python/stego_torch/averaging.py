"""The running mean of `--average-every N`, as the engine's WeightAveraging.Running keeps it: every
N steps the weights join a mean summed in double precision, written beside the checkpoint as
NAME-average.safetensors with no step (it is not a point to resume from) and the steps it covers
in `averaged_steps`, "first-last every N". `stego average-weights` averages such files."""
import torch
from torch import nn


def average_path(out: str) -> str:
    """run.safetensors -> run-average.safetensors, as `Trainer.averagePath` names it."""
    return out[:-len(".safetensors")] + "-average.safetensors" if out.endswith(".safetensors") else out + "-average"


class RunningMean:
    def __init__(self, net: nn.Module, every: int):
        self.every, self.count, self.first_step, self.last_step = every, 0, 0, 0
        self.sums = {name: torch.zeros_like(value, dtype=torch.float64) for name, value in net.state_dict().items()}

    @torch.no_grad()
    def add(self, net: nn.Module, step: int):
        """Adds the weights as they are after `step`."""
        for name, value in net.state_dict().items():
            self.sums[name] += value
        if self.count == 0:
            self.first_step = step
        self.last_step, self.count = step, self.count + 1

    def weights(self) -> dict[str, torch.Tensor]:
        return {name: (total / self.count).float() for name, total in self.sums.items()}

    def metadata(self, checkpoint_meta: dict[str, str]) -> dict[str, str]:
        """The checkpoint's metadata without its step, with the steps the mean covers."""
        return {k: v for k, v in checkpoint_meta.items() if k != "step"} | {
            "averaged_steps": f"{self.first_step}-{self.last_step} every {self.every}"}
