"""Per-file metadata sidecars: each file's ref_date, the analyst's columns in documents, every format.

The self-contained tests make their sidecar here; the tipdm test uses the external replies
(their posting date, message id and message text) and skips when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import pipeline
from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.tables import read_tables

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPLIES = SHARED / "corpora-external" / "tipdm2020-gov-replies" / "replies.jsonl"

# No signature date: 今年6月 resolves only against a ref_date.
UNDATED = "关于道路改造的答复\n经查，今年6月已完成改造，投入资金120万元。\n"
SIDECAR = [
    {"path": "2019/a.txt", "ref_date": "2019-03-01", "region": "福田", "n_people": 12, "score": 0.5, "urgent": True},
    {"path": "2020/b.txt", "ref_date": "2020-03-01", "region": "南山", "n_people": 3, "score": 1.25, "urgent": False},
    {"path": "2021/gone.txt", "ref_date": "2021-03-01", "region": "罗湖", "n_people": 1, "score": 2.0, "urgent": True},
]
EXTRA_KINDS = {"region": "string", "n_people": "Int64", "score": "Float64", "urgent": "boolean"}


def write_sidecar(path: Path, rows: list[dict[str, Any]]) -> Path:
    frame = pd.DataFrame(rows)
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "答复"
    for name in ("2019/a.txt", "2020/b.txt", "2020/c.txt"):  # c has no row
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(UNDATED, encoding="utf-8")
    write_sidecar(root / "dafu-metadata.csv", SIDECAR)
    return root


def june(tables: pipeline.Tables, doc_id: str) -> Any:
    q = tables["quantities"]
    return [None if pd.isna(v) else v for v in q.loc[(q["doc_id"] == doc_id) & (q["text"] == "今年6月"), "value"]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_metadata_sidecar_beside_inputs_sets_ref_dates_and_columns(folder: Path, tmp_path: Path, jobs: int) -> None:
    tables = pipeline.run([folder], out=tmp_path / "out", jobs=jobs)
    docs = tables["documents"].set_index("doc_id")
    assert {n: str(docs[n].dtype) for n in EXTRA_KINDS} == EXTRA_KINDS
    assert docs.loc["2019/a", ["region", "n_people", "score", "urgent"]].tolist() == ["福田", 12, 0.5, True]
    assert docs.loc["2020/c", ["region", "n_people"]].isna().all()
    assert docs["ref_date"].tolist()[:2] == [dt.date(2019, 3, 1), dt.date(2020, 3, 1)]
    assert pd.isna(docs.loc["2020/c", "ref_date"])
    assert june(tables, "2019/a") == ["2019-06"] and june(tables, "2020/b") == ["2020-06"]
    assert june(tables, "2020/c") == [None]  # processed without a row: no date to resolve against
    problems = tables["problems"]
    assert problems["stage"].tolist() == ["metadata", "metadata"]
    assert problems["kind"].tolist() == ["metadata", "metadata"]
    assert "2021/gone.txt" in problems["reason"].iloc[0] and problems["doc_id"].iloc[1] == "2020/c"
    manifest = tables["manifest"]
    sidecar = manifest[manifest["path"].str.contains("dafu-metadata")]
    assert sidecar["status"].tolist() == ["skipped"]  # accounted for, never read as a document
    assert sidecar["reason"].tolist() == ["the metadata sidecar: read for its columns, not as a document"]


def test_metadata_in_memory_run_has_the_columns_too(folder: Path) -> None:
    tables = pipeline.run([folder], jobs=1)
    assert tables["documents"].set_index("doc_id").loc["2020/b", "region"] == "南山"
    assert len(tables["problems"]) == 2


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_metadata_columns_read_back_typed_from_each_table_format(folder: Path, tmp_path: Path, fmt: str) -> None:
    pipeline.run([folder], out=tmp_path / "out", jobs=1, formats=[fmt])
    docs = read_tables(tmp_path / "out")["documents"].set_index("doc_id")
    assert {n: str(docs[n].dtype) for n in EXTRA_KINDS} == EXTRA_KINDS
    assert docs.loc["2020/b", ["region", "n_people", "score", "urgent"]].tolist() == ["南山", 3, 1.25, False]


def test_metadata_columns_in_the_one_file_formats(folder: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "out"
    run_batch([folder], out=out, jobs=1, formats=["xlsx", "sqlite", "duckdb"])
    query = "SELECT region, n_people, score FROM documents WHERE doc_id = '2019/a'"
    with sqlite3.connect(out / "dafu.sqlite") as db:
        assert db.execute(query).fetchall() == [("福田", 12, 0.5)]
        assert db.execute("SELECT typeof(n_people) FROM documents WHERE doc_id = '2019/a'").fetchone() == ("integer",)
    with duckdb.connect(str(out / "dafu.duckdb")) as db:
        assert db.execute(query).fetchall() == [("福田", 12, 0.5)]
    sheet = pd.read_excel(out / "dafu.xlsx", sheet_name="documents").set_index("doc_id")
    assert sheet.loc["2019/a", ["region", "n_people", "score"]].tolist() == ["福田", 12, 0.5]


def test_metadata_named_xlsx_keyed_by_doc_id(folder: Path, tmp_path: Path) -> None:
    (folder / "dafu-metadata.csv").unlink()
    when = dt.datetime(2018, 3, 1)
    sidecar = write_sidecar(tmp_path / "元数据.xlsx", [
        {"doc_id": "2019/a", "ref_date": when, "posted": when, "留言编号": 7},
        {"doc_id": "2020/b", "ref_date": when, "posted": when, "留言编号": 8},
        {"doc_id": "2020/c", "ref_date": when, "posted": when, "留言编号": 9},
    ])
    tables = pipeline.run([folder], out=tmp_path / "out", jobs=1, metadata=sidecar)
    docs = tables["documents"].set_index("doc_id")
    assert docs.loc["2020/c", ["posted", "留言编号"]].tolist() == [dt.date(2018, 3, 1), 9]  # an Excel date: a date
    assert june(tables, "2020/c") == ["2018-06"] and tables["problems"].empty


def test_metadata_cli_option_and_summary(folder: Path, tmp_path: Path) -> None:
    sidecar = folder / "dafu-metadata.csv"
    moved = sidecar.rename(tmp_path / "meta.csv")
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-q", "-j", "1",
                                       "--metadata", str(moved)])
    assert result.exit_code == 0, result.output
    assert "2 of 3 files matched; 4 columns added to documents: region, n_people, score, urgent" in result.output
    assert "matches no input file" in result.output and "2020/c.txt" in result.output
    recorded = json.loads((tmp_path / "out" / "dafu-run.json").read_text(encoding="utf-8"))
    assert recorded["metadata"] == str(moved.resolve()) and recorded["roots"] == [str(folder.resolve())]
    assert [c["kind"] for c in recorded["columns"]] == ["string", "int", "float", "bool"]


def test_metadata_column_named_like_dafus_is_refused(folder: Path, tmp_path: Path) -> None:
    write_sidecar(folder / "dafu-metadata.csv", [{"path": "2019/a.txt", "title": "x", "n_chars": 1}])
    with pytest.raises(InputError, match="'title', 'n_chars' clash with dafu's documents columns"):
        pipeline.run([folder], jobs=1)
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 3 and "rename them" in result.output


@pytest.mark.parametrize(("rows", "message"), [
    ([{"region": "x"}], "neither path nor doc_id"),
    ([{"path": "2019/a.txt", "doc_id": "2019/a"}], "both path and doc_id"),
    ([{"path": "2019/a.txt"}, {"path": "./2019/a.txt"}], "appears twice"),
])
def test_metadata_ambiguous_keys_are_refused(folder: Path, rows: list[dict[str, Any]], message: str) -> None:
    write_sidecar(folder / "dafu-metadata.csv", rows)
    with pytest.raises(InputError, match=message):
        pipeline.run([folder], jobs=1)


def test_metadata_bad_ref_date_is_a_problem_and_the_file_goes_on(folder: Path) -> None:
    write_sidecar(folder / "dafu-metadata.csv", [{"path": p, "ref_date": "去年"} for p in
                                                 ("2019/a.txt", "2020/b.txt", "2020/c.txt")])
    tables = pipeline.run([folder], jobs=1, ref_date="2017-01-01")
    assert len(tables["documents"]) == 3 and june(tables, "2019/a") == ["2017-06"]
    assert tables["problems"]["reason"].str.contains("ref_date '去年' is not a date").sum() == 3


def test_metadata_sidecar_is_never_an_input_even_when_globbed(folder: Path) -> None:
    write_sidecar(folder / "dafu-metadata.csv", [])
    (folder / "dafu-metadata.csv").write_text("path,region\n", encoding="utf-8")
    tables = pipeline.run([folder], jobs=1, include=["*"])
    manifest = tables["manifest"]
    assert sorted(manifest.loc[manifest["status"] != "skipped", "doc_id"]) == ["2019/a", "2020/b", "2020/c"]
    assert manifest.loc[manifest["status"] == "skipped", "path"].str.endswith("dafu-metadata.csv").tolist() == [True]


def test_metadata_more_than_one_sidecar_is_refused(folder: Path) -> None:
    write_sidecar(folder / "dafu-metadata.jsonl", SIDECAR)
    with pytest.raises(pipeline.errors.DafuError, match="more than one metadata sidecar"):
        pipeline.run([folder], jobs=1)


def test_metadata_rerun_keeps_files_but_not_stale_columns_and_redoes_new_ref_dates(folder: Path,
                                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    pipeline.run([folder], out=out, jobs=1)
    write_sidecar(folder / "dafu-metadata.csv", [{**r, "region": r["region"] + "区"} for r in SIDECAR])
    again = run_batch([folder], out=out, jobs=1)
    assert again.statuses["unchanged"] == 3
    tables = read_tables(out)
    assert tables["documents"].set_index("doc_id").loc["2019/a", "region"] == "福田区"
    assert tables["problems"]["stage"].tolist() == ["metadata", "metadata"]  # not kept twice
    write_sidecar(folder / "dafu-metadata.csv", [{**r, "ref_date": "2015-01-01"} for r in SIDECAR])
    assert run_batch([folder], out=out, jobs=1).statuses["processed"] == 3
    assert june(read_tables(out), "2019/a") == ["2015-06"]


@pytest.mark.skipif(not REPLIES.is_file(), reason="needs ../shared (the external tipdm replies)")
def test_metadata_tipdm_posting_dates_ids_and_messages(tmp_path: Path) -> None:
    with open(REPLIES, encoding="utf-8") as f:
        records = [json.loads(line) for line in f][:40]
    with open(REPLIES, encoding="utf-8") as f:  # 今年 here resolves only against its posting date, 2014-11-25
        records += [r for r in map(json.loads, f) if r["id"] == "tipdm2020c-11875"]
    root = tmp_path / "tipdm"
    (root / "replies").mkdir(parents=True)
    for r in records:
        (root / "replies" / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    write_sidecar(root / "dafu-metadata.jsonl", [
        {"path": f"replies/{r['id']}.txt", "ref_date": r["date"], "message_id": r["message_id"],
         "message_text": r["message_text"]} for r in records])
    tables = pipeline.run([root], out=tmp_path / "out", jobs=2, formats=["parquet", "sqlite"])
    docs = tables["documents"].set_index("doc_id")
    assert tables["problems"].empty and len(docs) == len(records)
    assert str(docs["message_id"].dtype) == "Int64" and str(docs["message_text"].dtype) == "string"
    for r in records:
        row = docs.loc[f"replies/{r['id']}"]
        assert (row["message_id"], row["message_text"]) == (r["message_id"], r["message_text"])
        # relative dates count from the reply's own signed date, else from its posting date
        own = pd.notna(row["date_source"]) and row["date_source"] in ("signature", "header")
        assert row["ref_date"] == (row["date"] if own else dt.date.fromisoformat(r["date"]))
    q = tables["quantities"]
    assert q.loc[(q["doc_id"] == "replies/tipdm2020c-11875") & (q["text"] == "今年"), "value"].tolist() == ["2014"] * 2


def test_metadata_columns_survive_tables_write_and_read_back(folder: Path, tmp_path: Path) -> None:
    tables = pipeline.run([folder], out=tmp_path / "out", jobs=1)
    tables.write(tmp_path / "copy", formats=["jsonl"])
    again = read_tables(tmp_path / "copy")["documents"]  # no dafu-run.json here: kept, as text
    assert again.set_index("doc_id").loc["2019/a", "region"] == "福田"
    parquet = tmp_path / "parquet"
    tables.write(parquet, formats=["parquet"])
    docs = read_tables(parquet)["documents"]
    assert {n: str(docs[n].dtype) for n in EXTRA_KINDS} == EXTRA_KINDS  # Parquet keeps them
