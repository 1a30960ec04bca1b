"""The model card (README.md in a saved folder), written from training itself."""

from __future__ import annotations

import json
from pathlib import Path

from newsstance.data.labels import LABELS


def _table(rows: list[list[str]]) -> str:
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


def write_model_card(folder: Path, classifier, metadata: dict, name: str) -> None:
    """Say what the folder holds, what it learned from, and how well it did on held-out data.

    `folder` may be a staging folder (saves are atomic); `name` is the folder's final name.
    """
    summary = classifier.validation_summary()
    data = metadata.get("data", {})
    lines = [
        f"# newsstance {classifier.kind} stance classifier",
        "",
        "Labels each news sentence **assert**, **deny** or **hedge** (the source's stance toward the "
        "sentence's main proposition), per the project's annotation rules (`data/ANNOTATION.md`).",
        "",
        "```python",
        "from model import load_classifier",
        f'classifier = load_classifier("{name}")',
        'classifier.predict(["The ministry denied the report."])',
        "```",
        "",
        "## Training data",
        f"- sentences fitted on: {classifier.training_examples_}"
        + (f" (of {data['examples']}; the rest held out for validation)"
           if data.get("examples") and data["examples"] != classifier.training_examples_ else ""),
        f"- fingerprint: `{classifier.training_data_fingerprint_}`",
    ]
    if data.get("corpora"):
        lines.append(f"- corpora: {', '.join(data['corpora'])}")
    if data.get("label_counts"):
        lines.append("- labels: " + ", ".join(f"{k} {v}" for k, v in data["label_counts"].items()))
    lines += ["", "## Hyper-parameters", "```json", json.dumps(classifier.get_params(), indent=2, default=str), "```"]
    lines += ["", "## Held-out evaluation (whole stories held out)"]
    evaluation = metadata.get("evaluation")
    if evaluation:
        rows = [["label", "precision", "recall", "F1", "support"]]
        for label in LABELS:
            m = evaluation["per_class"][label]
            rows.append([label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"])])
        rows.append(["**macro**", "", "", f"**{evaluation['macro_f1']:.3f}**", str(evaluation["support"])])
        lines += [evaluation.get("protocol", ""), "", _table(rows)]
    else:
        lines.append("No held-out evaluation was recorded; see `training_summary` below.")
    lines += ["", "## Training summary", "```json", json.dumps(summary, indent=2, default=str), "```", ""]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")
