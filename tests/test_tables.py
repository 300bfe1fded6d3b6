"""pipeline.tables: one tidy DataFrame per record type, joinable on doc_id and record ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.errors import DafuError, InputError
from pipeline.tables import (
    SPECS,
    TABLE_NAMES,
    Tables,
    document_rows,
    manifest_row,
    problem_row,
    read_tables,
)

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
DOC_ID = "futian-2024079-reply"


@pytest.fixture(scope="module")
def tables() -> Tables:
    doc = pipeline.read(SAMPLE)
    return Tables.from_rows(document_rows(doc, tokens=True))


def _quantity(tables: Tables, text: str) -> pd.Series:
    q = tables["quantities"]
    return q[q["text"] == text].iloc[0]


@pytest.mark.parametrize(("text", "amount", "unit"), [("超6家", "6", "家"), ("2亿元", "200000000", "CNY"),
                                                      ("70%", "70", "%"), ("超30万平方米", "300000", "m2")])
def test_tables_sample_quantities_have_exact_amounts(tables: Tables, text: str, amount: str, unit: str) -> None:
    row = _quantity(tables, text)
    assert (row["doc_id"], row["amount"], row["unit"]) == (DOC_ID, Decimal(amount), unit)
    assert row["amount_float"] == float(amount)


def test_tables_quantity_row_reads_on_its_own(tables: Tables) -> None:
    row = _quantity(tables, "超6家")
    assert row["quantity_id"] == "q2"
    assert "引入超6家央企研发中心" in row["sentence_text"]
    assert row["section_path"] == "一 > 一是"


def test_tables_quantity_ids_count_from_q1_in_text_order(tables: Tables) -> None:
    q = tables["quantities"]
    assert q["quantity_id"].tolist() == [f"q{n}" for n in range(1, len(q) + 1)]
    assert q["start"].is_monotonic_increasing


def test_tables_documents_row_has_meta_and_counts(tables: Tables) -> None:
    row = tables["documents"].iloc[0]
    assert (row["doc_id"], row["agency"], row["date"], row["format"]) == (DOC_ID, "福田区科技和工业信息化局",
                                                                          dt.date(2024, 9, 12), "txt")
    assert row["n_chars"] == len(SAMPLE.read_text(encoding="utf-8"))
    assert row["n_quantities"] == len(tables["quantities"])


def test_tables_columns_and_dtypes_are_stable(tables: Tables) -> None:
    q = tables["quantities"]
    assert list(q.columns[:4]) == ["doc_id", "quantity_id", "type", "text"]
    assert list(q.columns).index("amount_float") == list(q.columns).index("amount") + 1
    assert (str(q["start"].dtype), str(q["amount"].dtype), str(q["amount_float"].dtype), str(q["resolved"].dtype),
            str(q["date_start"].dtype)) == ("Int64", "decimal128(38, 12)[pyarrow]", "Float64", "boolean",
                                            "date32[day][pyarrow]")


def test_tables_join_documents_sentences_quantities_in_pandas(tables: Tables) -> None:
    joined = (tables["quantities"]
              .merge(tables["sentences"], on=["doc_id", "sentence_id"], suffixes=("", "_sentence"))
              .merge(tables["documents"], on="doc_id", suffixes=("", "_doc")))
    row = joined[joined["text"] == "2亿元"].iloc[0]
    assert row["agency"] == "福田区科技和工业信息化局"
    assert "规模2亿元" in row["text_sentence"]
    assert len(joined) == len(tables["quantities"])  # the closing's date and phone too
    closing = joined[joined["section_id"] == "closing"]
    assert closing[["text", "text_sentence"]].values.tolist() == [
        ["2024年9月12日", "2024年9月12日"], ["82918474", "(联系人： 集群发展科，联系电话： 82918474)"]]


def test_tables_sections_join_quantities_on_section_id(tables: Tables) -> None:
    joined = tables["quantities"].merge(tables["sections"], on=["doc_id", "section_id"], suffixes=("", "_section"))
    row = joined[joined["text"] == "2亿元"].iloc[0]
    assert (row["section_id"], row["marker"], row["section_path_section"]) == ("s3.1", "一是", "三 > 一是")


def test_tables_tokens_reassemble_the_document(tables: Tables) -> None:
    assert "".join(tables["tokens"]["text"]) == SAMPLE.read_text(encoding="utf-8")


def test_tables_tokens_only_when_asked() -> None:
    rows = document_rows(pipeline.extract("引入超6家央企研发中心", doc_id="d1"))
    assert "tokens" not in rows
    assert rows["quantities"][0]["doc_id"] == "d1"


def test_tables_empty_tables_have_their_columns() -> None:
    tables = Tables.from_rows({})
    for name in TABLE_NAMES:
        assert list(tables[name].columns) == SPECS[name].names
        assert tables[name].empty
    assert str(tables["manifest"]["size"].dtype) == "Int64"


def test_tables_unknown_table_is_an_error() -> None:
    with pytest.raises(DafuError, match="no table 'quantity'"):
        Tables.from_rows({"quantity": []})


def test_tables_unknown_column_is_an_error() -> None:
    with pytest.raises(DafuError, match="unknown column"):
        Tables.from_rows({"problems": [{"path": "a.txt", "reason": "x", "stage": "read", "line": 3}]})


def test_tables_problem_and_manifest_rows_are_validated() -> None:
    assert problem_row("a.txt", "empty file") == {"path": "a.txt", "doc_id": None, "stage": "read",
                                                  "reason": "empty file", "kind": "error"}
    with pytest.raises(ValueError, match="kind"):
        problem_row("a.txt", "empty file", kind="notice")
    row = manifest_row("a.txt", doc_id="a", sha256="ab", size=3, status="processed")
    assert (row["status"], row["size"], row["reason"]) == ("processed", 3, None)
    with pytest.raises(ValueError, match="status"):
        manifest_row("a.txt", doc_id="a", sha256=None, size=None, status="done")


def test_tables_read_tables_round_trips_parquet(tables: Tables, tmp_path: Path) -> None:
    tables.write(tmp_path, formats=("parquet",))
    back = read_tables(tmp_path)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(back[name], tables[name])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_tables_read_tables_falls_back_to_text_formats(tables: Tables, tmp_path: Path, fmt: str) -> None:
    rows = {"problems": [problem_row("=cmd().txt", "'+1 is not a file", doc_id="@x")]}
    expected = Tables.from_rows({**{n: tables[n].to_dict("records") for n in TABLE_NAMES}, **rows})
    expected.write(tmp_path, formats=(fmt,))
    back = read_tables(tmp_path)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(back[name], expected[name])


def test_tables_read_tables_of_an_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no tables"):
        read_tables(tmp_path)


def test_tables_package_keeps_the_names_of_the_one_module_it_was() -> None:
    """pipeline/tables.py became a package: what was imported from it still is, the same object."""
    from pipeline import tables
    from pipeline.tables import frames, rows, sink, specs

    old_names = {
        "ROW_GROUP": sink, "SPECS": specs, "TABLE_NAMES": specs, "AnyRows": rows, "PackedRows": rows,
        "Rows": rows, "TableSink": sink, "Tables": frames, "columns": specs, "document_rows": rows,
        "manifest_row": rows, "pack": rows, "problem_row": rows, "read_tables": frames,
    }
    for name, home in old_names.items():
        assert getattr(tables, name) is getattr(home, name), name
    renamed = {"_dumped": rows.dumped, "_known": specs.known_table, "_kind": specs.column_kind}
    for name, public in renamed.items():
        assert getattr(tables, name) is public, name
    assert pipeline.Tables is frames.Tables and pipeline.read_tables is frames.read_tables


def test_tables_document_columns_are_the_rows_normalised() -> None:
    """The columns a sink is given hold what the dict rows hold, each cell as normalise_rows makes it."""
    from pipeline.export.columns import normalise_rows
    from pipeline.tables.rows import document_columns

    doc = pipeline.read(SAMPLE)
    rows, columns = document_rows(doc), document_columns(doc)
    assert set(rows) == set(columns) and len(columns["quantities"]) > 10
    for name, table_rows in rows.items():
        assert [tuple(r) for r in zip(*columns[name].columns, strict=True)] == normalise_rows(SPECS[name], table_rows)
        assert all(list(r) == SPECS[name].names for r in table_rows)  # every column, in order


def test_tables_document_columns_name_a_number_the_tables_cannot_hold() -> None:
    from pipeline.records import copied
    from pipeline.tables.rows import document_columns

    doc = pipeline.extract("引入超6家央企研发中心", doc_id="d1")
    q = copied(doc.quantities[0], {"amount": Decimal("6.0000000000001")})  # 13 places
    bad = copied(doc, {"quantities": [q]})
    for make in (document_rows, document_columns):
        with pytest.raises(ValueError, match=r"quantity '超6家' at 2: .* more than 12 decimal places"):
            make(bad)
