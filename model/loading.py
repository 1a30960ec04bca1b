"""`load_classifier`: open any saved newsstance folder as the right kind of classifier."""

from __future__ import annotations

from pathlib import Path

from newsstance.model.base import ModelLoadError, StanceClassifier
from newsstance.model.storage import read_manifest
from newsstance.model.tfidf import TfidfClassifier
from newsstance.model.transformer import TransformerClassifier

KINDS: dict[str, type[StanceClassifier]] = {"tfidf": TfidfClassifier, "transformer": TransformerClassifier}


def load_classifier(directory: str | Path) -> StanceClassifier:
    """A fitted classifier from a folder written by `save`; never runs code from the folder."""
    manifest = read_manifest(directory)
    kind = manifest["kind"]
    if kind not in KINDS:
        raise ModelLoadError(f"{directory}: unknown model kind {kind!r}; expected one of {', '.join(KINDS)}")
    return KINDS[kind].load(directory)
