"""The corpus schema, its validation, and the reader for users' own labelled files.

Every loader returns a `datasets.Dataset` with the same columns (`COLUMNS`), so one
training loop and one evaluation harness serve the seeds, the authored corpus and a
user's files alike. Bad input fails with one `CorpusError` naming file, row and problem.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import datasets

from newsstance.data.dedupe import cluster_near_duplicates
from newsstance.data.labels import LABELS

COLUMNS: tuple[str, ...] = ("id", "doc_id", "outlet", "group", "cluster_id", "text", "label", "source")
REQUIRED_COLUMNS: tuple[str, ...] = ("text", "label")
OPTIONAL_COLUMNS: tuple[str, ...] = ("id", "source", "outlet", "doc_id", "group")
SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".jsonl", ".json", ".parquet")

FEATURES = datasets.Features(
    {
        **{name: datasets.Value("string") for name in COLUMNS if name != "label"},
        "label": datasets.ClassLabel(names=list(LABELS)),
    }
)


class CorpusError(ValueError):
    """A corpus file or row that cannot be used, with where and why."""


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def normalise_label(value: object, where: str) -> str:
    label = str(value).strip().casefold() if value is not None else ""
    if label not in LABELS:
        raise CorpusError(f"{where}: unknown label {value!r}; expected one of {', '.join(LABELS)}")
    return label


def read_records(path: Path) -> Iterator[dict]:
    """Raw rows of a CSV, JSONL or Parquet file, as dicts, in file order."""
    suffix = path.suffix.casefold()
    if suffix not in SUPPORTED_SUFFIXES:
        raise CorpusError(f"{path}: unsupported file type {path.suffix!r}; use {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        if suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as handle:
                yield from csv.DictReader(handle)
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches():
                yield from batch.to_pylist()
        else:
            with path.open(encoding="utf-8") as handle:
                for line_number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as error:
                        raise CorpusError(f"{path}: line {line_number}: not valid JSON ({error.msg})") from None
                    if not isinstance(record, dict):
                        raise CorpusError(f"{path}: line {line_number}: expected a JSON object")
                    yield record
    except CorpusError:
        raise
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CorpusError(f"{path}: cannot read file ({error})") from None
    except Exception as error:  # pyarrow raises its own types for a corrupt Parquet file
        raise CorpusError(f"{path}: cannot read file ({type(error).__name__}: {error})") from None


def validate_rows(records: Iterable[dict], name: str, default_outlet: str = "unknown") -> list[dict]:
    """Check and complete raw rows into the corpus schema (without cluster ids)."""
    rows: list[dict] = []
    seen_ids: dict[str, int] = {}
    for number, record in enumerate(records, start=1):
        where = f"{name}: row {number}"
        missing = [column for column in REQUIRED_COLUMNS if column not in record]
        if missing:
            raise CorpusError(f"{where}: missing column {', '.join(map(repr, missing))}")
        text = record["text"]
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{where}: empty text")
        row_id = str(record.get("id") or f"{Path(name).stem}-{number:06d}")
        if row_id in seen_ids:
            raise CorpusError(f"{where}: duplicate id {row_id!r} (first at row {seen_ids[row_id]})")
        seen_ids[row_id] = number
        doc_id = str(record.get("doc_id") or Path(name).stem)
        rows.append(
            {
                "id": row_id,
                "doc_id": doc_id,
                "outlet": str(record.get("outlet") or default_outlet),
                "group": str(record.get("group") or ""),
                "text": text.strip(),
                "label": normalise_label(record["label"], where),
                # A missing source is unknown, not the outlet: the per-source report skips it.
                "source": str(record.get("source") or ""),
            }
        )
    if not rows:
        raise CorpusError(f"{name}: no rows")
    return rows


def to_dataset(rows: list[dict], cluster_prefix: str) -> datasets.Dataset:
    """Add near-duplicate cluster ids (and default groups) and build the Dataset."""
    clusters = cluster_near_duplicates([row["text"] for row in rows])
    completed = []
    for row, cluster in zip(rows, clusters):
        cluster_id = f"{cluster_prefix}-c{cluster:05d}"
        completed.append({**row, "cluster_id": cluster_id, "group": row.get("group") or cluster_id})
    return datasets.Dataset.from_list([{c: r[c] for c in COLUMNS} for r in completed], features=FEATURES)


def load_corpus(path: str | Path) -> datasets.Dataset:
    """A user's labelled CSV, JSONL or Parquet file, validated, in the corpus schema.

    Required columns: text, label. Optional: id, source, outlet, doc_id, group (the unit an
    evaluation split keeps whole, e.g. the story; defaults to the near-duplicate cluster).
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    return to_dataset(validate_rows(read_records(path), str(path)), cluster_prefix=path.stem)


def concatenate(parts: list[datasets.Dataset]) -> datasets.Dataset:
    """Join corpora, refusing two rows with one id (they would collide in every report)."""
    joined = datasets.concatenate_datasets(parts)
    seen: set[str] = set()
    for row_id in joined["id"]:
        if row_id in seen:
            raise CorpusError(f"id {row_id!r} appears in more than one corpus")
        seen.add(row_id)
    return joined
