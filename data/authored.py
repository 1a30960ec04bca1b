"""The authored corpus: invented multi-source news stories, written and labelled for this project.

Stored as `data/authored/*.jsonl`, one sentence a line in story order; see
`data/authored/DATA_CARD.md`. The story (`doc_id`) is the group every split keeps whole.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import datasets

from newsstance.data.corpus import read_records, to_dataset, validate_rows

AUTHORED_DIR = Path(__file__).resolve().parent / "authored"


def authored_files(directory: Path = AUTHORED_DIR) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


def authored_records(directory: Path = AUTHORED_DIR) -> list[dict]:
    """Raw authored rows, with their extra fields (domain, register, hard_case, note)."""
    return [record for path in authored_files(directory) for record in read_records(path)]


def load_authored_corpus(directory: Path = AUTHORED_DIR) -> datasets.Dataset:
    """The authored stories as labelled sentences; `group` is the story."""
    rows = []
    for path in authored_files(directory):
        for record in validate_rows(read_records(path), str(path)):
            rows.append({**record, "group": record["doc_id"]})
    return to_dataset(rows, cluster_prefix="authored")


# The phenomena classifiers miss on real news; each authored sentence may carry one (`category`).
CATEGORIES = ("deny-paraphrase", "assert-evidential", "hedge-modal")


def authored_statistics(records: list[dict]) -> dict:
    """The numbers the data card reports: size, spread, label shares, categories, lengths."""
    story_sizes = Counter(record["doc_id"] for record in records)
    category_stories: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.get("category"):
            category_stories[record["category"]].add(record["doc_id"])
    words = sorted(len(record["text"].split()) for record in records)
    labels = Counter(record["label"] for record in records)
    return {
        "sentences": len(records),
        "stories": len(story_sizes),
        "story_sentences": (min(story_sizes.values()), max(story_sizes.values())),
        "domains": Counter(record["domain"] for record in records),
        "registers": Counter(record["register"] for record in records),
        "label_shares": {label: count / len(records) for label, count in labels.items()},
        "categories": {name: {"sentences": sum(1 for r in records if r.get("category") == name),
                              "stories": len(category_stories[name])} for name in CATEGORIES},
        "median_words": words[len(words) // 2],
        "share_40_to_70_words": sum(40 <= n <= 70 for n in words) / len(words),
        # ordinary news: no claim in play that anyone rejects (forecast hedges still occur)
        "stories_without_deny": len(set(story_sizes) - {r["doc_id"] for r in records if r["label"] == "deny"}),
    }
