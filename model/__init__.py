"""The estimators: fit, predict, save, load, analyze. Imports only `data`."""

from data.labels import LABELS
from model.base import InputError, ModelLoadError, StanceClassifier
from model.loading import load_classifier
from model.tfidf import TfidfClassifier
from model.transformer import TransformerClassifier

__all__ = [
    "LABELS",
    "InputError",
    "ModelLoadError",
    "StanceClassifier",
    "TfidfClassifier",
    "TransformerClassifier",
    "load_classifier",
]
