"""The run folder: report.md for people, metrics.json for machines, predictions and errors as CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from newsstance.data.labels import LABELS
from newsstance.model.storage import atomic_file

PROTOCOL_TEXT = {
    "external": "trained on the authored corpus only (the cross-corpus models), tested on an external labelled "
                "file: by default the real-news development set (80 real articles from 79 outlets, two "
                "annotators); repeated over seeds. This is the number to expect on news the models never saw",
    "cross-corpus": "trained on the authored corpus only, tested on the five real seed articles "
                    "(seed sentences that near-duplicate a training sentence are dropped); repeated over seeds",
    "grouped-cv": "grouped k-fold cross-validation on the training corpora; a split unit joins a story (group) "
                  "and every near-duplicate of its sentences, so no sentence or reprint sits on both sides",
    "leave-one-outlet-out": "each seed outlet held out in turn; training uses the other outlets' seed sentences "
                            "(minus reprints of the held-out outlet's sentences) plus the authored corpus",
    "saved-model": "a saved model folder scored as is on a labelled corpus",
}


def write_text_atomically(path: Path, text: str) -> None:
    with atomic_file(path, encoding="utf-8", newline="") as stream:
        stream.write(text)


def write_csv(path: Path, rows: list[dict]) -> None:
    with atomic_file(path, encoding="utf-8", newline="") as stream:
        if rows:
            columns = list(dict.fromkeys(key for row in rows for key in row))  # union, first-seen order
            writer = csv.DictWriter(stream, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)


def headline_table(protocol_summary: dict) -> str:
    """Markdown table: one row per model, macro-F1 with spread and interval first."""
    lines = [
        "| model | macro-F1 (mean ± std over splits) | 95% CI | accuracy | F1 assert | F1 deny | F1 hedge | ECE | Brier |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for model, s in protocol_summary.items():
        low, high = s["macro_f1_ci95"]
        per_class = " | ".join(f"{s['per_class'][label]['f1']:.3f}" for label in LABELS)
        lines.append(
            f"| {model} | **{s['macro_f1_mean']:.3f} ± {s['macro_f1_std']:.3f}** ({s['splits']} splits) | "
            f"{low:.3f}–{high:.3f} | {s['accuracy']:.3f} | {per_class} | {s['ece']:.3f} | {s['brier']:.3f} |"
        )
    return "\n".join(lines)


def stance_table_markdown(rows: list[dict], singles: list[dict], limit: int = 25) -> str:
    def dist(counts: dict) -> str:
        return " / ".join(str(counts[label]) for label in LABELS)

    lines = ["| source | sentences | gold a/d/h | predicted a/d/h | gold majority | predicted majority | agree |",
             "|---|---|---|---|---|---|---|"]
    for row in rows[:limit]:
        lines.append(f"| {row['source']} | {row['sentences']} | {dist(row['gold'])} | {dist(row['predicted'])} | "
                     f"{row['gold_majority']} | {row['predicted_majority']} | {'yes' if row['agree'] else '**no**'} |")
    if len(rows) > limit:
        lines.append(f"| … {len(rows) - limit} more in metrics.json | | | | | | |")
    if singles:
        agree = sum(row["agree"] for row in singles)
        lines.append("")
        lines.append(f"Sources with one sentence ({len(singles)}; predicted = gold for {agree}): " +
                     "; ".join(f"{r['source']} ({r['gold_majority']}→{r['predicted_majority']})" for r in singles))
    return "\n".join(lines)


def paired_line(comparison: dict) -> str:
    low, high = comparison["ci95"]
    return (f"{comparison['model_a']} − {comparison['model_b']} ({comparison['protocol']}): "
            f"Δ macro-F1 **{comparison['difference']:+.3f}** (95% CI {low:+.3f} to {high:+.3f}, unit bootstrap); "
            f"per split {comparison['split_difference_mean']:+.3f} ± {comparison['split_difference_std']:.3f}, "
            f"{comparison['model_a']} better in {comparison['splits_a_better']} of {comparison['splits']} splits")


def errors(records: list[dict]) -> list[dict]:
    """Misclassified sentences, most confident first: where the model is wrong and sure of it."""
    wrong = [r for r in records if r["gold"] != r["predicted"]]
    return sorted(wrong, key=lambda r: -r[f"p_{r['predicted']}"])


def write_run_folder(folder: Path, report_markdown: str, metrics: dict, records: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomically(folder / "report.md", report_markdown)
    write_text_atomically(folder / "metrics.json", json.dumps(metrics, indent=2, default=str) + "\n")
    write_csv(folder / "predictions.csv", records)
    write_csv(folder / "errors.csv", errors(records))
