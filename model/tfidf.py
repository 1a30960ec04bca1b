"""TF-IDF + logistic regression: the fast baseline for bulk work.

Word 1-2-grams carry the stance cues ("denied", "could not confirm", "if true"); character
2-5-grams inside word boundaries carry their inflections and spelling variants. The
regularisation strength is chosen by grouped cross-validation, so sentences of one story
never inform the choice made on another. Saved with skops and loaded with an explicit list
of trusted types: nothing in the file can run code.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import skops.io as sio
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from model.base import ModelLoadError, StanceClassifier, check_labels, check_texts, data_fingerprint
from model.card import write_model_card
from model.storage import read_manifest, require_files, save_atomically, write_json, write_manifest

PIPELINE_FILE = "pipeline.skops"
CONFIG_FILE = "config.json"

# Every type a saved pipeline may contain; anything else in a file is refused.
TRUSTED_TYPES = frozenset(
    {
        "sklearn.pipeline.Pipeline",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "numpy.float64",
        "numpy.int64",
        "numpy.dtype",
        "builtins.slice",
        "scipy.sparse._csr.csr_matrix",
        "scipy.sparse._csr.csr_array",
        "scipy.sparse._dia.dia_matrix",
        "scipy.sparse._dia.dia_array",
    }
)


class TfidfClassifier(StanceClassifier):
    kind = "tfidf"

    def __init__(
        self,
        C_grid: Sequence[float] = (0.5, 2.0, 8.0),
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (2, 5),
        cv_folds: int = 4,
        max_iter: int = 2000,
    ):
        self.C_grid = C_grid
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.cv_folds = cv_folds
        self.max_iter = max_iter

    def _pipeline(self) -> Pipeline:
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=tuple(self.word_ngrams), sublinear_tf=True, min_df=1,
                                          token_pattern=r"(?u)\b\w+\b|[?“”\"]")),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams),
                                          sublinear_tf=True, min_df=2)),
            ]
        )
        classifier = LogisticRegression(class_weight="balanced", max_iter=self.max_iter)
        return Pipeline([("features", features), ("classifier", classifier)])

    def fit(self, texts, labels, groups=None):
        texts = check_texts(texts)
        label_ids = check_labels(labels, len(texts))
        started = time.perf_counter()
        groups = list(groups) if groups is not None else list(range(len(texts)))
        folds = min(self.cv_folds, len(set(groups)))
        if len(self.C_grid) > 1 and folds >= 2:
            search = GridSearchCV(
                self._pipeline(),
                {"classifier__C": list(self.C_grid)},
                scoring="f1_macro",
                cv=GroupKFold(n_splits=folds),
                n_jobs=None,
            )
            search.fit(texts, label_ids, groups=groups)
            self.pipeline_ = search.best_estimator_
            self.best_C_ = float(search.best_params_["classifier__C"])
            self.cv_macro_f1_ = float(search.best_score_)
        else:
            self.best_C_ = float(self.C_grid[0])
            self.pipeline_ = self._pipeline().set_params(classifier__C=self.best_C_).fit(texts, label_ids)
            self.cv_macro_f1_ = None
        self.training_examples_ = len(texts)
        self.training_data_fingerprint_ = data_fingerprint(texts, label_ids)
        self.fit_seconds_ = time.perf_counter() - started
        return self

    def predict_proba(self, texts) -> np.ndarray:
        texts = check_texts(texts)
        if not hasattr(self, "pipeline_"):
            raise RuntimeError("TfidfClassifier is not fitted: call fit() or load a saved model")
        return self.pipeline_.predict_proba(texts) if texts else np.zeros((0, len(self.labels)))

    def validation_summary(self) -> dict:
        return {"grouped_cv_macro_f1": self.cv_macro_f1_, "chosen_C": self.best_C_}

    def save(self, directory, metadata=None) -> Path:
        if not hasattr(self, "pipeline_"):
            raise RuntimeError("cannot save an unfitted TfidfClassifier")

        def write(folder: Path) -> None:
            sio.dump(self.pipeline_, folder / PIPELINE_FILE)
            write_json(folder / CONFIG_FILE, {
                "labels": list(self.labels),
                "params": self.get_params(),
                "chosen_C": self.best_C_,
                "grouped_cv_macro_f1": self.cv_macro_f1_,
                "training_examples": self.training_examples_,
                "training_data_fingerprint": self.training_data_fingerprint_,
            })
            write_manifest(folder, self.kind)
            write_model_card(folder, self, metadata or {})
            if metadata:
                write_json(folder / "training_config.json", metadata.get("training_config", {}))

        return save_atomically(directory, write)

    @classmethod
    def load(cls, directory) -> "TfidfClassifier":
        folder = Path(directory)
        read_manifest(folder)
        require_files(folder, (PIPELINE_FILE, CONFIG_FILE))
        config = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
        try:
            untrusted = set(sio.get_untrusted_types(file=folder / PIPELINE_FILE))
        except Exception as error:  # a truncated or foreign file
            raise ModelLoadError(f"{folder / PIPELINE_FILE}: unreadable skops file ({error})") from None
        unexpected = untrusted - TRUSTED_TYPES
        if unexpected:
            raise ModelLoadError(
                f"{folder / PIPELINE_FILE}: holds types outside the trusted list: {', '.join(sorted(unexpected))}"
            )
        model = cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in config["params"].items()})
        model.pipeline_ = sio.load(folder / PIPELINE_FILE, trusted=sorted(untrusted))
        model.best_C_ = config["chosen_C"]
        model.cv_macro_f1_ = config["grouped_cv_macro_f1"]
        model.training_examples_ = config["training_examples"]
        model.training_data_fingerprint_ = config["training_data_fingerprint"]
        return model
