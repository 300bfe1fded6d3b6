"""Promises as rows: spec cases (tests/specs/reply/commitments.jsonl), each its own test, the
commitments table joined to the others, and the replies' counts read from the same rows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import pipeline
from pipeline.batch import run_batch
from pipeline.export import FORMATS, PER_TABLE
from pipeline.records import STATUSES, Document, Reply
from pipeline.reply.lexicon import lexicon
from pipeline.tables import Tables, document_rows, read_tables
from pipeline.text.clause import scan

SPECS = Path(__file__).parent / "specs" / "reply" / "commitments.jsonl"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora-external"


def _cases() -> list[Any]:
    lines = SPECS.read_text(encoding="utf-8").splitlines()
    return [pytest.param(c, id=c["id"]) for c in map(json.loads, filter(str.strip, lines))]


def _readable(doc: Document) -> list[dict[str, Any]]:
    """Each commitment with its deadline, unit and quantities as their texts."""
    qs = {f"q{n}": q for n, q in enumerate(doc.quantities, 1)}
    units = {e.id: e for e in doc.entities}
    return [{"text": k.text, "cue": k.cue, "verb": k.verb, "object": k.object, "scale": k.scale,
             "deadline": qs[k.deadline_id].text if k.deadline_id else None,
             "unit": units[k.entity_id].text if k.entity_id else None,
             "quantities": [qs[i].text for i in k.quantity_ids]} for k in doc.commitments]


@pytest.mark.parametrize("case", _cases())
def test_commitments_read_from_promising_clauses(case: dict[str, Any]) -> None:
    doc = pipeline.extract(case["text"])
    got = _readable(doc)
    assert [{k: g[k] for k in e} for g, e in zip(got, case["expected"], strict=False)] == case["expected"]
    assert len(got) == len(case["expected"])
    assert all(doc.text[k.start : k.end] == k.text for k in doc.commitments)


def test_every_promise_word_is_a_planned_cue_of_the_clause_reader() -> None:
    # A promise word the clause reader does not read as planned would never make a row.
    for word in lexicon().commitment.promise:
        assert [c.status for c in scan(word)] == ["planned"], word


def test_replies_count_quantities_by_status() -> None:
    doc = pipeline.extract("目前已建成4座，正在建设的3个项目年底完工，将新建10个站点。补贴标准为每户3000元。")
    assert doc.reply is not None
    counts = {s: getattr(doc.reply, f"n_{s}") for s in STATUSES}
    assert set(Reply.model_fields) >= {f"n_{s}" for s in STATUSES}
    assert counts["achieved"] >= 1 and counts["ongoing"] >= 1 and counts["planned"] >= 1 and counts["rule"] == 1
    assert sum(counts.values()) == doc.reply.n_quantities


def _join(docs: list[Document]) -> Tables:
    rows: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        for name, table in document_rows(doc).items():
            rows.setdefault(name, []).extend(table)
    return Tables.from_rows(rows)


def _check_joins(tables: Tables) -> pd.DataFrame:
    """The commitments' ids resolve: sentences, planned quantities, dated deadlines, GOV/ORG units;
    the replies' promise counts are the rows'."""
    k = tables["commitments"].merge(tables["documents"][["doc_id"]], on="doc_id", validate="many_to_one")
    k = k.merge(tables["sentences"][["doc_id", "sentence_id", "start", "end"]], on=["doc_id", "sentence_id"],
                suffixes=("", "_s"), validate="many_to_one")
    assert len(k) == len(tables["commitments"])
    assert ((k["start_s"] <= k["start"]) & (k["end"] <= k["end_s"])).all()
    quantities = tables["quantities"].set_index(["doc_id", "quantity_id"])
    for row in k.itertuples():
        for qid in (row.quantity_ids or "").split("; ") if isinstance(row.quantity_ids, str) else []:
            assert quantities.loc[(row.doc_id, qid), "status"] == "planned"
        if isinstance(row.deadline_id, str):
            assert quantities.loc[(row.doc_id, row.deadline_id), "type"] in ("date", "period", "time", "duration")
    units = k.dropna(subset=["entity_id"]).merge(tables["entities"], on=["doc_id", "entity_id"], validate="many_to_one")
    assert len(units) == k["entity_id"].notna().sum() and set(units["label"]) <= {"GOV", "ORG"}
    assert (k["replier_assumed"] == k["entity_id"].isna()).all()
    replies = tables["replies"].set_index("doc_id")
    per_doc = k.groupby("doc_id").agg(n=("commitment_id", "size"), dated=("deadline_id", "count"))
    counts = replies[["n_promises", "n_promises_dated"]].join(per_doc).fillna(0)
    assert (counts["n_promises"] == counts["n"]).all() and (counts["n_promises_dated"] == counts["dated"]).all()
    return k


def test_commitments_join_documents_sentences_quantities_and_entities() -> None:
    docs = [pipeline.extract("下一步，县住建局将于2024年底前完成改造，计划投资2000万元。", doc_id="a"),
            pipeline.extract("我局将进一步加强巡查。王将军将近80岁。", doc_id="b"),
            pipeline.extract("该地块已完成征收。", doc_id="c")]
    k = _check_joins(_join(docs))
    assert list(k["doc_id"]) == ["a", "a", "b"]
    assert list(k["deadline_id"].fillna("")) == ["q1", "", ""]
    assert list(k["quantity_ids"].fillna("")) == ["q1", "q2", ""]


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared (the external corpora)")
def test_commitments_join_on_real_replies() -> None:
    path = CORPUS / "tipdm2020-gov-replies" / "replies.jsonl"
    with path.open(encoding="utf-8") as f:
        records = [json.loads(line) for _, line in zip(range(40), f, strict=False)]
    tables = _join([pipeline.extract(r["text"], doc_id=str(r["id"])) for r in records])
    k = _check_joins(tables)
    assert len(k) >= 20  # replies to citizens promise often (将, 下一步)


REPLY = ("关于小区路灯的答复\n您反映的小区路灯不亮的问题收悉。经核查，路灯线路老化。"
         "下一步，我局将于2019年6月底前更换线路。\n某街道办事处\n2019年5月12日\n")


@pytest.fixture
def asked(tmp_path: Path) -> Path:
    root = tmp_path / "答复"
    root.mkdir()
    (root / "a.txt").write_text(REPLY, encoding="utf-8")
    (root / "b.txt").write_text("您反映的问题已转交县水利局核实、办理。\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_commitments_written_in_every_format(asked: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    run_batch([asked], out=out, jobs=1, formats=[fmt])
    if fmt in PER_TABLE:
        assert (out / f"commitments.{fmt}").is_file()
    if fmt in ("parquet", "csv", "jsonl"):
        tables = read_tables(out)
        assert list(tables["commitments"]["verb"]) == ["更换"]
        _check_joins(tables)
    elif fmt == "sqlite":
        with sqlite3.connect(out / "dafu.sqlite") as db:
            rows = db.execute("SELECT k.cue, q.text FROM commitments k JOIN quantities q "
                              "ON q.doc_id = k.doc_id AND q.quantity_id = k.deadline_id").fetchall()
            assert rows == [("将", "2019年6月底")]
    elif fmt == "xlsx":
        sheets = pd.read_excel(out / "dafu.xlsx", sheet_name=None)
        assert list(sheets["commitments"]["cue"]) == ["将"]
    elif fmt == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        with duckdb.connect(str(out / "dafu.duckdb"), read_only=True) as db:
            assert db.execute("SELECT count(*) FROM commitments JOIN documents USING (doc_id)").fetchone() == (1,)
