"""The PyTorch twin of stego's HiNet / DLV-HiNet and its trainer: the same networks, the same
objective and the same safetensors checkpoints as `stego train`, for GPUs and torchrun."""
