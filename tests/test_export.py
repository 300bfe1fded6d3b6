"""Exports: the same tables as Parquet, CSV, JSONL, Excel, SQLite and DuckDB; streamed and atomic."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.errors import DafuError
from pipeline.export.cells import neutralise, restore
from pipeline.tables import TABLE_NAMES, Tables, TableSink, document_rows, problem_row, read_tables

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
ALL = ("parquet", "csv", "jsonl", "xlsx", "sqlite", "duckdb")
JOIN = """
    SELECT d.agency, s.sentence_id, q.text, q.amount, q.amount_float
    FROM quantities AS q
    JOIN sentences AS s ON s.doc_id = q.doc_id AND s.sentence_id = q.sentence_id
    JOIN documents AS d ON d.doc_id = q.doc_id
    WHERE q.text IN ('超6家', '2亿元')
    ORDER BY q.start
"""
AGENCY = "福田区科技和工业信息化局"
JOINED = [(AGENCY, "t5", "超6家", Decimal(6), 6.0), (AGENCY, "t22", "2亿元", Decimal(200000000), 2e8)]  # REAL in SQLite
RISKY = {"path": "=cmd()", "doc_id": "+1", "stage": "read", "reason": "@x"}


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict[str, Any]]]:
    doc = pipeline.read(SAMPLE)
    rows = document_rows(doc, tokens=True)
    rows["problems"] = [problem_row(RISKY["path"], RISKY["reason"], doc_id=RISKY["doc_id"])]
    return rows


@pytest.fixture(scope="module")
def written(rows: dict[str, list[dict[str, Any]]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    Tables.from_rows(rows).write(out, formats=ALL)
    return out


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".parquet", ".csv", ".jsonl")}


def test_export_writes_a_file_per_table_and_one_per_database(written: Path) -> None:
    names = {p.name for p in written.iterdir()}
    for name in TABLE_NAMES:
        assert {f"{name}.parquet", f"{name}.csv", f"{name}.jsonl"} <= names
    assert {"dafu.xlsx", "dafu.sqlite", "dafu.duckdb"} <= names
    assert not [n for n in names if n.startswith(".")]  # no temporary folder left behind


def test_export_sqlite_joins_documents_sentences_quantities(written: Path) -> None:
    with sqlite3.connect(written / "dafu.sqlite") as con:
        assert con.execute(JOIN).fetchall() == JOINED


def test_export_sqlite_declares_keys(written: Path) -> None:
    with sqlite3.connect(written / "dafu.sqlite") as con:
        pk = [r[1] for r in sorted(con.execute("PRAGMA table_info(quantities)"), key=lambda r: r[5]) if r[5]]
        fks = {(r[2], r[3], r[4]) for r in con.execute("PRAGMA foreign_key_list(quantities)")}
    assert pk == ["doc_id", "quantity_id"]
    assert ("sentences", "sentence_id", "sentence_id") in fks and ("documents", "doc_id", "doc_id") in fks


def test_export_duckdb_joins_documents_sentences_quantities(written: Path) -> None:
    con = duckdb.connect(str(written / "dafu.duckdb"), read_only=True)
    try:
        assert con.execute(JOIN).fetchall() == JOINED
        kinds = con.execute("SELECT constraint_type FROM duckdb_constraints() "
                            "WHERE table_name = 'quantities'").fetchall()
        date = con.execute("SELECT date FROM documents").fetchone()
    finally:
        con.close()
    assert {("PRIMARY KEY",), ("FOREIGN KEY",)} <= set(kinds)
    assert date is not None and str(date[0]) == "2024-09-12"


def test_export_duckdb_refuses_a_duplicate_key(tmp_path: Path) -> None:
    doc = {"doc_id": "a"}
    with pytest.raises(DafuError, match="documents"):
        Tables.from_rows({"documents": [doc, doc]}).write(tmp_path, formats=("duckdb",))


def test_export_csv_starts_with_a_bom(written: Path) -> None:
    assert (written / "quantities.csv").read_bytes().startswith(b"\xef\xbb\xbfdoc_id,quantity_id,")


def test_export_csv_neutralises_formula_cells(written: Path) -> None:
    text = (written / "problems.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == "'=cmd(),'+1,read,'@x,error"


def test_export_csv_keeps_numbers_in_numeric_columns(tmp_path: Path) -> None:
    Tables.from_rows({"tokens": [{"doc_id": "d", "i": 0, "text": "-3", "start": -3, "end": 0}]}).write(
        tmp_path, formats=("csv",))
    assert (tmp_path / "tokens.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "d,0,'-3,-3,0,,"


@pytest.mark.parametrize("text", ["=cmd()", "+1", "-1+2", "@x", "\tx", "\rx", "'=x", "''+1", "plain", "'quoted"])
def test_export_neutralise_is_reversible(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert neutralise(text)[0] not in "=+-@\t\r"


def test_export_xlsx_has_a_sheet_per_table_with_frozen_header(written: Path) -> None:
    book = openpyxl.load_workbook(written / "dafu.xlsx", read_only=False)
    assert book.sheetnames == list(TABLE_NAMES)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
    quantities = book["quantities"]
    header = [c.value for c in quantities[1]]
    assert header[:4] == ["doc_id", "quantity_id", "type", "text"]
    assert [c.value for c in book["problems"][2]] == ["'=cmd()", "'+1", "read", "'@x", "error"]


def test_export_sink_writes_the_same_files_as_tables_write(rows: dict[str, list[dict[str, Any]]],
                                                           written: Path, tmp_path: Path) -> None:
    with TableSink(tmp_path, formats=ALL) as sink:
        for name, table_rows in rows.items():  # one row at a time, tables interleaved
            for row in table_rows:
                sink.add({name: [row]})
        paths = sink.close()
    assert {p.name for p in paths} == {p.name for p in written.iterdir()}
    assert _bytes(tmp_path) == _bytes(written)


def test_export_same_rows_give_identical_bytes(rows: dict[str, list[dict[str, Any]]], tmp_path: Path) -> None:
    Tables.from_rows(rows).write(tmp_path / "a", formats=("parquet", "csv"))
    Tables.from_rows(rows).write(tmp_path / "b", formats=("parquet", "csv"))
    first, second = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert len(first) == 2 * len(TABLE_NAMES)
    assert first == second


def test_export_empty_tables_have_their_columns_in_every_format(tmp_path: Path) -> None:
    Tables.from_rows({}).write(tmp_path, formats=ALL)
    assert (tmp_path / "manifest.csv").read_text(encoding="utf-8-sig") == "path,doc_id,sha256,size,status,reason\n"
    back = read_tables(tmp_path)
    assert list(back["manifest"].columns) == ["path", "doc_id", "sha256", "size", "status", "reason"]
    with sqlite3.connect(tmp_path / "dafu.sqlite") as con:
        assert con.execute("SELECT count(*) FROM quantities").fetchone() == (0,)


def test_export_sink_interrupted_by_an_exception_keeps_previous_outputs(
        rows: dict[str, list[dict[str, Any]]], tmp_path: Path) -> None:
    Tables.from_rows(rows).write(tmp_path, formats=ALL)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(RuntimeError, match="interrupted"), TableSink(tmp_path, formats=ALL) as sink:
        sink.add({"documents": [{"doc_id": "other"}]})
        raise RuntimeError("interrupted")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_export_sink_never_closed_leaves_previous_outputs(tmp_path: Path) -> None:
    Tables.from_rows({"documents": [{"doc_id": "a"}]}).write(tmp_path, formats=("csv",))
    sink = TableSink(tmp_path, formats=("csv",))
    sink.add({"documents": [{"doc_id": "b"}]})
    del sink
    assert read_tables(tmp_path)["documents"]["doc_id"].tolist() == ["a"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in TABLE_NAMES)


def test_export_closing_removes_stale_files_of_other_formats(tmp_path: Path) -> None:
    Tables.from_rows({"documents": [{"doc_id": "old"}]}).write(tmp_path, formats=("parquet", "sqlite"))
    Tables.from_rows({"documents": [{"doc_id": "new"}]}).write(tmp_path, formats=("csv",))
    assert not (tmp_path / "documents.parquet").exists() and not (tmp_path / "dafu.sqlite").exists()
    assert read_tables(tmp_path)["documents"]["doc_id"].tolist() == ["new"]


def test_export_sink_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(DafuError, match="unknown output format xls"):
        TableSink(tmp_path, formats=("xls",))


def test_export_sink_refuses_rows_after_close(tmp_path: Path) -> None:
    sink = TableSink(tmp_path, formats=("jsonl",))
    sink.close()
    with pytest.raises(DafuError, match="already closed"):
        sink.add({"documents": [{"doc_id": "a"}]})


def test_export_sink_chunks_like_tables_write_across_row_groups(rows: dict[str, list[dict[str, Any]]],
                                                                tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.tables import sink as sink_module

    monkeypatch.setattr(sink_module, "ROW_GROUP", 100)  # the sample's 1,000-odd tokens span many row groups
    Tables.from_rows(rows).write(tmp_path / "whole", formats=("parquet", "csv"))
    with TableSink(tmp_path / "streamed", formats=("parquet", "csv")) as sink:
        for n in range(0, len(rows["tokens"]), 7):
            sink.add({"tokens": rows["tokens"][n:n + 7]})
        sink.add({name: table_rows for name, table_rows in rows.items() if name != "tokens"})
    assert _bytes(tmp_path / "streamed") == _bytes(tmp_path / "whole")
    assert pq.ParquetFile(tmp_path / "whole" / "tokens.parquet").num_row_groups > 10


def test_export_sink_takes_packed_rows_between_dicts_in_order(rows: dict[str, list[dict[str, Any]]],
                                                              tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes hand rows over packed (tables.pack); unchanged files' rows come as
    dicts: a table mixing both runs, across row groups, is the table of the dicts alone."""
    from pipeline import tables

    monkeypatch.setattr(tables.sink, "ROW_GROUP", 100)
    Tables.from_rows(rows).write(tmp_path / "whole", formats=("parquet", "csv"))
    with TableSink(tmp_path / "mixed", formats=("parquet", "csv")) as sink:
        for n in range(0, len(rows["tokens"]), 37):
            some = rows["tokens"][n:n + 37]
            sink.add({"tokens": tables.pack("tokens", some) if n % 2 else some})
        sink.add({name: tables.pack(name, table_rows) for name, table_rows in rows.items() if name != "tokens"})
    assert _bytes(tmp_path / "mixed") == _bytes(tmp_path / "whole")
    with pytest.raises(DafuError, match="unknown column"):
        tables.pack("documents", [{"doc_id": "a", "colour": "red"}])


