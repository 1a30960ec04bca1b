"""Per-source stance: what each speaker (and each outlet) holds across a story, gold vs predicted."""

from __future__ import annotations

from collections import Counter, defaultdict

from newsstance.data.labels import LABELS


def _majority(counts: Counter) -> str:
    # Ties break toward the label order (assert, deny, hedge) so the table is deterministic.
    return max(LABELS, key=lambda label: (counts[label], -LABELS.index(label))) if counts else ""


def stance_table(records: list[dict], key: str = "source") -> tuple[list[dict], list[dict]]:
    """Rows for sources with several sentences, and rows for single-sentence sources, by size.

    Each row: the source, sentence count, gold and predicted label counts, the majority stance
    gold and predicted, and whether they agree. `key` is "source", "predicted_source" or "outlet".
    """
    gold, predicted = defaultdict(Counter), defaultdict(Counter)
    for record in records:
        name = record.get(key) or "(unknown)"
        gold[name][record["gold"]] += 1
        predicted[name][record["predicted"]] += 1
    rows = []
    for name in gold:
        n = sum(gold[name].values())
        rows.append({
            "source": name, "sentences": n,
            "gold": {label: gold[name][label] for label in LABELS},
            "predicted": {label: predicted[name][label] for label in LABELS},
            "gold_majority": _majority(gold[name]), "predicted_majority": _majority(predicted[name]),
            "agree": _majority(gold[name]) == _majority(predicted[name]),
        })
    rows.sort(key=lambda row: (-row["sentences"], row["source"]))
    return [r for r in rows if r["sentences"] > 1], [r for r in rows if r["sentences"] == 1]
