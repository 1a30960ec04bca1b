"""PNG figures: confusion matrices, per-class F1 with error bars, per-source stance bars."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsstance.data.labels import LABELS
from newsstance.model.extras import import_extra
from newsstance.model.storage import atomic_file


def _pyplot():
    """matplotlib's pyplot on the file-only Agg backend (no display needed), from the `plots` extra."""
    matplotlib = import_extra("matplotlib", "plots", "the report's PNG plots")
    matplotlib.use("Agg")
    return import_extra("matplotlib.pyplot", "plots", "the report's PNG plots")

COLOURS = {"assert": "#4c72b0", "deny": "#c44e52", "hedge": "#dd8452"}


def confusion_matrices(summary: dict, path: Path, title: str) -> Path:
    """One row-normalised confusion matrix per model, side by side."""
    plt = _pyplot()
    models = list(summary)
    figure, axes = plt.subplots(1, len(models), figsize=(3.6 * len(models), 3.6), squeeze=False)
    for axis, model in zip(axes[0], models):
        matrix = np.array(summary[model]["confusion"], dtype=float)
        normalised = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
        axis.imshow(normalised, cmap="Blues", vmin=0, vmax=1)
        for i in range(len(LABELS)):
            for j in range(len(LABELS)):
                axis.text(j, i, f"{normalised[i, j]:.2f}\n({int(matrix[i, j])})", ha="center", va="center",
                          fontsize=8, color="white" if normalised[i, j] > 0.6 else "black")
        axis.set_xticks(range(len(LABELS)), LABELS)
        axis.set_yticks(range(len(LABELS)), LABELS)
        axis.set_xlabel("predicted")
        axis.set_ylabel("gold")
        axis.set_title(f"{model}\nmacro-F1 {summary[model]['macro_f1']:.3f}", fontsize=9)
    figure.suptitle(title, fontsize=10)
    figure.tight_layout()
    return _save(figure, path)


def per_class_f1(summary: dict, split_scores: dict, path: Path, title: str) -> Path:
    """Per-class F1 of each model, bars at the mean over seeds/folds, whiskers one std."""
    plt = _pyplot()
    models = list(summary)
    width = 0.8 / len(models)
    figure, axis = plt.subplots(figsize=(7, 3.8))
    for k, model in enumerate(models):
        means = [np.mean(split_scores[model][label]) for label in LABELS]
        stds = [np.std(split_scores[model][label]) for label in LABELS]
        axis.bar(np.arange(len(LABELS)) + k * width, means, width, yerr=stds, capsize=3, label=model)
    axis.set_xticks(np.arange(len(LABELS)) + width * (len(models) - 1) / 2, LABELS)
    axis.set_ylim(0, 1)
    axis.set_ylabel("F1 (mean ± std over splits)")
    axis.set_title(title, fontsize=10)
    axis.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    return _save(figure, path)


def stance_by_source(rows: list[dict], path: Path, title: str, limit: int = 25) -> Path:
    """For each source, a gold bar and a predicted bar stacked by stance share."""
    plt = _pyplot()
    rows = rows[:limit]
    figure, axis = plt.subplots(figsize=(9, 0.4 * len(rows) + 1.8))
    for position, row in enumerate(rows):
        for offset, kind in ((-0.2, "gold"), (0.2, "predicted")):
            left = 0.0
            for label in LABELS:
                share = row[kind][label] / row["sentences"]
                axis.barh(position + offset, share, 0.38, left=left, color=COLOURS[label],
                          hatch="" if kind == "gold" else "//", edgecolor="white",
                          label=f"{label} ({kind})" if position == 0 else None)
                left += share
    axis.set_yticks(range(len(rows)), [f"{r['source'][:32]} (n={r['sentences']})" for r in rows], fontsize=8)
    axis.invert_yaxis()
    axis.set_xlim(0, 1)
    axis.set_xlabel("share of the source's sentences (upper bar gold, lower bar predicted)")
    axis.set_title(title, fontsize=10)
    figure.legend(*axis.get_legend_handles_labels(), fontsize=7, ncol=6, loc="lower center")
    figure.tight_layout(rect=(0, 0.05, 1, 1))
    return _save(figure, path)


def _save(figure, path: Path) -> Path:
    """Write the PNG atomically (a crash never leaves half a plot), then free the figure."""
    plt = _pyplot()
    with atomic_file(path, "wb") as stream:
        figure.savefig(stream, format="png", dpi=110)
    plt.close(figure)
    return path