# --- output safety --------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_export_xlsx_and_csv_neutralise_every_formula_start(first: str, tmp_path: Path) -> None:
    risky = f"{first}HYPERLINK(\"http://example.com\")"
    Tables.from_rows({"problems": [problem_row(risky, risky, doc_id=risky)]}).write(tmp_path, formats=("csv", "xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "dafu.xlsx")["problems"]
    assert [c.value for c in sheet[2]] == ["'" + risky, "'" + risky, "read", "'" + risky, "error"]
    back = read_tables(tmp_path)["problems"]  # CSV reads back to the original text
    assert back.loc[0, ["path", "doc_id", "reason"]].tolist() == [risky] * 3


def test_export_xlsx_same_rows_give_identical_bytes_at_another_time(rows: dict[str, list[dict[str, Any]]],
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    import zipfile
    from types import SimpleNamespace

    Tables.from_rows(rows).write(tmp_path / "now", formats=("xlsx",))
    later = SimpleNamespace(time=lambda: time.time() + 400 * 86400, localtime=time.localtime)
    monkeypatch.setattr(zipfile, "time", later)  # what zipfile dates entries with
    Tables.from_rows(rows).write(tmp_path / "later", formats=("xlsx",))
    assert (tmp_path / "now" / "dafu.xlsx").read_bytes() == (tmp_path / "later" / "dafu.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "later" / "dafu.xlsx") as z:
        assert "<dcterms:created" in z.read("docProps/core.xml").decode()
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_export_writes_only_table_files_inside_out_whatever_the_doc_ids(tmp_path: Path) -> None:
    out = tmp_path / "a" / "out"
    escape = "../../../escaped"
    rows = {"documents": [{"doc_id": escape}],
            "problems": [problem_row(escape + ".txt", "empty file", doc_id="/etc/passwd")],
            "manifest": [{"path": "../x.txt", "doc_id": "..", "status": "problem"}]}
    Tables.from_rows(rows).write(out, formats=ALL)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    expected = [f"a/out/{name}.{fmt}" for name in TABLE_NAMES for fmt in ("csv", "jsonl", "parquet")]
    assert written == sorted([*expected, "a/out/dafu.duckdb", "a/out/dafu.sqlite", "a/out/dafu.xlsx"])
    assert read_tables(out)["documents"]["doc_id"].tolist() == [escape]


def test_export_readme_recipe_takes_the_quote_off_as_read_tables_does() -> None:
    import re

    import pandas as pd

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    m = re.search(r'`s\.str\.replace\(r"(.+?)", "", regex=True\)`', readme)
    assert m is not None, "README lost the pandas recipe for the quoted CSV cells"
    texts = ["=cmd()", "+1", "-1+2", "@x", "\tx", "\rx", "'=x", "''+1", "plain", "'quoted"]
    quoted = pd.Series([neutralise(t) for t in texts])
    assert quoted.str.replace(m.group(1), "", regex=True).tolist() == texts


def test_export_xlsx_keeps_text_as_written(tmp_path: Path) -> None:
    texts = ["  两端有空格 ", "a & b < c > d", "字面 _x000D_ 不是回车", "换\n行", "制表\t符", "页\f眉"]
    rows = [problem_row(f"{n}.txt", text) for n, text in enumerate(texts)]
    Tables.from_rows({"problems": rows}).write(tmp_path, formats=("xlsx",))
    sheet = openpyxl.load_workbook(tmp_path / "dafu.xlsx")["problems"]
    reasons = [r[3].value for r in sheet.iter_rows(min_row=2)]
    # openpyxl leaves Excel's _xHHHH_ escapes as written; Excel reads _x005F_ as "_"
    assert [r.replace("_x005F_", "_") for r in reasons] == [*texts[:5], "页\ufffd眉"]
