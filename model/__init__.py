"""The estimators: fit, predict, save, load, analyze. Imports only `data`."""

from newsstance.data.labels import LABELS
from newsstance.model.base import InputError, ModelLoadError, StanceClassifier
from newsstance.model.loading import load_classifier
from newsstance.model.tfidf import TfidfClassifier
from newsstance.model.transformer import TransformerClassifier

__all__ = [
    "LABELS",
    "InputError",
    "ModelLoadError",
    "StanceClassifier",
    "TfidfClassifier",
    "TransformerClassifier",
    "load_classifier",
]
