"""The authored corpus: invented multi-source news stories, written and labelled for this project.

Stored as `data/authored/*.jsonl`, one sentence a line in story order; see
`data/authored/DATA_CARD.md`. The story (`doc_id`) is the group every split keeps whole.
"""

from __future__ import annotations

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
