"""Commands that fit and save models."""

from training.config import TrainConfig
from training.train import build_classifier, train

__all__ = ["TrainConfig", "build_classifier", "train"]
