"""newsstance: sentence-level stance (assert / deny / hedge) and its source, for news articles.

    from newsstance import load_classifier, analyze
    classifier = load_classifier("runs/report/models/transformer")
    for sentence in analyze(article_text, classifier, outlet="The Daily Ledger"):
        print(sentence["label"], sentence["source"], sentence["text"])

The public API is below; the layers live in `newsstance.data` (clean, segment, dedupe, label,
load), `newsstance.model` (the estimators), `newsstance.training` (commands that fit and save)
and `newsstance.eval` (split, score, report, the command line). Names are imported on first
use, so `import newsstance.data` does not pay for torch.
"""

from __future__ import annotations

import importlib

# public name -> the module that defines it
_EXPORTS = {
    "analyze": "newsstance.model.analyze",
    "load_classifier": "newsstance.model.loading",
    "load_corpus": "newsstance.data.corpus",
    "TfidfClassifier": "newsstance.model.tfidf",
    "TransformerClassifier": "newsstance.model.transformer",
    "CorpusError": "newsstance.data.corpus",
    "InputError": "newsstance.model.base",
    "ModelLoadError": "newsstance.model.base",
    "LABELS": "newsstance.data.labels",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'newsstance' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
