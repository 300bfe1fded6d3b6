"""Typed tables: exact decimals, durations in days and real dates, in every format (issue 13 §1)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

import pipeline
from pipeline.errors import DafuError
from pipeline.export import xlsx
from pipeline.export.columns import DECIMAL_SCALE, cell
from pipeline.tables import Tables, document_rows, pack, read_tables

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "futian-2024079-reply.txt"
GOLD = ROOT.parent / "shared" / "gold" / "futian-2024079-reply.quantities.jsonl"
MONEY_TEXT = "市财政投入资金2亿元，其中1.5万元用于培训，另拨款3,000.25元，建设期为3年，工期6个月。"
MONEY = [Decimal("200000000"), Decimal("15000"), Decimal("3000.25")]  # the gold values of MONEY_TEXT
FORMATS = ("parquet", "csv", "sqlite", "duckdb", "xlsx")
SUM = "SELECT sum(amount) FROM quantities WHERE type = 'money'"


def _write(tmp_path: Path, text: str, formats: tuple[str, ...] = FORMATS) -> Path:
    doc = pipeline.extract(text, doc_id="d1", ref_date="2024-09-12")
    Tables.from_rows(document_rows(doc)).write(tmp_path, formats=formats)
    return tmp_path


def _sums(out: Path) -> tuple[object, object, object]:
    """sum(amount) of the money rows in DuckDB, SQLite and pandas."""
    con = duckdb.connect(str(out / "dafu.duckdb"), read_only=True)
    try:
        in_duckdb = con.execute(SUM).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    with sqlite3.connect(out / "dafu.sqlite") as lite:
        in_sqlite = lite.execute(SUM).fetchone()[0]
    q = read_tables(out)["quantities"]
    return in_duckdb, in_sqlite, q[q["type"] == "money"]["amount"].sum()


def test_types_money_sum_is_exact_in_duckdb_sqlite_and_pandas(tmp_path: Path) -> None:
    in_duckdb, in_sqlite, in_pandas = _sums(_write(tmp_path, MONEY_TEXT))
    assert isinstance(in_duckdb, Decimal) and in_duckdb == sum(MONEY)
    assert isinstance(in_pandas, Decimal) and in_pandas == sum(MONEY)
    assert in_sqlite == float(sum(MONEY))  # REAL: these values are exact as doubles


@pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/gold")
def test_types_sample_money_sum_equals_the_gold_values(tmp_path: Path) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = sum(Decimal(str(g["value"])) for g in gold if g["type"] == "money")
    assert expected > 0
    Tables.from_rows(document_rows(pipeline.read(SAMPLE))).write(tmp_path, formats=FORMATS)
    in_duckdb, in_sqlite, in_pandas = _sums(tmp_path)
    assert (in_duckdb, in_pandas, in_sqlite) == (expected, expected, float(expected))


def test_types_sqlite_keeps_the_exact_text_beside_the_real(tmp_path: Path) -> None:
    out = _write(tmp_path, "采样结果为21.8微克，补贴0.1元", formats=("sqlite",))
    with sqlite3.connect(out / "dafu.sqlite") as con:
        rows = con.execute("SELECT amount, amount_text, typeof(amount) FROM quantities ORDER BY start").fetchall()
    assert rows == [(2.18e-08, "0.0000000218", "real"), (0.1, "0.1", "real")]
    assert sum(Decimal(text) for _, text, _ in rows) == Decimal("0.1000000218")


def test_types_durations_have_days_beside_the_iso_text(tmp_path: Path) -> None:
    out = _write(tmp_path, MONEY_TEXT, formats=("parquet", "duckdb"))
    q = read_tables(out)["quantities"]
    durations = q[q["type"] == "duration"]
    assert durations[["value", "duration_days"]].values.tolist() == [["P3Y", 1095.7275], ["P6M", 182.62125]]
    con = duckdb.connect(str(out / "dafu.duckdb"), read_only=True)
    try:
        mean = con.execute("SELECT avg(duration_days) FROM quantities WHERE type = 'duration'").fetchone()
    finally:
        con.close()
    assert mean == (pytest.approx((1095.7275 + 182.62125) / 2),)


def test_types_dates_are_dates_in_every_format(tmp_path: Path) -> None:
    out = _write(tmp_path, "2024年6月3日召开会议")
    day = dt.date(2024, 6, 3)
    assert read_tables(out)["quantities"]["date_start"].tolist() == [day]
    con = duckdb.connect(str(out / "dafu.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT date_start FROM quantities").fetchall() == [(day,)]
    finally:
        con.close()
    with sqlite3.connect(out / "dafu.sqlite", detect_types=sqlite3.PARSE_DECLTYPES) as lite:
        assert lite.execute("SELECT date_start, date(date_start, '+1 day') FROM quantities").fetchall() == [
            (day, "2024-06-04")]
    sheet = openpyxl.load_workbook(out / "dafu.xlsx")["quantities"]
    header = [c.value for c in sheet[1]]
    start = sheet.cell(2, header.index("date_start") + 1)
    assert (start.value, start.is_date, start.number_format) == (dt.datetime(2024, 6, 3), True, "yyyy-mm-dd")


def test_types_excel_amounts_are_numbers_with_the_exact_text(tmp_path: Path) -> None:
    out = _write(tmp_path, MONEY_TEXT, formats=("xlsx",))
    sheet = openpyxl.load_workbook(out / "dafu.xlsx")["quantities"]
    header = [c.value for c in sheet[1]]
    assert header[header.index("amount") + 1] == "amount_text"
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    money = [(r[header.index("amount")], r[header.index("amount_text")]) for r in rows if r[2] == "money"]
    assert money == [(2e8, "200000000"), (15000, "15000"), (3000.25, "3000.25")]


def test_types_read_tables_gives_the_same_types_from_csv(tmp_path: Path) -> None:
    out = _write(tmp_path, MONEY_TEXT, formats=("csv",))
    q = read_tables(out)["quantities"]
    assert str(q["amount"].dtype) == f"decimal128(38, {DECIMAL_SCALE})[pyarrow]"
    assert q[q["type"] == "money"]["amount"].sum() == sum(MONEY)
    text = (out / "quantities.csv").read_text(encoding="utf-8-sig")
    assert ",3000.25," in text and ",200000000," in text  # the exact shortest text, no trailing zeros


@pytest.mark.parametrize("value", [Decimal("1E-13"), Decimal("0.0000000000001"), Decimal("1E+26"), "-1e30"])
def test_types_decimal_that_does_not_fit_is_an_error_never_rounded(value: object) -> None:
    with pytest.raises(ValueError, match=r"DECIMAL\(38, 12\)"):
        cell("decimal", value)
    with pytest.raises(DafuError, match=r"table quantities: row 0: .*DECIMAL\(38, 12\)"):
        pack("quantities", [{"doc_id": "d", "quantity_id": "q1", "amount": value}])


@pytest.mark.parametrize("value", [Decimal("1E-12"), Decimal("1.50000000000000000"), Decimal("-0.000000000001"),
                                   Decimal("99999999999999999999999999.999999999999")])
def test_types_decimal_at_the_edges_fits_exactly(value: Decimal, tmp_path: Path) -> None:
    assert Decimal(cell("decimal", value)) == value
    Tables.from_rows({"quantities": [{"doc_id": "d", "quantity_id": "q1", "amount": value}]}).write(
        tmp_path, formats=("parquet", "csv"))
    assert read_tables(tmp_path)["quantities"]["amount"].tolist() == [value]
    assert (tmp_path / "quantities.csv").read_text(encoding="utf-8-sig").splitlines()[1].split(",")[7] == \
        format(value, "f").rstrip("0").rstrip(".")


def test_types_run_reports_a_file_whose_amount_does_not_fit(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tiny.txt").write_text("样品含量0.0000001微克", encoding="utf-8")  # 1e-16 kg
    (folder / "fine.txt").write_text(MONEY_TEXT, encoding="utf-8")
    tables = pipeline.run([folder], out=tmp_path / "out", jobs=1)
    problems = tables["problems"]
    assert problems["path"].str.endswith("tiny.txt").tolist() == [True]
    assert "DECIMAL(38, 12)" in problems["reason"].iloc[0]
    assert tables["quantities"]["amount"].sum() == sum(MONEY)


def test_types_excel_splits_a_long_table_into_named_sheets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    rows = [{"doc_id": "d", "i": i, "text": "字", "start": i, "end": i + 1} for i in range(5)]
    Tables.from_rows({"tokens": rows}).write(tmp_path, formats=("xlsx",))
    book = openpyxl.load_workbook(tmp_path / "dafu.xlsx")
    assert [n for n in book.sheetnames if n.startswith("tokens")] == ["tokens", "tokens (2)", "tokens (3)"]
    assert [[c.value for c in r][1] for name in ("tokens", "tokens (2)", "tokens (3)")
            for r in book[name].iter_rows(min_row=2)] == [0, 1, 2, 3, 4]
    assert all(book[name]["A1"].value == "doc_id" for name in ("tokens (2)", "tokens (3)"))
