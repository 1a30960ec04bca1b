"""From prediction records to the numbers a report states."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from newsstance.data.labels import LABEL2ID, LABELS
from newsstance.eval.metrics import bootstrap_interval, classification_scores, macro_f1, paired_bootstrap_difference


def _arrays(records: list[dict]):
    true = np.array([LABEL2ID[r["gold"]] for r in records])
    predicted = np.array([LABEL2ID[r["predicted"]] for r in records])
    probabilities = np.array([[r["p_assert"], r["p_deny"], r["p_hedge"]] for r in records])
    units = np.array([f"{r['unit']}" for r in records])
    return true, predicted, probabilities, units


def seed_mean_records(records: list[dict], model: str, protocols: tuple[str, ...]) -> list[dict]:
    """The records an ensemble of the seeds' models would give: probabilities averaged per sentence.

    Measures whether averaging several seeds' predictions helps, at no training cost (the
    seeds' models were trained anyway); empty where a protocol ran one seed only.
    """
    by_sentence = defaultdict(list)
    for record in records:
        if record["model"] == model and record["protocol"] in protocols and record["fold"] == "all":
            by_sentence[(record["protocol"], record["id"])].append(record)
    ensemble = []
    for rows in by_sentence.values():
        if len(rows) < 2:
            continue
        mean = {f"p_{label}": float(np.mean([r[f"p_{label}"] for r in rows])) for label in LABELS}
        predicted = LABELS[int(np.argmax([mean[f"p_{label}"] for label in LABELS]))]
        ensemble.append({**rows[0], **mean, "model": f"{model} (mean of {len(rows)} seeds)", "seed": None,
                         "predicted": predicted})
    return ensemble


def summarise(records: list[dict], n_resamples: int = 1000) -> dict:
    """Per protocol and model: fold/seed spread of macro-F1, pooled scores, and a unit-bootstrap interval."""
    by_run = defaultdict(list)
    for record in records:
        by_run[(record["protocol"], record["model"])].append(record)
    summary: dict = defaultdict(dict)
    for (protocol, model), rows in by_run.items():
        per_split = defaultdict(list)
        for row in rows:
            per_split[(row["seed"], row["fold"])].append(row)
        split_f1, split_class_f1 = [], {label: [] for label in LABELS}
        for split in per_split.values():
            split_true, split_predicted, split_probabilities, _ = _arrays(split)
            split_f1.append(macro_f1(split_true, split_predicted))
            per_class = classification_scores(split_true, split_predicted, split_probabilities)["per_class"]
            for label in LABELS:
                split_class_f1[label].append(per_class[label]["f1"])
        true, predicted, probabilities, units = _arrays(rows)
        scores = classification_scores(true, predicted, probabilities)
        scores["macro_f1_mean"] = float(np.mean(split_f1))
        scores["macro_f1_std"] = float(np.std(split_f1, ddof=1)) if len(split_f1) > 1 else 0.0
        scores["splits"] = len(split_f1)
        scores["per_class_f1_splits"] = split_class_f1
        scores["seeds"] = sorted({r["seed"] for r in rows if r["seed"] is not None})
        scores["macro_f1_ci95"] = list(bootstrap_interval(true, predicted, units, n_resamples))
        summary[protocol][model] = scores
    return dict(summary)


def paired_comparison(records: list[dict], protocol: str, model_a: str, model_b: str,
                      n_resamples: int = 1000) -> dict | None:
    """A minus B on the very same test sentences, seeds and folds."""
    keyed = {(r["model"], r["seed"], r["fold"], r["id"]): r for r in records if r["protocol"] == protocol}
    b_seeds = {key[1] for key in keyed if key[0] == model_b}
    # A model that trains deterministically ran one seed: that run stands for every seed.
    only_b_seed = next(iter(b_seeds)) if len(b_seeds) == 1 else None
    pairs = [(keyed[key], keyed.get((model_b, key[1] if only_b_seed is None else only_b_seed) + key[2:]))
             for key in keyed if key[0] == model_a]
    pairs = [(a, b) for a, b in pairs if b is not None]
    if not pairs:
        return None
    rows_a, rows_b = [a for a, _ in pairs], [b for _, b in pairs]
    true, predicted_a, _, units = _arrays(rows_a)
    _, predicted_b, _, _ = _arrays(rows_b)
    per_split = defaultdict(list)
    for index, row in enumerate(rows_a):
        per_split[(row["seed"], row["fold"])].append(index)
    split_differences = [macro_f1(true[i], predicted_a[i]) - macro_f1(true[i], predicted_b[i])
                         for i in map(np.array, per_split.values())]
    result = paired_bootstrap_difference(true, predicted_a, predicted_b, units, n_resamples)
    result.update({
        "model_a": model_a, "model_b": model_b, "protocol": protocol,
        "split_difference_mean": float(np.mean(split_differences)),
        "split_difference_std": float(np.std(split_differences, ddof=1)) if len(split_differences) > 1 else 0.0,
        "splits_a_better": int(sum(d > 0 for d in split_differences)), "splits": len(split_differences),
    })
    return result
