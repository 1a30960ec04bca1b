"""Choosing where to run: CUDA (mixed precision), Apple MPS, or CPU; `--device` overrides."""

from __future__ import annotations

import torch

DEVICES = ("auto", "cpu", "cuda", "mps")


def available_device() -> str:
    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def resolve_device(requested: str) -> str:
    if requested not in DEVICES:
        raise ValueError(f"unknown device {requested!r}; choose from {', '.join(DEVICES)}")
    device = available_device() if requested == "auto" else requested
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' requested but no CUDA GPU is available")
    if device == "mps" and available_device() != "mps":
        raise ValueError("device 'mps' requested but Apple MPS is not available")
    return device


def inference_device(requested: str) -> torch.device:
    return torch.device(resolve_device(requested))


def make_accelerator(requested: str):
    """An Accelerator on the chosen device; mixed precision (bf16 if supported, else fp16) on CUDA."""
    from accelerate import Accelerator

    device = resolve_device(requested)
    precision = "no"
    if device == "cuda":
        precision = "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return Accelerator(cpu=device == "cpu", mixed_precision=precision)
