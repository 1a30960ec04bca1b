"""Evaluation protocols: each trains fresh models per split (or scores a saved one) and returns
one prediction record per test sentence, so every report is computed from the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import datasets
import numpy as np
from tqdm.auto import tqdm

from newsstance.data.labels import LABELS
from newsstance.eval.splits import assert_disjoint, grouped_folds, leave_one_outlet_out, split_units


@dataclass(frozen=True)
class ModelSpec:
    """A name and a factory: seed -> fresh, unfitted estimator with fit / predict_proba.

    `seeded`: whether the seed changes what the model learns. TF-IDF and the baselines train
    deterministically, so where the split does not depend on the seed (cross-corpus,
    leave-one-outlet-out) they run once, not once per seed with identical results.
    """

    name: str
    build: Callable[[int], object]
    seeded: bool = True

    def seeds(self, seeds: list[int]) -> list[int]:
        return seeds if self.seeded else seeds[:1]


def _records(corpus: datasets.Dataset, index: np.ndarray, probabilities: np.ndarray, *, model: str,
             protocol: str, seed: int | None, fold: str, units: np.ndarray) -> list[dict]:
    rows = corpus.select(index.tolist())
    records = []
    for row, unit, p in zip(rows, units[index], probabilities):
        records.append({
            "protocol": protocol, "model": model, "seed": seed, "fold": fold,
            "id": row["id"], "doc_id": row["doc_id"], "outlet": row["outlet"], "source": row["source"],
            "unit": int(unit), "text": row["text"], "gold": LABELS[row["label"]],
            "predicted": LABELS[int(np.argmax(p))], **{f"p_{label}": float(v) for label, v in zip(LABELS, p)},
        })
    return records


def _fit(spec: ModelSpec, seed: int, train: datasets.Dataset):
    classifier = spec.build(seed)
    return classifier.fit(list(train["text"]), [LABELS[i] for i in train["label"]], groups=list(train["group"]))


def _fit_predict(spec: ModelSpec, seed: int, train: datasets.Dataset, test_texts: list[str]) -> np.ndarray:
    return _fit(spec, seed, train).predict_proba(test_texts)


def cross_validate(specs: list[ModelSpec], corpus: datasets.Dataset, folds: int, seeds: list[int],
                   protocol: str = "grouped-cv") -> list[dict]:
    """Grouped k-fold CV repeated over seeds; every model sees the same folds for a seed."""
    units = split_units(list(corpus["text"]), list(corpus["group"]))
    labels = np.asarray(corpus["label"])
    records = []
    jobs = [(seed, fold, split) for seed in seeds for fold, split in enumerate(grouped_folds(labels, units, folds, seed))]
    for seed, fold, (train, test) in tqdm(jobs, desc=f"{protocol}: folds", unit="fold"):
        assert_disjoint(train, test, units)
        train_rows, test_rows = corpus.select(train.tolist()), corpus.select(test.tolist())
        for spec in specs:
            probabilities = _fit_predict(spec, seed, train_rows, list(test_rows["text"]))
            records += _records(corpus, test, probabilities, model=spec.name, protocol=protocol, seed=seed,
                                fold=str(fold), units=units)
    return records


def cross_corpus(specs: list[ModelSpec], train: datasets.Dataset, tests: dict[str, datasets.Dataset],
                 seeds: list[int], fitted: dict | None = None) -> list[dict]:
    """Train on one corpus, test on others: `tests` maps a protocol name to its test corpus.

    Each model is trained once per seed and scores every test corpus, so a second test set
    costs predictions, not training. Test sentences near-duplicating training ones are dropped.
    `fitted`, if given, receives the first seed's fitted models by name.
    """
    prepared = {protocol: _unseen_part(train, test) for protocol, test in tests.items()}
    records = []
    for seed in tqdm(seeds, desc="cross-corpus: seeds", unit="seed"):
        for spec in [spec for spec in specs if seed in spec.seeds(seeds)]:
            classifier = _fit(spec, seed, train)
            if fitted is not None and seed == seeds[0]:
                fitted[spec.name] = classifier
            for protocol, (test, keep, units) in prepared.items():
                probabilities = classifier.predict_proba(list(test.select(keep.tolist())["text"]))
                records += _records(test, keep, probabilities, model=spec.name, protocol=protocol, seed=seed,
                                    fold="all", units=units)
    return records


def _unseen_part(train: datasets.Dataset, test: datasets.Dataset) -> tuple[datasets.Dataset, np.ndarray, np.ndarray]:
    """The test corpus, the rows of it whose split unit has no training sentence, and its units."""
    texts = list(train["text"]) + list(test["text"])
    units = split_units(texts, [f"train:{g}" for g in train["group"]] + [f"test:{g}" for g in test["group"]])
    train_units = set(units[: len(train)].tolist())
    keep = np.array([i for i in range(len(test)) if units[len(train) + i] not in train_units], dtype=np.int64)
    return test, keep, units[len(train):]


def outlet_holdout(specs: list[ModelSpec], corpus: datasets.Dataset, extra_train: datasets.Dataset | None,
                   seeds: list[int], protocol: str = "leave-one-outlet-out") -> list[dict]:
    """Hold out each outlet of `corpus`; train on the other outlets (minus shared reprints) plus `extra_train`."""
    units = split_units(list(corpus["text"]), list(corpus["group"]))
    records = []
    jobs = [(seed, fold) for seed in seeds for fold in leave_one_outlet_out(list(corpus["outlet"]), units)]
    for seed, (outlet, train, test) in tqdm(jobs, desc=f"{protocol}: outlets", unit="fold"):
        assert_disjoint(train, test, units)
        train_rows = corpus.select(train.tolist())
        if extra_train is not None:
            train_rows = datasets.concatenate_datasets([train_rows, extra_train])
        test_rows = corpus.select(test.tolist())
        for spec in [spec for spec in specs if seed in spec.seeds(seeds)]:
            probabilities = _fit_predict(spec, seed, train_rows, list(test_rows["text"]))
            records += _records(corpus, test, probabilities, model=spec.name, protocol=protocol, seed=seed,
                                fold=outlet, units=units)
    return records


def score_saved(name: str, classifier, corpus: datasets.Dataset, protocol: str = "saved-model") -> list[dict]:
    """Score an already trained classifier (e.g. a saved folder) on a labelled corpus."""
    units = split_units(list(corpus["text"]), list(corpus["group"]))
    probabilities = classifier.predict_proba(list(corpus["text"]))
    return _records(corpus, np.arange(len(corpus)), probabilities, model=name, protocol=protocol, seed=None,
                    fold="all", units=units)
