"""The reply as a whole: spec cases (tests/specs/reply/*.jsonl), each its own test, and the
replies and citations tables beside the others."""

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
from pipeline.reply.cues import boilerplate_flags, is_boilerplate
from pipeline.reply.lexicon import ReplyLexicon, _local
from pipeline.reply.measures import relevance
from pipeline.resources import read_toml
from pipeline.tables import Tables, document_rows, read_tables

SPECS = Path(__file__).parent / "specs" / "reply"


def _cases(name: str) -> list[Any]:
    lines = (SPECS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [pytest.param(c, id=c["id"]) for c in map(json.loads, filter(str.strip, lines))]


@pytest.mark.parametrize("case", _cases("categories"))
def test_reply_reads_printed_category(case: dict[str, Any]) -> None:
    reply = pipeline.extract(case["text"]).reply
    assert reply is not None
    assert {k: getattr(reply, k) for k in case["expected"]} == case["expected"]


@pytest.mark.parametrize("case", _cases("outcomes"))
def test_reply_decides_outcome(case: dict[str, Any]) -> None:
    reply = pipeline.extract(case["text"]).reply
    assert reply is not None
    assert {k: getattr(reply, k) for k in case["expected"]} == case["expected"]


@pytest.mark.parametrize("case", _cases("citations"))
def test_citations_found_with_kind(case: dict[str, Any]) -> None:
    doc = pipeline.extract(case["text"])
    assert [{"text": c.text, "kind": c.kind} for c in doc.citations] == case["expected"]
    assert all(doc.text[c.start : c.end] == c.text for c in doc.citations)


def test_reply_evidence_names_sentences_and_cues() -> None:
    doc = pipeline.extract("经研究，该路口暂不宜增设信号灯。下一步，我局将加强巡查。")
    assert doc.reply is not None
    outcome = [e for e in doc.reply.evidence if e.decides == "outcome"]
    ids = {s.id for s in doc.sentences}
    assert outcome and all(e.sentence_id in ids for e in outcome)
    assert "暂不宜" in outcome[0].cues


def test_reply_days_and_relevance_from_request() -> None:
    text = "您反映的小区路灯不亮的问题收悉。经核查，小区路灯线路老化，已于5月10日修复。\n某街道办事处\n2019年5月12日"
    doc = pipeline.extract(text, request_date="2019-05-02", request_text="我们小区的路灯不亮了，晚上出行不便。")
    assert doc.reply is not None
    assert doc.reply.days_to_reply == 10
    assert doc.reply.relevance is not None and 0 < doc.reply.relevance <= 1
    unrelated = pipeline.extract(text, request_text="请问公积金贷款额度如何计算？")
    assert unrelated.reply is not None and unrelated.reply.relevance == 0


def test_relevance_is_one_for_the_same_words() -> None:
    assert relevance("道路维修工程已完工。", "道路维修工程已完工。") == 1


def test_boilerplate_flags_of_a_document_are_those_of_each_sentence() -> None:
    # the document-level prefilter lets a part through that matches only across two
    # sentences joined (欢迎…继续… | …关注): each sentence alone is still no formula
    sentences = ["现将有关情况答复如下：", "感谢您的关心！", "欢迎您今后", "继续关注本网站。",
                 "现将有关情况答复如下，" + "道路已修复" * 12, "祝您生活愉快！", "经核实，该路段已修复。"]
    flags = boilerplate_flags(sentences)
    assert flags == [is_boilerplate(s) for s in sentences]
    assert flags == [True, True, False, False, False, True, False]
    assert boilerplate_flags(["经核实，该路段已修复。"]) == [False]


@pytest.mark.parametrize(("pattern", "local"), [
    ("祝您[^。]{0,20}", True), ("(?:现|特)[^。]{0,20}如下", True), ("[\\]^]x", True),
    ("^感谢", False), ("收悉$", False), ("感谢\\b", False), ("(?<!不)感谢", False), ("感谢(?=您)", False),
    ("\\[^x]", False),  # an escaped bracket opens no class: ^ is an anchor
])
def test_boilerplate_local_parts_have_no_anchor_nor_lookaround(pattern: str, local: bool) -> None:
    assert _local(pattern) is local


def test_reply_lexicon_refuses_bad_pattern() -> None:
    data = read_toml("reply.toml")
    data["cues"]["solved"]["patterns"] = ["已(完成"]
    with pytest.raises(ValueError, match="已\\(完成"):
        ReplyLexicon.model_validate(data)


def test_reply_lexicon_refuses_unknown_outcome() -> None:
    data = read_toml("reply.toml")
    data["categories"]["schemes"][0]["forms"]["A"] = "done"
    with pytest.raises(ValueError, match="done"):
        ReplyLexicon.model_validate(data)


def test_reply_lexicon_refuses_a_form_in_two_schemes() -> None:
    data = read_toml("reply.toml")
    data["categories"]["schemes"][1]["forms"]["A"] = "solved"
    with pytest.raises(ValueError, match="'A' in schemes ABCD and 甲乙丙"):
        ReplyLexicon.model_validate(data)


def test_replies_and_citations_join_documents() -> None:
    docs = [pipeline.extract("根据《中华人民共和国土地管理法》，该地块已完成征收。", doc_id="a"),
            pipeline.extract("您反映的问题已转交县水利局核实、办理。", doc_id="b")]
    rows: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        for name, table in document_rows(doc).items():
            rows.setdefault(name, []).extend(table)
    tables = Tables.from_rows(rows)
    replies = tables["replies"].merge(tables["documents"], on="doc_id", validate="one_to_one")
    assert list(replies["doc_id"]) == ["a", "b"]
    assert list(replies["outcome"]) == ["solved", "referred"]
    cited = tables["citations"].merge(tables["sentences"], on=["doc_id", "sentence_id"], suffixes=("", "_s"))
    assert list(cited["kind"]) == ["law"] and cited["text_s"][0].startswith("根据")


REPLY = ("关于小区路灯的答复\n您反映的小区路灯不亮的问题收悉。经核查，路灯线路老化，已于5月10日修复完毕。"
         "依据《城市照明管理规定》，物业将定期巡查。\n某街道办事处\n2019年5月12日\n")


@pytest.fixture
def asked(tmp_path: Path) -> Path:
    root = tmp_path / "答复"
    root.mkdir()
    (root / "a.txt").write_text(REPLY, encoding="utf-8")
    (root / "b.txt").write_text("您反映的问题已转交县水利局核实、办理。\n", encoding="utf-8")
    rows = [{"path": "a.txt", "request_date": "2019-05-02", "request_text": "我们小区的路灯不亮了，晚上出行不便。"},
            {"path": "b.txt", "request_date": None, "request_text": None}]
    pd.DataFrame(rows).to_csv(root / "dafu-metadata.csv", index=False)
    return root


def test_reply_request_columns_of_a_sidecar_give_days_and_relevance(asked: Path, tmp_path: Path) -> None:
    tables = pipeline.run([asked], out=tmp_path / "out", jobs=1)
    replies = tables["replies"].set_index("doc_id")
    assert replies.loc["a", "days_to_reply"] == 10
    assert 0 < replies.loc["a", "relevance"] <= 1
    assert pd.isna(replies.loc["b", "days_to_reply"]) and pd.isna(replies.loc["b", "relevance"])
    assert tables["documents"].set_index("doc_id").loc["a", "request_text"].startswith("我们小区")


@pytest.mark.parametrize("fmt", FORMATS)
def test_replies_and_citations_written_in_every_format(asked: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    run_batch([asked], out=out, jobs=1, formats=[fmt])
    if fmt in PER_TABLE:
        assert (out / f"replies.{fmt}").is_file() and (out / f"citations.{fmt}").is_file()
    if fmt in ("parquet", "csv", "jsonl"):
        tables = read_tables(out)
        assert sorted(tables["replies"]["outcome"]) == ["referred", "solved"]
        assert list(tables["citations"]["kind"]) == ["regulation"]
    elif fmt == "sqlite":
        with sqlite3.connect(out / "dafu.sqlite") as db:
            rows = db.execute("SELECT r.outcome, d.doc_id FROM replies r JOIN documents d USING (doc_id) "
                              "ORDER BY d.doc_id").fetchall()
            assert rows == [("solved", "a"), ("referred", "b")]
            assert db.execute("SELECT kind FROM citations").fetchall() == [("regulation",)]
    elif fmt == "xlsx":
        sheets = pd.read_excel(out / "dafu.xlsx", sheet_name=None)
        assert len(sheets["replies"]) == 2 and list(sheets["citations"]["kind"]) == ["regulation"]
    elif fmt == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        with duckdb.connect(str(out / "dafu.duckdb"), read_only=True) as db:
            assert db.execute("SELECT count(*) FROM replies JOIN documents USING (doc_id)").fetchone() == (2,)
