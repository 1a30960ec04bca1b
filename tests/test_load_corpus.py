import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsstance.data import LABELS, CorpusError, load_corpus


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_with_text_and_label_loads_in_the_corpus_schema(tmp_path):
    corpus = load_corpus(write_jsonl(tmp_path / "mine.jsonl", [
        {"text": "The ministry denied it.", "label": "deny"},
        {"text": "Officials could not confirm it.", "label": "hedge"},
    ]))
    assert corpus["id"] == ["mine-000001", "mine-000002"]
    assert [LABELS[i] for i in corpus["label"]] == ["deny", "hedge"]
    assert corpus["group"] == corpus["cluster_id"]


def test_csv_and_parquet_load_the_same_rows(tmp_path):
    rows = [{"id": "x1", "text": "Shares fell.", "label": "assert", "source": "Desk", "group": "s1"}]
    with (tmp_path / "a.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0])
        writer.writeheader()
        writer.writerows(rows)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "a.parquet")
    from_csv, from_parquet = load_corpus(tmp_path / "a.csv"), load_corpus(tmp_path / "a.parquet")
    assert from_csv.to_list() == from_parquet.to_list()
    assert from_csv["group"] == ["s1"]


def test_label_case_and_spaces_are_normalised(tmp_path):
    corpus = load_corpus(write_jsonl(tmp_path / "c.jsonl", [{"text": "It rained.", "label": " Assert "}]))
    assert corpus["label"] == [0]


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"text": "a b", "label": "maybe"}], r"row 1: unknown label 'maybe'"),
        ([{"text": "a b"}], r"row 1: missing column 'label'"),
        ([{"label": "assert"}], r"row 1: missing column 'text'"),
        ([{"text": "ok", "label": "assert"}, {"text": "   ", "label": "deny"}], r"row 2: empty text"),
        ([{"id": "a", "text": "x", "label": "assert"}, {"id": "a", "text": "y", "label": "deny"}],
         r"row 2: duplicate id 'a'"),
    ],
    ids=["unknown-label", "missing-label", "missing-text", "empty-text", "duplicate-id"],
)
def test_bad_rows_fail_naming_file_row_and_problem(tmp_path, rows, message):
    path = write_jsonl(tmp_path / "bad.jsonl", rows)
    with pytest.raises(CorpusError, match=message) as error:
        load_corpus(path)
    assert str(path) in str(error.value)


def test_invalid_json_line_is_reported_with_its_line_number(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"text": "a", "label": "assert"}\n{"text": oops}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken.jsonl: line 2: not valid JSON"):
        load_corpus(path)


def test_unreadable_parquet_is_a_clear_error(tmp_path):
    path = tmp_path / "corrupt.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(CorpusError, match="cannot read file"):
        load_corpus(path)


def test_missing_file_and_unknown_format_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope.jsonl")
    (tmp_path / "x.txt").write_text("hi")
    with pytest.raises(CorpusError, match="unsupported file type"):
        load_corpus(tmp_path / "x.txt")
